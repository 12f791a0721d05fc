package io.tideline.internal.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the physical executions of one {@link EventTimeWatermark} node add up the event times they
 * see in one micro-batch. As with {@link RowCounter}, each physical execution of the batch's plan
 * gets its own pass ({@link #newPass()}) and {@link #stats()} is the pass that saw the most rows,
 * so a sink that reads a batch twice does not count its rows twice. Thread-safe: tasks add
 * concurrently, once per batch of rows.
 */
public final class EventTimeStatsCollector {
  private final List<Pass> passes = new ArrayList<>();

  /** A fresh accumulator for one execution of the plan. */
  public synchronized Pass newPass() {
    Pass pass = new Pass();
    passes.add(pass);
    return pass;
  }

  /** The stats of the pass that saw the most rows; {@link EventTimeStats#EMPTY} before any. */
  public synchronized EventTimeStats stats() {
    EventTimeStats best = EventTimeStats.EMPTY;
    for (Pass p : passes) {
      EventTimeStats s = p.stats();
      if (s.count() > best.count()) {
        best = s;
      }
    }
    return best;
  }

  @Override
  public String toString() {
    return "EventTimeStatsCollector";
  }

  /** The event times of one execution; tasks add their batches' stats to it. */
  public static final class Pass {
    private EventTimeStats stats = EventTimeStats.EMPTY;

    private Pass() {}

    public synchronized void add(EventTimeStats batchStats) {
      stats = stats.merge(batchStats);
    }

    synchronized EventTimeStats stats() {
      return stats;
    }
  }
}
