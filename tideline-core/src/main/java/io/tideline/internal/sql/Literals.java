package io.tideline.internal.sql;

import io.tideline.internal.expr.Literal;
import io.tideline.types.DataTypes;
import io.tideline.types.DecimalType;
import java.math.BigDecimal;

/** Turns literal tokens (numbers, strings, hex strings) into values, by Spark's rules. */
final class Literals {
  // From the shortest decimal text of the limits, as Spark compares: the exact binary value of
  // Float.MAX_VALUE is below its printed form, which must still read back.
  private static final BigDecimal DOUBLE_MAX = new BigDecimal(Double.toString(Double.MAX_VALUE));
  private static final BigDecimal FLOAT_MAX = new BigDecimal(Float.toString(Float.MAX_VALUE));

  private Literals() {}

  /**
   * The literal of number token {@code i}, negated when {@code negative}: integers are INT when
   * they fit, else BIGINT, else DECIMAL; {@code 1.5} is DECIMAL(2,1); {@code 1e3} is DOUBLE; the
   * suffixes L, S, Y, D, F and BD give BIGINT, SMALLINT, TINYINT, DOUBLE, FLOAT and DECIMAL.
   */
  static Literal number(SqlLexer lx, int i, boolean negative, int signStart) {
    int kind = lx.kind(i);
    int start = lx.start(i);
    int end = lx.end(i);
    int suffix =
        switch (kind) {
          case SqlLexer.BIGDECIMAL_LIT -> 2;
          case SqlLexer.BIGINT_LIT,
              SqlLexer.SMALLINT_LIT,
              SqlLexer.TINYINT_LIT,
              SqlLexer.DOUBLE_LIT,
              SqlLexer.FLOAT_LIT ->
              1;
          default -> 0;
        };
    String digits = lx.text.substring(start, end - suffix);
    String raw = negative ? "-" + digits : digits;
    ParseErrors.Span span = new ParseErrors.Span(lx.text, signStart, end);
    switch (kind) {
      case SqlLexer.INTEGER:
        if (digits.length() <= 9) {
          return Literal.of(Integer.parseInt(raw));
        }
        if (digits.length() <= 18) {
          long v = Long.parseLong(raw);
          return v == (int) v ? Literal.of((int) v) : Literal.of(v);
        }
        BigDecimal big = new BigDecimal(raw);
        if (big.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0
            && big.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
          return Literal.of(big.longValueExact());
        }
        return decimal(big, span);
      case SqlLexer.BIGINT_LIT:
        return new Literal(
            integral(raw, span, Long.MIN_VALUE, Long.MAX_VALUE, "bigint").longValue(),
            DataTypes.LongType);
      case SqlLexer.SMALLINT_LIT:
        return new Literal(
            integral(raw, span, Short.MIN_VALUE, Short.MAX_VALUE, "smallint").intValue(),
            DataTypes.ShortType);
      case SqlLexer.TINYINT_LIT:
        return new Literal(
            integral(raw, span, Byte.MIN_VALUE, Byte.MAX_VALUE, "tinyint").intValue(),
            DataTypes.ByteType);
      case SqlLexer.DECIMAL:
      case SqlLexer.BIGDECIMAL_LIT:
        return decimal(new BigDecimal(raw), span);
      case SqlLexer.EXPONENT:
      case SqlLexer.DOUBLE_LIT:
        checkRange(raw, span, DOUBLE_MAX, "double");
        return Literal.of(Double.parseDouble(raw));
      case SqlLexer.FLOAT_LIT:
        checkRange(raw, span, FLOAT_MAX, "float");
        return new Literal(Float.parseFloat(raw), DataTypes.FloatType);
      default:
        throw new IllegalStateException("Bug in Tideline: token " + kind + " is not a number");
    }
  }

  // TINYINT and SMALLINT values are Integers in Literal's internal form; only the range differs.
  private static Number integral(String raw, ParseErrors.Span span, long min, long max, String t) {
    BigDecimal v = new BigDecimal(raw);
    if (v.compareTo(BigDecimal.valueOf(min)) < 0 || v.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw ParseErrors.numericRange(span, raw, t, Long.toString(min), Long.toString(max));
    }
    return v.longValue();
  }

