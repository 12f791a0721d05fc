package io.tideline.bench.streaming;

import io.tideline.bench.Stats;
import java.util.List;

/**
 * One run of the per-batch overhead measurement: the figures of each measured batch, in order.
 *
 * @param triggerExecutionMs the engine's own {@code durationMs.triggerExecution} of each batch
 * @param wallMs milliseconds from {@code addData} until {@code processAllAvailable} returned
 * @param rows rows in the memory sink at the end, warm-up batches included
 */
record OverheadRun(List<Long> triggerExecutionMs, List<Double> wallMs, long rows) {
  OverheadRun {
    if (triggerExecutionMs.isEmpty() || triggerExecutionMs.size() != wallMs.size()) {
      throw new IllegalArgumentException(
          "Bug in Tideline: an overhead run needs one trigger and one wall time per batch, got "
              + triggerExecutionMs.size()
              + " and "
              + wallMs.size());
    }
    triggerExecutionMs = List.copyOf(triggerExecutionMs);
    wallMs = List.copyOf(wallMs);
  }

  /** The median {@code triggerExecution} of the run's batches, in milliseconds. */
  double medianTriggerMs() {
    return Stats.median(triggerExecutionMs.stream().mapToDouble(Long::doubleValue).toArray());
  }

  /** The median wall time of the run's batches, in milliseconds. */
  double medianWallMs() {
    return Stats.median(wallMs.stream().mapToDouble(Double::doubleValue).toArray());
  }
}
