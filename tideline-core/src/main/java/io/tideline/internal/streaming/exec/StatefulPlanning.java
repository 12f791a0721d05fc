package io.tideline.internal.streaming.exec;

import io.tideline.internal.plan.LogicalPlan;
import io.tideline.internal.state.StateStoreRegistry;
import io.tideline.streaming.OutputMode;

/**
 * Turns the stateful operators of a streaming plan into their per-batch form: each {@code
 * Aggregate} over a streaming child becomes a {@code StatefulAggregate} that knows its operator id,
 * the batch, the state partitions and the stores. Called by the loop on the streaming plan before
 * it replaces the sources with the batch's data.
 */
public final class StatefulPlanning {

  private StatefulPlanning() {}

  /**
   * The plan of batch {@code batchId} with its stateful operators bound to their state.
   *
   * @param numStatePartitions the state partition count pinned in the checkpoint
   */
  public static LogicalPlan rewrite(
      LogicalPlan streamingPlan,
      long batchId,
      int numStatePartitions,
      OutputMode outputMode,
      long watermarkMs,
      StateStoreRegistry stores) {
    throw new UnsupportedOperationException("TODO(stateful): stateful planning");
  }

  /**
   * A description of the plan's stateful operators in id order (e.g. {@code ["aggregate [k] -> [k,
   * count]"]}), kept in the checkpoint so a restart with changed operators is refused.
   */
  public static java.util.List<String> statefulOperators(LogicalPlan streamingPlan) {
    throw new UnsupportedOperationException("TODO(stateful): stateful planning");
  }
}
