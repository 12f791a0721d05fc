package io.tideline.internal.streaming;

/**
 * Decides when a streaming query's triggers happen: calls a {@link BatchRunner} repeatedly, with
 * the timing of one trigger kind, until the runner returns {@link TriggerOutcome#STOP} (or, for
 * {@code Once}, after one trigger).
 *
 * <p>Runs on the query's stream thread. Every wait is on the injected {@link Clock}, so a stop
 * interrupts it and tests drive it with a {@link ManualClock}.
 */
public interface TriggerExecutor {

  /**
   * Runs triggers until the runner stops.
   *
   * @throws InterruptedException if the thread is interrupted while waiting for the next trigger
   */
  void execute(BatchRunner runner) throws InterruptedException;
}
