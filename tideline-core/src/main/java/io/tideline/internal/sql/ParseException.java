package io.tideline.internal.sql;

import io.tideline.AnalysisException;
import io.tideline.internal.errors.ErrorCondition;
import java.util.Map;

/**
 * A failure to parse SQL text (an expression, a data type, a schema or an identifier), Spark's
 * {@code ParseException}. Besides its condition and parameters it carries where in the text the
 * problem is; the message ends with the position and the text with a caret under the offending
 * token, as Spark prints it.
 */
public class ParseException extends AnalysisException {
  private final String text;
  private final int startIndex;
  private final int stopIndex;
  private final int line;
  private final int column;

  ParseException(
      ErrorCondition condition,
      Map<String, String> parameters,
      String text,
      int startIndex,
      int stopIndex) {
    super(condition, parameters);
    this.text = text;
    this.startIndex = startIndex;
    this.stopIndex = Math.max(startIndex, stopIndex);
    int l = 1;
    int lineStart = 0;
    for (int i = 0; i < startIndex && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        l++;
        lineStart = i + 1;
      }
    }
    this.line = l;
    this.column = startIndex - lineStart + 1;
  }

  /** The text that failed to parse. */
  public String text() {
    return text;
  }

  /** Offset of the first character of the offending token, 0-based. */
  public int startIndex() {
    return startIndex;
  }

  /** Offset just after the offending token; equal to {@link #startIndex} at the end of input. */
  public int stopIndex() {
    return stopIndex;
  }

  /** Line of the offending token, 1-based. */
  public int line() {
    return line;
  }

  /** Column of the offending token within its line, 1-based. */
  public int column() {
    return column;
  }

  /** The offending token as written, or the empty string when the error is at the end of input. */
  public String offendingText() {
    return text.substring(Math.min(startIndex, text.length()), Math.min(stopIndex, text.length()));
  }

  @Override
  public String getMessage() {
    StringBuilder sb = new StringBuilder(super.getMessage());
    sb.append(" (line ").append(line).append(", column ").append(column).append(")\n\n");
    sb.append("== SQL ==\n");
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      sb.append(lines[i]).append('\n');
      if (i + 1 == line) {
        int lineEnd = startIndex - (column - 1) + lines[i].length();
        int carets = Math.max(1, Math.min(stopIndex, lineEnd) - startIndex);
        sb.append("-".repeat(column - 1)).append("^".repeat(carets)).append('\n');
      }
    }
    return sb.toString();
  }
}
