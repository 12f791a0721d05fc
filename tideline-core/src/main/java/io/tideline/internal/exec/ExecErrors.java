package io.tideline.internal.exec;

import io.tideline.internal.errors.ErrorCondition;
import io.tideline.internal.errors.ExecutionException;
import io.tideline.internal.errors.TidelineException;
import java.nio.file.Path;
import java.util.Map;

/** The errors batch execution raises, each with its stable condition. */
public final class ExecErrors {
  private ExecErrors() {}

  /** Error conditions of batch execution, with Spark's names where Spark has one. */
  public enum Condition implements ErrorCondition {
    ARITHMETIC_OVERFLOW(
        "22003",
        "<message>. If necessary set \"tideline.sql.ansi.enabled\" to \"false\" to bypass this"
            + " error, or use try_sum. In: <expression>."),
    PATH_NOT_FOUND("42K03", "Path does not exist: <path>. Check the path, or create it first."),
    UNSUPPORTED_FILE_FORMAT(
        "0A000", "No reader for the file format <format>. Use one of: <formats>."),
    FILE_READ_FAILED(
        "KD001",
        "Cannot read <path> (bytes <start> to <end>): <reason>. Check the file exists"
            + " and is readable, and the format options match its contents."),
    UNSUPPORTED_AGGREGATE(
        "0A000",
        "The aggregate function <function> is not supported by batch execution. Rewrite the"
            + " query with count, sum, avg, min, max, first, last or approx_count_distinct."),
    UNSUPPORTED_KEY_TYPE(
        "0A000",
        "A column of type <type> cannot be used as a grouping, join or deduplication key"
            + " (in <expression>). Use atomic, struct or array columns as keys."),
    INVALID_CONF_VALUE(
        "22022",
        "The value '<value>' of the config <key> is invalid: expected <expected>. Fix the"
            + " setting, or remove it to use the default."),
    TASK_FAILED(
        "XX000", "Task for partition <partition> failed: <reason>. See the cause for details.");

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

  public static ExecutionException arithmeticOverflow(String message, String expression) {
    return new ExecutionException(
        Condition.ARITHMETIC_OVERFLOW, Map.of("message", message, "expression", expression));
  }

  public static ExecutionException pathNotFound(Path path) {
    return new ExecutionException(Condition.PATH_NOT_FOUND, Map.of("path", path.toString()));
  }

  public static ExecutionException unsupportedFileFormat(String format, Iterable<String> known) {
    return new ExecutionException(
        Condition.UNSUPPORTED_FILE_FORMAT,
        Map.of("format", format, "formats", String.join(", ", known)));
  }

  public static ExecutionException fileReadFailed(
      Path path, long start, long end, Throwable cause) {
    return new ExecutionException(
        Condition.FILE_READ_FAILED,
        Map.of(
            "path",
            path.toString(),
            "start",
            Long.toString(start),
            "end",
            Long.toString(end),
            "reason",
            String.valueOf(cause.getMessage())),
        cause);
  }

  public static ExecutionException invalidConf(String key, String value, String expected) {
    return new ExecutionException(
        Condition.INVALID_CONF_VALUE, Map.of("key", key, "value", value, "expected", expected));
  }

  public static ExecutionException unsupportedAggregate(String function) {
    return new ExecutionException(Condition.UNSUPPORTED_AGGREGATE, Map.of("function", function));
  }

  public static ExecutionException unsupportedKeyType(String type, String expression) {
    return new ExecutionException(
        Condition.UNSUPPORTED_KEY_TYPE, Map.of("type", type, "expression", expression));
  }

  /**
   * The exception a failed task surfaces to the caller: Tideline's own errors unchanged (so the
   * user sees, say, ARITHMETIC_OVERFLOW), anything else wrapped with the partition it came from.
   */
  public static RuntimeException taskFailed(int partition, Throwable cause) {
    if (cause instanceof TidelineException te) {
      return te;
    }
    if (cause instanceof Error e) {
      throw e;
    }
    return new ExecutionException(
        Condition.TASK_FAILED,
        Map.of("partition", Integer.toString(partition), "reason", String.valueOf(cause)),
        cause);
  }

  /** An internal invariant failed. */
  public static IllegalStateException bug(String what) {
    return new IllegalStateException("Bug in Tideline: " + what);
  }
}
