package io.tideline.internal.streaming;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.streaming.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the {@link TriggerExecutor} of a {@link Trigger}, as Spark's micro-batch execution does.
 */
public final class TriggerExecutors {

  /** How long an idle trigger waits before asking the sources again, in milliseconds. */
  public static final String POLLING_DELAY_KEY = "tideline.sql.streaming.pollingDelay";

  /** Spark's default polling delay. */
  public static final long DEFAULT_POLLING_DELAY_MS = 10;

  private static final Logger LOG = LoggerFactory.getLogger(TriggerExecutors.class);

  private TriggerExecutors() {}

  /** The executor for a trigger, with the polling delay of the session's configuration. */
  public static TriggerExecutor forTrigger(Trigger trigger, Clock clock, TidelineConf conf) {
    return forTrigger(trigger, clock, conf.getLong(POLLING_DELAY_KEY, DEFAULT_POLLING_DELAY_MS));
  }

  /**
   * The executor for a trigger: {@code ProcessingTime(n > 0)} runs on the interval grid, the
   * default trigger ({@code ProcessingTime(0)}) and {@code AvailableNow} back to back, {@code Once}
   * exactly one trigger.
   */
  @SuppressWarnings("deprecation")
  public static TriggerExecutor forTrigger(Trigger trigger, Clock clock, long pollingDelayMs) {
    if (trigger instanceof Trigger.ProcessingTimeTrigger processingTime) {
      return processingTime.intervalMs() == 0
          ? new MultiBatchExecutor(clock, pollingDelayMs)
          : new ProcessingTimeExecutor(processingTime.intervalMs(), clock, pollingDelayMs);
    }
    if (trigger instanceof Trigger.AvailableNowTrigger) {
      return new MultiBatchExecutor(clock, pollingDelayMs);
    }
    if (trigger instanceof Trigger.OneTimeTrigger) {
      LOG.warn(
          "Trigger.Once() is deprecated: it ignores source rate limits and never runs the"
              + " follow-up batch that emits watermark-driven output. Use Trigger.AvailableNow()"
              + " instead.");
      return new SingleBatchExecutor();
    }
    throw new IllegalArgumentException("Bug in Tideline: no executor for trigger " + trigger);
  }
}
