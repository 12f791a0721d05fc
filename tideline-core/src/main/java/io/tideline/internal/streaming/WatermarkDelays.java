package io.tideline.internal.streaming;

/** Turns a {@code withWatermark} delay string into milliseconds, with Spark's arithmetic. */
public final class WatermarkDelays {
  private static final long MS_PER_DAY = 86_400_000L;

  /** Spark's {@code EventTimeWatermark.getDelayMs}: a month is 31 days, a year 12 of them. */
  private static final long MS_PER_MONTH = 31 * MS_PER_DAY;

  private WatermarkDelays() {}

  /**
   * The delay in milliseconds: microseconds truncated to milliseconds, plus days and months.
   *
   * @throws io.tideline.internal.errors.TidelineException when the interval cannot be parsed or is
   *     negative
   */
  public static long parseMs(String column, String delay) {
    IntervalStrings.Parsed parsed = IntervalStrings.parse(delay);
    long ms;
    try {
      ms =
          Math.addExact(
              parsed.micros() / 1000,
              Math.addExact(
                  Math.multiplyExact((long) parsed.days(), MS_PER_DAY),
                  Math.multiplyExact((long) parsed.months(), MS_PER_MONTH)));
    } catch (ArithmeticException e) {
      throw StreamingErrors.invalidInterval(
          StreamingErrors.Condition.INVALID_INTERVAL_FORMAT_ARITHMETIC_EXCEPTION, delay);
    }
    if (ms < 0) {
      throw WatermarkErrors.negativeDelay(column, delay.trim());
    }
    return ms;
  }
}
