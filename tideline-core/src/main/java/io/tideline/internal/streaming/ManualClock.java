package io.tideline.internal.streaming;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A clock that moves only when told to, for tests of trigger timing. Threads blocked in {@link
 * #waitTill} wake when {@link #advance} or {@link #setTime} reaches their target. A test can also
 * wait until another thread blocks on the clock ({@link #awaitWaiter}), which proves that thread is
 * idle rather than spinning, without sleeping.
 *
 * <p>Thread-safe: every method synchronizes on the clock, and changes wake all waiters.
 */
public final class ManualClock implements Clock {

  private long timeMs;
  private final List<Long> waitingFor = new ArrayList<>();

  public ManualClock() {
    this(0);
  }

  public ManualClock(long startMs) {
    this.timeMs = startMs;
  }

  @Override
  public synchronized long nowMs() {
    return timeMs;
  }

  @Override
  public synchronized long waitTill(long targetMs) throws InterruptedException {
    if (timeMs >= targetMs) {
      return timeMs;
    }
    Long target = targetMs;
    waitingFor.add(target);
    notifyAll();
    try {
      while (timeMs < targetMs) {
        wait();
      }
      return timeMs;
    } finally {
      waitingFor.remove(target);
      notifyAll();
    }
  }

  /** Moves the clock forward by {@code deltaMs} and wakes waiters whose target is reached. */
  public synchronized void advance(long deltaMs) {
    if (deltaMs < 0) {
      throw new IllegalArgumentException("A clock only moves forward, but delta is " + deltaMs);
    }
    timeMs += deltaMs;
    notifyAll();
  }

  /** Sets the clock to {@code newTimeMs}, which must not be in the past. */
  public synchronized void setTime(long newTimeMs) {
    if (newTimeMs < timeMs) {
      throw new IllegalArgumentException(
          "A clock only moves forward, but " + newTimeMs + " is before " + timeMs);
    }
    timeMs = newTimeMs;
    notifyAll();
  }

  /** Whether some thread is blocked waiting for a time the clock has not reached. */
  public synchronized boolean hasWaiters() {
    return hasPendingTarget();
  }

  /**
   * Blocks until some thread is waiting for a time the clock has not reached, and returns the
   * earliest such target.
   *
   * @throws IllegalStateException if no thread waits on the clock within {@code timeout}, for
   *     example because the thread under test is spinning instead of waiting
   */
  public synchronized long awaitWaiter(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!hasPendingTarget()) {
      long leftNanos = deadline - System.nanoTime();
      if (leftNanos <= 0) {
        throw new IllegalStateException(
            "No thread waited on the clock (now " + timeMs + " ms) within " + timeout);
      }
      wait(Math.max(1, leftNanos / 1_000_000));
    }
    return earliestPendingTarget();
  }

  private boolean hasPendingTarget() {
    for (long target : waitingFor) {
      if (target > timeMs) {
        return true;
      }
    }
    return false;
  }

  private long earliestPendingTarget() {
    long earliest = Long.MAX_VALUE;
    for (long target : waitingFor) {
      if (target > timeMs && target < earliest) {
        earliest = target;
      }
    }
    return earliest;
  }
}
