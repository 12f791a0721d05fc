package io.tideline.internal.json;

import io.tideline.AnalysisException;
import io.tideline.internal.errors.ErrorCondition;
import io.tideline.internal.errors.ExecutionException;
import io.tideline.types.DataType;
import java.util.Map;

/** The errors of the JSON reader, writer and functions; wording lives here, once. */
public final class JsonErrors {
  private JsonErrors() {}

  /** The error conditions of the JSON area, with Spark's names where Spark has one. */
  public enum Condition implements ErrorCondition {
    MALFORMED_RECORD_IN_PARSING(
        "MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION",
        "22023",
        "Malformed records are detected in record parsing: <record><where>. Parse Mode: FAILFAST."
            + " Cause: <cause>. To process malformed records as null result, try setting the"
            + " option 'mode' as 'PERMISSIVE', or fix the data."),
    MALFORMED_RECORD_IN_SCHEMA_INFERENCE(
        "22023",
        "Malformed records are detected in schema inference: <record><where>. Parse Mode:"
            + " FAILFAST. Cause: <cause>. Set the option 'mode' to 'PERMISSIVE' to get a"
            + " `_corrupt_record` column, or to 'DROPMALFORMED' to ignore such records."),
    PARSE_MODE_UNSUPPORTED(
        "42601",
        "The function <funcName> doesn't support the <mode> mode. Acceptable modes are"
            + " PERMISSIVE and FAILFAST."),
    INVALID_JSON_OPTION(
        "42K06",
        "Invalid value <value> for the JSON option <option>: <reason>. Fix or remove the option."),
    JSON_UNSUPPORTED_DATA_TYPE(
        "0A000",
        "The JSON <where> does not support the data type <type> (in <context>). Use a supported"
            + " type, e.g. STRING, and convert it afterwards."),
    INVALID_CORRUPT_RECORD_TYPE(
        "42804",
        "The column <columnName> for corrupt records must have the nullable STRING type, but"
            + " got <actualType>. Change its type to STRING or choose another name with the"
            + " option 'columnNameOfCorruptRecord'."),
    QUERY_ONLY_CORRUPT_RECORD_COLUMN(
        "UNSUPPORTED_FEATURE.QUERY_ONLY_CORRUPT_RECORD_COLUMN",
        "0A000",
        "Queries from raw JSON files are disallowed when the referenced columns only include the"
            + " internal corrupt record column (named <columnName> by default). Cache or save the"
            + " parsed results first, or select at least one data column with it."),
    DUPLICATED_MAP_KEY(
        "23505",
        "Duplicate map key <key> was found, please check the input data. If you want to remove"
            + " the duplicated keys, you can set <mapKeyDedupPolicy> to \"LAST_WIN\" so that the"
            + " key inserted at last takes precedence."),
    JSON_READ_FAILED(
        "58030",
        "Cannot read the JSON file <path>: <cause>. Check that it exists and is readable.");

    private final String conditionName;
    private final String sqlState;
    private final String template;

    Condition(String sqlState, String template) {
      this(null, sqlState, template);
    }

    /** For Spark's dotted sub-condition names, which an enum constant cannot spell. */
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

  private static final int MAX_RECORD_CHARS = 200;

  /** Truncates a record for a message, so a huge line does not flood the log. */
  static String abbreviate(String record) {
    String oneLine = record.replace("\n", "\\n");
    return oneLine.length() <= MAX_RECORD_CHARS
        ? oneLine
        : oneLine.substring(0, MAX_RECORD_CHARS) + "... (" + oneLine.length() + " chars)";
  }

  /** A malformed record in FAILFAST mode; {@code where} is empty or names the file and line. */
  static ExecutionException malformedRecord(String record, String where, String cause) {
    return new ExecutionException(
        Condition.MALFORMED_RECORD_IN_PARSING,
        Map.of("record", abbreviate(record), "where", where, "cause", cause));
  }

  static ExecutionException malformedInInference(String record, String where, String cause) {
    return new ExecutionException(
        Condition.MALFORMED_RECORD_IN_SCHEMA_INFERENCE,
        Map.of("record", abbreviate(record), "where", where, "cause", cause));
  }

  static AnalysisException parseModeUnsupported(String function, String mode) {
    return new AnalysisException(
        Condition.PARSE_MODE_UNSUPPORTED, Map.of("funcName", "`" + function + "`", "mode", mode));
  }

  static AnalysisException invalidOption(String option, String value, String reason) {
    return new AnalysisException(
        Condition.INVALID_JSON_OPTION,
        Map.of("option", "'" + option + "'", "value", "'" + value + "'", "reason", reason));
  }

  static AnalysisException unsupportedType(String where, DataType type, String context) {
    return new AnalysisException(
        Condition.JSON_UNSUPPORTED_DATA_TYPE,
        Map.of("where", where, "type", type.sql(), "context", context));
  }

  static AnalysisException invalidCorruptRecordType(String column, DataType type) {
    return new AnalysisException(
        Condition.INVALID_CORRUPT_RECORD_TYPE,
        Map.of("columnName", "`" + column + "`", "actualType", type.sql()));
  }

  static AnalysisException queryOnlyCorruptRecordColumn(String column) {
    return new AnalysisException(
        Condition.QUERY_ONLY_CORRUPT_RECORD_COLUMN, Map.of("columnName", "`" + column + "`"));
  }

  static ExecutionException duplicatedMapKey(String key) {
    return new ExecutionException(
        Condition.DUPLICATED_MAP_KEY,
        Map.of("key", key, "mapKeyDedupPolicy", "\"tideline.sql.mapKeyDedupPolicy\""));
  }

  static ExecutionException readFailed(String path, Throwable cause) {
    return new ExecutionException(
        Condition.JSON_READ_FAILED, Map.of("path", path, "cause", String.valueOf(cause)), cause);
  }
}
