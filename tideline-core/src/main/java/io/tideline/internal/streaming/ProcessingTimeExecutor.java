package io.tideline.internal.streaming;

import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor of {@code Trigger.ProcessingTime(interval)}, with Spark's timing.
 *
 * <p>Each trigger, at its start time {@code t}, fixes the next trigger time as the first multiple
 * of the interval counted from the epoch that is strictly after {@code t} ({@link #nextBatchTime}),
 * so triggers align to wall-clock multiples (a 10 s interval fires at :00, :10, :20), not to the
 * query start. A trigger that finishes early waits until then. A trigger that overruns the interval
 * is followed at once by the next, with a warning saying how long it took; missed intervals are not
 * caught up with extra batches. A trigger without data still waits for the next interval.
 *
 * <p>An interval of 0 means as fast as possible: triggers follow each other at once, and a trigger
 * without data waits the polling delay, as {@link MultiBatchExecutor}.
 */
public final class ProcessingTimeExecutor implements TriggerExecutor {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessingTimeExecutor.class);

  private final long intervalMs;
  private final Clock clock;
  private final long pollingDelayMs;
  private final LongConsumer onFallingBehind;

  public ProcessingTimeExecutor(long intervalMs, Clock clock, long pollingDelayMs) {
    this(intervalMs, clock, pollingDelayMs, null);
  }

  /** With a hook told the elapsed milliseconds of every overrunning trigger, for tests. */
  ProcessingTimeExecutor(
      long intervalMs, Clock clock, long pollingDelayMs, LongConsumer onFallingBehind) {
    if (intervalMs < 0) {
      throw new IllegalArgumentException(
          "Bug in Tideline: negative trigger interval " + intervalMs + " passed validation");
    }
    this.intervalMs = intervalMs;
    this.clock = clock;
    this.pollingDelayMs = pollingDelayMs;
    this.onFallingBehind = onFallingBehind;
  }

  @Override
  public void execute(BatchRunner runner) throws InterruptedException {
    while (true) {
      long triggerTimeMs = clock.nowMs();
      // Fixed before the batch runs, so a slow batch cannot shift the schedule's grid.
      long nextTriggerTimeMs = nextBatchTime(triggerTimeMs);
      TriggerOutcome outcome = runner.runTrigger();
      if (intervalMs > 0) {
        long elapsedMs = clock.nowMs() - triggerTimeMs;
        if (elapsedMs > intervalMs) {
          fallingBehind(elapsedMs);
        }
        if (outcome == TriggerOutcome.STOP) {
          return;
        }
        clock.waitTill(nextTriggerTimeMs);
      } else {
        if (outcome == TriggerOutcome.STOP) {
          return;
        }
        if (outcome == TriggerOutcome.NO_DATA) {
          clock.waitTill(clock.nowMs() + pollingDelayMs);
        }
      }
    }
  }

  /**
   * The start of the next interval after {@code nowMs}. Intervals include their start, so {@code
   * nextBatchTime(nextBatchTime(t))} is one interval later, not the same time.
   */
  long nextBatchTime(long nowMs) {
    return intervalMs == 0 ? nowMs : nowMs / intervalMs * intervalMs + intervalMs;
  }

  private void fallingBehind(long elapsedMs) {
    LOG.warn(
        "Current batch is falling behind. The trigger interval is {} milliseconds, but spent {}"
            + " milliseconds",
        intervalMs,
        elapsedMs);
    if (onFallingBehind != null) {
      onFallingBehind.accept(elapsedMs);
    }
  }
}
