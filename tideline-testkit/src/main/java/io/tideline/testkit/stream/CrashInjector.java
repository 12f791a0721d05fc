package io.tideline.testkit.stream;

import io.tideline.internal.streaming.exec.LoopHooks;
import io.tideline.internal.streaming.exec.LoopPoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Loop hooks that crash a query once at an armed {@link LoopPoint}, and record every point the loop
 * reached so a test can assert the loop's order of steps.
 *
 * <p>One injector serves every run of a script: it is armed from the test thread ({@link #arm}) and
 * fires on the stream thread, at most once per arming, by throwing {@link
 * LoopHooks.SimulatedCrash}. A point can be reached more than once per batch ({@code
 * DURING_CHECKPOINT_RENAME} is reached for {@code offsets/N} and again for {@code commits/N}), so
 * an arming names which occurrence to crash at.
 */
public final class CrashInjector implements LoopHooks {

  /** Any batch: the armed point crashes at its next occurrence whatever the batch. */
  public static final long ANY_BATCH = -1;

  /** A point the loop reached, in order. */
  public record Reached(LoopPoint point, long batchId) {
    @Override
    public String toString() {
      return point + "@" + batchId;
    }
  }

  private final List<Reached> reached = new ArrayList<>();
  private LoopPoint armedPoint;
  private long armedBatchId;
  private int occurrencesLeft;
  private Reached fired;

  /**
   * Crashes the query at the {@code occurrence}-th time (from 1) the loop reaches {@code point} in
   * batch {@code batchId} (or in any batch with {@link #ANY_BATCH}), counting from now.
   */
  public synchronized void arm(LoopPoint point, long batchId, int occurrence) {
    if (occurrence < 1) {
      throw new IllegalArgumentException("occurrence counts from 1, but is " + occurrence);
    }
    armedPoint = point;
    armedBatchId = batchId;
    occurrencesLeft = occurrence;
    fired = null;
  }

  /** Cancels a crash that has not fired. */
  public synchronized void disarm() {
    armedPoint = null;
  }

  /** Whether an armed crash is still waiting for its point. */
  public synchronized boolean isArmed() {
    return armedPoint != null;
  }

  /** The point the last armed crash fired at, or null. */
  public synchronized Reached fired() {
    return fired;
  }

  /** Every point reached since this injector was made, in order. */
  public synchronized List<Reached> reached() {
    return List.copyOf(reached);
  }

  @Override
  public void reached(LoopPoint point, long batchId) {
    Reached here = new Reached(point, batchId);
    synchronized (this) {
      reached.add(here);
      if (armedPoint != point || (armedBatchId != ANY_BATCH && armedBatchId != batchId)) {
        return;
      }
      if (--occurrencesLeft > 0) {
        return;
      }
      armedPoint = null;
      fired = here;
    }
    throw new SimulatedCrash(point, batchId);
  }
}
