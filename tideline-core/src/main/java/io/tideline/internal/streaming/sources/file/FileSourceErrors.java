package io.tideline.internal.streaming.sources.file;

import io.tideline.AnalysisException;
import io.tideline.internal.errors.ErrorCondition;
import io.tideline.internal.errors.TidelineException;
import java.util.Map;

/**
 * The factory of the user-facing failures of the file stream source's setup and offsets; the
 * failures of its options and logs come from {@code FileStreamErrors}. Wording lives here; tests
 * assert the {@link Condition} and its parameters.
 */
public final class FileSourceErrors {

  /** The file source's error conditions. */
  public enum Condition implements ErrorCondition {
    STREAMING_FILE_SOURCE_SCHEMA_REQUIRED(
        "42KD9",
        "Schema must be specified when creating a streaming source DataFrame. If some files"
            + " already exist in the directory, then depending on the file format you may be able"
            + " to create a static DataFrame on that directory with 'spark.read.load(directory)'"
            + " and infer schema from it. Source: <format> files at <path>. Set the schema with"
            + " readStream().schema(...), or set tideline.sql.streaming.schemaInference to true to"
            + " infer it from the files present at load()."),
    STREAMING_FILE_SOURCE_PATH_NOT_SPECIFIED(
        "42000",
        "'path' is not specified for the <format> stream source. Pass the folder or glob to"
            + " load(path), or set the 'path' option."),
    STREAMING_FILE_SOURCE_OPTION_NOT_ALLOWED(
        "42000",
        "option '<option>' is not allowed in file stream sources (<format> at <path>): every new"
            + " file is read once, whatever its modification time. Remove the option."),
    TEXT_SOURCE_SCHEMA_INVALID(
        "42000",
        "Text data source supports only a single column of type STRING, and you have <schema>"
            + " (text files at <path>). Leave out schema(...): a text stream always has the column"
            + " 'value STRING'."),
    STREAMING_FILE_SOURCE_LOG_BATCH_MISSING(
        "55000",
        "The file stream source log <dir> has no entry for its batch <logBatch>, which"
            + " <source> needs to replay offsets (<start>, <end>]. The checkpoint was probably"
            + " edited or partly deleted; restore it from a backup, or start the query with a new"
            + " checkpointLocation."),
    MALFORMED_FILE_SOURCE_OFFSET(
        "KD002",
        "The offset '<offset>' of <source> in the checkpoint is not a file stream source offset"
            + " ({\"logOffset\":N}): <reason>. Restore the checkpoint from a backup, or start the"
            + " query with a new checkpointLocation.");

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

  private FileSourceErrors() {}

  static AnalysisException schemaRequired(String format, String path) {
    return new AnalysisException(
        Condition.STREAMING_FILE_SOURCE_SCHEMA_REQUIRED, Map.of("format", format, "path", path));
  }

  static AnalysisException pathNotSpecified(String format) {
    return new AnalysisException(
        Condition.STREAMING_FILE_SOURCE_PATH_NOT_SPECIFIED, Map.of("format", format));
  }

  static AnalysisException optionNotAllowed(String option, String format, String path) {
    return new AnalysisException(
        Condition.STREAMING_FILE_SOURCE_OPTION_NOT_ALLOWED,
        Map.of("option", option, "format", format, "path", path));
  }

  static AnalysisException textSchemaInvalid(String schema, String path) {
    return new AnalysisException(
        Condition.TEXT_SOURCE_SCHEMA_INVALID, Map.of("schema", schema, "path", path));
  }

  static TidelineException logBatchMissing(
      String dir, long logBatch, String source, long start, long end) {
    return new TidelineException(
        Condition.STREAMING_FILE_SOURCE_LOG_BATCH_MISSING,
        Map.of(
            "dir", dir,
            "logBatch", Long.toString(logBatch),
            "source", source,
            "start", Long.toString(start),
            "end", Long.toString(end)));
  }

  static TidelineException malformedOffset(String offset, String source, String reason) {
    return new TidelineException(
        Condition.MALFORMED_FILE_SOURCE_OFFSET,
        Map.of("offset", String.valueOf(offset), "source", source, "reason", reason));
  }
}
