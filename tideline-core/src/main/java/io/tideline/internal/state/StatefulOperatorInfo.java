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
 * @param eventTimeWatermarkMs the batch's watermark (0 before any)
 * @param stores the query's state stores
 */
public record StatefulOperatorInfo(
    long operatorId,
    long batchId,
    int numPartitions,
    OutputMode outputMode,
    long eventTimeWatermarkMs,
    StateStoreRegistry stores) {}
