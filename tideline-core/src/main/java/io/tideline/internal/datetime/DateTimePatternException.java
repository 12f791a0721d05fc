package io.tideline.internal.datetime;

import io.tideline.internal.errors.ErrorCondition;
import java.util.Map;

/**
 * An invalid datetime pattern. It is an {@link IllegalArgumentException}, as {@link
 * TimestampFormatter#of}'s contract promises, and carries its error condition and parameters (the
 * pattern and, where one is to blame, the letter) like every Tideline error.
 */
public final class DateTimePatternException extends IllegalArgumentException {
  private final transient ErrorCondition condition;
  private final Map<String, String> parameters;

  DateTimePatternException(
      ErrorCondition condition, Map<String, String> parameters, Throwable cause) {
    super(condition.format(parameters), cause);
    this.condition = condition;
    this.parameters = Map.copyOf(parameters);
  }

  public ErrorCondition condition() {
    return condition;
  }

  /** The condition's name, e.g. {@code INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER}. */
  public String getCondition() {
    return condition.conditionName();
  }

  public Map<String, String> parameters() {
    return parameters;
  }
}
