package io.tideline.internal.analysis;

import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.expr.ScalarCall;
import io.tideline.internal.streaming.IntervalStrings;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.util.List;

/**
 * Resolution of Spark's event-time window functions into marker calls that {@link TimeWindowing}
 * then rewrites into plan nodes, as Spark's analyser does:
 *
 * <ul>
 *   <li>{@code window(time, windowDuration[, slideDuration[, startTime]])} resolves to {@code
 *       ScalarCall("window", [time], STRUCT<start, end>, [windowMicros, slideMicros,
 *       startMicros])};
 *   <li>{@code session_window(time, gap)} resolves to {@code ScalarCall("session_window", [time] or
 *       [time, gap], STRUCT<start, end>, [gapMicros or null])}: a literal gap is parsed here, any
 *       other STRING expression is an interval evaluated per row.
 * </ul>
 *
 * <p>Given a window column instead of a time, both re-window its {@code window_time} (end minus one
 * microsecond), as Spark does for chained window aggregations.
 *
 * <p>Durations are interval strings (or integer literals in microseconds, as Spark accepts in SQL);
 * they have fixed lengths (a day is 24 hours), so months and years are refused.
 */
final class TimeWindows {
  /** The type of a window column, as Spark's {@code TimeWindow}: both fields nullable. */
  static final StructType WINDOW_TYPE =
      new StructType().add("start", DataTypes.TimestampType).add("end", DataTypes.TimestampType);

  private static final long MICROS_PER_DAY = 86_400_000_000L;

  /** A time column, or a window column to re-window by its window time (chained windows). */
  private static final ExpectedType TIME_OR_WINDOW =
      ExpectedType.oneOf(ExpectedType.TIMESTAMP, ExpectedType.of(WINDOW_TYPE));

  private TimeWindows() {}

  static Expr window(FunctionCall c) {
    Expr time = eventTime(c);
    long window = duration(c, 1, "windowDuration");
    long slide = c.size() > 2 ? duration(c, 2, "slideDuration") : window;
    long start = c.size() > 3 ? duration(c, 3, "startTime") : 0;
    // Spark prints the resolved call with its durations in microseconds.
    String sqlExpr =
        "\"window("
            + OutputNames.pretty(c.arg(0))
            + ", "
            + window
            + ", "
            + slide
            + ", "
            + start
            + ")\"";
    if (window <= 0) {
      throw AnalysisErrors.valueOutOfRange(sqlExpr, "window_duration", window);
    }
    if (slide <= 0) {
      throw AnalysisErrors.valueOutOfRange(sqlExpr, "slide_duration", slide);
    }
    if (slide > window) {
      throw AnalysisErrors.parameterConstraintViolation(
          sqlExpr, "slide_duration", slide, "<=", "window_duration", window);
    }
    if (Math.abs(start) >= slide) {
      throw AnalysisErrors.parameterConstraintViolation(
          sqlExpr, "abs(start_time)", Math.abs(start), "<", "slide_duration", slide);
    }
    return c.scalar("window", List.of(time), WINDOW_TYPE, true, List.of(window, slide, start));
  }

  static Expr sessionWindow(FunctionCall c) {
    Expr time = eventTime(c);
    Expr gap = c.arg(1);
    Literal literal = FunctionCall.asLiteral(gap);
    if (literal != null && literal.value() instanceof String s) {
      return c.scalar(
          "session_window", List.of(time), WINDOW_TYPE, true, List.of(intervalMicros(s)));
    }
    if (!io.tideline.internal.expr.TypeRules.sameType(gap.dataType(), DataTypes.StringType)
        && !(literal != null && literal.value() == null)) {
      throw AnalysisErrors.sessionGapType(gap.dataType());
    }
    // A null literal gap drops every row, as Spark's cast of null to an interval does.
    return c.scalar("session_window", List.of(time, gap), WINDOW_TYPE, true, List.of());
  }

  /**
   * {@code window_time(w)}: the time representing window {@code w}, {@code w.end} minus one
   * microsecond, so that windowing it again with the same spec gives the same window.
   */
  static Expr windowTime(FunctionCall c) {
    Expr w = c.expect(0, ExpectedType.of(WINDOW_TYPE));
    return c.scalar("window_time", List.of(w), DataTypes.TimestampType, w.nullable(), List.of());
  }

  /** Argument 0 as an event time: a timestamp, or the window time of a window column. */
  private static Expr eventTime(FunctionCall c) {
    Expr time = c.expect(0, TIME_OR_WINDOW);
    if (time.dataType() instanceof StructType) {
      return new ScalarCall(
          "window_time", List.of(time), DataTypes.TimestampType, time.nullable(), List.of());
    }
    return time;
  }

  private static long duration(FunctionCall c, int i, String name) {
    Literal l = FunctionCall.asLiteral(c.arg(i));
    Object v = l == null ? null : l.value();
    if (v instanceof Integer n) {
      return n;
    }
    if (v instanceof Long n) {
      return n;
    }
    if (!(v instanceof String s)) {
      throw AnalysisErrors.invalidWindowDurationLiteral(c.asExpr());
    }
    return intervalMicros(s);
  }

  /**
   * Microseconds in an interval string such as {@code 10 minutes} or {@code interval 1 hour 30
   * minutes}, a day counted as 24 hours.
   *
   * @throws RuntimeException Spark's {@code INVALID_INTERVAL_FORMAT.*} for text that is no
   *     interval, or {@code _LEGACY_ERROR_TEMP_3231} for one with months
   */
  static long intervalMicros(String text) {
    IntervalStrings.Parsed p = IntervalStrings.parse(text);
    if (p.months() != 0) {
      throw AnalysisErrors.intervalWithMonths(text);
    }
    return Math.addExact(Math.multiplyExact(p.days(), MICROS_PER_DAY), p.micros());
  }
}
