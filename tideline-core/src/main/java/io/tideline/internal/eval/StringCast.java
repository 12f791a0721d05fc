package io.tideline.internal.eval;

import io.tideline.internal.datetime.DateTimeUtils;
import io.tideline.internal.eval.CastCompiler.Mode;
import io.tideline.internal.vector.BooleanVector;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.DecimalVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.types.AtomicType;
import io.tideline.types.AtomicType.Kind;
import io.tideline.types.DecimalType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

/**
 * STRING to BOOLEAN, numbers, DATE and TIMESTAMP, parsing UTF-8 bytes in place. As in Spark,
 * surrounding white space is ignored, integral targets accept and truncate a fraction with ANSI off
 * ({@code '1.9'} is 1; ANSI and try_cast call it malformed), an out-of-range integral is malformed
 * input, and doubles accept {@code inf}, {@code infinity} and {@code nan} in any case.
 */
final class StringCast extends StrictKernel {
  /** Long.MIN_VALUE / 10; the last digit of Long.MIN_VALUE is 8. */
  private static final long MIN_DIV_10 = Long.MIN_VALUE / 10;

  private final Mode mode;
  private final ZoneId zone;
  private final Kind kind;
  private final long min;
  private final long max;
  private long parsed;

  StringCast(VectorEvaluator child, Mode mode, ZoneConversions zones, ZoneId zone) {
    super(mode.to(), child);
    this.mode = mode;
    this.zone = zone;
    this.kind = mode.to() instanceof AtomicType a ? a.kind() : null;
    this.min = kind == null ? 0 : CastCompiler.minOf(kind);
    this.max = kind == null ? 0 : CastCompiler.maxOf(kind);
    if (kind != null) {
      switch (kind) {
        case BOOLEAN:
        case BYTE:
        case SHORT:
        case INT:
        case LONG:
        case FLOAT:
        case DOUBLE:
        case DATE:
        case TIMESTAMP:
          break;
        default:
          throw EvalErrors.unsupported(
              mode.sql(), "casting STRING to " + mode.to().sql() + " is not supported");
      }
    } else if (!(mode.to() instanceof DecimalType)) {
      throw EvalErrors.unsupported(
          mode.sql(), "casting STRING to " + mode.to().sql() + " is not supported");
    }
  }

