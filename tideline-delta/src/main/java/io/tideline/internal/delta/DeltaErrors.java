package io.tideline.internal.delta;

import io.tideline.AnalysisException;
import io.tideline.internal.errors.ErrorCondition;
import io.tideline.internal.errors.TidelineException;
import java.util.Map;

/**
 * The factory of every user-facing failure of the {@code delta} format. Condition names are Delta
 * Lake's where Delta has one ({@code DELTA_METADATA_MISMATCH}, {@code DELTA_VERSION_NOT_FOUND},
 * ...); the texts say which table, which columns and what to do.
 */
public final class DeltaErrors {

  /** The Delta format's error conditions. */
  public enum Condition implements ErrorCondition {
    DELTA_MISSING_DELTA_TABLE(
        "42P01",
        "<path> is not a Delta table: it has no _delta_log. Check the path, or write the table"
            + " first with df.write().format(\"delta\").save(path)."),
    TABLE_OR_VIEW_ALREADY_EXISTS(
        "42P07",
        "Cannot create table <relationName> because it already exists (at <path>). Use"
            + " mode(\"append\") or mode(\"overwrite\"), or mode(\"ignore\") to skip the"
            + " write."),
    DELTA_PATH_EXISTS(
        "42K04",
        "Cannot write to the existing Delta table <path> with mode 'errorifexists'. Use"
            + " mode(\"append\") or mode(\"overwrite\"), or mode(\"ignore\") to skip the write."),
    DELTA_METADATA_MISMATCH(
        "42KDG",
        "A schema mismatch was detected when writing to the Delta table <path><where>. <problem>"
            + "\nTable schema:\n<tableSchema>\nData schema:\n<dataSchema>\nTo add the new columns"
            + " to the table, set the option mergeSchema to true; to change a column's type, cast"
            + " the column in the query to the table's type."),
    DELTA_PARTITION_COLUMNS_MISMATCH(
        "42KDG",
        "Partition columns do not match the partition columns of the Delta table <path>. Given:"
            + " [<given>], table: [<table>]. Remove partitionBy, or write to a new table."),
    DELTA_PARTITION_COLUMN_NOT_FOUND(
        "42703",
        "The partition column <column> is not a column of the data written to <path>. Columns:"
            + " <columns>."),
    DELTA_UNSUPPORTED_DATA_TYPES(
        "0AKDC",
        "The column <column> of type <type> cannot be stored in the Delta table <path>: Delta"
            + " has no such type. Cast the column to a supported type (for a NULL literal, cast"
            + " it to the type the column should have)."),
    DELTA_UNSUPPORTED_TABLE_FEATURE(
        "0AKDC",
        "The Delta table <path> uses <feature>, which Tideline does not read or write yet."
            + " <hint>"),
    DELTA_INVALID_IDEMPOTENT_WRITES_OPTIONS(
        "42616",
        "Both txnVersion and txnAppId must be specified for idempotent DataFrame writes. Found"
            + " txnAppId=<appId>, txnVersion=<version>."),
    DELTA_INVALID_OPTION(
        "42616", "Invalid value '<value>' for the Delta option '<option>': expected <expected>."),
    DELTA_CANNOT_SPECIFY_BOTH_VERSION_AND_TIMESTAMP(
        "42613",
        "Cannot specify both versionAsOf and timestampAsOf when reading the Delta table <path>."
            + " Keep one of them."),
    DELTA_VERSION_NOT_FOUND(
        "22003",
        "Cannot time travel the Delta table <path> to version <version>. Available versions:"
            + " [<earliest>, <latest>]."),
    DELTA_TIMESTAMP_GREATER_THAN_COMMIT(
        "42816",
        "The provided timestamp (<timestamp>) is after the latest version available to the Delta"
            + " table <path> (<latestTimestamp>). Use a timestamp before or at <latestTimestamp>."),
    DELTA_TIMESTAMP_EARLIER_THAN_COMMIT_RETENTION(
        "42816",
        "The provided timestamp (<timestamp>) is before the earliest version available to the"
            + " Delta table <path>. Use a timestamp after or at <earliestTimestamp>."),
    DELTA_UNSUPPORTED_SCHEMA_DURING_READ(
        "0AKDC",
        "Delta does not support specifying the schema at read time (table <path>): the table's"
            + " own schema is used. Remove the schema(...) call."),
    DELTA_PATH_REQUIRED(
        "42601",
        "The Delta format needs the table's path or name: use <call>, or the catalog's calls"
            + " with a table name (toTable, saveAsTable, t.table, readStream().table)."),
    DELTA_UPDATE_MODE_KEYS_NOT_FOUND(
        "0AKDC",
        "Update mode into the Delta table <path><where> merges rows by the keys of the query's"
            + " aggregation, but the query's output does not keep them as columns. Select the"
            + " grouping columns (and the window) unchanged, or use complete mode."),
    DELTA_WRITE_FAILED(
        "58030",
        "Writing <what> to the Delta table <path><where> failed: <reason>. Nothing of this write"
            + " is visible in the table; <hint>"),
    DELTA_COMMIT_STATE_UNKNOWN(
        "40000",
        "The commit of <what> to the Delta table <path><where> may or may not have happened:"
            + " <reason>. Run it again: a write with a transaction id (every streaming batch) is"
            + " skipped when its commit did happen."),
    DELTA_READ_FAILED("58030", "Reading the Delta table <path> failed: <reason>."),
    DELTA_INTERNAL_ERROR(
        "XX000",
        "Bug in Tideline: <what> (Delta table <path>). Please report it with the table's"
            + " _delta_log.");

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