  // The value itself comes from Double.parseDouble, which keeps -0.0 (BigDecimal has no -0).
  private static void checkRange(String raw, ParseErrors.Span span, BigDecimal max, String type) {
    if (new BigDecimal(raw).abs().compareTo(max) > 0) {
      throw ParseErrors.numericRange(span, raw, type, max.negate().toString(), max.toString());
    }
  }

  /** A DECIMAL literal typed as Spark types it: precision {@code max(digits, scale)}. */
  static Literal decimal(BigDecimal v, ParseErrors.Span span) {
    if (v.scale() < 0) {
      v = v.setScale(0);
    }
    int precision = Math.max(v.precision(), v.scale());
    if (precision > DecimalType.MAX_PRECISION) {
      throw ParseErrors.decimalPrecision(span, precision);
    }
    return new Literal(v, DataTypes.createDecimalType(precision, v.scale()));
  }

  /**
   * The value of string token {@code i}, with Spark's backslash escapes and doubled quotes applied.
   */
  static String unescape(SqlLexer lx, int i) {
    String t = lx.text;
    int start = lx.start(i);
    int end = lx.end(i) - 1;
    char first = t.charAt(start);
    if (first == 'r' || first == 'R') {
      return t.substring(start + 2, end);
    }
    int from = start + 1;
    char quote = first;
    boolean plain =
        (t.indexOf('\\', from) < 0 || t.indexOf('\\', from) >= end)
            && (t.indexOf(quote, from) < 0 || t.indexOf(quote, from) >= end);
    if (plain) {
      return t.substring(from, end);
    }
    StringBuilder sb = new StringBuilder(end - from);
    for (int p = from; p < end; p++) {
      char c = t.charAt(p);
      if (c == quote) {
        // The lexer only lets a quote inside the literal as a doubled pair.
        sb.append(quote);
        p++;
        continue;
      }
      if (c != '\\' || p + 1 >= end) {
        sb.append(c);
        continue;
      }
      char n = t.charAt(p + 1);
      if (n == 'u' && isHex(t, p + 2, p + 6, end)) {
        sb.append((char) Integer.parseInt(t.substring(p + 2, p + 6), 16));
        p += 5;
        continue;
      }
      if (n >= '0'
          && n <= '3'
          && p + 3 < end
          && isOctal(t.charAt(p + 2))
          && isOctal(t.charAt(p + 3))) {
        sb.append((char) Integer.parseInt(t.substring(p + 1, p + 4), 8));
        p += 3;
        continue;
      }
      switch (n) {
        case '0' -> sb.append('\u0000');
        case 'b' -> sb.append('\b');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'Z' -> sb.append('\u001A');
        // Kept escaped so that LIKE patterns still see a literal % or _.
        case '%' -> sb.append("\\%");
        case '_' -> sb.append("\\_");
        default -> sb.append(n);
      }
      p++;
    }
    return sb.toString();
  }

  private static boolean isHex(String t, int from, int to, int end) {
    if (to > end) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (Character.digit(t.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isOctal(char c) {
    return c >= '0' && c <= '7';
  }

  /**
   * The bytes of hex digits {@code hex}, or null when it holds a non-hex character; an odd count
   * reads the first digit as a byte of its own, as Spark's {@code unhex} does.
   */
  static byte[] hex(String hex) {
    int odd = hex.length() % 2;
    byte[] b = new byte[(hex.length() + 1) / 2];
    for (int i = 0; i < b.length; i++) {
      int hiPos = 2 * i - odd;
      int hi = hiPos < 0 ? 0 : Character.digit(hex.charAt(hiPos), 16);
      int lo = Character.digit(hex.charAt(hiPos + 1), 16);
      if (hi < 0 || lo < 0) {
        return null;
      }
      b[i] = (byte) (hi << 4 | lo);
    }
    return b;
  }
}
