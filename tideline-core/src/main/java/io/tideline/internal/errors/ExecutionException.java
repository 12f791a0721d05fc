package io.tideline.internal.errors;

import java.util.Map;

/**
 * A failure while data moves: ANSI arithmetic errors, malformed input in FAILFAST mode, an
 * unreadable file. Like Spark's {@code SparkArithmeticException} and friends, it carries its error
 * condition.
 */
public class ExecutionException extends TidelineException {

  public ExecutionException(ErrorCondition condition, Map<String, String> parameters) {
    super(condition, parameters);
  }

  public ExecutionException(
      ErrorCondition condition, Map<String, String> parameters, Throwable cause) {
    super(condition, parameters, cause);
  }
}
