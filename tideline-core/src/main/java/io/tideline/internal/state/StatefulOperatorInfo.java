package io.tideline.internal.state;

import io.tideline.streaming.OutputMode;

/**
 * What a stateful operator of one micro-batch needs to find its state: which operator it is, which
 * version to load, how its state is partitioned, and where the stores live.
 *
 * @param operatorId the operator's number in the plan, in bottom-up order from 0; stable across
 *     restarts because the plan's shape is checked against the checkpoint
 * @param batchId the batch: the operator loads state version {@code batchId} and commits {@code
 *     batchId + 1}
 * @param numPartitions the number of state partitions, fixed at the query's first start
 * @param outputMode the query's output mode
 * @param eventTimeWatermarkForLateEvents the watermark input rows are judged late against, epoch
 *     ms: the operator's input watermark of the previous batch (0 in batch 0), as Spark does since
 *     3.4 so that rows an upstream stateful operator emits in this batch are not late downstream
 * @param eventTimeWatermarkForEviction the watermark state is evicted against, epoch ms: the
 *     operator's input watermark of this batch
 * @param stores the query's state stores
 */
public record StatefulOperatorInfo(
    long operatorId,
    long batchId,
    int numPartitions,
    OutputMode outputMode,
    long eventTimeWatermarkForLateEvents,
    long eventTimeWatermarkForEviction,
    StateStoreRegistry stores) {

  /** An operator whose late-row and eviction watermarks are the same. */
  public StatefulOperatorInfo(
      long operatorId,
      long batchId,
      int numPartitions,
      OutputMode outputMode,
      long eventTimeWatermarkMs,
      StateStoreRegistry stores) {
    this(
        operatorId,
        batchId,
        numPartitions,
        outputMode,
        eventTimeWatermarkMs,
        eventTimeWatermarkMs,
        stores);
  }
}
