package io.tideline.internal.analysis;

import io.tideline.internal.expr.Expr;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.util.List;
import java.util.Locale;

/**
 * {@code window(timeColumn, windowDuration[, slideDuration[, startTime]])}: Spark's event-time
 * windows, resolved to {@code ScalarCall("window", [time], STRUCT<start, end>, [windowMicros,
 * slideMicros, startMicros])}. A tumbling window (slide equal to the duration) is one window per
 * row and the kernel computes it; a sliding window puts a row in several windows, so the planner
 * must expand rows as Spark's {@code TimeWindowing} rule does.
 */
final class TimeWindows {
  /** The type of a window column, as Spark's {@code TimeWindow}. */
  static final StructType WINDOW_TYPE =
      new StructType().add("start", DataTypes.TimestampType).add("end", DataTypes.TimestampType);

  private TimeWindows() {}

  static Expr window(FunctionCall c) {
    c.expect(0, ExpectedType.TIMESTAMP);
    long window = duration(c, 1, "windowDuration");
    long slide = c.size() > 2 ? duration(c, 2, "slideDuration") : window;
    long start = c.size() > 3 ? duration(c, 3, "startTime") : 0;
    if (window <= 0) {
      throw AnalysisErrors.valueOutOfRange(c.asExpr(), "window_duration", window);
    }
    if (slide <= 0 || slide > window) {
      throw AnalysisErrors.valueOutOfRange(c.asExpr(), "slide_duration", slide);
    }
    if (Math.abs(start) >= slide) {
      throw AnalysisErrors.valueOutOfRange(c.asExpr(), "start_time", start);
    }
    return c.scalar(
        "window", List.of(c.arg(0)), WINDOW_TYPE, c.nullable(0), List.of(window, slide, start));
  }

  private static long duration(FunctionCall c, int i, String name) {
    Object v = c.constant(i, name, ExpectedType.STRING);
    if (!(v instanceof String s)) {
      throw AnalysisErrors.invalidDuration(c.asExpr(), String.valueOf(v));
    }
    long micros = parseDuration(s);
    if (micros == Long.MIN_VALUE) {
      throw AnalysisErrors.invalidDuration(c.asExpr(), s);
    }
    return micros;
  }

  /**
   * Microseconds in a duration such as {@code 10 minutes}, {@code 1 hour 30 minutes} or {@code
   * interval 2 days}; {@link Long#MIN_VALUE} when it is not one. Months and years have no fixed
   * length, so, as in Spark, they are not allowed in window durations.
   */
  static long parseDuration(String text) {
    String[] words = text.trim().toLowerCase(Locale.ROOT).split("\\s+");
    int i = words.length > 0 && words[0].equals("interval") ? 1 : 0;
    if (i >= words.length) {
      return Long.MIN_VALUE;
    }
    long total = 0;
    for (; i < words.length; i += 2) {
      if (i + 1 >= words.length) {
        return Long.MIN_VALUE;
      }
      long n;
      try {
        n = Long.parseLong(words[i]);
      } catch (NumberFormatException e) {
        return Long.MIN_VALUE;
      }
      long unit = unitMicros(words[i + 1]);
      if (unit == 0) {
        return Long.MIN_VALUE;
      }
      total = Math.addExact(total, Math.multiplyExact(n, unit));
    }
    return total;
  }

  private static long unitMicros(String unit) {
    return switch (unit) {
      case "microsecond", "microseconds", "us" -> 1L;
      case "millisecond", "milliseconds", "ms" -> 1_000L;
      case "second", "seconds", "sec", "secs", "s" -> 1_000_000L;
      case "minute", "minutes", "min", "mins", "m" -> 60_000_000L;
      case "hour", "hours", "h" -> 3_600_000_000L;
      case "day", "days", "d" -> 86_400_000_000L;
      case "week", "weeks" -> 7 * 86_400_000_000L;
      default -> 0L;
    };
  }
}
