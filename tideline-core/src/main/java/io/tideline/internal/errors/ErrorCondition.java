package io.tideline.internal.errors;

import java.util.Map;

/**
 * A stable error condition: a name users can search for (Spark's error-class style, e.g. {@code
 * UNRESOLVED_COLUMN.WITH_SUGGESTION}), an SQLSTATE, and a message template with {@code <param>}
 * placeholders. Each area keeps its conditions in its own enum (for example {@code
 * AnalysisErrors.Condition}) and throws through that area's factory, so wording lives in one place
 * and tests assert the condition and its parameters rather than prose.
 */
public interface ErrorCondition {
  /** The condition's name as printed in brackets at the start of the message. */
  String conditionName();

  String sqlState();

  /** The message template; {@code <name>} is replaced by the parameter {@code name}. */
  String template();

  /** The message: {@code [CONDITION] text with parameters filled in}. */
  default String format(Map<String, String> parameters) {
    String text = template();
    for (Map.Entry<String, String> e : parameters.entrySet()) {
      text = text.replace("<" + e.getKey() + ">", e.getValue());
    }
    return "[" + conditionName() + "] " + text;
  }
}
