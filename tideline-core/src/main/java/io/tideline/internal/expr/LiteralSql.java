package io.tideline.internal.expr;

import io.tideline.types.AtomicType;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.DecimalType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Prints literals as Spark SQL text that the parser reads back.
 *
 * <p>Numbers, strings, booleans, binary values and intervals read back to an equal {@link Literal}:
 * {@code 5}, {@code 5L}, {@code 5S}, {@code 5Y}, {@code 1.50BD}, {@code 1.0D}, {@code 1.0F}, {@code
 * X'0A'}, {@code INTERVAL '1 02:00:00' DAY TO SECOND}. Values that have no literal syntax of their
 * own read back as an equivalent cast the analyser folds: NaN and infinities ({@code CAST('NaN' AS
 * DOUBLE)}), typed nulls, decimals whose type is wider than their digits, and DATE and TIMESTAMP
 * literals (the parser turns {@code DATE '...'} into a cast of a string).
 */
final class LiteralSql {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private LiteralSql() {}

  static String print(Literal l) {
    Object v = l.value();
    DataType t = l.dataType();
    if (v == null) {
      return DataTypes.is(t, AtomicType.Kind.NULL) ? "NULL" : "CAST(NULL AS " + t.sql() + ")";
    }
    if (t instanceof DecimalType d) {
      return decimal((BigDecimal) v, d);
    }
    if (t instanceof AtomicType a) {
      return switch (a.kind()) {
        case BOOLEAN -> v.toString().toUpperCase(Locale.ROOT);
        case BYTE -> v + "Y";
        case SHORT -> v + "S";
        case INT -> v.toString();
        case LONG -> v + "L";
        case FLOAT -> floating(((Number) v).doubleValue(), Float.toString((Float) v), "F", t);
        case DOUBLE -> floating((Double) v, Double.toString((Double) v), "D", t);
        case STRING -> quote((String) v);
        case BINARY -> binary((byte[]) v);
        case DATE -> "DATE '" + LocalDate.ofEpochDay(((Number) v).longValue()) + "'";
        case TIMESTAMP -> "TIMESTAMP '" + timestamp(((Number) v).longValue()) + "'";
        case DAY_TIME_INTERVAL -> dayTimeInterval(((Number) v).longValue());
        case YEAR_MONTH_INTERVAL -> yearMonthInterval(((Number) v).intValue());
        default -> "CAST(" + quote(String.valueOf(v)) + " AS " + t.sql() + ")";
      };
    }
    return "CAST(" + quote(String.valueOf(v)) + " AS " + t.sql() + ")";
  }

  /** {@code s} as a single-quoted SQL string, with backslash and quote escaped. */
  static String quote(String s) {
    if (s.indexOf('\\') < 0 && s.indexOf('\'') < 0) {
      return "'" + s + "'";
    }
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static String decimal(BigDecimal v, DecimalType t) {
    String text = v.toPlainString() + "BD";
    // The parser types 1.50BD as DECIMAL(3,2), from its digits; any other type needs a cast.
    boolean exact =
        v.scale() >= 0
            && v.scale() == t.scale()
            && Math.max(v.precision(), v.scale()) == t.precision();
    return exact ? text : "CAST(" + text + " AS " + t.sql() + ")";
  }

  private static String floating(double v, String text, String suffix, DataType t) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "CAST('" + text + "' AS " + t.sql() + ")";
    }
    return text + suffix;
  }

  private static String binary(byte[] bytes) {
    StringBuilder sb = new StringBuilder(bytes.length * 2 + 3).append("X'");
    for (byte b : bytes) {
      sb.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
    }
    return sb.append('\'').toString();
  }

  // With an explicit UTC offset, so the text means the same instant whatever the session zone.
  private static String timestamp(long micros) {
    long seconds = Math.floorDiv(micros, 1_000_000L);
    int fraction = (int) Math.floorMod(micros, 1_000_000L);
    LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, fraction * 1000, ZoneOffset.UTC);
    StringBuilder sb = new StringBuilder(32);
    sb.append(t.toLocalDate()).append(' ');
    pad2(sb, t.getHour()).append(':');
    pad2(sb, t.getMinute()).append(':');
    pad2(sb, t.getSecond());
    if (fraction != 0) {
      sb.append('.').append(String.format(Locale.ROOT, "%06d", fraction));
    }
    return sb.append('Z').toString();
  }

  /** {@code INTERVAL '[-]d hh:mm:ss[.ffffff]' DAY TO SECOND}. */
  static String dayTimeInterval(long micros) {
    // Negated, Long.MIN_VALUE stays negative; read as unsigned it is the right magnitude.
    long magnitude = micros < 0 ? -micros : micros;
    long days = Long.divideUnsigned(magnitude, 86_400_000_000L);
    long rest = Long.remainderUnsigned(magnitude, 86_400_000_000L);
    StringBuilder sb = new StringBuilder("INTERVAL '");
    if (micros < 0) {
      sb.append('-');
    }
    sb.append(days).append(' ');
    pad2(sb, (int) (rest / 3_600_000_000L)).append(':');
    pad2(sb, (int) (rest / 60_000_000L % 60)).append(':');
    pad2(sb, (int) (rest / 1_000_000L % 60));
    int fraction = (int) (rest % 1_000_000L);
    if (fraction != 0) {
      sb.append('.').append(String.format(Locale.ROOT, "%06d", fraction));
    }
    return sb.append("' DAY TO SECOND").toString();
  }

  /** {@code INTERVAL '[-]y-m' YEAR TO MONTH}. */
  static String yearMonthInterval(int months) {
    long magnitude = Math.abs((long) months);
    return "INTERVAL '"
        + (months < 0 ? "-" : "")
        + magnitude / 12
        + "-"
        + magnitude % 12
        + "' YEAR TO MONTH";
  }

  private static StringBuilder pad2(StringBuilder sb, int v) {
    if (v < 10) {
      sb.append('0');
    }
    return sb.append(v);
  }
}
