package io.tideline.internal.eval;

import io.tideline.internal.errors.ErrorCondition;
import io.tideline.internal.errors.ExecutionException;
import io.tideline.types.DataType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The factory for every error raised while evaluating expressions: ANSI arithmetic and cast
 * failures, bad indexes, invalid function arguments. Wording lives in {@link Condition}; callers
 * pass the offending value and the SQL text of the expression, which Spark shows as the query
 * context.
 */
public final class EvalErrors {
  private static final String ANSI_HINT =
      "If necessary set \"tideline.sql.ansi.enabled\" to \"false\" to bypass this error.";

  /** The error conditions of expression evaluation, with Spark's names and SQLSTATEs. */
  public enum Condition implements ErrorCondition {
    DIVIDE_BY_ZERO(
        "22012",
        "Division by zero. Use try_divide to tolerate divisor being 0 and return NULL instead. "
            + ANSI_HINT
            + "<context>"),
    REMAINDER_BY_ZERO(
        "22012",
        "Remainder by zero. Use `try_mod` to tolerate divisor being 0 and return NULL instead. "
            + ANSI_HINT
            + "<context>"),
    ARITHMETIC_OVERFLOW(
        "22003",
        "<message>. Use '<alternative>' to tolerate overflow and return NULL instead. "
            + ANSI_HINT
            + "<context>"),
    DATETIME_FIELD_OUT_OF_BOUNDS(
        "DATETIME_FIELD_OUT_OF_BOUNDS.WITH_SUGGESTION",
        "22023",
        "<rangeMessage>. " + ANSI_HINT + "<context>"),
    STRING_RESULT_TOO_LONG(
        "54000",
        "<function> would produce a string of <bytes> bytes, more than the limit of <limit>;"
            + " use smaller arguments.<context>"),
    DATE_ARITHMETIC_OVERFLOW(
        "ARITHMETIC_OVERFLOW",
        "22003",
        "<function> moved the date outside the DATE range (years -5877641 to 5881580); use a"
            + " smaller <what>.<context>"),
    CAST_INVALID_INPUT(
        "22018",
        "The value <value> of the type <sourceType> cannot be cast to <targetType> because it is"
            + " malformed. Correct the value as per the syntax, or change its target type. Use"
            + " try_cast to tolerate malformed input and return NULL instead. "
            + ANSI_HINT
            + "<context>"),
    CAST_OVERFLOW(
        "22003",
        "The value <value> of the type <sourceType> cannot be cast to <targetType> due to an"
            + " overflow. Use try_cast to tolerate overflow and return NULL instead. "
            + ANSI_HINT
            + "<context>"),
    NUMERIC_VALUE_OUT_OF_RANGE(
        "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION",
        "22003",
        "<value> cannot be represented as Decimal(<precision>, <scale>). "
            + ANSI_HINT
            + "<context>"),
    INVALID_ARRAY_INDEX(
        "22003",
        "The index <indexValue> is out of bounds. The array has <arraySize> elements. Use the SQL"
            + " function get() to tolerate accessing element at invalid index and return NULL"
            + " instead. "
            + ANSI_HINT
            + "<context>"),
    INVALID_ARRAY_INDEX_IN_ELEMENT_AT(
        "22003",
        "The index <indexValue> is out of bounds. The array has <arraySize> elements. Use"
            + " try_element_at to tolerate accessing element at invalid index and return NULL"
            + " instead. "
            + ANSI_HINT
            + "<context>"),
    INVALID_INDEX_OF_ZERO(
        "22003",
        "The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index"
            + " 1).<context>"),
    INVALID_PARAMETER_VALUE(
        "22023", "The value of parameter(s) <parameter> in <functionName> is invalid: <message>"),
    CANNOT_PARSE_TIMESTAMP(
        "22007",
        "Text <value> could not be parsed as a timestamp with pattern <pattern>. Use try_to_timestamp"
            + " to tolerate invalid input string and return NULL instead. "
            + ANSI_HINT
            + "<context>"),
    DATETIME_OVERFLOW("22008", "Datetime operation overflow: <operation>.<context>"),
    INVALID_FORMAT_ESC_IN_THE_MIDDLE(
        "INVALID_FORMAT.ESC_IN_THE_MIDDLE",
        "42601",
        "The format is invalid: <pattern>. The escape character is not allowed to precede"
            + " <char>.<context>"),
    INVALID_FORMAT_ESC_AT_THE_END(
        "INVALID_FORMAT.ESC_AT_THE_END",
        "42601",
        "The format is invalid: <pattern>. The escape character is not allowed to end with."
            + "<context>"),
    INVALID_REGEX_PATTERN(
        "INVALID_PARAMETER_VALUE.PATTERN",
        "22023",
        "The value of parameter(s) <parameter> in <functionName> is invalid: <pattern> is not a"
            + " valid regular expression (<reason>).<context>"),
    INVALID_REGEX_GROUP_INDEX(
        "INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX",
        "22023",
        "The value of parameter(s) `idx` in <functionName> is invalid: Expects group index"
            + " between 0 and <groupCount>, but got <groupIndex>.<context>"),
    UNSUPPORTED_EXPRESSION(
        "0A000",
        "The expression <expression> cannot be evaluated: <reason>. This is a bug in Tideline if"
            + " the analyser accepted it; please report it.");