  @Override
  protected void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n) {
    BytesVector s = (BytesVector) in[0];
    byte[] d = s.data();
    for (int k = 0; k < n; k++) {
      int i = sel == null ? k : sel[k];
      int start = s.start(i);
      int end = start + s.length(i);
      int from = Utf8.trimStart(d, start, end);
      int to = Utf8.trimEnd(d, from, end);
      if (kind == null) {
        toDecimal(s, i, d, from, to, (DecimalVector) out);
        continue;
      }
      switch (kind) {
        case BOOLEAN:
          int b = parseBoolean(d, from, to);
          if (b < 0) {
            invalid(s, i, out);
          } else {
            ((BooleanVector) out).values()[i] = b == 1;
          }
          break;
        case BYTE:
        case SHORT:
        case INT:
        case LONG:
          if (!parseIntegral(d, from, to) || parsed < min || parsed > max) {
            invalid(s, i, out);
          } else {
            CastCompiler.writeIntegral(out, i, parsed);
          }
          break;
        case FLOAT:
        case DOUBLE:
          double v = parseDouble(d, from, to);
          if (Double.isNaN(v) && !isNaNLiteral(d, from, to)) {
            invalid(s, i, out);
          } else {
            CastCompiler.writeDouble(out, i, v);
          }
          break;
        case DATE:
          int days = DateTimeUtils.stringToDate(d, start, end - start);
          if (days == DateTimeUtils.INVALID_DATE) {
            invalid(s, i, out);
          } else {
            ((IntVector) out).values()[i] = days;
          }
          break;
        default:
          long micros = DateTimeUtils.stringToTimestamp(d, start, end - start, zone);
          if (micros == DateTimeUtils.INVALID_TIMESTAMP) {
            invalid(s, i, out);
          } else {
            ((LongVector) out).values()[i] = micros;
          }
          break;
      }
    }
  }

  private void toDecimal(BytesVector s, int i, byte[] d, int from, int to, DecimalVector out) {
    BigDecimal v;
    try {
      v = new BigDecimal(new String(d, from, to - from, StandardCharsets.US_ASCII));
    } catch (NumberFormatException e) {
      invalid(s, i, out);
      return;
    }
    if (!out.setDecimal(i, v)) {
      CastCompiler.writeDecimalFailure(out, i, v, mode);
    }
  }

  private void invalid(BytesVector s, int i, ColumnVector out) {
    if (mode.raise()) {
      throw EvalErrors.castInvalidInput(s.getString(i), mode.from(), mode.to(), mode.sql());
    }
    out.setNull(i);
  }

  /** 1 for true, 0 for false, -1 for neither; Spark's accepted spellings, any case. */
  static int parseBoolean(byte[] d, int from, int to) {
    int len = to - from;
    if (len == 0 || len > 5) {
      return -1;
    }
    String s =
        new String(d, from, len, StandardCharsets.US_ASCII).toLowerCase(java.util.Locale.ROOT);
    switch (s) {
      case "t":
      case "true":
      case "y":
      case "yes":
      case "1":
        return 1;
      case "f":
      case "false":
      case "n":
      case "no":
      case "0":
        return 0;
      default:
        return -1;
    }
  }

  /**
   * Parses {@code [+-]digits[.digits]} into {@link #parsed}, truncating the fraction (which only
   * the legacy cast accepts); false for malformed text or a value outside BIGINT.
   */
  private boolean parseIntegral(byte[] d, int from, int to) {
    if (from >= to) {
      return false;
    }
    int p = from;
    boolean neg = false;
    if (d[p] == '-' || d[p] == '+') {
      neg = d[p] == '-';
      p++;
    }
    // Accumulate negatively so Long.MIN_VALUE parses without overflow.
    long acc = 0;
    int digits = 0;
    while (p < to && d[p] >= '0' && d[p] <= '9') {
      int digit = d[p] - '0';
      if (acc < MIN_DIV_10 || (acc == MIN_DIV_10 && digit > 8)) {
        return false;
      }
      acc = acc * 10 - digit;
      digits++;
      p++;
    }
    // Only the legacy cast truncates a fraction; ANSI and try_cast treat '3.7' as malformed.
    if (p < to && d[p] == '.' && !mode.ansiSemantics()) {
      p++;
      while (p < to && d[p] >= '0' && d[p] <= '9') {
        digits++;
        p++;
      }
    }
    if (p != to || digits == 0) {
      return false;
    }
    if (!neg) {
      if (acc == Long.MIN_VALUE) {
        return false;
      }
      acc = -acc;
    }
    parsed = acc;
    return true;
  }

  /** Parses a double; NaN stands for malformed text unless the text is a NaN literal. */
  static double parseDouble(byte[] d, int from, int to) {
    int len = to - from;
    if (len == 0) {
      return Double.NaN;
    }
    String s = new String(d, from, len, StandardCharsets.UTF_8);
    String lower = s.toLowerCase(java.util.Locale.ROOT);
    switch (lower) {
      case "inf":
      case "+inf":
      case "infinity":
      case "+infinity":
        return Double.POSITIVE_INFINITY;
      case "-inf":
      case "-infinity":
        return Double.NEGATIVE_INFINITY;
      case "nan":
        return Double.NaN;
      default:
        break;
    }
    char last = lower.charAt(lower.length() - 1);
    if (last == 'd' || last == 'f' || lower.indexOf('x') >= 0 || lower.indexOf('p') >= 0) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static boolean isNaNLiteral(byte[] d, int from, int to) {
    return to - from == 3
        && (d[from] | 0x20) == 'n'
        && (d[from + 1] | 0x20) == 'a'
        && (d[from + 2] | 0x20) == 'n';
  }
}
