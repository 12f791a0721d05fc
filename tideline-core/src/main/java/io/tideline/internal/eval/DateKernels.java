package io.tideline.internal.eval;

import io.tideline.internal.datetime.CivilDates;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.types.DataTypes;
import java.util.Locale;

/**
 * Kernels on DATE day counts: {@code dayofweek}, {@code quarter}, {@code weekofyear}, {@code
 * last_day}, {@code add_months}, {@code trunc}.
 */
final class DateKernels {
  private DateKernels() {}

  /** A function of one day count giving an INT field or a DATE. */
  enum DayFn {
    DAY_OF_WEEK,
    QUARTER,
    WEEK_OF_YEAR,
    LAST_DAY
  }

  /** {@code dayofweek}, {@code quarter}, {@code weekofyear}, {@code last_day}. */
  static final class DayFunction extends StrictKernel {
    private final DayFn fn;

    DayFunction(DayFn fn, VectorEvaluator arg) {
      super(fn == DayFn.LAST_DAY ? DataTypes.DateType : DataTypes.IntegerType, arg);
      this.fn = fn;
    }

    @Override
    protected void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n) {
      int[] days = ((IntVector) in[0]).values();
      int[] o = ((IntVector) out).values();
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        long d = days[i];
        o[i] =
            switch (fn) {
              case DAY_OF_WEEK -> CivilDates.sparkDayOfWeek(d);
              case QUARTER -> CivilDates.quarter(d);
              case WEEK_OF_YEAR -> CivilDates.isoWeekOfYear(d);
              case LAST_DAY ->
                  (int)
                      (d
                          + CivilDates.lengthOfMonth(CivilDates.year(d), CivilDates.month(d))
                          - CivilDates.dayOfMonth(d));
            };
      }
    }
  }

  /** {@code add_months(date, n)}: the day of month clamped to the end of a shorter month. */
  static final class AddMonths extends StrictKernel {
    private final String sql;

    AddMonths(VectorEvaluator[] args, String sql) {
      super(DataTypes.DateType, args);
      this.sql = sql;
    }

    @Override
    protected void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n) {
      int[] days = ((IntVector) in[0]).values();
      int[] months = ((IntVector) in[1]).values();
      int[] o = ((IntVector) out).values();
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        long r = CivilDates.addMonths(days[i], months[i]);
        if (r != (int) r) {
          throw EvalErrors.dateArithmeticOverflow("add_months", "number of months", sql);
        }
        o[i] = (int) r;
      }
    }
  }

  /** The unit {@code trunc(date, fmt)} cuts to. */
  enum TruncLevel {
    YEAR,
    QUARTER,
    MONTH,
    WEEK;

    /** The level a {@code trunc} format names, or null when Spark does not accept it. */
    static TruncLevel of(String format) {
      return switch (format.toUpperCase(Locale.ROOT)) {
        case "YEAR", "YYYY", "YY" -> YEAR;
        case "QUARTER" -> QUARTER;
        case "MONTH", "MM", "MON" -> MONTH;
        case "WEEK" -> WEEK;
        default -> null;
      };
    }
  }

  /**
   * {@code trunc(date, fmt)}: the first day of the year, quarter, month or (Monday) week; null for
   * a format Spark does not accept. {@code constant} is the format when it is a literal.
   */
  static final class TruncDate extends StrictKernel {
    private final TruncLevel constant;

    TruncDate(VectorEvaluator[] args, TruncLevel constant) {
      super(DataTypes.DateType, args);
      this.constant = constant;
    }

    @Override
    protected void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n) {
      int[] days = ((IntVector) in[0]).values();
      BytesVector formats = (BytesVector) in[1];
      int[] o = ((IntVector) out).values();
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        TruncLevel level = constant != null ? constant : TruncLevel.of(formats.getString(i));
        if (level == null) {
          out.setNull(i);
          continue;
        }
        long d = days[i];
        o[i] =
            (int)
                switch (level) {
                  case YEAR -> CivilDates.daysFromCivil(CivilDates.year(d), 1, 1);
                  case QUARTER ->
                      CivilDates.daysFromCivil(
                          CivilDates.year(d), (CivilDates.quarter(d) - 1) * 3 + 1, 1);
                  case MONTH -> d - CivilDates.dayOfMonth(d) + 1;
                  case WEEK -> d - CivilDates.isoDayOfWeek(d) + 1;
                };
      }
    }
  }

  /**
   * {@code make_date(year, month, day)}: null for fields that name no date, or under ANSI {@code
   * DATETIME_FIELD_OUT_OF_BOUNDS}.
   */
  static final class MakeDate extends StrictKernel {
    private final boolean ansi;
    private final String sql;

    MakeDate(VectorEvaluator[] args, boolean ansi, String sql) {
      super(DataTypes.DateType, args);
      this.ansi = ansi;
      this.sql = sql;
    }

    @Override
    protected void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n) {
      int[] years = ((IntVector) in[0]).values();
      int[] months = ((IntVector) in[1]).values();
      int[] days = ((IntVector) in[2]).values();
      int[] o = ((IntVector) out).values();
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        int y = years[i];
        int m = months[i];
        int d = days[i];
        long epochDay =
            CivilDates.isValidDate(y, m, d) ? CivilDates.daysFromCivil(y, m, d) : Long.MIN_VALUE;
        if (epochDay != (int) epochDay) {
          if (ansi) {
            throw EvalErrors.datetimeFieldOutOfBounds(invalidDateMessage(y, m, d), sql);
          }
          out.setNull(i);
          continue;
        }
        o[i] = (int) epochDay;
      }
    }

    /** The reason {@code java.time} gives for these fields, as Spark reports it. */
    private static String invalidDateMessage(int y, int m, int d) {
      try {
        java.time.LocalDate.of(y, m, d);
        return "Invalid date: " + y + "-" + m + "-" + d + " is outside the DATE range";
      } catch (java.time.DateTimeException e) {
        return e.getMessage();
      }
    }
  }

  /** The unit {@code date_trunc(fmt, ts)} cuts to; WEEK and longer reuse {@link TruncLevel}. */
  enum TimestampLevel {
    MICROSECOND,
    MILLISECOND,
    SECOND,
    MINUTE,
    HOUR,
    DAY,
    WEEK,
    MONTH,
    QUARTER,
    YEAR;

    /** The level a {@code date_trunc} format names, or null when Spark does not accept it. */
    static TimestampLevel of(String format) {
      return switch (format.toUpperCase(Locale.ROOT)) {
        case "MICROSECOND" -> MICROSECOND;
        case "MILLISECOND" -> MILLISECOND;
        case "SECOND" -> SECOND;
        case "MINUTE" -> MINUTE;
        case "HOUR" -> HOUR;
        case "DAY", "DD" -> DAY;
        default -> {
          TruncLevel date = TruncLevel.of(format);
          yield date == null ? null : valueOf(date.name());
        }
      };
    }
  }

  /**
   * {@code date_trunc(fmt, ts)}: minutes and longer are cut in the session time zone's local time,
   * as Spark does.
   */
  static final class TruncTimestamp extends StrictKernel {
    private final TimestampLevel constant;
    private final ZoneConversions zone;

    TruncTimestamp(VectorEvaluator[] args, TimestampLevel constant, ZoneConversions zone) {
      super(DataTypes.TimestampType, args);
      this.constant = constant;
      this.zone = zone;
    }

    @Override
    protected void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n) {
      BytesVector formats = (BytesVector) in[0];
      long[] micros = ((io.tideline.internal.vector.LongVector) in[1]).values();
      long[] o = ((io.tideline.internal.vector.LongVector) out).values();
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        TimestampLevel level =
            constant != null ? constant : TimestampLevel.of(formats.getString(i));
        if (level == null) {
          out.setNull(i);
          continue;
        }
        o[i] = truncate(micros[i], level);
      }
    }

    private long truncate(long t, TimestampLevel level) {
      switch (level) {
        case MICROSECOND:
          return t;
        case MILLISECOND:
          return t - Math.floorMod(t, 1_000L);
        case SECOND:
          return t - Math.floorMod(t, ZoneConversions.MICROS_PER_SECOND);
        case MINUTE:
        case HOUR:
          long unit = (level == TimestampLevel.MINUTE ? 60L : 3_600L) * 1_000_000L;
          long offset = zone.offsetMicros(t);
          long local = t + offset;
          return local - Math.floorMod(local, unit) - offset;
        case DAY:
          return zone.daysToMicros(zone.microsToDays(t));
        default:
          long days = zone.microsToDays(t);
          long first =
              switch (level) {
                case WEEK -> days - CivilDates.isoDayOfWeek(days) + 1;
                case MONTH -> days - CivilDates.dayOfMonth(days) + 1;
                case QUARTER ->
                    CivilDates.daysFromCivil(
                        CivilDates.year(days), (CivilDates.quarter(days) - 1) * 3 + 1, 1);
                default -> CivilDates.daysFromCivil(CivilDates.year(days), 1, 1);
              };
          return zone.daysToMicros((int) first);
      }
    }
  }
}
