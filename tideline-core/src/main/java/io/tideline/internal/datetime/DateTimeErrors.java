package io.tideline.internal.datetime;

import io.tideline.internal.errors.ErrorCondition;
import io.tideline.internal.errors.ExecutionException;
import java.util.Map;

/**
 * The error conditions of dates, times and datetime patterns, with Spark's condition names, and the
 * factory that builds their exceptions so wording lives in one place.
 */
public final class DateTimeErrors {
  private static final String PATTERN_GUIDE =
      "Spark's page \"Datetime Patterns for Formatting and Parsing\" lists the valid letters.";

  /** Conditions raised by the datetime package. */
  public enum Condition implements ErrorCondition {
    INVALID_DATETIME_PATTERN_ILLEGAL_CHARACTER(
        "INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER",
        "22007",
        "Found illegal character '<c>' in datetime pattern '<pattern>'. Remove it, or quote it"
            + " ('<c>') to print it as text. "
            + PATTERN_GUIDE),
    INVALID_DATETIME_PATTERN_LENGTH(
        "INVALID_DATETIME_PATTERN.LENGTH",
        "22007",
        "Too many letters in datetime pattern '<pattern>': '<letters>' is not allowed. Use fewer"
            + " letters. "
            + PATTERN_GUIDE),
    INVALID_DATETIME_PATTERN_WITH_SUGGESTION(
        "INVALID_DATETIME_PATTERN.WITH_SUGGESTION",
        "22007",
        "Unrecognized datetime pattern '<pattern>': <reason>. " + PATTERN_GUIDE),
    DATETIME_WEEK_BASED_PATTERN(
        "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_WEEK_BASED_PATTERN",
        "42K0B",
        "Week-based pattern letter '<c>' in datetime pattern '<pattern>' is unsupported since"
            + " Spark 3.0. Use the SQL function EXTRACT instead."),
    DATETIME_PATTERN_RECOGNITION(
        "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION",
        "42K0B",
        "Datetime pattern '<pattern>' was valid before Spark 3.0 but is not anymore (<reason>)."
            + " Rewrite it with the letters of Spark 3 and later. "
            + PATTERN_GUIDE),
    CANNOT_PARSE_TIMESTAMP(
        "CANNOT_PARSE_TIMESTAMP",
        "22007",
        "Text '<input>' does not match the datetime pattern '<pattern>'. Use `try_to_timestamp`"
            + " to tolerate invalid input string and return NULL instead."),
    DATETIME_OVERFLOW("DATETIME_OVERFLOW", "22008", "Datetime operation overflow: <operation>."),
    INVALID_TIMEZONE(
        "INVALID_TIMEZONE",
        "22009",
        "The timezone '<timeZone>' is invalid. Use a region id of the form 'area/city', such as"
            + " 'America/Los_Angeles', or an offset '(+|-)HH', '(+|-)HH:mm' or '(+|-)HH:mm:ss'"
            + " between -18:00 and +18:00; 'Z' and 'UTC' mean '+00:00'.");

    private final String name;
    private final String sqlState;
    private final String template;

    Condition(String name, String sqlState, String template) {
      this.name = name;
      this.sqlState = sqlState;
      this.template = template;
    }

    @Override
    public String conditionName() {
      return name;
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

  private DateTimeErrors() {}

  static DateTimePatternException illegalCharacter(char c, String pattern) {
    return new DateTimePatternException(
        Condition.INVALID_DATETIME_PATTERN_ILLEGAL_CHARACTER,
        Map.of("c", String.valueOf(c), "pattern", pattern),
        null);
  }

  static DateTimePatternException tooManyLetters(String letters, String pattern) {
    return new DateTimePatternException(
        Condition.INVALID_DATETIME_PATTERN_LENGTH,
        Map.of("letters", letters, "pattern", pattern),
        null);
  }

  static DateTimePatternException weekBased(char c, String pattern) {
    return new DateTimePatternException(
        Condition.DATETIME_WEEK_BASED_PATTERN,
        Map.of("c", String.valueOf(c), "pattern", pattern),
        null);
  }

  static DateTimePatternException unrecognized(String pattern, IllegalArgumentException cause) {
    return new DateTimePatternException(
        Condition.INVALID_DATETIME_PATTERN_WITH_SUGGESTION,
        Map.of("pattern", pattern, "reason", String.valueOf(cause.getMessage())),
        cause);
  }

  static DateTimePatternException validBeforeSpark3(
      String pattern, IllegalArgumentException cause) {
    return new DateTimePatternException(
        Condition.DATETIME_PATTERN_RECOGNITION,
        Map.of("pattern", pattern, "reason", String.valueOf(cause.getMessage())),
        cause);
  }

  /**
   * The error of {@code to_timestamp} and friends under ANSI mode for a string that does not match
   * its pattern.
   */
  public static ExecutionException cannotParseTimestamp(String input, String pattern) {
    return new ExecutionException(
        Condition.CANNOT_PARSE_TIMESTAMP, Map.of("input", input, "pattern", pattern));
  }

  /** A time zone name that names no zone. */
  public static ExecutionException invalidTimeZone(String timeZone) {
    return new ExecutionException(Condition.INVALID_TIMEZONE, Map.of("timeZone", timeZone));
  }

  /** A date or timestamp computation whose result leaves its type's range. */
  public static ExecutionException datetimeOverflow(String operation) {
    return new ExecutionException(Condition.DATETIME_OVERFLOW, Map.of("operation", operation));
  }
}