  private DeltaErrors() {}

  static AnalysisException notADeltaTable(String path) {
    return new AnalysisException(Condition.DELTA_MISSING_DELTA_TABLE, Map.of("path", path));
  }

  static AnalysisException tableExists(String name, String path) {
    return new AnalysisException(
        Condition.TABLE_OR_VIEW_ALREADY_EXISTS,
        Map.of("relationName", "`" + name.replace(".", "`.`") + "`", "path", path));
  }

  static AnalysisException pathExists(String path) {
    return new AnalysisException(Condition.DELTA_PATH_EXISTS, Map.of("path", path));
  }

  static AnalysisException schemaMismatch(
      String path, String where, String problem, String tableSchema, String dataSchema) {
    return new AnalysisException(
        Condition.DELTA_METADATA_MISMATCH,
        Map.of(
            "path", path,
            "where", where,
            "problem", problem,
            "tableSchema", tableSchema,
            "dataSchema", dataSchema));
  }

  static AnalysisException partitionColumnsMismatch(String path, String given, String table) {
    return new AnalysisException(
        Condition.DELTA_PARTITION_COLUMNS_MISMATCH,
        Map.of("path", path, "given", given, "table", table));
  }

  static AnalysisException partitionColumnNotFound(String path, String column, String columns) {
    return new AnalysisException(
        Condition.DELTA_PARTITION_COLUMN_NOT_FOUND,
        Map.of("path", path, "column", column, "columns", columns));
  }

  static AnalysisException unsupportedType(String path, String column, String type) {
    return new AnalysisException(
        Condition.DELTA_UNSUPPORTED_DATA_TYPES,
        Map.of("path", path, "column", column, "type", type));
  }

  static AnalysisException unsupportedFeature(String path, String feature, String hint) {
    return new AnalysisException(
        Condition.DELTA_UNSUPPORTED_TABLE_FEATURE,
        Map.of("path", path, "feature", feature, "hint", hint));
  }

  static AnalysisException invalidIdempotentWriteOptions(String appId, String version) {
    return new AnalysisException(
        Condition.DELTA_INVALID_IDEMPOTENT_WRITES_OPTIONS,
        Map.of("appId", String.valueOf(appId), "version", String.valueOf(version)));
  }

  static AnalysisException invalidOption(String option, String value, String expected) {
    return new AnalysisException(
        Condition.DELTA_INVALID_OPTION,
        Map.of("option", option, "value", value, "expected", expected));
  }

  static AnalysisException bothVersionAndTimestamp(String path) {
    return new AnalysisException(
        Condition.DELTA_CANNOT_SPECIFY_BOTH_VERSION_AND_TIMESTAMP, Map.of("path", path));
  }

  static AnalysisException versionNotFound(String path, long version, long earliest, long latest) {
    return new AnalysisException(
        Condition.DELTA_VERSION_NOT_FOUND,
        Map.of(
            "path",
            path,
            "version",
            Long.toString(version),
            "earliest",
            Long.toString(earliest),
            "latest",
            Long.toString(latest)));
  }

  static AnalysisException timestampAfterLatest(String path, String timestamp, String latest) {
    return new AnalysisException(
        Condition.DELTA_TIMESTAMP_GREATER_THAN_COMMIT,
        Map.of("path", path, "timestamp", timestamp, "latestTimestamp", latest));
  }

  static AnalysisException timestampBeforeEarliest(String path, String timestamp, String earliest) {
    return new AnalysisException(
        Condition.DELTA_TIMESTAMP_EARLIER_THAN_COMMIT_RETENTION,
        Map.of("path", path, "timestamp", timestamp, "earliestTimestamp", earliest));
  }

  static AnalysisException schemaDuringRead(String path) {
    return new AnalysisException(
        Condition.DELTA_UNSUPPORTED_SCHEMA_DURING_READ, Map.of("path", path));
  }

  static AnalysisException pathRequired(String call) {
    return new AnalysisException(Condition.DELTA_PATH_REQUIRED, Map.of("call", call));
  }

  static AnalysisException updateKeysNotFound(String path, String where) {
    return new AnalysisException(
        Condition.DELTA_UPDATE_MODE_KEYS_NOT_FOUND, Map.of("path", path, "where", where));
  }

  static TidelineException writeFailed(
      String what, String path, String where, Throwable cause, String hint) {
    return new TidelineException(
        Condition.DELTA_WRITE_FAILED,
        Map.of(
            "what",
            what,
            "path",
            path,
            "where",
            where,
            "reason",
            String.valueOf(cause.getMessage()),
            "hint",
            hint),
        cause);
  }

  static TidelineException commitStateUnknown(
      String what, String path, String where, Throwable cause) {
    return new TidelineException(
        Condition.DELTA_COMMIT_STATE_UNKNOWN,
        Map.of(
            "what", what,
            "path", path,
            "where", where,
            "reason", String.valueOf(cause.getMessage())),
        cause);
  }

  static TidelineException readFailed(String path, Throwable cause) {
    return new TidelineException(
        Condition.DELTA_READ_FAILED,
        Map.of("path", path, "reason", String.valueOf(cause.getMessage())),
        cause);
  }

  static TidelineException bug(String path, String what) {
    return new TidelineException(
        Condition.DELTA_INTERNAL_ERROR, Map.of("path", path, "what", what));
  }
}
