package io.tideline;

import io.tideline.internal.errors.ErrorCondition;
import io.tideline.internal.errors.TidelineException;
import java.util.Map;

/**
 * Thrown when a query is invalid before any data moves: an unknown column, a type mismatch, an
 * operation Spark does not allow on a stream. The message starts with the error condition in
 * brackets, says where the problem is and how to fix it, as Spark's does.
 */
public class AnalysisException extends TidelineException {

  public AnalysisException(ErrorCondition condition, Map<String, String> parameters) {
    super(condition, parameters);
  }

  public AnalysisException(
      ErrorCondition condition, Map<String, String> parameters, Throwable cause) {
    super(condition, parameters, cause);
  }
}
