package io.tideline.internal.streaming.exec;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.plan.EventTimeStats;
import io.tideline.internal.streaming.WatermarkErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The event-time watermark of one query run: Spark's {@code WatermarkTracker}.
 *
 * <h2>Protocol</h2>
 *
 * <ol>
 *   <li>Batch {@code n} runs with the global watermark {@link #currentWatermarkMs()}, recorded in
 *       {@code offsets/n} before the batch reads anything.
 *   <li>After the sink took batch {@code n} and before {@code commits/n}, {@link #update} gets the
 *       event-time stats of every watermark node, in plan order. A node that saw rows proposes its
 *       largest event time minus its delay, and keeps the largest proposal it ever made; a node
 *       that never saw a row in this run counts as 0.
 *   <li>The global candidate is the minimum of the nodes' watermarks (policy {@code min}, Spark's
 *       default) or their maximum ({@code max}); it replaces the global watermark only when larger,
 *       so the watermark never moves backwards and never goes below 0.
 *   <li>The new global watermark goes to {@code commits/n} and becomes batch {@code n + 1}'s.
 * </ol>
 *
 * <p>Recovery: only the global watermark survives a restart ({@link #setWatermark}); the nodes' own
 * values start from scratch, as in Spark, so under {@code min} the global watermark holds until
 * every input has seen data again. The policy is pinned in the checkpoint's offsets.
 *
 * <p>Confined to the stream thread.
 */
final class WatermarkTracker {
  static final String POLICY_KEY = "tideline.sql.streaming.multipleWatermarkPolicy";

  private final boolean useMax;
  private final List<Long> operatorWatermarks = new ArrayList<>();
  private long globalWatermarkMs;

  private WatermarkTracker(boolean useMax) {
    this.useMax = useMax;
  }

  /** A tracker with the policy of {@code conf} (after the checkpoint's pinned settings). */
  static WatermarkTracker of(TidelineConf conf) {
    String policy = conf.get(POLICY_KEY, "min");
    return switch (policy.trim().toLowerCase(Locale.ROOT)) {
      case "min" -> new WatermarkTracker(false);
      case "max" -> new WatermarkTracker(true);
      default -> throw WatermarkErrors.invalidPolicy(POLICY_KEY, policy);
    };
  }

  /** Resumes from a recovered global watermark. */
  void setWatermark(long watermarkMs) {
    globalWatermarkMs = watermarkMs;
  }

  long currentWatermarkMs() {
    return globalWatermarkMs;
  }

  /**
   * Folds in one batch's event-time stats and the watermark nodes' delays, both in plan order.
   *
   * @return whether the global watermark moved
   */
  boolean update(List<EventTimeStats> stats, List<Long> delaysMs) {
    if (stats.isEmpty()) {
      return false;
    }
    for (int i = 0; i < stats.size(); i++) {
      if (operatorWatermarks.size() <= i) {
        operatorWatermarks.add(null);
      }
      EventTimeStats s = stats.get(i);
      Long previous = operatorWatermarks.get(i);
      if (s.count() > 0) {
        long candidate = s.max() - delaysMs.get(i);
        if (previous == null || candidate > previous) {
          operatorWatermarks.set(i, candidate);
        }
      } else if (previous == null) {
        operatorWatermarks.set(i, 0L);
      }
    }
    long chosen = useMax ? Long.MIN_VALUE : Long.MAX_VALUE;
    for (Long w : operatorWatermarks) {
      chosen = useMax ? Math.max(chosen, w) : Math.min(chosen, w);
    }
    if (chosen > globalWatermarkMs) {
      globalWatermarkMs = chosen;
      return true;
    }
    return false;
  }
}
