package io.tideline.internal.exec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * xxHash64 in the variant Spark uses for {@code approx_count_distinct} and {@code xxhash64}: ints
 * and longs hashed as 4- and 8-byte inputs, byte ranges read little-endian. Equal outputs to
 * Spark's are what make our HyperLogLog++ sketches, and so their estimates, equal to Spark's.
 */
final class Xxh64 {
  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;
  private static final long P3 = 0x165667B19E3779F9L;
  private static final long P4 = 0x85EBCA77C2B2AE63L;
  private static final long P5 = 0x27D4EB2F165667C5L;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private Xxh64() {}

  static long hashInt(int input, long seed) {
    long hash = seed + P5 + 4L;
    hash ^= (input & 0xFFFFFFFFL) * P1;
    hash = Long.rotateLeft(hash, 23) * P2 + P3;
    return fmix(hash);
  }

  static long hashLong(long input, long seed) {
    long hash = seed + P5 + 8L;
    hash ^= Long.rotateLeft(input * P2, 31) * P1;
    hash = Long.rotateLeft(hash, 27) * P1 + P4;
    return fmix(hash);
  }

  static long hashBytes(byte[] data, int offset, int length, long seed) {
    int end = offset + length;
    int at = offset;
    long hash;
    if (length >= 32) {
      int limit = end - 32;
      long v1 = seed + P1 + P2;
      long v2 = seed + P2;
      long v3 = seed;
      long v4 = seed - P1;
      do {
        v1 = round(v1, (long) LONGS.get(data, at));
        v2 = round(v2, (long) LONGS.get(data, at + 8));
        v3 = round(v3, (long) LONGS.get(data, at + 16));
        v4 = round(v4, (long) LONGS.get(data, at + 24));
        at += 32;
      } while (at <= limit);
      hash =
          Long.rotateLeft(v1, 1)
              + Long.rotateLeft(v2, 7)
              + Long.rotateLeft(v3, 12)
              + Long.rotateLeft(v4, 18);
      hash = mergeRound(hash, v1);
      hash = mergeRound(hash, v2);
      hash = mergeRound(hash, v3);
      hash = mergeRound(hash, v4);
    } else {
      hash = seed + P5;
    }
    hash += length;
    while (at <= end - 8) {
      long k1 = (long) LONGS.get(data, at);
      hash ^= Long.rotateLeft(k1 * P2, 31) * P1;
      hash = Long.rotateLeft(hash, 27) * P1 + P4;
      at += 8;
    }
    if (at + 4 <= end) {
      hash ^= ((int) INTS.get(data, at) & 0xFFFFFFFFL) * P1;
      hash = Long.rotateLeft(hash, 23) * P2 + P3;
      at += 4;
    }
    while (at < end) {
      hash ^= (data[at] & 0xFFL) * P5;
      hash = Long.rotateLeft(hash, 11) * P1;
      at++;
    }
    return fmix(hash);
  }

  private static long round(long acc, long input) {
    acc += input * P2;
    acc = Long.rotateLeft(acc, 31);
    return acc * P1;
  }

  private static long mergeRound(long hash, long v) {
    v *= P2;
    v = Long.rotateLeft(v, 31);
    v *= P1;
    hash ^= v;
    return hash * P1 + P4;
  }

  private static long fmix(long hash) {
    hash ^= hash >>> 33;
    hash *= P2;
    hash ^= hash >>> 29;
    hash *= P3;
    hash ^= hash >>> 32;
    return hash;
  }
}
