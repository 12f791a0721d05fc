package io.tideline.internal.streaming.checkpoint;

import io.tideline.internal.errors.ErrorCondition;
import io.tideline.internal.errors.TidelineException;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * The factory of every user-facing checkpoint failure: a checkpoint used by two queries at once, a
 * log file written by a newer Tideline, a malformed or unwritable file. Wording lives here; tests
 * assert the {@link Condition} and its parameters.
 */
public final class CheckpointErrors {

  /** The checkpoint error conditions, with Spark's names where Spark has one. */
  public enum Condition implements ErrorCondition {
    CONCURRENT_STREAM_LOG_UPDATE(
        "40000",
        "Concurrent update to the log. Multiple streaming jobs detected for batch <batchId>"
            + " (the file <file> already exists). Please make sure only one streaming job runs on a"
            + " specific checkpoint location at a time."),
    CHECKPOINT_IN_USE(
        "55006",
        "The checkpoint <checkpoint> is in use by another running query (id = <holderQueryId>,"
            + " runId = <holderRunId>, held by <holderProcess> since <holderSince>), so query"
            + " <queryId> cannot start on it. Stop the other query first, or give this query its"
            + " own checkpointLocation. Two queries on one checkpoint would corrupt each other's"
            + " offsets and state."),
    INVALID_LOG_VERSION_MAX_SUPPORTED_VERSION(
        "INVALID_LOG_VERSION.MAX_SUPPORTED_VERSION",
        "KD002",
        "UnsupportedLogVersion. The log file <file> has format version v<version>, but the"
            + " maximum supported log version is v<maxSupportedVersion>. The file was written by a"
            + " newer version of Tideline and cannot be read by this version. Upgrade Tideline, or"
            + " start the query with a new checkpointLocation."),
    MALFORMED_LOG_FILE(
        "KD002",
        "Log file <file> is malformed: <reason>. The checkpoint may have been edited or damaged;"
            + " restore it from a backup or start the query with a new checkpointLocation."),
    INCONSISTENT_CHECKPOINT(
        "55000",
        "The checkpoint <checkpoint> is inconsistent: <reason>. It was probably edited or"
            + " partly deleted; restore it from a backup, or start the query with a new"
            + " checkpointLocation (it will then start from the sources' starting offsets)."),
    CHECKPOINT_WRITE_FAILED(
        "58030",
        "Could not write the checkpoint file <file>: <cause>. Check that the checkpoint location"
            + " exists, is writable by this process and has free space."),
    CHECKPOINT_READ_FAILED(
        "58030",
        "Could not read the checkpoint file <file>: <cause>. Check that the checkpoint location"
            + " is readable by this process.");

    private final String conditionName;
    private final String sqlState;
    private final String template;

    Condition(String sqlState, String template) {
      this.conditionName = name();
      this.sqlState = sqlState;
      this.template = template;
    }

    Condition(String conditionName, String sqlState, String template) {
      this.conditionName = conditionName;
      this.sqlState = sqlState;
      this.template = template;
    }

    @Override
    public String conditionName() {
      return conditionName;
    }

    @Override
    public String sqlState() {
      return sqlState;
    }

    @Override
    public String template() {
      return template;
    }
  }

  private CheckpointErrors() {}

  /**
   * A second writer produced the log entry for {@code batchId} first: the caller's {@code add}
   * returned false where it expected to write a new batch.
   */
  public static TidelineException concurrentStreamLogUpdate(long batchId, Path file) {
    return new TidelineException(
        Condition.CONCURRENT_STREAM_LOG_UPDATE,
        Map.of("batchId", Long.toString(batchId), "file", file.toString()));
  }

  static TidelineException checkpointInUse(
      Path checkpoint, UUID queryId, CheckpointLock.Holder holder) {
    return new TidelineException(
        Condition.CHECKPOINT_IN_USE,
        Map.of(
            "checkpoint", checkpoint.toString(),
            "queryId", queryId.toString(),
            "holderQueryId", holder.queryId(),
            "holderRunId", holder.runId(),
            "holderProcess", holder.process(),
            "holderSince", holder.since()));
  }

  static TidelineException unsupportedLogVersion(Path file, int version, int maxSupported) {
    return new TidelineException(
        Condition.INVALID_LOG_VERSION_MAX_SUPPORTED_VERSION,
        Map.of(
            "file",
            file.toString(),
            "version",
            Integer.toString(version),
            "maxSupportedVersion",
            Integer.toString(maxSupported)));
  }

  static TidelineException malformedLogFile(Path file, String reason) {
    return new TidelineException(
        Condition.MALFORMED_LOG_FILE, Map.of("file", file.toString(), "reason", reason));
  }

  static TidelineException malformedLogFile(Path file, String reason, Throwable cause) {
    return new TidelineException(
        Condition.MALFORMED_LOG_FILE, Map.of("file", file.toString(), "reason", reason), cause);
  }

  static TidelineException inconsistentCheckpoint(Path checkpoint, String reason) {
    return new TidelineException(
        Condition.INCONSISTENT_CHECKPOINT,
        Map.of("checkpoint", checkpoint.toString(), "reason", reason));
  }

  static TidelineException writeFailed(Path file, Throwable cause) {
    return new TidelineException(
        Condition.CHECKPOINT_WRITE_FAILED,
        Map.of("file", file.toString(), "cause", String.valueOf(cause)),
        cause);
  }

  static TidelineException readFailed(Path file, Throwable cause) {
    return new TidelineException(
        Condition.CHECKPOINT_READ_FAILED,
        Map.of("file", file.toString(), "cause", String.valueOf(cause)),
        cause);
  }
}
