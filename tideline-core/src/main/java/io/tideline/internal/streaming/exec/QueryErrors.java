package io.tideline.internal.streaming.exec;

import io.tideline.internal.errors.ErrorCondition;
import io.tideline.internal.errors.TidelineException;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * The factory of user-facing errors in starting and restarting a streaming query: a missing
 * checkpoint location, a name or id already running, a sink refusing the output mode, a query that
 * no longer matches its checkpoint. Conditions carry Spark's names where Spark has one.
 */
public final class QueryErrors {

  /** The error conditions of query start. */
  public enum Condition implements ErrorCondition {
    CHECKPOINT_LOCATION_NOT_SPECIFIED(
        "42000",
        "checkpointLocation must be specified either through option(\"checkpointLocation\","
            + " ...) or SparkSession.conf.set(\"tideline.sql.streaming.checkpointLocation\", ...)"
            + " for the <format> sink (query <query>). Only the memory, console and foreachBatch"
            + " sinks run with a temporary checkpoint."),
    DUPLICATE_STREAMING_QUERY_NAME(
        "42710",
        "Cannot start query with name <name> as a query with that name is already active in this"
            + " session (id = <activeId>). Stop it first, or choose another queryName."),
    CONCURRENT_QUERY(
        "0A000",
        "Cannot start query with id <id> as another query with same id is already active (runId ="
            + " <activeRunId>). Perhaps you are attempting to restart a query from checkpoint"
            + " <checkpoint> that is already active. Stop the running query first."),
    STREAMING_OUTPUT_MODE_UNSUPPORTED_BY_SINK(
        "42KDE",
        "Data source <format> does not support <outputMode> output mode. Use one of: <supported>."),
    STREAMING_CHECKPOINT_QUERY_CHANGED(
        "42K03",
        "The query no longer matches its checkpoint <checkpoint>: <change>. A checkpoint keeps the"
            + " offsets and state of the query that wrote it; restart the original query, or give"
            + " the changed query a new checkpointLocation."),
    INVALID_LOG_VERSION_MAX_SUPPORTED_VERSION(
        "INVALID_LOG_VERSION.MAX_SUPPORTED_VERSION",
        "KD002",
        "UnsupportedLogVersion. The file <file> has format version v<version>, but the maximum"
            + " supported version is v<maxSupportedVersion>. It was written by a newer version of"
            + " Tideline; upgrade Tideline, or start the query with a new checkpointLocation."),
    MALFORMED_LOG_FILE(
        "KD002",
        "Log file <file> is malformed: <reason>. The checkpoint may have been edited or damaged;"
            + " restore it from a backup or start the query with a new checkpointLocation."),
    CHECKPOINT_WRITE_FAILED(
        "58030",
        "Could not write the checkpoint file <file>: <cause>. Check that the checkpoint location"
            + " exists, is writable by this process and has free space.");

    private final String conditionName;
    private final String sqlState;
    private final String template;

    Condition(String sqlState, String template) {
      this(null, sqlState, template);
    }

    Condition(String conditionName, String sqlState, String template) {
      this.conditionName = conditionName == null ? name() : conditionName;
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

  private QueryErrors() {}

  static TidelineException checkpointLocationRequired(String format, String query) {
    return new TidelineException(
        Condition.CHECKPOINT_LOCATION_NOT_SPECIFIED, Map.of("format", format, "query", query));
  }

  static TidelineException duplicateName(String name, UUID activeId) {
    return new TidelineException(
        Condition.DUPLICATE_STREAMING_QUERY_NAME,
        Map.of("name", name, "activeId", activeId.toString()));
  }

  static TidelineException concurrentQuery(UUID id, UUID activeRunId, Path checkpoint) {
    return new TidelineException(
        Condition.CONCURRENT_QUERY,
        Map.of(
            "id",
            id.toString(),
            "activeRunId",
            activeRunId.toString(),
            "checkpoint",
            checkpoint.toString()));
  }

  static TidelineException outputModeUnsupported(
      String format, String outputMode, String supported) {
    return new TidelineException(
        Condition.STREAMING_OUTPUT_MODE_UNSUPPORTED_BY_SINK,
        Map.of("format", format, "outputMode", outputMode, "supported", supported));
  }

  static TidelineException queryChanged(Path checkpoint, String change) {
    return new TidelineException(
        Condition.STREAMING_CHECKPOINT_QUERY_CHANGED,
        Map.of("checkpoint", checkpoint.toString(), "change", change));
  }

  static TidelineException newerVersion(Path file, int version, int maxSupported) {
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

  static TidelineException malformed(Path file, String reason, Throwable cause) {
    return new TidelineException(
        Condition.MALFORMED_LOG_FILE, Map.of("file", file.toString(), "reason", reason), cause);
  }

  static TidelineException writeFailed(Path file, Throwable cause) {
    return new TidelineException(
        Condition.CHECKPOINT_WRITE_FAILED,
        Map.of("file", file.toString(), "cause", String.valueOf(cause)),
        cause);
  }
}
