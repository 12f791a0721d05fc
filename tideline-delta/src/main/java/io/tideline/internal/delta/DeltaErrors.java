package io.tideline.internal.delta;

import io.delta.kernel.exceptions.ConcurrentWriteException;
import io.delta.kernel.exceptions.MetadataChangedException;
import io.delta.kernel.exceptions.ProtocolChangedException;
import io.tideline.AnalysisException;
import io.tideline.internal.errors.ErrorCondition;
import io.tideline.internal.errors.TidelineException;
import java.util.List;
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
    DELTA_NON_PARTITION_COLUMN_REFERENCE(
        "42P10",
        "Predicate references non-partition column '<columnName>'. Only the partition columns may"
            + " be referenced: [<columnList>] (Delta table <path>)."),
    DELTA_FAILED_RECOGNIZE_PREDICATE(
        "42601",
        "Cannot recognize the predicate '<predicate>' (Delta table <path>): <reason>. Write a SQL"
            + " condition on partition columns, such as date = '2026-11-26'."),
    DELTA_CONCURRENT_DELETE_DELETE(
        "2D521",
        "<operation> of the Delta table <path> was not committed: a concurrent commit removed files"
            + " it rewrote (<reason>). Nothing of it is visible in the table; run it again."),
    DELTA_METADATA_CHANGED(
        "2D521",
        "<operation> of the Delta table <path> was not committed: a concurrent commit changed the"
            + " table's metadata (schema, partitioning or properties) (<reason>). Nothing of it is"
            + " visible in the table; run it again."),
    DELTA_PROTOCOL_CHANGED(
        "2D521",
        "<operation> of the Delta table <path> was not committed: a concurrent commit changed the"
            + " table's protocol (<reason>). Nothing of it is visible in the table; run it again."),
    DELTA_TABLE_NOT_FOUND(
        "42P01",
        "Delta table <tableName> doesn't exist: <path> has no _delta_log. Check the name, or"
            + " create the table first (writeStream().toTable(name) or"
            + " write().saveAsTable(name))."),
    DELTA_STARTING_VERSION_AND_TIMESTAMP_BOTH_SET(
        "42613",
        "Please either provide 'startingVersion' or 'startingTimestamp' when streaming from the"
            + " Delta table <path>, not both."),
    DELTA_SOURCE_IGNORE_DELETE(
        "0A000",
        "The Delta table <table> that this stream reads deleted data at version <version> (for"
            + " example the file <removedFile>). A Delta streaming source only reads data that is"
            + " appended, so it cannot reflect a delete. If deletes remove whole partitions and the"
            + " stream may ignore them, set the option ignoreDeletes to true; to skip every commit"
            + " that deletes or rewrites data, set skipChangeCommits to true; to read the table as"
            + " it is now, restart the query with a new checkpoint directory."),
    DELTA_SOURCE_TABLE_IGNORE_CHANGES(
        "0A000",
        "The Delta table <table> that this stream reads changed existing data at version"
            + " <version>: the commit removed files (for example <removedFile>) and added others,"
            + " as an update, a merge, an overwrite or a complete-mode sink does. A Delta"
            + " streaming source only reads data that is appended, so it cannot apply the change."
            + " To skip such commits (the rows they add are not read either), set the option"
            + " skipChangeCommits to true; to read the table as it is now, restart the query with a"
            + " new checkpoint directory."),
    DIFFERENT_DELTA_TABLE_READ_BY_STREAMING_SOURCE(
        "55019",
        "The streaming query reads the Delta table <table> (id = '<newTableId>'), but its"
            + " checkpoint was written reading another Delta table (id = '<oldTableId>'). This"
            + " happens when the query now reads another table, or the table was deleted and"
            + " created again. Read the old table again, or start the query with a new checkpoint"
            + " directory to read this one from scratch."),
    DELTA_SCHEMA_CHANGED_WITH_VERSION(
        "KD007",
        "Detected a schema change in version <version> of the Delta table <table> that this"
            + " stream reads.\nStreaming source schema: <readSchema>\nSchema at version <version>:"
            + " <dataSchema>\nRestart the query: it then reads with the new schema. If this"
            + " repeats across restarts without progress, the change is incompatible and the query"
            + " must start from scratch with a new checkpoint directory."),
    DELTA_SCHEMA_CHANGED_WITH_STARTING_OPTIONS(
        "KD007",
        "Detected a schema change in version <version> of the Delta table <table> that this"
            + " stream reads.\nStreaming source schema: <readSchema>\nSchema at version <version>:"
            + " <dataSchema>\nRestart the query: it then reads with the new schema. If this"
            + " repeats across restarts without progress, the change is incompatible and the query"
            + " must start from scratch with a new checkpoint directory; if it still fails there,"
            + " set startingVersion or startingTimestamp to a version after <version>."),
    DELTA_INVALID_SOURCE_OFFSET_FORMAT(
        "XXKDS",
        "The stored offset of the Delta source reading <table> is invalid: <offset> (<reason>)."
            + " The checkpoint was not written by a Delta source; use the checkpoint of this"
            + " query, or a new checkpoint directory."),
    DELTA_VERSIONS_NOT_CONTIGUOUS(
        "KD00C",
        "The transaction log of the Delta table <table> has a gap: versions <versions> are"
            + " present, but the commit file of version <missing> (<file>) is missing. The table"
            + " cannot be read past version <before> without it; nothing was read from the"
            + " versions after the gap. Restore the file from a backup or copy; if the table's"
            + " own log retention removed it, read from a later version (startingVersion, or a new"
            + " checkpoint directory)."),
    DELTA_COMMIT_FILE_UNREADABLE(
        "XXKDS",
        "The commit file of version <version> of the Delta table <table> is not valid Delta log"
            + " JSON: <file>, line <line>: <reason>. It may be truncated by a crash of a writer"
            + " that does not write atomically, or edited by hand. Nothing of this version was"
            + " read. Restore the file from a backup; the data files it lists are untouched."),
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

  static AnalysisException nonPartitionColumnReference(
      String path, String column, List<String> partitionColumns) {
    return new AnalysisException(
        Condition.DELTA_NON_PARTITION_COLUMN_REFERENCE,
        Map.of(
            "path", path, "columnName", column, "columnList", String.join(", ", partitionColumns)));
  }

  static AnalysisException unrecognizedPredicate(String path, String predicate, Throwable cause) {
    return new AnalysisException(
        Condition.DELTA_FAILED_RECOGNIZE_PREDICATE,
        Map.of("path", path, "predicate", predicate, "reason", String.valueOf(cause.getMessage())),
        cause);
  }

  /**
   * A commit that lost to a concurrent one it cannot be rebased over: Delta's condition for the
   * kind of conflict Kernel found.
   */
  static TidelineException concurrentChange(
      String operation, String path, ConcurrentWriteException cause) {
    Condition condition =
        cause instanceof MetadataChangedException
            ? Condition.DELTA_METADATA_CHANGED
            : cause instanceof ProtocolChangedException
                ? Condition.DELTA_PROTOCOL_CHANGED
                : Condition.DELTA_CONCURRENT_DELETE_DELETE;
    return new TidelineException(
        condition,
        Map.of("operation", operation, "path", path, "reason", String.valueOf(cause.getMessage())),
        cause);
  }

  static AnalysisException tableNotFound(String tableName, String path) {
    return new AnalysisException(
        Condition.DELTA_TABLE_NOT_FOUND, Map.of("tableName", tableName, "path", path));
  }

  static AnalysisException startingVersionAndTimestampBothSet(String path) {
    return new AnalysisException(
        Condition.DELTA_STARTING_VERSION_AND_TIMESTAMP_BOTH_SET, Map.of("path", path));
  }

  static TidelineException sourceIgnoreDelete(String table, long version, String removedFile) {
    return new TidelineException(
        Condition.DELTA_SOURCE_IGNORE_DELETE,
        Map.of("table", table, "version", Long.toString(version), "removedFile", removedFile));
  }

  static TidelineException sourceIgnoreChanges(String table, long version, String removedFile) {
    return new TidelineException(
        Condition.DELTA_SOURCE_TABLE_IGNORE_CHANGES,
        Map.of("table", table, "version", Long.toString(version), "removedFile", removedFile));
  }

  static TidelineException differentTable(String table, String newTableId, String oldTableId) {
    return new TidelineException(
        Condition.DIFFERENT_DELTA_TABLE_READ_BY_STREAMING_SOURCE,
        Map.of("table", table, "newTableId", newTableId, "oldTableId", oldTableId));
  }

  static TidelineException schemaChanged(
      String table, long version, String readSchema, String dataSchema, boolean startingOption) {
    return new TidelineException(
        startingOption
            ? Condition.DELTA_SCHEMA_CHANGED_WITH_STARTING_OPTIONS
            : Condition.DELTA_SCHEMA_CHANGED_WITH_VERSION,
        Map.of(
            "table",
            table,
            "version",
            Long.toString(version),
            "readSchema",
            readSchema,
            "dataSchema",
            dataSchema));
  }

  static TidelineException invalidSourceOffset(String table, String offset, String reason) {
    return new TidelineException(
        Condition.DELTA_INVALID_SOURCE_OFFSET_FORMAT,
        Map.of("table", table, "offset", offset, "reason", reason));
  }

  static TidelineException versionsNotContiguous(
      String table, String versions, long missing, String file, long before) {
    return new TidelineException(
        Condition.DELTA_VERSIONS_NOT_CONTIGUOUS,
        Map.of(
            "table",
            table,
            "versions",
            versions,
            "missing",
            Long.toString(missing),
            "file",
            file,
            "before",
            Long.toString(before)));
  }

  static TidelineException commitFileUnreadable(
      String table, long version, String file, long line, String reason, Throwable cause) {
    return new TidelineException(
        Condition.DELTA_COMMIT_FILE_UNREADABLE,
        Map.of(
            "table",
            table,
            "version",
            Long.toString(version),
            "file",
            file,
            "line",
            Long.toString(line),
            "reason",
            reason),
        cause);
  }

  static TidelineException bug(String path, String what) {
    return new TidelineException(
        Condition.DELTA_INTERNAL_ERROR, Map.of("path", path, "what", what));
  }
}
