package io.tideline.internal.errors;

import java.util.Map;

/**
 * The base of Tideline's user-facing exceptions: every one carries an {@link ErrorCondition} and
 * the parameters that filled its message, so callers and tests can act on the condition instead of
 * parsing prose.
 */
public class TidelineException extends RuntimeException {
  private final transient ErrorCondition condition;
  private final Map<String, String> parameters;

  public TidelineException(
      ErrorCondition condition, Map<String, String> parameters, Throwable cause) {
    super(condition.format(parameters), cause);
    this.condition = condition;
    this.parameters = Map.copyOf(parameters);
  }

  public TidelineException(ErrorCondition condition, Map<String, String> parameters) {
    this(condition, parameters, null);
  }

  public ErrorCondition condition() {
    return condition;
  }

  /** The condition's name, e.g. {@code DIVIDE_BY_ZERO}. */
  public String getCondition() {
    return condition.conditionName();
  }

  public String getSqlState() {
    return condition.sqlState();
  }

  public Map<String, String> parameters() {
    return parameters;
  }
}
