package io.tideline.internal.streaming.exec;

/**
 * The meeting point of a query's stream thread and the threads that wait on it or wake it: {@code
 * processAllAvailable()} callers wait here until a trigger that started after their call found no
 * new data (Spark's meaning), and new data or a request wakes an idle loop before its polling delay
 * is over. Nothing here spins: waits are on this object's monitor.
 */
final class LoopSignal {

  private long requests;
  private long drained;
  private long wakeups;
  private boolean ended;

  /** What the loop saw at the start of a trigger. */
  record TriggerMark(long requests, long wakeups) {}

  /** Called by the loop as a trigger starts. */
  synchronized TriggerMark mark() {
    return new TriggerMark(requests, wakeups);
  }

  /** Called by the loop when the trigger that started at {@code mark} found no new data. */
  synchronized void noNewData(TriggerMark mark) {
    if (mark.requests() > drained) {
      drained = mark.requests();
      notifyAll();
    }
  }

  /**
   * Waits up to {@code pollingDelayMs} for a wake-up after {@code mark}; returns at once if one
   * came already.
   */
  synchronized void idle(TriggerMark mark, long pollingDelayMs) throws InterruptedException {
    if (wakeups == mark.wakeups() && !ended && pollingDelayMs > 0) {
      wait(pollingDelayMs);
    }
  }

  /** Wakes an idle loop: new data may be available. */
  synchronized void wake() {
    wakeups++;
    notifyAll();
  }

  /** Called when the query ends: releases every waiter. */
  synchronized void end() {
    ended = true;
    notifyAll();
  }

  /**
   * Blocks until a trigger starting after this call finds no new data, or the query ends.
   *
   * @return whether the query ended meanwhile
   */
  synchronized boolean awaitDrained() throws InterruptedException {
    long request = ++requests;
    wakeups++;
    notifyAll();
    while (drained < request && !ended) {
      wait();
    }
    return ended;
  }
}
