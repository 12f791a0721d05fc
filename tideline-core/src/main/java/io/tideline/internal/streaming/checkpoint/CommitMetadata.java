package io.tideline.internal.streaming.checkpoint;

/**
 * The content of a {@code commits/<batchId>} file: the batch finished, and the watermark the next
 * batch starts from.
 *
 * @param nextBatchWatermarkMs the event-time watermark for the next batch, epoch milliseconds
 */
public record CommitMetadata(long nextBatchWatermarkMs) {}
