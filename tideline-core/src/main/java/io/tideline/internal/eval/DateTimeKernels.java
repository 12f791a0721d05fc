package io.tideline.internal.eval;

import io.tideline.internal.datetime.DateTimeUtils;
import io.tideline.internal.datetime.TimestampFormatter;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.DoubleVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.types.AtomicType;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import java.time.ZoneId;

/**
 * Datetime functions over DATE (days) and TIMESTAMP (microseconds) vectors. Patterns go through
 * {@link TimestampFormatter}, compiled once when the pattern is constant and otherwise when it
 * changes between rows; calendar fields are computed arithmetically, without {@code java.time}
 * objects per row.
 */
final class DateTimeKernels {
  static final String DEFAULT_PATTERN = "yyyy-MM-dd HH:mm:ss";

  private DateTimeKernels() {}

  enum Fn {
    TO_TIMESTAMP,
    TO_DATE,
    DATE_FORMAT,
    UNIX_TIMESTAMP,
    FROM_UNIXTIME,
    TIMESTAMP_SECONDS,
    YEAR,
    MONTH,
    DAY_OF_MONTH,
    HOUR,
    MINUTE,
    SECOND,
    DATE_ADD,
    DATE_SUB,
    DATEDIFF
  }

  /** One datetime function; {@code pattern} is the constant pattern, or null when per row. */
  static final class DateTimeFunction extends StrictKernel {
    private final Fn fn;
    private final ZoneId zone;
    private final ZoneConversions zones;
    private final boolean ansi;
    private final String sql;
    private final DataType argType;
    private final int patternArg;
    private String patternText;
    private TimestampFormatter formatter;

    DateTimeFunction(
        Fn fn,
        DataType resultType,
        VectorEvaluator[] args,
        DataType argType,
        String constantPattern,
        int patternArg,
        EvalContext ctx,
        String sql) {
      super(resultType, args);
      this.fn = fn;
      this.zone = ctx.zone();
      this.zones = new ZoneConversions(ctx.zone());
      this.ansi = ctx.ansi();
      this.sql = sql;
      this.argType = argType;
      this.patternArg = patternArg;
      if (constantPattern != null) {
        usePattern(constantPattern);
      }
    }

    private TimestampFormatter usePattern(String pattern) {
      if (!pattern.equals(patternText)) {
        try {
          formatter = TimestampFormatter.of(pattern, zone);
        } catch (IllegalArgumentException e) {
          throw EvalErrors.invalidParameter(
              fn.name().toLowerCase(java.util.Locale.ROOT), "format", e.getMessage());
        }
        patternText = pattern;
      }
      return formatter;
    }

    private TimestampFormatter formatterAt(ColumnVector[] in, int i) {
      if (patternArg < 0 || patternArg >= in.length) {
        return formatter != null ? formatter : usePattern(DEFAULT_PATTERN);
      }
      return usePattern(((BytesVector) in[patternArg]).getString(i));
    }

