package io.tideline.streaming;

import io.tideline.internal.streaming.IntervalStrings;
import io.tideline.internal.streaming.StreamingErrors;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * When a streaming query runs its micro-batches, set with {@code
 * writeStream().trigger(Trigger.ProcessingTime("10 seconds"))}. As in Spark:
 *
 * <ul>
 *   <li>no trigger ({@link #Default()}, which is {@code ProcessingTime(0)}): the next batch starts
 *       as soon as the previous one ends; an idle query checks for data every {@code
 *       tideline.sql.streaming.pollingDelay} (10 ms).
 *   <li>{@link #ProcessingTime(String)}: batches start at multiples of the interval counted from
 *       the epoch (10 s fires at :00, :10, :20...). A batch that overruns the interval is followed
 *       at once by the next, with a warning.
 *   <li>{@link #AvailableNow()}: processes everything available when the query starts, in as many
 *       batches as the sources' rate limits require, then stops.
 *   <li>{@link #Once()} (deprecated): one batch with everything available, ignoring rate limits,
 *       then stops.
 * </ul>
 */
public sealed interface Trigger
    permits Trigger.ProcessingTimeTrigger, Trigger.OneTimeTrigger, Trigger.AvailableNowTrigger {

  /**
   * A trigger every {@code intervalMs} milliseconds; 0 runs batches as fast as possible.
   *
   * @throws io.tideline.internal.errors.TidelineException {@code INVALID_TRIGGER_INTERVAL.NEGATIVE}
   *     if the interval is negative
   */
  static Trigger ProcessingTime(long intervalMs) {
    return new ProcessingTimeTrigger(intervalMs);
  }

  /** A trigger every {@code interval} of {@code unit}; 0 runs batches as fast as possible. */
  static Trigger ProcessingTime(long interval, TimeUnit unit) {
    return new ProcessingTimeTrigger(unit.toMillis(interval));
  }

  /** A trigger every {@code interval}, truncated to milliseconds. */
  static Trigger ProcessingTime(Duration interval) {
    if (interval.isNegative()) {
      throw StreamingErrors.negativeTriggerInterval(interval.toString());
    }
    return new ProcessingTimeTrigger(interval.toMillis());
  }

  /**
   * A trigger every {@code interval}, given as Spark interval text: {@code "10 seconds"}, {@code "1
   * minute"}, {@code "interval 10 seconds"}, {@code "500 milliseconds"}, {@code "1 hour 30
   * minutes"}.
   *
   * @throws io.tideline.internal.errors.TidelineException {@code INVALID_INTERVAL_FORMAT.*} for
   *     text that is not an interval, {@code INVALID_TRIGGER_INTERVAL.MONTHS_OR_YEARS} for months
   *     or years, {@code INVALID_TRIGGER_INTERVAL.NEGATIVE} for a negative interval
   */
  static Trigger ProcessingTime(String interval) {
    return new ProcessingTimeTrigger(IntervalStrings.parseTriggerIntervalMs(interval));
  }

  /**
   * One batch with all data available now, ignoring rate limits, then the query stops.
   *
   * @deprecated as in Spark 3.4: use {@link #AvailableNow()}, which respects rate limits and runs
   *     the follow-up batch that emits watermark-driven output
   */
  @Deprecated
  static Trigger Once() {
    return OneTimeTrigger.INSTANCE;
  }

  /** All data available now, in as many batches as the sources' rate limits require, then stop. */
  static Trigger AvailableNow() {
    return AvailableNowTrigger.INSTANCE;
  }

  /** The trigger of a query that sets none: {@code ProcessingTime(0)}, as fast as possible. */
  static Trigger Default() {
    return ProcessingTimeTrigger.AS_FAST_AS_POSSIBLE;
  }

  /** A trigger on an interval of processing time; 0 means as fast as possible. */
  record ProcessingTimeTrigger(long intervalMs) implements Trigger {
    static final ProcessingTimeTrigger AS_FAST_AS_POSSIBLE = new ProcessingTimeTrigger(0);

    public ProcessingTimeTrigger {
      if (intervalMs < 0) {
        throw StreamingErrors.negativeTriggerInterval(intervalMs + " ms");
      }
    }

    /** The interval as a {@link Duration}. */
    public Duration interval() {
      return Duration.ofMillis(intervalMs);
    }
  }

  /**
   * The trigger of {@link #Once()}.
   *
   * @deprecated with {@link #Once()}
   */
  @Deprecated
  enum OneTimeTrigger implements Trigger {
    INSTANCE;

    @Override
    public String toString() {
      return "OneTimeTrigger";
    }
  }

  /** The trigger of {@link #AvailableNow()}. */
  enum AvailableNowTrigger implements Trigger {
    INSTANCE;

    @Override
    public String toString() {
      return "AvailableNowTrigger";
    }
  }
}
