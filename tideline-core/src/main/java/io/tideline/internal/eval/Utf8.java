package io.tideline.internal.eval;

import io.tideline.internal.vector.BytesVector;

/** Helpers over UTF-8 byte slices, so string kernels can avoid decoding to {@code String}. */
final class Utf8 {
  private Utf8() {}

  /** Whether the byte starts a character (is not a continuation byte). */
  static boolean isCharStart(byte b) {
    return (b & 0xC0) != 0x80;
  }

  /** The number of characters (code points) in {@code data[off, off+len)}. */
  static int numChars(byte[] data, int off, int len) {
    int n = 0;
    for (int p = off, end = off + len; p < end; p++) {
      if ((data[p] & 0xC0) != 0x80) {
        n++;
      }
    }
    return n;
  }

  /** The byte offset of the {@code chars}-th character after {@code off}, clamped to the end. */
  static int advance(byte[] data, int off, int end, int chars) {
    int p = off;
    while (chars > 0 && p < end) {
      p++;
      while (p < end && (data[p] & 0xC0) == 0x80) {
        p++;
      }
      chars--;
    }
    return p;
  }

  /** First index at or after {@code from} whose byte is not Spark whitespace (ASCII <= space). */
  static int trimStart(byte[] d, int from, int end) {
    while (from < end && (d[from] & 0xFF) <= 0x20) {
      from++;
    }
    return from;
  }

  /** End index after dropping trailing whitespace (ASCII <= space). */
  static int trimEnd(byte[] d, int from, int end) {
    while (end > from && (d[end - 1] & 0xFF) <= 0x20) {
      end--;
    }
    return end;
  }

  static boolean isAscii(byte[] d, int off, int len) {
    for (int p = off, end = off + len; p < end; p++) {
      if (d[p] < 0) {
        return false;
      }
    }
    return true;
  }

  /** Index of {@code needle} in {@code hay[from, end)} or -1. */
  static int indexOf(byte[] hay, int from, int end, byte[] needle, int nOff, int nLen) {
    if (nLen == 0) {
      return from;
    }
    byte first = needle[nOff];
    for (int p = from, last = end - nLen; p <= last; p++) {
      if (hay[p] == first && java.util.Arrays.equals(hay, p, p + nLen, needle, nOff, nOff + nLen)) {
        return p;
      }
    }
    return -1;
  }

  /** Writes the decimal digits of {@code v} into row {@code row} without allocating. */
  static void appendLong(BytesVector out, int row, long v) {
    if (v == Long.MIN_VALUE) {
      out.append(row, "-9223372036854775808".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return;
    }
    boolean neg = v < 0;
    long x = neg ? -v : v;
    int digits = 1;
    for (long t = x; t >= 10; t /= 10) {
      digits++;
    }
    int len = digits + (neg ? 1 : 0);
    int at = out.reserve(len);
    byte[] d = out.data();
    int p = at + len;
    do {
      d[--p] = (byte) ('0' + (x % 10));
      x /= 10;
    } while (x != 0);
    if (neg) {
      d[at] = '-';
    }
    out.setRef(row, at, len);
  }
}
