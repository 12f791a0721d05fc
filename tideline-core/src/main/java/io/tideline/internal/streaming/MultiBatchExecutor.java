package io.tideline.internal.streaming;

/**
 * The executor of the default trigger (no trigger set, or {@code ProcessingTime(0)}) and of {@code
 * AvailableNow}: runs triggers back to back. When a trigger finds no data it waits the polling
 * delay ({@code tideline.sql.streaming.pollingDelay}, 10 ms by default, as Spark) on the clock
 * before asking again, so an idle query does not spin. For {@code AvailableNow} the runner returns
 * {@link TriggerOutcome#STOP} once everything available at start is processed.
 */
public final class MultiBatchExecutor implements TriggerExecutor {

  private final Clock clock;
  private final long pollingDelayMs;

  public MultiBatchExecutor(Clock clock, long pollingDelayMs) {
    if (pollingDelayMs < 0) {
      throw new IllegalArgumentException(
          TriggerExecutors.POLLING_DELAY_KEY + " must not be negative, but is " + pollingDelayMs);
    }
    this.clock = clock;
    this.pollingDelayMs = pollingDelayMs;
  }

  @Override
  public void execute(BatchRunner runner) throws InterruptedException {
    while (true) {
      switch (runner.runTrigger()) {
        case STOP:
          return;
        case NO_DATA:
          clock.waitTill(clock.nowMs() + pollingDelayMs);
          break;
        case RAN_BATCH:
          break;
      }
    }
  }
}
