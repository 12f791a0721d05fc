package io.tideline.internal.streaming.exec;

/**
 * Named points of the micro-batch loop at which the test kit can crash a query, to prove that a
 * restart gives exactly-once output whatever the instant of the crash.
 */
public enum LoopPoint {
  /** {@code offsets/N} is written; no data has been read. */
  AFTER_OFFSETS_WRITTEN,
  /** The sink has been handed batch N and has not returned. */
  DURING_SINK,
  /** The sink has returned; {@code commits/N} is not written. */
  AFTER_SINK_BEFORE_COMMIT,
  /**
   * A checkpoint file of batch N ({@code offsets/N} or {@code commits/N}) is written to its
   * temporary name and not yet published.
   */
  DURING_CHECKPOINT_RENAME,
  /** {@code commits/N} is written; progress is not yet reported. */
  AFTER_COMMIT
}
