package io.tideline.internal.plan;

import io.tideline.internal.expr.Attribute;
import io.tideline.internal.state.StatefulOperatorInfo;
import java.util.List;

/**
 * A streaming deduplication inside one micro-batch: {@code deduplicate} over the batch's rows,
 * checked against the keys the operator remembered from earlier batches (state version {@code
 * info.batchId()}), saved as version {@code batchId + 1}. Made by {@code StatefulPlanning} from a
 * {@link Deduplicate} over a streaming plan.
 *
 * @param eventTimeColumn the index in the child's output of the column carrying the watermark, by
 *     which late rows are dropped; -1 when the stream has none
 * @param eventTimeKey the index in the keys of that column, by which state is evicted (plain
 *     dedup); -1 when it is not a key, and state is kept forever
 * @param delayMs the watermark delay of the event-time column: a within-watermark key expires at
 *     its first row's event time plus this delay
 */
public record StatefulDeduplicate(
    Deduplicate deduplicate,
    StatefulOperatorInfo info,
    int eventTimeColumn,
    int eventTimeKey,
    long delayMs)
    implements LogicalPlan, StatefulOperator {

  @Override
  public List<Attribute> output() {
    return deduplicate.output();
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of(deduplicate.child());
  }

  /** Whether this is {@code dropDuplicatesWithinWatermark}. */
  public boolean withinWatermark() {
    return deduplicate.withinWatermark();
  }

  /** Whether the operator drops late rows and may evict state when the watermark moves. */
  public boolean watermarked() {
    return eventTimeColumn >= 0;
  }

  @Override
  public String simpleString() {
    return "Stateful"
        + deduplicate.simpleString()
        + " [operator "
        + info.operatorId()
        + ", "
        + info.outputMode()
        + "]";
  }
}
