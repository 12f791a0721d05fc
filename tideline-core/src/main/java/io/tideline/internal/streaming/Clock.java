package io.tideline.internal.streaming;

/**
 * The source of processing time for triggers and batch timestamps. Injected so tests drive trigger
 * timing with a {@link ManualClock} instead of sleeping.
 */
public interface Clock {

  /** The current time, epoch milliseconds. */
  long nowMs();

  /**
   * Blocks until the clock reaches {@code targetMs}; returns at once if it already has.
   *
   * @return the clock's time when the wait ended, at least {@code targetMs}
   * @throws InterruptedException if the waiting thread is interrupted, e.g. by a query stop
   */
  long waitTill(long targetMs) throws InterruptedException;
}
