package io.tideline.internal.datasource.csv;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Parsers from a CSV value's UTF-8 bytes to the physical form of a column, with Scala's {@code
 * toInt}/{@code toLong}/{@code toBoolean} rules that Spark's CSV parser uses: an optional sign and
 * ASCII digits, no white space. A parser returns false for input it refuses, and leaves the result
 * in {@link #longValue}, so the scan neither boxes nor throws on its hot path.
 */
final class CsvValues {
  long longValue;

  private static final double[] POWERS_OF_TEN = new double[23];

  static {
    double p = 1;
    for (int i = 0; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = p;
      p *= 10;
    }
  }

  double doubleValue;

  /**
   * Parses the common form {@code [-+]digits[.digits]} with at most 15 significant digits into
   * {@link #doubleValue} without allocating; false for anything else (exponents, long mantissas,
   * {@code NaN}, suffixes), which the caller hands to {@link Double#parseDouble}.
   *
   * <p>Exact because both the mantissa (below 2^53) and the power of ten (at most 10^22) are exact
   * doubles, and IEEE division rounds their quotient correctly (Clinger's fast path).
   */
  boolean parseSimpleDouble(byte[] b, int s, int len) {
    int i = s;
    int end = s + len;
    boolean negative = false;
    if (i < end && (b[i] == '-' || b[i] == '+')) {
      negative = b[i] == '-';
      i++;
    }
    long mantissa = 0;
    int digits = 0;
    int fraction = 0;
    boolean dot = false;
    for (; i < end; i++) {
      int c = b[i];
      if (c == '.') {
        if (dot) {
          return false;
        }
        dot = true;
        continue;
      }
      int d = c - '0';
      if (d < 0 || d > 9) {
        return false;
      }
      if (mantissa != 0 || d != 0) {
        digits++;
      }
      mantissa = mantissa * 10 + d;
      if (dot) {
        fraction++;
      }
      if (digits > 15 || fraction > 22) {
        return false;
      }
    }
    if (i == s || (i - s == 1 && (dot || negative || b[s] == '+'))) {
      return false;
    }
    double v = (double) mantissa / POWERS_OF_TEN[fraction];
    doubleValue = negative ? -v : v;
    return true;
  }

  /** Parses a signed integer within {@code [min, max]}. */
  boolean parseIntegral(byte[] b, int s, int len, long min, long max) {
    if (len == 0) {
      return false;
    }
    int i = s;
    int end = s + len;
    boolean negative = false;
    if (b[i] == '-' || b[i] == '+') {
      negative = b[i] == '-';
      i++;
      if (i == end) {
        return false;
      }
    }
    // Accumulate negatively so Long.MIN_VALUE parses without overflow.
    long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
    long multMin = limit / 10;
    long result = 0;
    for (; i < end; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9 || result < multMin) {
        return false;
      }
      result *= 10;
      if (result < limit + d) {
        return false;
      }
      result -= d;
    }
    long v = negative ? result : -result;
    if (v < min || v > max) {
      return false;
    }
    longValue = v;
    return true;
  }

  /** True for {@code true}/{@code false} in any case; the value is in {@link #longValue} (1/0). */
  boolean parseBoolean(byte[] b, int s, int len) {
    if (equalsIgnoreCaseAscii(b, s, len, "true")) {
      longValue = 1;
      return true;
    }
    if (equalsIgnoreCaseAscii(b, s, len, "false")) {
      longValue = 0;
      return true;
    }
    return false;
  }

  /**
   * Parses exactly {@code yyyy-MM-dd} (Spark's default {@code dateFormat} in strict form) into days
   * since epoch.
   */
  boolean parseIsoDate(byte[] b, int s, int len) {
    if (len != 10 || b[s + 4] != '-' || b[s + 7] != '-') {
      return false;
    }
    int y = digits(b, s, 4);
    int m = digits(b, s + 5, 2);
    int d = digits(b, s + 8, 2);
    if (y < 0 || m < 1 || m > 12 || d < 1 || d > 31) {
      return false;
    }
    try {
      longValue = LocalDate.of(y, m, d).toEpochDay();
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  private static int digits(byte[] b, int s, int n) {
    int v = 0;
    for (int i = s; i < s + n; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  /** True when the line is empty after {@link String#trim()}: only bytes up to the space. */
  static boolean isBlankLine(byte[] b, int s, int len) {
    for (int i = s; i < s + len; i++) {
      if ((b[i] & 0xFF) > ' ') {
        return false;
      }
    }
    return true;
  }

  static boolean equalsAscii(byte[] b, int s, int len, byte[] other) {
    return len == other.length && java.util.Arrays.equals(b, s, s + len, other, 0, len);
  }

  static boolean equalsIgnoreCaseAscii(byte[] b, int s, int len, String lowerWord) {
    if (len != lowerWord.length()) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      int c = b[s + i];
      if (c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      }
      if (c != lowerWord.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The bytes as a String, for the few types parsed through the JDK (double, decimal). */
  static String latin1(byte[] b, int s, int len) {
    // Number syntax is ASCII: decoding bytes one-to-one keeps any non-ASCII byte a non-digit.
    return new String(b, s, len, StandardCharsets.ISO_8859_1);
  }
}
