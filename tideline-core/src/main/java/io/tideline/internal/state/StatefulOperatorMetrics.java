package io.tideline.internal.state;

import io.tideline.streaming.StateOperatorProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the tasks of each stateful operator did in the batch that is running, summed over their
 * partitions, for the {@code stateOperators} of progress. Tasks of one batch record concurrently;
 * the loop drains it once the batch is done.
 */
public final class StatefulOperatorMetrics {

  /**
   * What one task (one state partition) of an operator did in one batch. As in Spark, an operator's
   * {@code numShufflePartitions} is the number of its tasks, and {@code numStateStoreInstances}
   * adds up the stores each task used (one for an aggregation, four for a stream-stream join).
   */
  public record TaskMetrics(
      long operatorId,
      String operatorName,
      int numStateStoreInstances,
      long numRowsTotal,
      long numRowsUpdated,
      long allUpdatesTimeMs,
      long numRowsRemoved,
      long allRemovalsTimeMs,
      long commitTimeMs,
      long memoryUsedBytes,
      long numRowsDroppedByWatermark) {}

  private final Map<Long, List<TaskMetrics>> byOperator = new TreeMap<>();

  /** Adds one task's metrics; called from task threads. */
  public synchronized void record(TaskMetrics task) {
    byOperator.computeIfAbsent(task.operatorId(), id -> new ArrayList<>()).add(task);
  }

  /** Each operator's totals in operator id order, then forgets them for the next batch. */
  public synchronized List<StateOperatorProgress> drain() {
    List<StateOperatorProgress> out = new ArrayList<>(byOperator.size());
    for (List<TaskMetrics> tasks : byOperator.values()) {
      long total = 0;
      long updated = 0;
      long updatesMs = 0;
      long removed = 0;
      long removalsMs = 0;
      long commitMs = 0;
      long memory = 0;
      long dropped = 0;
      long instances = 0;
      for (TaskMetrics t : tasks) {
        instances += t.numStateStoreInstances();
        total += t.numRowsTotal();
        updated += t.numRowsUpdated();
        updatesMs += t.allUpdatesTimeMs();
        removed += t.numRowsRemoved();
        removalsMs += t.allRemovalsTimeMs();
        commitMs += t.commitTimeMs();
        memory += t.memoryUsedBytes();
        dropped += t.numRowsDroppedByWatermark();
      }
      TaskMetrics first = tasks.get(0);
      out.add(
          StateOperatorProgress.builder(first.operatorName())
              .numRowsTotal(total)
              .numRowsUpdated(updated)
              .allUpdatesTimeMs(updatesMs)
              .numRowsRemoved(removed)
              .allRemovalsTimeMs(removalsMs)
              .commitTimeMs(commitMs)
              .memoryUsedBytes(memory)
              .numRowsDroppedByWatermark(dropped)
              .numShufflePartitions(tasks.size())
              .numStateStoreInstances(instances)
              .build());
    }
    byOperator.clear();
    return out;
  }
}