    private final String conditionName;
    private final String sqlState;
    private final String template;

    Condition(String sqlState, String template) {
      this(null, sqlState, template);
    }

    Condition(String conditionName, String sqlState, String template) {
      this.conditionName = conditionName == null ? name() : conditionName;
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

  private EvalErrors() {}

  public static ExecutionException divideByZero(String exprSql) {
    return error(Condition.DIVIDE_BY_ZERO, "context", context(exprSql));
  }

  /** {@code %} (and {@code pmod}) by zero, which Spark reports apart from division. */
  public static ExecutionException remainderByZero(String exprSql) {
    return error(Condition.REMAINDER_BY_ZERO, "context", context(exprSql));
  }

  /**
   * {@code message} is Spark's gist, e.g. "integer overflow"; {@code alternative} a try_ function.
   */
  public static ExecutionException arithmeticOverflow(
      String message, String alternative, String exprSql) {
    return error(
        Condition.ARITHMETIC_OVERFLOW,
        "message",
        message,
        "alternative",
        alternative,
        "context",
        context(exprSql));
  }

  /**
   * A date function whose result is outside the DATE range; Spark reports this as integer overflow
   * in every mode.
   */
  public static ExecutionException dateArithmeticOverflow(
      String function, String what, String exprSql) {
    return error(
        Condition.DATE_ARITHMETIC_OVERFLOW,
        "function",
        function,
        "what",
        what,
        "context",
        context(exprSql));
  }

  /** A string function whose result would exceed what one string value can hold. */
  public static ExecutionException stringResultTooLong(
      String function, long bytes, int limit, String exprSql) {
    return error(
        Condition.STRING_RESULT_TOO_LONG,
        "function",
        function,
        "bytes",
        Long.toString(bytes),
        "limit",
        Integer.toString(limit),
        "context",
        context(exprSql));
  }

  /** A date built from fields that do not exist ({@code make_date(2024, 2, 30)}) under ANSI. */
  public static ExecutionException datetimeFieldOutOfBounds(String rangeMessage, String exprSql) {
    return error(
        Condition.DATETIME_FIELD_OUT_OF_BOUNDS,
        "rangeMessage",
        rangeMessage,
        "context",
        context(exprSql));
  }

  /** A string that does not parse as the target type; {@code value} is the raw input text. */
  public static ExecutionException castInvalidInput(
      String value, DataType from, DataType to, String exprSql) {
    return error(
        Condition.CAST_INVALID_INPUT,
        "value",
        "'" + value + "'",
        "sourceType",
        quoteType(from),
        "targetType",
        quoteType(to),
        "context",
        context(exprSql));
  }

  /** {@code value} is already printed as a SQL literal (e.g. {@code 128L} or {@code 1.0E10D}). */
  public static ExecutionException castOverflow(
      String value, DataType from, DataType to, String exprSql) {
    return error(
        Condition.CAST_OVERFLOW,
        "value",
        value,
        "sourceType",
        quoteType(from),
        "targetType",
        quoteType(to),
        "context",
        context(exprSql));
  }

  public static ExecutionException decimalOutOfRange(
      String value, int precision, int scale, String exprSql) {
    return error(
        Condition.NUMERIC_VALUE_OUT_OF_RANGE,
        "value",
        value,
        "precision",
        Integer.toString(precision),
        "scale",
        Integer.toString(scale),
        "context",
        context(exprSql));
  }

  public static ExecutionException invalidArrayIndex(long index, int size, String exprSql) {
    return error(
        Condition.INVALID_ARRAY_INDEX,
        "indexValue",
        Long.toString(index),
        "arraySize",
        Integer.toString(size),
        "context",
        context(exprSql));
  }

  public static ExecutionException invalidElementAtIndex(long index, int size, String exprSql) {
    return error(
        Condition.INVALID_ARRAY_INDEX_IN_ELEMENT_AT,
        "indexValue",
        Long.toString(index),
        "arraySize",
        Integer.toString(size),
        "context",
        context(exprSql));
  }

  public static ExecutionException invalidIndexOfZero(String exprSql) {
    return error(Condition.INVALID_INDEX_OF_ZERO, "context", context(exprSql));
  }

  public static ExecutionException invalidParameter(
      String functionName, String parameter, String message) {
    return error(
        Condition.INVALID_PARAMETER_VALUE,
        "parameter",
        "`" + parameter + "`",
        "functionName",
        "`" + functionName + "`",
        "message",
        message);
  }

  public static ExecutionException cannotParseTimestamp(
      String value, String pattern, String exprSql) {
    return error(
        Condition.CANNOT_PARSE_TIMESTAMP,
        "value",
        "'" + value + "'",
        "pattern",
        "'" + pattern + "'",
        "context",
        context(exprSql));
  }

  public static ExecutionException datetimeOverflow(String operation, String exprSql) {
    return error(Condition.DATETIME_OVERFLOW, "operation", operation, "context", context(exprSql));
  }

  public static ExecutionException likeEscapeInTheMiddle(String pattern, char c, String exprSql) {
    return error(
        Condition.INVALID_FORMAT_ESC_IN_THE_MIDDLE,
        "pattern",
        "'" + pattern + "'",
        "char",
        "'" + c + "'",
        "context",
        context(exprSql));
  }

  public static ExecutionException likeEscapeAtTheEnd(String pattern, String exprSql) {
    return error(
        Condition.INVALID_FORMAT_ESC_AT_THE_END,
        "pattern",
        "'" + pattern + "'",
        "context",
        context(exprSql));
  }

  public static ExecutionException invalidRegex(
      String functionName, String pattern, String reason, String exprSql) {
    return error(
        Condition.INVALID_REGEX_PATTERN,
        "parameter",
        "`regexp`",
        "functionName",
        "`" + functionName + "`",
        "pattern",
        "'" + pattern + "'",
        "reason",
        reason,
        "context",
        context(exprSql));
  }

  public static ExecutionException invalidRegexGroupIndex(
      String functionName, int groupCount, int groupIndex, String exprSql) {
    return error(
        Condition.INVALID_REGEX_GROUP_INDEX,
        "functionName",
        "`" + functionName + "`",
        "groupCount",
        Integer.toString(groupCount),
        "groupIndex",
        Integer.toString(groupIndex),
        "context",
        context(exprSql));
  }

  public static ExecutionException unsupported(String exprSql, String reason) {
    return error(Condition.UNSUPPORTED_EXPRESSION, "expression", exprSql, "reason", reason);
  }

  /** An internal invariant failed: not the user's fault. */
  public static IllegalStateException bug(String what) {
    return new IllegalStateException("Bug in Tideline: " + what);
  }

  private static String quoteType(DataType t) {
    return "\"" + t.sql() + "\"";
  }

  private static String context(String exprSql) {
    return exprSql == null || exprSql.isEmpty() ? "" : "\n== SQL ==\n" + exprSql;
  }

  private static ExecutionException error(Condition c, String... keyValues) {
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      params.put(keyValues[i], keyValues[i + 1]);
    }
    return new ExecutionException(c, params);
  }
}
