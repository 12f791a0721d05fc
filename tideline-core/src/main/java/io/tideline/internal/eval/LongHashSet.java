package io.tideline.internal.eval;

/** An open-addressing set of longs, for probing without boxing. */
final class LongHashSet {
  private long[] keys = new long[16];
  private boolean[] used = new boolean[16];
  private int size;

  void add(long key) {
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    int p = hash(key) & mask;
    while (used[p]) {
      if (keys[p] == key) {
        return;
      }
      p = (p + 1) & mask;
    }
    used[p] = true;
    keys[p] = key;
    size++;
  }

  boolean contains(long key) {
    int mask = keys.length - 1;
    int p = hash(key) & mask;
    while (used[p]) {
      if (keys[p] == key) {
        return true;
      }
      p = (p + 1) & mask;
    }
    return false;
  }

  private void grow() {
    long[] oldKeys = keys;
    boolean[] oldUsed = used;
    keys = new long[oldKeys.length * 2];
    used = new boolean[oldKeys.length * 2];
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldUsed[i]) {
        add(oldKeys[i]);
      }
    }
  }

  private static int hash(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }
}
