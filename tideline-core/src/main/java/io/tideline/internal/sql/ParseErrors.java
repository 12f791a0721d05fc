package io.tideline.internal.sql;

import io.tideline.internal.errors.ErrorCondition;
import java.util.Map;

/** The errors of the SQL parser: its conditions and the factory that builds each exception. */
public final class ParseErrors {
  private ParseErrors() {}

  /** The parser's error conditions, named as Spark names them. */
  public enum Condition implements ErrorCondition {
    PARSE_SYNTAX_ERROR("42601", "Syntax error at or near <error><hint>."),
    PARSE_EMPTY_STATEMENT("42617", "Syntax error, unexpected empty statement."),
    UNCLOSED_BRACKETED_COMMENT(
        "42601",
        "Found an unclosed bracketed comment. Please, append */ at the end of the comment."),
    INVALID_TYPED_LITERAL(
        "42604", "The value of the typed literal <valueType> is invalid: <value>."),
    UNSUPPORTED_TYPED_LITERAL(
        "0A000",
        "Literals of the type <unsupportedType> are not supported. Supported types are"
            + " <supportedTypes>."),
    UNSUPPORTED_DATATYPE("0A000", "Unsupported data type <typeName>.<hint>"),
    INCOMPLETE_TYPE_DEFINITION_ARRAY(
        "INCOMPLETE_TYPE_DEFINITION.ARRAY",
        "42K01",
        "The definition of \"ARRAY\" type is incomplete. You must provide an element type. For"
            + " example: \"ARRAY<elementType>\"."),
    INCOMPLETE_TYPE_DEFINITION_MAP(
        "INCOMPLETE_TYPE_DEFINITION.MAP",
        "42K01",
        "The definition of \"MAP\" type is incomplete. You must provide a key type and a value"
            + " type. For example: \"MAP<TIMESTAMP, INT>\"."),
    INCOMPLETE_TYPE_DEFINITION_STRUCT(
        "INCOMPLETE_TYPE_DEFINITION.STRUCT",
        "42K01",
        "The definition of \"STRUCT\" type is incomplete. You must provide at least one field"
            + " type. For example: \"STRUCT<name STRING, phone DECIMAL(10, 0)>\"."),
    DATATYPE_MISSING_SIZE(
        "42K01",
        "DataType <type> requires a length parameter, for example <type>(10). Please specify the"
            + " length."),
    DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION(
        "22003",
        "Decimal precision <precision> exceeds max precision <maxPrecision>. Use a smaller"
            + " precision, at most <maxPrecision>."),
    INVALID_DECIMAL_SCALE(
        "22003",
        "Decimal scale <scale> is invalid for precision <precision>: the scale must be between 0"
            + " and the precision."),
    INVALID_NUMERIC_LITERAL_RANGE(
        "22003",
        "Numeric literal <rawStrippedQualifier> is outside the valid range for <typeName> with"
            + " minimum value of <minValue> and maximum value of <maxValue>. Please adjust the"
            + " value accordingly."),
    INVALID_ESC(
        "42604",
        "Found an invalid escape string: <invalidEscape>. The escape string must contain only one"
            + " character."),
    INVALID_INTERVAL_FORMAT(
        "22006",
        "Error parsing <input> to interval: <reason>. Write it like INTERVAL '10' MINUTE,"
            + " INTERVAL 1 HOUR 30 MINUTES or INTERVAL '1 10:00:00' DAY TO SECOND.");

    private final String name;
    private final String sqlState;
    private final String template;

    Condition(String sqlState, String template) {
      this.name = name();
      this.sqlState = sqlState;
      this.template = template;
    }

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

  /** Where in the text an error is: {@code [start, stop)} character offsets. */
  record Span(String text, int start, int stop) {}

  static ParseException syntaxError(Span at, String hint) {
    String error =
        at.start() >= at.text().length()
            ? "end of input"
            : "'" + at.text().substring(at.start(), at.stop()) + "'";
    return new ParseException(
        Condition.PARSE_SYNTAX_ERROR,
        Map.of("error", error, "hint", hint == null || hint.isEmpty() ? "" : ": " + hint),
        at.text(),
        at.start(),
        at.stop());
  }

  static ParseException emptyStatement(String text) {
    return new ParseException(Condition.PARSE_EMPTY_STATEMENT, Map.of(), text, 0, 0);
  }

  static ParseException unclosedComment(Span at) {
    return at(Condition.UNCLOSED_BRACKETED_COMMENT, Map.of(), at);
  }

  static ParseException invalidTypedLiteral(Span at, String valueType, String value) {
    return at(
        Condition.INVALID_TYPED_LITERAL,
        Map.of("valueType", "\"" + valueType + "\"", "value", "'" + value + "'"),
        at);
  }

  static ParseException unsupportedTypedLiteral(Span at, String type) {
    return at(
        Condition.UNSUPPORTED_TYPED_LITERAL,
        Map.of(
            "unsupportedType",
            "\"" + type + "\"",
            "supportedTypes",
            "\"DATE\", \"TIMESTAMP\", \"TIMESTAMP_LTZ\", \"INTERVAL\", \"X\""),
        at);
  }

  static ParseException unsupportedDataType(Span at, String typeName, String hint) {
    return at(
        Condition.UNSUPPORTED_DATATYPE,
        Map.of("typeName", "\"" + typeName + "\"", "hint", hint == null ? "" : " " + hint),
        at);
  }

  static ParseException incompleteType(Span at, String type) {
    Condition c =
        switch (type) {
          case "ARRAY" -> Condition.INCOMPLETE_TYPE_DEFINITION_ARRAY;
          case "MAP" -> Condition.INCOMPLETE_TYPE_DEFINITION_MAP;
          default -> Condition.INCOMPLETE_TYPE_DEFINITION_STRUCT;
        };
    return at(c, Map.of(), at);
  }

  static ParseException missingSize(Span at, String type) {
    return at(Condition.DATATYPE_MISSING_SIZE, Map.of("type", "\"" + type + "\""), at);
  }

  static ParseException decimalPrecision(Span at, int precision) {
    return at(
        Condition.DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION,
        Map.of("precision", Integer.toString(precision), "maxPrecision", "38"),
        at);
  }

  static ParseException decimalScale(Span at, int precision, int scale) {
    return at(
        Condition.INVALID_DECIMAL_SCALE,
        Map.of("precision", Integer.toString(precision), "scale", Integer.toString(scale)),
        at);
  }

  static ParseException numericRange(Span at, String raw, String typeName, String min, String max) {
    return at(
        Condition.INVALID_NUMERIC_LITERAL_RANGE,
        Map.of("rawStrippedQualifier", raw, "typeName", typeName, "minValue", min, "maxValue", max),
        at);
  }

  static ParseException invalidEscape(Span at, String escape) {
    return at(Condition.INVALID_ESC, Map.of("invalidEscape", "'" + escape + "'"), at);
  }

  static ParseException invalidInterval(Span at, String input, String reason) {
    return at(
        Condition.INVALID_INTERVAL_FORMAT,
        Map.of("input", "'" + input + "'", "reason", reason),
        at);
  }

  private static ParseException at(Condition c, Map<String, String> params, Span at) {
    return new ParseException(c, params, at.text(), at.start(), at.stop());
  }
}
