package io.tideline.internal.eval;

import java.util.Arrays;

/** An open-addressing set of byte strings probed with a slice of a larger array, no allocation. */
final class BytesHashSet {
  private byte[][] keys = new byte[16][];
  private int size;

  void add(byte[] key) {
    if ((size + 1) * 2 > keys.length) {
      byte[][] old = keys;
      keys = new byte[old.length * 2][];
      size = 0;
      for (byte[] k : old) {
        if (k != null) {
          add(k);
        }
      }
    }
    int mask = keys.length - 1;
    int p = hash(key, 0, key.length) & mask;
    while (keys[p] != null) {
      if (Arrays.equals(keys[p], key)) {
        return;
      }
      p = (p + 1) & mask;
    }
    keys[p] = key;
    size++;
  }

  boolean contains(byte[] data, int off, int len) {
    int mask = keys.length - 1;
    int p = hash(data, off, len) & mask;
    while (keys[p] != null) {
      byte[] k = keys[p];
      if (k.length == len && Arrays.equals(k, 0, len, data, off, off + len)) {
        return true;
      }
      p = (p + 1) & mask;
    }
    return false;
  }

  private static int hash(byte[] d, int off, int len) {
    int h = 1;
    for (int i = off, end = off + len; i < end; i++) {
      h = 31 * h + d[i];
    }
    return h ^ (h >>> 16);
  }
}
