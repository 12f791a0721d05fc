package io.tideline.internal.streaming.checkpoint;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a query (re)starts from its checkpoint, as Spark's {@code populateStartOffsets} decides.
 *
 * @param batchId the id of the next batch to run
 * @param rerun whether that batch was planned before the restart and must run again with exactly
 *     its recorded {@code endOffsets} and metadata (its offsets were written, its commit was not)
 * @param startOffsets the offsets the batch starts after; empty for the first batch of a query
 * @param endOffsets the recorded end offsets of a re-run batch; empty when the batch is new and its
 *     end offsets are still to be asked of the sources
 * @param watermarkMs the event-time watermark to start with
 */
public record RecoveryPoint(
    long batchId,
    boolean rerun,
    Optional<OffsetSeq> startOffsets,
    Optional<OffsetSeq> endOffsets,
    long watermarkMs) {

  /** The starting point of a query that never ran on its checkpoint. */
  public static RecoveryPoint fresh() {
    return new RecoveryPoint(0, false, Optional.empty(), Optional.empty(), 0);
  }

  /**
   * Decides where to start from the offset and commit logs of a checkpoint.
   *
   * <ul>
   *   <li>No offsets: a new query, batch 0, watermark 0.
   *   <li>Latest offsets {@code N} with {@code commits/N}: batch {@code N+1} starts after {@code
   *       offsets/N}, with the larger of the recorded watermark and the commit's next watermark.
   *   <li>Latest offsets {@code N} without {@code commits/N}: batch {@code N} re-runs from {@code
   *       offsets/N-1} to {@code offsets/N} with the recorded watermark and timestamp, so the sink
   *       sees the same batch again and can skip it.
   * </ul>
   *
   * @throws io.tideline.internal.errors.TidelineException {@code INCONSISTENT_CHECKPOINT} when
   *     {@code offsets/N-1} is missing (two consecutive entries are needed to re-run a batch) or
   *     the commit log is ahead of the offset log
   */
  public static RecoveryPoint recover(Path checkpoint, OffsetLog offsets, CommitLog commits) {
    Optional<MetadataLog.Entry<OffsetSeq>> latest = offsets.getLatest();
    if (latest.isEmpty()) {
      if (commits.getLatestBatchId().isPresent()) {
        throw CheckpointErrors.inconsistentCheckpoint(
            checkpoint, "the commit log has entries but the offset log has none");
      }
      return fresh();
    }
    long latestBatchId = latest.get().batchId();
    OffsetSeq latestOffsets = latest.get().value();
    long recordedWatermarkMs =
        latestOffsets.metadata().map(OffsetSeqMetadata::batchWatermarkMs).orElse(0L);
    Optional<MetadataLog.Entry<CommitMetadata>> latestCommit = commits.getLatest();
    if (latestCommit.isPresent() && latestCommit.get().batchId() > latestBatchId) {
      throw CheckpointErrors.inconsistentCheckpoint(
          checkpoint,
          "commits/"
              + latestCommit.get().batchId()
              + " exists but the latest offsets entry is offsets/"
              + latestBatchId);
    }
    if (latestCommit.isPresent() && latestCommit.get().batchId() == latestBatchId) {
      long watermarkMs =
          Math.max(recordedWatermarkMs, latestCommit.get().value().nextBatchWatermarkMs());
      return new RecoveryPoint(
          latestBatchId + 1, false, Optional.of(latestOffsets), Optional.empty(), watermarkMs);
    }
    Optional<OffsetSeq> previous = Optional.empty();
    if (latestBatchId > 0) {
      previous = offsets.get(latestBatchId - 1);
      if (previous.isEmpty()) {
        throw CheckpointErrors.inconsistentCheckpoint(
            checkpoint,
            "batch "
                + (latestBatchId - 1)
                + " doesn't exist in the offset log, but it is needed to re-run batch "
                + latestBatchId);
      }
    }
    return new RecoveryPoint(
        latestBatchId, true, previous, Optional.of(latestOffsets), recordedWatermarkMs);
  }
}
