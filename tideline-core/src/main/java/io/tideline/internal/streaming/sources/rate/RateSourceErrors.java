package io.tideline.internal.streaming.sources.rate;

import io.tideline.internal.errors.ErrorCondition;
import io.tideline.internal.errors.TidelineException;
import io.tideline.internal.streaming.checkpoint.CheckpointErrors;
import java.nio.file.Path;
import java.util.Map;

/**
 * The factory of every user-facing failure of the {@code rate} source. Wording lives here; tests
 * assert the {@link Condition} and its parameters.
 */
public final class RateSourceErrors {

  /** The rate source's error conditions, with Spark's names where Spark has one. */
  public enum Condition implements ErrorCondition {
    INVALID_RATE_SOURCE_OPTION(
        "42K06",
        "Invalid value '<value>'. The option '<option>' of the rate source must be <requirement>."
            + " Set it to <hint>, or leave it out for the default (<default>)."),
    RATE_SOURCE_USER_SCHEMA_UNSUPPORTED(
        "0A000",
        "RateStreamProvider source does not support user-specified schema. The rate source always"
            + " produces 'timestamp TIMESTAMP, value BIGINT': remove the schema(...) call."),
    INCORRECT_RAMP_UP_RATE(
        "22003",
        "Max offset with <rowsPerSecond> rowsPerSecond is <maxSeconds>, but 'rampUpTimeSeconds' is"
            + " <rampUpTimeSeconds>. Lower rowsPerSecond or rampUpTime so that the row values stay"
            + " within BIGINT."),
    INCORRECT_END_OFFSET(
        "22003",
        "Max offset with <rowsPerSecond> rowsPerSecond is <maxSeconds>, but it's <endSeconds> now"
            + " (<source>). The row values would overflow BIGINT: lower rowsPerSecond and restart"
            + " the query with a new checkpointLocation."),
    MALFORMED_RATE_SOURCE_OFFSET(
        "KD002",
        "The rate source offset '<offset>' in the checkpoint is not a number of seconds. The"
            + " checkpoint may have been edited or damaged; restore it from a backup or start the"
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

  private RateSourceErrors() {}

  static TidelineException invalidOption(
      String option, String value, String requirement, String hint, String defaultValue) {
    return new TidelineException(
        Condition.INVALID_RATE_SOURCE_OPTION,
        Map.of(
            "option", option,
            "value", value,
            "requirement", requirement,
            "hint", hint,
            "default", defaultValue));
  }

  static TidelineException userSchemaUnsupported() {
    return new TidelineException(Condition.RATE_SOURCE_USER_SCHEMA_UNSUPPORTED, Map.of());
  }

  static TidelineException incorrectRampUpRate(
      long rowsPerSecond, long maxSeconds, long rampUpTimeSeconds) {
    return new TidelineException(
        Condition.INCORRECT_RAMP_UP_RATE,
        Map.of(
            "rowsPerSecond", Long.toString(rowsPerSecond),
            "maxSeconds", Long.toString(maxSeconds),
            "rampUpTimeSeconds", Long.toString(rampUpTimeSeconds)));
  }

  static TidelineException incorrectEndOffset(
      long rowsPerSecond, long maxSeconds, long endSeconds, String source) {
    return new TidelineException(
        Condition.INCORRECT_END_OFFSET,
        Map.of(
            "rowsPerSecond", Long.toString(rowsPerSecond),
            "maxSeconds", Long.toString(maxSeconds),
            "endSeconds", Long.toString(endSeconds),
            "source", source));
  }

  static TidelineException malformedOffset(String json) {
    return new TidelineException(
        Condition.MALFORMED_RATE_SOURCE_OFFSET, Map.of("offset", String.valueOf(json)));
  }

  /** A start-time file that is not one number; reported as a malformed checkpoint file. */
  static TidelineException malformedStartTime(Path file, String reason) {
    return new TidelineException(
        CheckpointErrors.Condition.MALFORMED_LOG_FILE,
        Map.of("file", file.toString(), "reason", reason));
  }
}
