package io.tideline.internal.streaming.sinks;

import io.tideline.internal.errors.ErrorCondition;
import io.tideline.internal.errors.TidelineException;
import io.tideline.streaming.OutputMode;
import java.util.Map;

/**
 * The factory of user-facing failures of the built-in streaming sinks (memory, console,
 * foreachBatch, files). Wording lives here; tests assert the {@link Condition} and its parameters.
 */
public final class SinkErrors {

  /** The sink error conditions, with Spark's names where Spark has a stable one. */
  public enum Condition implements ErrorCondition {
    MEMORY_SINK_QUERY_NAME_REQUIRED(
        "42601",
        "queryName must be specified for memory sink. The memory sink publishes its rows as the"
            + " table named after the query: add .queryName(\"<name>\") before start()."),
    SINK_PARTITIONING_UNSUPPORTED(
        "0A000",
        "'<sink>' does not support partitioning. Remove partitionBy(...), or write to a file"
            + " format such as parquet or json."),
    STREAMING_OUTPUT_MODE_UNSUPPORTED_DATASOURCE(
        "STREAMING_OUTPUT_MODE.UNSUPPORTED_DATASOURCE",
        "42KDE",
        "Data source <format> does not support <outputMode> output mode. Supported modes:"
            + " <supported>."),
    INVALID_SINK_OPTION(
        "42K06", "Invalid value '<value>' for option '<option>' of the <sink> sink: <reason>."),
    FILE_SINK_PATH_REQUIRED(
        "42601",
        "'path' is not specified for the <format> file sink. Pass the output folder to"
            + " start(path) or set option(\"path\", ...)."),
    PARTITION_COLUMN_NOT_FOUND(
        "42703",
        "Partition column `<column>` not found in schema <schema> of the <format> file sink."
            + " Use one of the query's output columns in partitionBy(...)."),
    ALL_COLUMNS_AS_PARTITION_COLUMNS(
        "0A000",
        "Cannot use all columns for partition columns of the <format> file sink: the data files"
            + " would have no columns. Partition by fewer columns."),
    FILE_SINK_WRITE_FAILED(
        "58030",
        "Could not write <file> for batch <batchId> of the <format> file sink <sinkPath>:"
            + " <reason>. Check that the folder is writable and has free space; the batch's"
            + " files are not committed and the batch is re-run when the query restarts."),
    FILE_SINK_MANIFEST_NOT_CREATED(
        "58030",
        "Could not create the manifest folder <manifest> of the <format> file sink: <reason>."
            + " Check that the output folder is writable."),
    FOREACH_BATCH_USER_FUNCTION_ERROR(
        "39000",
        "An error occurred in the user provided function in foreach batch sink, batch <batchId>."
            + " Reason: <reason>");

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

  private SinkErrors() {}

  /** A memory sink without {@code queryName}, Spark's {@code _LEGACY_ERROR_TEMP_1194}. */
  public static TidelineException memorySinkNeedsQueryName() {
    return new TidelineException(Condition.MEMORY_SINK_QUERY_NAME_REQUIRED, Map.of());
  }

  /** {@code partitionBy} on a sink that cannot partition (memory, console, foreachBatch). */
  public static TidelineException partitioningUnsupported(String sink) {
    return new TidelineException(Condition.SINK_PARTITIONING_UNSUPPORTED, Map.of("sink", sink));
  }

  /**
   * An output mode the sink's provider does not list in {@code supportedOutputModes()}: for the
   * query manager to throw at {@code start()}.
   */
  public static TidelineException unsupportedOutputMode(
      String format, OutputMode mode, Iterable<OutputMode> supported) {
    StringBuilder names = new StringBuilder();
    for (OutputMode m : supported) {
      names.append(names.length() == 0 ? "" : ", ").append(m.toString());
    }
    return new TidelineException(
        Condition.STREAMING_OUTPUT_MODE_UNSUPPORTED_DATASOURCE,
        Map.of("format", format, "outputMode", mode.toString(), "supported", names.toString()));
  }

  static TidelineException invalidOption(String sink, String option, String value, String reason) {
    return new TidelineException(
        Condition.INVALID_SINK_OPTION,
        Map.of("sink", sink, "option", option, "value", value, "reason", reason));
  }

  static TidelineException pathRequired(String format) {
    return new TidelineException(Condition.FILE_SINK_PATH_REQUIRED, Map.of("format", format));
  }

  static TidelineException partitionColumnNotFound(String format, String column, String schema) {
    return new TidelineException(
        Condition.PARTITION_COLUMN_NOT_FOUND,
        Map.of("format", format, "column", column, "schema", schema));
  }

  static TidelineException allColumnsPartitioned(String format) {
    return new TidelineException(
        Condition.ALL_COLUMNS_AS_PARTITION_COLUMNS, Map.of("format", format));
  }

  static TidelineException writeFailed(
      String format, String sinkPath, long batchId, String file, Throwable cause) {
    return new TidelineException(
        Condition.FILE_SINK_WRITE_FAILED,
        Map.of(
            "format", format,
            "sinkPath", sinkPath,
            "batchId", Long.toString(batchId),
            "file", file,
            "reason", String.valueOf(cause.getMessage())),
        cause);
  }

  static TidelineException manifestNotCreated(String format, String manifest, Throwable cause) {
    return new TidelineException(
        Condition.FILE_SINK_MANIFEST_NOT_CREATED,
        Map.of(
            "format", format, "manifest", manifest, "reason", String.valueOf(cause.getMessage())),
        cause);
  }

  static TidelineException foreachBatchFailed(long batchId, Throwable cause) {
    String reason = cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
    return new TidelineException(
        Condition.FOREACH_BATCH_USER_FUNCTION_ERROR,
        Map.of("batchId", Long.toString(batchId), "reason", reason),
        cause);
  }
}
