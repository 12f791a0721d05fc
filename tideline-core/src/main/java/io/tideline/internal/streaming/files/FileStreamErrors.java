package io.tideline.internal.streaming.files;

import io.tideline.internal.errors.ErrorCondition;
import io.tideline.internal.errors.TidelineException;
import io.tideline.internal.streaming.checkpoint.CheckpointErrors;
import java.nio.file.Path;
import java.util.Map;

/**
 * The factory of every user-facing failure of the file stream source, the file sink and their
 * metadata logs. Wording lives here; tests assert the {@link Condition} and its parameters.
 */
public final class FileStreamErrors {

  /** The file stream error conditions, with Spark's names where Spark has one. */
  public enum Condition implements ErrorCondition {
    INVALID_FILE_STREAM_OPTION(
        "42K06",
        "Invalid value '<value>' for option '<option>' of the file stream source: <reason>."),
    CONFLICTING_FILE_STREAM_OPTIONS(
        "42K06",
        "Options '<first>' and '<second>' can't be both set at the same time. Keep one of them."),
    INVALID_CLEAN_SOURCE_ARCHIVE_DIR(
        "42K06",
        "The sourceArchiveDir '<archiveDir>' cannot be used with the source path '<sourcePath>':"
            + " <reason>. Choose an archive folder outside the source folder, so archived files"
            + " are never read again as new input."),
    CLEAN_SOURCE_ON_SINK_OUTPUT_UNSUPPORTED(
        "0A000",
        "Cleaning up source files (cleanSource = <mode>) is not supported when reading from the"
            + " output folder of a file sink, <sourcePath>: the files belong to the sink's"
            + " manifest. Remove the cleanSource option, or read a folder that is not a sink's"
            + " output."),
    MISSING_COMPACTED_LOG_BATCH(
        "55000",
        "The file stream log <dir> is missing <file>, needed to <purpose> (compactInterval"
            + " <compactInterval>). The log was probably edited or partly deleted; restore it from"
            + " a backup, or start the query with a new checkpointLocation or output path."),
    FILE_STREAM_LOG_PURGE_UNSUPPORTED(
        "0A000",
        "The file stream log <dir> cannot be purged: its compaction files hold the entries of"
            + " all older batches. Old batch files are deleted by compaction instead."),
    FILE_SINK_COMMIT_FAILED(
        "58030",
        "Could not commit batch <batchId> to the file sink <sinkPath>: <reason>. Check that only"
            + " one query writes to this output path.");

    private final String sqlState;
    private final String template;

    Condition(String sqlState, String template) {
      this.sqlState = sqlState;
      this.template = template;
    }

    @Override
    public String conditionName() {
      return name();
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

  private FileStreamErrors() {}

  /** An option of the file stream source with a value it cannot take. */
  public static TidelineException invalidOption(String option, String value, String reason) {
    return new TidelineException(
        Condition.INVALID_FILE_STREAM_OPTION,
        Map.of("option", option, "value", String.valueOf(value), "reason", reason));
  }

  static TidelineException conflictingOptions(String first, String second) {
    return new TidelineException(
        Condition.CONFLICTING_FILE_STREAM_OPTIONS, Map.of("first", first, "second", second));
  }

  static TidelineException invalidArchiveDir(Path sourcePath, Path archiveDir, String reason) {
    return new TidelineException(
        Condition.INVALID_CLEAN_SOURCE_ARCHIVE_DIR,
        Map.of(
            "sourcePath", sourcePath.toString(),
            "archiveDir", archiveDir.toString(),
            "reason", reason));
  }

  static TidelineException cleanSourceOnSinkOutput(Path sourcePath, String mode) {
    return new TidelineException(
        Condition.CLEAN_SOURCE_ON_SINK_OUTPUT_UNSUPPORTED,
        Map.of("sourcePath", sourcePath.toString(), "mode", mode));
  }

  static TidelineException missingCompactedBatch(
      Path dir, Path file, String purpose, int compactInterval) {
    return new TidelineException(
        Condition.MISSING_COMPACTED_LOG_BATCH,
        Map.of(
            "dir", dir.toString(),
            "file", file.getFileName().toString(),
            "purpose", purpose,
            "compactInterval", Integer.toString(compactInterval)));
  }

  /** A log line that is not an entry; reported with the checkpoint's malformed-file condition. */
  static TidelineException malformedLogFile(Path file, String reason, Throwable cause) {
    return new TidelineException(
        CheckpointErrors.Condition.MALFORMED_LOG_FILE,
        Map.of("file", file.toString(), "reason", reason),
        cause);
  }

  /** A log folder that cannot be listed; reported with the checkpoint's read-failure condition. */
  static TidelineException listFailed(Path dir, Throwable cause) {
    return new TidelineException(
        CheckpointErrors.Condition.CHECKPOINT_READ_FAILED,
        Map.of("file", dir.toString(), "cause", String.valueOf(cause)),
        cause);
  }

  static TidelineException purgeUnsupported(Path dir) {
    return new TidelineException(
        Condition.FILE_STREAM_LOG_PURGE_UNSUPPORTED, Map.of("dir", dir.toString()));
  }

  static TidelineException sinkCommitFailed(long batchId, Path sinkPath, String reason) {
    return new TidelineException(
        Condition.FILE_SINK_COMMIT_FAILED,
        Map.of(
            "batchId", Long.toString(batchId),
            "sinkPath", sinkPath.toString(),
            "reason", reason));
  }
}
