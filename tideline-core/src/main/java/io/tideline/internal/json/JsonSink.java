package io.tideline.internal.json;

import java.util.Arrays;

/** A growable UTF-8 byte buffer that JSON text is written into, reused from row to row. */
final class JsonSink {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes();

  byte[] buf;
  int len;

  JsonSink(int capacity) {
    buf = new byte[capacity];
  }

  void reset() {
    len = 0;
  }

  /** Makes room for {@code n} more bytes. */
  void ensure(int n) {
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(len + n, buf.length * 2));
    }
  }

  void write(byte b) {
    ensure(1);
    buf[len++] = b;
  }

  void writeAscii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[len++] = (byte) s.charAt(i);
    }
  }

  void write(byte[] src, int off, int n) {
    ensure(n);
    System.arraycopy(src, off, buf, len, n);
    len += n;
  }

  void writeLong(long v) {
    if (v == Long.MIN_VALUE) {
      writeAscii("-9223372036854775808");
      return;
    }
    ensure(20);
    if (v < 0) {
      buf[len++] = '-';
      v = -v;
    }
    int start = len;
    do {
      buf[len++] = (byte) ('0' + (v % 10));
      v /= 10;
    } while (v != 0);
    for (int i = start, j = len - 1; i < j; i++, j--) {
      byte t = buf[i];
      buf[i] = buf[j];
      buf[j] = t;
    }
  }

  /**
   * Writes UTF-8 text as a quoted JSON string with Jackson's escapes (so with Spark's): {@code \"}
   * {@code \\} {@code \b \t \n \f \r}, other control characters as a six-character unicode escape;
   * everything else, non-ASCII included, as is.
   */
  void writeQuoted(byte[] src, int off, int n) {
    ensure(n + 2);
    buf[len++] = '"';
    int end = off + n;
    int runStart = off;
    for (int i = off; i < end; i++) {
      int b = src[i];
      if (b >= 0x20 && b != '"' && b != '\\' || b < 0) {
        continue;
      }
      write(src, runStart, i - runStart);
      runStart = i + 1;
      ensure(6);
      buf[len++] = '\\';
      switch (b) {
        case '"' -> buf[len++] = '"';
        case '\\' -> buf[len++] = '\\';
        case '\b' -> buf[len++] = 'b';
        case '\t' -> buf[len++] = 't';
        case '\n' -> buf[len++] = 'n';
        case '\f' -> buf[len++] = 'f';
        case '\r' -> buf[len++] = 'r';
        default -> {
          buf[len++] = 'u';
          buf[len++] = '0';
          buf[len++] = '0';
          buf[len++] = HEX[b >> 4];
          buf[len++] = HEX[b & 0xF];
        }
      }
    }
    write(src, runStart, end - runStart);
    write((byte) '"');
  }

  void writeQuoted(String s) {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    writeQuoted(b, 0, b.length);
  }
}
