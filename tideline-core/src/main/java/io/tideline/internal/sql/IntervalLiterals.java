package io.tideline.internal.sql;

/**
 * Reads the values of ANSI interval literals: one unit ({@code '10'} MINUTE, {@code 1.5} SECONDS)
 * and unit-to-unit strings ({@code '1 10:00:00'} DAY TO SECOND, {@code '1-2'} YEAR TO MONTH).
 * Results are months for year-month units and microseconds for day-time units.
 *
 * <p>Magnitudes are accumulated as negative numbers so that the most negative interval, whose
 * magnitude does not fit a long, still reads back.
 */
final class IntervalLiterals {
  private IntervalLiterals() {}

  /** {@code value} units, where value is {@code [+|-]digits[.fraction]} (fraction for SECOND). */
  static long unitValue(String value, IntervalUnit unit, ParseErrors.Span at) {
    String s = value.trim();
    Reader r = new Reader(s, at, value);
    boolean negative = r.sign();
    long whole = r.digits(Long.MAX_VALUE, "a number");
    long fractionMicros = 0;
    if (r.peek() == '.') {
      if (unit != IntervalUnit.SECOND) {
        throw r.fail("only SECOND takes a fraction, " + unit + " does not");
      }
      r.pos++;
      fractionMicros = r.fraction();
    }
    r.end();
    try {
      long total = Math.subtractExact(Math.multiplyExact(-whole, unit.size()), fractionMicros);
      return negative ? total : Math.negateExact(total);
    } catch (ArithmeticException e) {
      throw ParseErrors.invalidInterval(at, value, "the value is out of range");
    }
  }

  /** Months of a {@code [+|-]y-m} string (YEAR TO MONTH). */
  static long yearToMonth(String value, ParseErrors.Span at) {
    Reader r = new Reader(value.trim(), at, value);
    boolean negative = r.sign();
    long years = r.digits(Integer.MAX_VALUE, "years");
    r.expect('-');
    long months = r.digits(11, "months from 0 to 11");
    r.end();
    long total = -(years * 12 + months);
    return negative ? total : -total;
  }

  /**
   * Microseconds of a day-time string whose fields run from {@code from} to {@code to}: DAY fields
   * are followed by a space, the others by a colon, e.g. {@code 1 10:30:00.5} for DAY TO SECOND or
   * {@code 10:30} for HOUR TO MINUTE. Fields after the first are bounded (hours below 24, minutes
   * and seconds below 60).
   */
  static long dayTime(String value, IntervalUnit from, IntervalUnit to, ParseErrors.Span at) {
    Reader r = new Reader(value.trim(), at, value);
    boolean negative = r.sign();
    long total = 0;
    try {
      for (int u = from.ordinal(); u <= to.ordinal(); u++) {
        IntervalUnit unit = IntervalUnit.values()[u];
        if (u > from.ordinal()) {
          r.expect(IntervalUnit.values()[u - 1] == IntervalUnit.DAY ? ' ' : ':');
        }
        long max = u == from.ordinal() ? Long.MAX_VALUE : unit == IntervalUnit.HOUR ? 23 : 59;
        long v = r.digits(max, max == Long.MAX_VALUE ? "a number" : unit + " from 0 to " + max);
        total = Math.subtractExact(total, Math.multiplyExact(v, unit.size()));
        if (unit == IntervalUnit.SECOND && r.peek() == '.') {
          r.pos++;
          total = Math.subtractExact(total, r.fraction());
        }
      }
      r.end();
      return negative ? total : Math.negateExact(total);
    } catch (ArithmeticException e) {
      throw ParseErrors.invalidInterval(at, value, "the value is out of range");
    }
  }

  /** A cursor over the characters of an interval string. */
  private static final class Reader {
    private final String s;
    private final ParseErrors.Span at;
    private final String original;
    int pos;

    Reader(String s, ParseErrors.Span at, String original) {
      this.s = s;
      this.at = at;
      this.original = original;
    }

    char peek() {
      return pos < s.length() ? s.charAt(pos) : '\0';
    }

    boolean sign() {
      char c = peek();
      if (c == '-' || c == '+') {
        pos++;
        return c == '-';
      }
      return false;
    }

    long digits(long max, String what) {
      int start = pos;
      long v = 0;
      while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
        int d = s.charAt(pos) - '0';
        if (v > (max - d) / 10) {
          throw fail(what + " is out of range");
        }
        v = v * 10 + d;
        pos++;
      }
      if (pos == start) {
        throw fail("expected " + what + " at character " + (pos + 1));
      }
      return v;
    }

    /** Microseconds of the digits after a decimal point; digits past microseconds are dropped. */
    long fraction() {
      int start = pos;
      long micros = 0;
      while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
        if (pos - start < 6) {
          micros = micros * 10 + (s.charAt(pos) - '0');
        }
        pos++;
      }
      int n = pos - start;
      if (n == 0 || n > 9) {
        throw fail("the fraction of seconds must have 1 to 9 digits");
      }
      for (int i = n; i < 6; i++) {
        micros *= 10;
      }
      return micros;
    }

    void expect(char c) {
      if (peek() != c) {
        throw fail("expected '" + c + "' at character " + (pos + 1));
      }
      pos++;
    }

    void end() {
      if (pos != s.length()) {
        throw fail("unexpected '" + s.charAt(pos) + "' at character " + (pos + 1));
      }
    }

    ParseException fail(String reason) {
      return ParseErrors.invalidInterval(at, original, reason);
    }
  }
}
