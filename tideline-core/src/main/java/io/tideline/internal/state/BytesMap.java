package io.tideline.internal.state;

import java.util.Arrays;

/**
 * A hash map from byte-array keys (compared by content) to byte-array values: the in-memory form of
 * one state store version and of one batch's changes.
 *
 * <p>Why not {@code HashMap<Key, byte[]>}: a lookup would allocate a key wrapper per row, and each
 * entry would cost a node and a wrapper object (about 56 bytes) on top of the arrays. Here entries
 * live in three parallel arrays with open addressing and linear probing (removal shifts the
 * following entries back, so there are no tombstones): per entry 12 bytes of slots at most 75%
 * full, plus the key and value arrays themselves. Not thread-safe.
 */
final class BytesMap {
  private static final int ARRAY_HEADER_BYTES = 16;

  private int[] hashes;
  private byte[][] keys;
  private byte[][] values;
  private int mask;
  private int size;
  private long dataBytes;

  BytesMap() {
    this(16);
  }

  BytesMap(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, expected * 4 / 3 + 1) - 1) << 1;
    allocate(capacity);
  }

  private void allocate(int capacity) {
    hashes = new int[capacity];
    keys = new byte[capacity][];
    values = new byte[capacity][];
    mask = capacity - 1;
  }

  static int hash(byte[] key) {
    int h = Arrays.hashCode(key);
    // Arrays.hashCode is a polynomial with weak low bits; MurmurHash3's finaliser spreads them.
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  int size() {
    return size;
  }

  /** The number of slots; iterate slots {@code [0, capacity())} with {@link #keyAt}. */
  int capacity() {
    return keys.length;
  }

  /** The key in slot {@code slot}, or null for an empty slot. */
  byte[] keyAt(int slot) {
    return keys[slot];
  }

  byte[] valueAt(int slot) {
    return values[slot];
  }

  byte[] get(byte[] key) {
    return get(key, hash(key));
  }

  /** {@link #get(byte[])} with the key's {@link #hash} already computed. */
  byte[] get(byte[] key, int h) {
    int i = h & mask;
    byte[] k;
    while ((k = keys[i]) != null) {
      if (hashes[i] == h && Arrays.equals(k, key)) {
        return values[i];
      }
      i = (i + 1) & mask;
    }
    return null;
  }

  boolean containsKey(byte[] key) {
    return get(key) != null;
  }

  /** Maps {@code key} to {@code value} (not null); returns the previous value or null. */
  byte[] put(byte[] key, byte[] value) {
    return put(key, value, hash(key));
  }

  /** {@link #put(byte[], byte[])} with the key's {@link #hash} already computed. */
  byte[] put(byte[] key, byte[] value, int h) {
    int i = h & mask;
    byte[] k;
    while ((k = keys[i]) != null) {
      if (hashes[i] == h && Arrays.equals(k, key)) {
        byte[] old = values[i];
        values[i] = value;
        dataBytes += arrayBytes(value) - arrayBytes(old);
        return old;
      }
      i = (i + 1) & mask;
    }
    hashes[i] = h;
    keys[i] = key;
    values[i] = value;
    dataBytes += arrayBytes(key) + arrayBytes(value);
    if (++size > (keys.length >>> 2) * 3) {
      grow();
    }
    return null;
  }

  /** Removes {@code key}; returns its value or null. */
  byte[] remove(byte[] key) {
    int h = hash(key);
    int i = h & mask;
    byte[] k;
    while ((k = keys[i]) != null) {
      if (hashes[i] == h && Arrays.equals(k, key)) {
        byte[] old = values[i];
        dataBytes -= arrayBytes(k) + arrayBytes(old);
        size--;
        shiftBack(i);
        return old;
      }
      i = (i + 1) & mask;
    }
    return null;
  }

  /** Fills the hole at {@code hole} with later entries of its probe run so lookups still work. */
  private void shiftBack(int hole) {
    int i = hole;
    while (true) {
      i = (i + 1) & mask;
      byte[] k = keys[i];
      if (k == null) {
        break;
      }
      int home = hashes[i] & mask;
      // Move the entry back unless its home slot lies cyclically in (hole, i].
      boolean homeBetween = hole <= i ? (hole < home && home <= i) : (hole < home || home <= i);
      if (!homeBetween) {
        keys[hole] = k;
        values[hole] = values[i];
        hashes[hole] = hashes[i];
        hole = i;
      }
    }
    keys[hole] = null;
    values[hole] = null;
    hashes[hole] = 0;
  }

  private void grow() {
    int[] oldHashes = hashes;
    byte[][] oldKeys = keys;
    byte[][] oldValues = values;
    allocate(oldKeys.length * 2);
    for (int s = 0; s < oldKeys.length; s++) {
      byte[] k = oldKeys[s];
      if (k != null) {
        int i = oldHashes[s] & mask;
        while (keys[i] != null) {
          i = (i + 1) & mask;
        }
        keys[i] = k;
        values[i] = oldValues[s];
        hashes[i] = oldHashes[s];
      }
    }
  }

  /** Estimated heap bytes: the slot arrays plus every key and value array. */
  long sizeInBytes() {
    return slotBytes() + dataBytes;
  }

  /** Estimated heap bytes of the slot arrays alone, for maps sharing their keys with another. */
  long slotBytes() {
    return 3L * ARRAY_HEADER_BYTES + 12L * keys.length;
  }

  /**
   * A map with the same entries that shares this one's key and value arrays (which are never
   * changed in place) but not its slots: later puts and removes on either map do not show in the
   * other. Costs a copy of the slot arrays, not of the data.
   */
  BytesMap shallowCopy() {
    BytesMap copy = new BytesMap(0);
    copy.hashes = hashes.clone();
    copy.keys = keys.clone();
    copy.values = values.clone();
    copy.mask = mask;
    copy.size = size;
    copy.dataBytes = dataBytes;
    return copy;
  }

  static long arrayBytes(byte[] a) {
    return a == null ? 0 : (ARRAY_HEADER_BYTES + a.length + 7) & ~7L;
  }
}
