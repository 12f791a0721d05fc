package io.tideline.internal.streaming;

import io.tideline.internal.errors.ErrorCondition;
import io.tideline.internal.errors.TidelineException;
import java.util.Map;

/**
 * The factory of user-facing errors in how a stream is set up: interval strings, triggers, output
 * modes. Conditions carry Spark's names where Spark has one.
 */
public final class StreamingErrors {

  private static final String INTERVAL_PREFIX =
      "Error parsing '<input>' to interval. Please ensure that the value provided is in a valid"
          + " format for defining an interval. You can reference the documentation for the"
          + " correct format. ";

  /** The error conditions of stream setup. */
  public enum Condition implements ErrorCondition {
    INVALID_INTERVAL_FORMAT_ARITHMETIC_EXCEPTION(
        "ARITHMETIC_EXCEPTION", "Uncaught arithmetic exception while parsing '<input>'."),
    INVALID_INTERVAL_FORMAT_INPUT_IS_EMPTY("INPUT_IS_EMPTY", "Interval string cannot be empty."),
    INVALID_INTERVAL_FORMAT_INPUT_IS_NULL("INPUT_IS_NULL", "Interval string cannot be null."),
    INVALID_INTERVAL_FORMAT_INVALID_FRACTION(
        "INVALID_FRACTION", "<unit> cannot have fractional part."),
    INVALID_INTERVAL_FORMAT_INVALID_PRECISION(
        "INVALID_PRECISION",
        "Interval can only support nanosecond precision, <value> is out of range."),
    INVALID_INTERVAL_FORMAT_INVALID_PREFIX("INVALID_PREFIX", "Invalid interval prefix <prefix>."),
    INVALID_INTERVAL_FORMAT_INVALID_UNIT("INVALID_UNIT", "Invalid unit <unit>."),
    INVALID_INTERVAL_FORMAT_INVALID_VALUE("INVALID_VALUE", "Invalid value <value>."),
    INVALID_INTERVAL_FORMAT_MISSING_NUMBER(
        "MISSING_NUMBER", "Expect a number after <word> but hit EOL."),
    INVALID_INTERVAL_FORMAT_MISSING_UNIT(
        "MISSING_UNIT", "Expect a unit name after <word> but hit EOL."),
    INVALID_INTERVAL_FORMAT_UNKNOWN_PARSING_ERROR(
        "UNKNOWN_PARSING_ERROR", "Unknown error when parsing <word>."),
    INVALID_INTERVAL_FORMAT_UNRECOGNIZED_NUMBER(
        "UNRECOGNIZED_NUMBER", "Unrecognized number <number>."),
    INVALID_TRIGGER_INTERVAL_NEGATIVE(
        "INVALID_TRIGGER_INTERVAL.NEGATIVE",
        "22023",
        "The trigger interval <interval> is negative: the interval of trigger should not be"
            + " negative. Use a positive interval such as '10 seconds', or 0 to run batches as"
            + " fast as possible."),
    INVALID_TRIGGER_INTERVAL_MONTHS_OR_YEARS(
        "INVALID_TRIGGER_INTERVAL.MONTHS_OR_YEARS",
        "22023",
        "Doesn't support month or year interval: <interval>. A trigger interval must have a fixed"
            + " length: use weeks, days, hours, minutes, seconds or milliseconds."),
    STREAMING_OUTPUT_MODE_INVALID(
        "STREAMING_OUTPUT_MODE.INVALID",
        "42KDE",
        "Invalid streaming output mode: <outputMode>. Accepted output modes are 'Append',"
            + " 'Complete', 'Update'."),
    DATA_SOURCE_NOT_FOUND(
        "DATA_SOURCE_NOT_FOUND",
        "42K02",
        "Failed to find the data source: <provider>. Streaming formats available here: <known>."
            + " Check the format name, or add the module that provides it (tideline-kafka for"
            + " kafka, tideline-delta for delta) to the classpath."),
    STREAMING_SINK_NOT_FOUND(
        "DATA_SOURCE_NOT_FOUND",
        "42K02",
        "Failed to find the streaming sink: <provider>. Streaming sinks available here: <known>."
            + " Check the format name, or add the module that provides it to the classpath.");

    private final String conditionName;
    private final String sqlState;
    private final String template;

    /** A subclass of Spark's {@code INVALID_INTERVAL_FORMAT}. */
    Condition(String subclass, String detail) {
      this("INVALID_INTERVAL_FORMAT." + subclass, "22006", INTERVAL_PREFIX + detail);
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

  private StreamingErrors() {}

  static TidelineException invalidInterval(Condition condition, String input) {
    return new TidelineException(condition, Map.of("input", input));
  }

  static TidelineException invalidInterval(
      Condition condition, String input, String parameter, String value) {
    return new TidelineException(condition, Map.of("input", input, parameter, value));
  }

  /** A trigger interval below zero. */
  public static TidelineException negativeTriggerInterval(String interval) {
    return new TidelineException(
        Condition.INVALID_TRIGGER_INTERVAL_NEGATIVE, Map.of("interval", interval));
  }

  static TidelineException monthsInTriggerInterval(String interval) {
    return new TidelineException(
        Condition.INVALID_TRIGGER_INTERVAL_MONTHS_OR_YEARS, Map.of("interval", interval));
  }

  /** An output mode name other than append, complete and update. */
  public static TidelineException invalidOutputMode(String outputMode) {
    return new TidelineException(
        Condition.STREAMING_OUTPUT_MODE_INVALID, Map.of("outputMode", String.valueOf(outputMode)));
  }

  /** A {@code readStream().format(...)} no source provider answers to. */
  public static TidelineException unknownSource(String format, String known) {
    return new TidelineException(
        Condition.DATA_SOURCE_NOT_FOUND,
        Map.of("provider", String.valueOf(format), "known", known));
  }

  /** A {@code writeStream().format(...)} no sink provider answers to. */
  public static TidelineException unknownSink(String format, String known) {
    return new TidelineException(
        Condition.STREAMING_SINK_NOT_FOUND,
        Map.of("provider", String.valueOf(format), "known", known));
  }
}
