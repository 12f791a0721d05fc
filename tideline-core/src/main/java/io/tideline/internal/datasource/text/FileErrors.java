package io.tideline.internal.datasource.text;

import io.tideline.AnalysisException;
import io.tideline.internal.errors.ErrorCondition;
import io.tideline.internal.errors.ExecutionException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The factory of the errors raised by the csv, text and parquet file formats: bad options, missing
 * or unreadable files, malformed records, schemas a format cannot hold. Every message names the
 * file and, where it can, the line or row group.
 */
public final class FileErrors {
  private FileErrors() {}

  /** The error conditions of the file formats, with Spark's names where Spark has one. */
  public enum Condition implements ErrorCondition {
    PATH_NOT_FOUND(
        "42K03", "Path does not exist: <path>. Check the path, or remove it from the load."),
    FAILED_READ_FILE(
        "KD001",
        "Encountered error while reading file <path>: <reason>. Check that the file is readable"
            + " and is a <format> file."),
    /**
     * A record that FAILFAST refuses, as the cause of {@link #FAILED_READ_FILE_NO_HINT}; the
     * message keeps the file, line and what to do.
     */
    MALFORMED_RECORD_IN_PARSING(
        "MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION",
        "22023",
        "Malformed records are detected in record parsing of file <path> at <location>: <reason>."
            + " Record: <record>. Parse Mode: FAILFAST. To process malformed records as null"
            + " result, try setting the option 'mode' as 'PERMISSIVE'."),
    /**
     * A file read that failed on a malformed record; Spark wraps the record's failure in this
     * condition, so the cause carries {@link #MALFORMED_RECORD_IN_PARSING}; its message, which says
     * what to do, is repeated here so the top message alone is enough.
     */
    FAILED_READ_FILE_NO_HINT(
        "FAILED_READ_FILE.NO_HINT",
        "KD001",
        "Encountered error while reading file <path>. Caused by: <reason>"),
    INVALID_CORRUPT_RECORD_TYPE(
        "42804",
        "The column <columnName> for corrupt records must have the nullable STRING type, but got"
            + " <actualType>. Rename the column or set 'columnNameOfCorruptRecord' to another"
            + " name."),
    CANNOT_READ_FILE_FOOTER(
        "KD001",
        "Could not read footer for file <path>: <reason>. Ensure that the file is a Parquet file;"
            + " if it is not, remove it from the input or set the format that matches it."),
    UNABLE_TO_INFER_SCHEMA(
        "42KD9",
        "Unable to infer schema for <format>: <reason>. It must be specified manually with"
            + " schema(...)."),
    UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE(
        "0A000",
        "The <format> datasource doesn't support the column <columnName> of the type"
            + " <columnType>. Cast or drop the column, or use a format that supports it (parquet)."),
    INVALID_OPTION_VALUE(
        "42616", "Invalid value <value> for the <format> option '<option>': <reason>."),
    CSV_HEADER_DOES_NOT_CONFORM_TO_SCHEMA(
        "42000",
        "CSV header does not conform to the schema in file <path>. Header: <header>. Schema:"
            + " <schema>. Expected <expected> but found <found>. Set the option 'enforceSchema' to"
            + " true to ignore the header, or fix the schema."),
    CANNOT_MERGE_SCHEMAS(
        "42KD9",
        "Failed merging schemas of <format> files: field <field> is <left> in one file and"
            + " <right> in <path>. Make the files agree, or give the schema with schema(...)."),
    PARQUET_TYPE_NOT_SUPPORTED(
        "42846",
        "Parquet type not yet supported: <parquetType> (column <column> of file <path>). Read"
            + " the other columns by giving a schema without it."),
    PARQUET_COLUMN_DATA_TYPE_MISMATCH(
        "42846",
        "Column <column> of file <path> has Parquet type <parquetType>, which cannot be read as"
            + " <expectedType>. Give a schema that matches the file, or rewrite the file."),
    TEXT_DATA_SOURCE_MULTIPLE_COLUMNS(
        "42000",
        "The text data source writes a single STRING column, but the data has <count> columns:"
            + " <columns>. Select or concatenate one column first."),
    UNSUPPORTED_COMPRESSION(
        "42616",
        "The <format> writer does not support compression '<codec>'. Use one of <supported>.");

    private final String conditionName;
    private final String sqlState;
    private final String template;

    Condition(String sqlState, String template) {
      this(null, sqlState, template);
    }

    Condition(String conditionName, String sqlState, String template) {
      this.conditionName = conditionName;
      this.sqlState = sqlState;
      this.template = template;
    }

