package io.tideline.internal.json;

import io.tideline.internal.vector.BytesVector;

/** Encodes UTF-16 text from Jackson's char buffers straight into a {@link BytesVector} as UTF-8. */
final class Utf8Writer {
  private Utf8Writer() {}

  /**
   * Writes {@code cs[off, off+len)} as row {@code row} of {@code out}: one pass for ASCII text (the
   * common case), two passes otherwise, never a temporary array. A lone surrogate becomes {@code
   * ?}, as {@code String.getBytes(UTF_8)} (and thus Spark) does.
   */
  static void write(BytesVector out, int row, char[] cs, int off, int len) {
    int end = off + len;
    int i = off;
    while (i < end && cs[i] < 0x80) {
      i++;
    }
    if (i == end) {
      int at = out.reserve(len);
      byte[] d = out.data();
      for (int k = 0; k < len; k++) {
        d[at + k] = (byte) cs[off + k];
      }
      out.setRef(row, at, len);
      return;
    }
    int n = i - off;
    for (int k = i; k < end; k++) {
      char c = cs[k];
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)
          && k + 1 < end
          && Character.isLowSurrogate(cs[k + 1])) {
        n += 4;
        k++;
      } else if (Character.isSurrogate(c)) {
        n += 1;
      } else {
        n += 3;
      }
    }
    int at = out.reserve(n);
    byte[] d = out.data();
    int p = at;
    for (int k = off; k < end; k++) {
      char c = cs[k];
      if (c < 0x80) {
        d[p++] = (byte) c;
      } else if (c < 0x800) {
        d[p++] = (byte) (0xC0 | (c >> 6));
        d[p++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)
          && k + 1 < end
          && Character.isLowSurrogate(cs[k + 1])) {
        int cp = Character.toCodePoint(c, cs[++k]);
        d[p++] = (byte) (0xF0 | (cp >> 18));
        d[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        d[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        d[p++] = (byte) (0x80 | (cp & 0x3F));
      } else if (Character.isSurrogate(c)) {
        d[p++] = (byte) '?';
      } else {
        d[p++] = (byte) (0xE0 | (c >> 12));
        d[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        d[p++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    out.setRef(row, at, n);
  }
}
