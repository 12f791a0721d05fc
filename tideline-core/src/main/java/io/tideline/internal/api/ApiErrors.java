package io.tideline.internal.api;

import io.tideline.AnalysisException;
import io.tideline.internal.errors.ErrorCondition;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The errors of the DataFrame API layer, with Spark's condition names where Spark has them. */
public final class ApiErrors {
  private ApiErrors() {}

  /** Conditions raised by the DataFrame API. */
  public enum Condition implements ErrorCondition {
    PATH_NOT_FOUND("42K03", "Path does not exist: <path>."),
    UNSUPPORTED_DATA_SOURCE(
        "42K02",
        "The data source format <format> is not supported here. Supported formats: <supported>."),
    UNABLE_TO_INFER_SCHEMA(
        "42KD9",
        "Unable to infer schema for <format>. It must be specified manually with schema(...)."),
    PATH_ALREADY_EXISTS(
        "42K04",
        "Path <path> already exists. Set mode as \"overwrite\" to overwrite the existing path,"
            + " \"append\" to add to it, or \"ignore\" to skip the write."),
    INVALID_SAVE_MODE(
        "42000",
        "The save mode <mode> is not valid. Use one of: append, overwrite, errorifexists, ignore."),
    UNSUPPORTED_JOIN_TYPE(
        "42000",
        "Unsupported join type '<joinType>'. Supported join types include: 'inner', 'outer',"
            + " 'full', 'fullouter', 'full_outer', 'leftouter', 'left', 'left_outer', 'rightouter',"
            + " 'right', 'right_outer', 'leftsemi', 'left_semi', 'semi', 'leftanti', 'left_anti',"
            + " 'anti', 'cross'."),
    NUM_COLUMNS_MISMATCH(
        "42826",
        "UNION can only be performed on inputs with the same number of columns, but the first"
            + " input has <firstNumColumns> columns and the <invalidOrdinalNum> input has"
            + " <invalidNumColumns> columns."),
    INCOMPATIBLE_COLUMN_TYPE(
        "42825",
        "UNION can only be performed on inputs with compatible column types. The column"
            + " <columnOrdinalNumber> (<columnName>) of the <tableOrdinalNumber> input is"
            + " <dataType1>, which is not compatible with <dataType2> of the first input."),
    UNRESOLVED_COLUMN_BY_NAME(
        "42703",
        "A column with name <objectName> cannot be resolved. Did you mean one of the following?"
            + " [<proposal>]."),
    MISSING_AGGREGATION(
        "42803",
        "The non-aggregating expression <expression> is based on columns which are not"
            + " participating in the GROUP BY clause. Add the columns or the expression to the"
            + " GROUP BY, aggregate the expression, or use first() if you do not care which of the"
            + " values within a group is returned."),
    CALL_ON_STREAMING_DATASET_UNSUPPORTED(
        "42KDE",
        "The method <methodName> can not be called on streaming Dataset/DataFrame: use"
            + " writeStream() to start a streaming query."),
    WRITE_STREAM_NOT_ALLOWED(
        "42601",
        "'writeStream' can be called only on streaming Dataset/DataFrame: read the input with"
            + " readStream() to run a streaming query, or use write() for a batch DataFrame."),
    INVALID_SCHEMA_FOR_ROWS("22023", "Row <rowIndex> does not fit the schema: <reason>."),
    WRITE_FAILED("58030", "Writing <format> to <path> failed: <reason>."),
    SAVE_PATH_REQUIRED(
        "42000",
        "Writing <format> files needs a path: call save(path) or set option(\"path\", ...)."),
    PARTITION_COLUMN_NOT_FOUND(
        "42703",
        "Partition column `<column>` not found in schema <schema>. Use one of the DataFrame's"
            + " columns in partitionBy(...)."),
    ALL_COLUMNS_AS_PARTITION_COLUMNS(
        "0A000",
        "Cannot use all columns for partition columns of a <format> write: the data files would"
            + " have no columns. Partition by fewer columns."),
    MULTIPLE_PATHS_UNSUPPORTED(
        "42000",
        "The <format> source reads one path at a time, but load() was given <count>: <paths>."
            + " Read each path and union the DataFrames.");

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

  public static AnalysisException error(Condition condition, String... keyValues) {
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      params.put(keyValues[i], keyValues[i + 1]);
    }
    return new AnalysisException(condition, params);
  }

  public static String backticked(Collection<String> names) {
    StringBuilder sb = new StringBuilder();
    for (String n : names) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append('`').append(n).append('`');
    }
    return sb.toString();
  }
}