    @Override
    public String conditionName() {
      return conditionName == null ? name() : conditionName;
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

  public static ExecutionException pathNotFound(Path path) {
    return new ExecutionException(Condition.PATH_NOT_FOUND, Map.of("path", path.toString()));
  }

  public static ExecutionException failedRead(String format, Path path, Throwable cause) {
    String reason =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new ExecutionException(
        Condition.FAILED_READ_FILE,
        Map.of("path", path.toString(), "reason", reason, "format", format),
        cause);
  }

  public static ExecutionException failedRead(String format, Path path, String reason) {
    return new ExecutionException(
        Condition.FAILED_READ_FILE,
        Map.of("path", path.toString(), "reason", reason, "format", format));
  }

  public static ExecutionException failedRead(
      String format, Path path, String reason, Throwable cause) {
    return new ExecutionException(
        Condition.FAILED_READ_FILE,
        Map.of("path", path.toString(), "reason", reason, "format", format),
        cause);
  }

  /**
   * A record that FAILFAST mode refuses; {@code record} is cut to 1000 characters as Spark does.
   */
  public static ExecutionException malformedRecord(
      Path path, String location, String reason, String record, Throwable cause) {
    String shown = record.length() > 1000 ? record.substring(0, 1000) + "..." : record;
    return new ExecutionException(
        Condition.MALFORMED_RECORD_IN_PARSING,
        Map.of("path", path.toString(), "location", location, "reason", reason, "record", shown),
        cause);
  }

  /**
   * A FAILFAST file read that stopped at a malformed record, as Spark raises it: {@code
   * FAILED_READ_FILE.NO_HINT} naming the file, caused by the record's own failure.
   */
  public static ExecutionException failedReadOnMalformedRecord(
      Path path, ExecutionException recordFailure) {
    String reason = recordFailure.getMessage();
    return new ExecutionException(
        Condition.FAILED_READ_FILE_NO_HINT,
        Map.of("path", path.toString(), "reason", reason == null ? "" : reason),
        recordFailure);
  }

  public static AnalysisException invalidCorruptRecordType(String column, String typeSql) {
    return new AnalysisException(
        Condition.INVALID_CORRUPT_RECORD_TYPE,
        Map.of("columnName", "`" + column + "`", "actualType", "\"" + typeSql + "\""));
  }

  public static ExecutionException cannotReadFooter(Path path, Throwable cause) {
    String reason =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new ExecutionException(
        Condition.CANNOT_READ_FILE_FOOTER,
        Map.of("path", path.toString(), "reason", reason),
        cause);
  }

  public static AnalysisException unableToInferSchema(String format, String reason) {
    return new AnalysisException(
        Condition.UNABLE_TO_INFER_SCHEMA,
        Map.of("format", format.toUpperCase(java.util.Locale.ROOT), "reason", reason));
  }

  public static AnalysisException unsupportedType(String format, String column, String typeSql) {
    return new AnalysisException(
        Condition.UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE,
        Map.of(
            "format", format.toUpperCase(java.util.Locale.ROOT),
            "columnName", "`" + column + "`",
            "columnType", "\"" + typeSql + "\""));
  }

  public static AnalysisException invalidOption(
      String format, String option, String value, String reason) {
    return new AnalysisException(
        Condition.INVALID_OPTION_VALUE,
        Map.of(
            "format", format,
            "option", option,
            "value", value == null ? "null" : "'" + value + "'",
            "reason", reason));
  }

  public static ExecutionException csvHeaderMismatch(
      Path path, String header, String schema, String expected, String found) {
    return new ExecutionException(
        Condition.CSV_HEADER_DOES_NOT_CONFORM_TO_SCHEMA,
        Map.of(
            "path", path.toString(),
            "header", header,
            "schema", schema,
            "expected", expected,
            "found", found));
  }

  public static AnalysisException cannotMergeSchemas(
      String format, String field, String left, String right, Path path) {
    return new AnalysisException(
        Condition.CANNOT_MERGE_SCHEMAS,
        Map.of(
            "format", format,
            "field", "`" + field + "`",
            "left", left,
            "right", right,
            "path", path.toString()));
  }

  public static AnalysisException parquetTypeNotSupported(
      Path path, String column, String parquetType) {
    return new AnalysisException(
        Condition.PARQUET_TYPE_NOT_SUPPORTED,
        Map.of("path", path.toString(), "column", "`" + column + "`", "parquetType", parquetType));
  }

  public static ExecutionException parquetColumnTypeMismatch(
      Path path, String column, String parquetType, String expectedType) {
    return new ExecutionException(
        Condition.PARQUET_COLUMN_DATA_TYPE_MISMATCH,
        Map.of(
            "path",
            path.toString(),
            "column",
            "`" + column + "`",
            "parquetType",
            parquetType,
            "expectedType",
            expectedType));
  }

  public static AnalysisException textMultipleColumns(int count, String columns) {
    return new AnalysisException(
        Condition.TEXT_DATA_SOURCE_MULTIPLE_COLUMNS,
        Map.of("count", Integer.toString(count), "columns", columns));
  }

  public static AnalysisException unsupportedCompression(
      String format, String codec, String supported) {
    return new AnalysisException(
        Condition.UNSUPPORTED_COMPRESSION,
        Map.of("format", format, "codec", codec, "supported", supported));
  }
}
