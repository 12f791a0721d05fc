package io.tideline.internal.streaming.checkpoint;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The batch-wide facts recorded with a batch's offsets, so a re-run of the batch after a crash is
 * identical: the event-time watermark the batch filters late rows with, the batch timestamp that
 * {@code current_timestamp()} returns, and the session settings that must not change for the life
 * of a checkpoint (e.g. the number of shuffle partitions, which fixes the state layout).
 *
 * @param batchWatermarkMs the watermark of the batch, epoch milliseconds
 * @param batchTimestampMs the processing time the batch was planned at, epoch milliseconds
 * @param conf pinned settings, by key; kept sorted so the file is deterministic
 */
public record OffsetSeqMetadata(
    long batchWatermarkMs, long batchTimestampMs, Map<String, String> conf) {

  public OffsetSeqMetadata {
    conf = Collections.unmodifiableMap(new TreeMap<>(conf));
  }

  public OffsetSeqMetadata(long batchWatermarkMs, long batchTimestampMs) {
    this(batchWatermarkMs, batchTimestampMs, Map.of());
  }
}