    @Override
    protected void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n) {
      ColumnVector a = in[0];
      boolean patternVaries = patternArg >= 0 && patternArg < in.length && formatter == null;
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        TimestampFormatter f = patternVaries ? formatterAt(in, i) : formatter;
        switch (fn) {
          case TO_TIMESTAMP:
          case UNIX_TIMESTAMP:
            long micros = toMicros(a, i, f, out);
            if (micros == DateTimeUtils.INVALID_TIMESTAMP) {
              continue;
            }
            // Spark truncates toward zero here (1969-12-31T23:59:59.5Z is second 0), unlike the
            // flooring of its other timestamp-to-seconds conversions.
            ((LongVector) out).values()[i] =
                fn == Fn.UNIX_TIMESTAMP ? micros / ZoneConversions.MICROS_PER_SECOND : micros;
            break;
          case TO_DATE:
            toDate(a, i, f, out);
            break;
          case DATE_FORMAT:
            long ts =
                kindOf(argType) == AtomicType.Kind.DATE
                    ? zones.daysToMicros(((IntVector) a).values()[i])
                    : ((LongVector) a).values()[i];
            ((BytesVector) out).appendString(i, f.format(ts));
            break;
          case FROM_UNIXTIME:
            long secs = ((LongVector) a).values()[i];
            ((BytesVector) out).appendString(i, f.format(secs * ZoneConversions.MICROS_PER_SECOND));
            break;
          case TIMESTAMP_SECONDS:
            timestampSeconds(a, i, out);
            break;
          case YEAR:
          case MONTH:
          case DAY_OF_MONTH:
            ((IntVector) out).values()[i] = civilField(((IntVector) a).values()[i], fn);
            break;
          case HOUR:
          case MINUTE:
          case SECOND:
            long t = ((LongVector) a).values()[i];
            long local = t + zones.offsetMicros(t);
            long secOfDay =
                Math.floorMod(local, ZoneConversions.MICROS_PER_DAY)
                    / ZoneConversions.MICROS_PER_SECOND;
            ((IntVector) out).values()[i] =
                (int)
                    (fn == Fn.HOUR
                        ? secOfDay / 3600
                        : fn == Fn.MINUTE ? secOfDay / 60 % 60 : secOfDay % 60);
            break;
          case DATE_ADD:
          case DATE_SUB:
            long days = ((IntVector) a).values()[i];
            long delta =
                in[1] instanceof IntVector iv ? iv.values()[i] : ((LongVector) in[1]).values()[i];
            long r = fn == Fn.DATE_ADD ? days + delta : days - delta;
            if (r != (int) r) {
              throw EvalErrors.datetimeOverflow(fn.name().toLowerCase(java.util.Locale.ROOT), sql);
            }
            ((IntVector) out).values()[i] = (int) r;
            break;
          default:
            ((IntVector) out).values()[i] =
                ((IntVector) a).values()[i] - ((IntVector) in[1]).values()[i];
            break;
        }
      }
    }

    /** The argument as microseconds, parsing strings; INVALID_TIMESTAMP after handling failure. */
    private long toMicros(ColumnVector a, int i, TimestampFormatter f, ColumnVector out) {
      AtomicType.Kind kind = kindOf(argType);
      if (kind == AtomicType.Kind.TIMESTAMP) {
        return ((LongVector) a).values()[i];
      }
      if (kind == AtomicType.Kind.DATE) {
        return zones.daysToMicros(((IntVector) a).values()[i]);
      }
      BytesVector s = (BytesVector) a;
      long micros;
      if (f == null && fn == Fn.TO_TIMESTAMP) {
        micros = DateTimeUtils.stringToTimestamp(s.data(), s.start(i), s.length(i), zone);
        if (micros == DateTimeUtils.INVALID_TIMESTAMP && ansi) {
          throw EvalErrors.castInvalidInput(
              s.getString(i), DataTypes.StringType, DataTypes.TimestampType, sql);
        }
      } else {
        TimestampFormatter fmt = f != null ? f : usePattern(DEFAULT_PATTERN);
        micros = fmt.parse(s.data(), s.start(i), s.length(i));
        if (micros == DateTimeUtils.INVALID_TIMESTAMP && ansi) {
          throw EvalErrors.cannotParseTimestamp(s.getString(i), patternText, sql);
        }
      }
      if (micros == DateTimeUtils.INVALID_TIMESTAMP) {
        out.setNull(i);
      }
      return micros;
    }

    private void toDate(ColumnVector a, int i, TimestampFormatter f, ColumnVector out) {
      AtomicType.Kind kind = kindOf(argType);
      int days;
      if (kind == AtomicType.Kind.TIMESTAMP) {
        days = zones.microsToDays(((LongVector) a).values()[i]);
      } else if (kind == AtomicType.Kind.DATE) {
        days = ((IntVector) a).values()[i];
      } else {
        BytesVector s = (BytesVector) a;
        if (f == null) {
          days = DateTimeUtils.stringToDate(s.data(), s.start(i), s.length(i));
          if (days == DateTimeUtils.INVALID_DATE && ansi) {
            throw EvalErrors.castInvalidInput(
                s.getString(i), DataTypes.StringType, DataTypes.DateType, sql);
          }
        } else {
          days = f.parseDate(s.data(), s.start(i), s.length(i));
          if (days == DateTimeUtils.INVALID_DATE && ansi) {
            throw EvalErrors.cannotParseTimestamp(s.getString(i), patternText, sql);
          }
        }
      }
      if (days == DateTimeUtils.INVALID_DATE) {
        out.setNull(i);
      } else {
        ((IntVector) out).values()[i] = days;
      }
    }

    private void timestampSeconds(ColumnVector a, int i, ColumnVector out) {
      long[] o = ((LongVector) out).values();
      if (a instanceof DoubleVector dv) {
        double d = dv.values()[i];
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          out.setNull(i);
        } else {
          o[i] = (long) (d * ZoneConversions.MICROS_PER_SECOND);
        }
        return;
      }
      long s = a instanceof IntVector iv ? iv.values()[i] : ((LongVector) a).values()[i];
      long hi = Math.multiplyHigh(s, ZoneConversions.MICROS_PER_SECOND);
      long r = s * ZoneConversions.MICROS_PER_SECOND;
      if ((hi != 0 || r < 0) && (hi != -1 || r >= 0)) {
        throw EvalErrors.arithmeticOverflow("long overflow", "try_add", sql);
      }
      o[i] = r;
    }
  }

  static AtomicType.Kind kindOf(DataType t) {
    return t instanceof AtomicType a ? a.kind() : null;
  }

  /** Year, month or day of month of a day count, by the proleptic Gregorian calendar. */
  static int civilField(int epochDay, Fn fn) {
    // Howard Hinnant's days-to-civil algorithm: exact for every int day count, no allocation.
    long z = epochDay + 719468L;
    long era = Math.floorDiv(z, 146097L);
    long doe = z - era * 146097L;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long day = doy - (153 * mp + 2) / 5 + 1;
    long month = mp < 10 ? mp + 3 : mp - 9;
    long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    switch (fn) {
      case YEAR:
        return (int) year;
      case MONTH:
        return (int) month;
      default:
        return (int) day;
    }
  }
}
