package io.tideline.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tideline.AnalysisException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlParserErrorTest {

  private static ParseException failExpr(String text) {
    return catchThrowableOfType(() -> SqlParser.parseExpression(text), ParseException.class);
  }

  private static ParseException failType(String text) {
    return catchThrowableOfType(() -> SqlParser.parseDataType(text), ParseException.class);
  }

  @Test
  void syntaxError_messageLikeSpark_withCaretUnderToken() {
    ParseException e = failExpr("a + FROM b");
    assertThat(e).isInstanceOf(AnalysisException.class);
    assertThat(e.getCondition()).isEqualTo("PARSE_SYNTAX_ERROR");
    assertThat(e.getSqlState()).isEqualTo("42601");
    assertThat(e.parameters()).containsEntry("error", "'FROM'");
    assertThat(e.offendingText()).isEqualTo("FROM");
    assertThat(e.line()).isEqualTo(1);
    assertThat(e.column()).isEqualTo(5);
    assertThat(e.getMessage())
        .isEqualTo(
            "[PARSE_SYNTAX_ERROR] Syntax error at or near 'FROM': expected an expression."
                + " (line 1, column 5)\n\n== SQL ==\na + FROM b\n----^^^^\n");
  }

  @Test
  void syntaxError_onSecondLine_reportsLineAndColumn() {
    ParseException e = failExpr("a +\n  b c d");
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.column()).isEqualTo(7);
    assertThat(e.offendingText()).isEqualTo("d");
    assertThat(e.getMessage()).endsWith("== SQL ==\na +\n  b c d\n------^\n");
  }

  @Test
  void syntaxError_atEndOfInput() {
    ParseException e = failExpr("a AND");
    assertThat(e.getCondition()).isEqualTo("PARSE_SYNTAX_ERROR");
    assertThat(e.parameters()).containsEntry("error", "end of input");
    assertThat(e.column()).isEqualTo(6);
    assertThat(e.offendingText()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "(a + b|end of input|7|expected ')'",
        "f(a b|'b'|5|expected ',' or ')'",
        "a IN 1|'1'|6|expected '(' after IN",
        "CASE WHEN a THEN b|end of input|19|expected WHEN, ELSE or END",
        "CASE END|'END'|6|expected an expression",
        "CAST(a AS)|')'|10|expected a data type",
        "a IS 5|'5'|6|expected NULL, NOT NULL, TRUE, FALSE, UNKNOWN or DISTINCT FROM after IS",
        "a @ b|'@'|3|expected end of input",
        "a.|end of input|3|expected a field name",
        "a + *|'*'|5|expected an expression",
        "a;|';'|2|expected end of input",
        "'abc|''abc'|1|the string literal is not closed with '",
        "`abc|'`abc'|1|the quoted identifier is not closed with `",
        "count(x) OVER (PARTITION BY y)|'OVER'|10|OVER clauses are not supported yet",
        "transform(a, x -> x + 1)|'->'|16|lambda functions (x -> ...) are not supported yet",
        "f(n => 1)|'=>'|5|named arguments (name => value) are not supported yet",
        "db.f(x)|'('|5|a function name is one identifier; qualified names such as a.b(...) are not supported",
      })
  void syntaxError_positionTokenAndHint(String text, String error, int column, String hint) {
    ParseException e = failExpr(text);
    assertThat(e.getCondition()).isEqualTo("PARSE_SYNTAX_ERROR");
    assertThat(e.parameters()).containsEntry("error", error).containsEntry("hint", ": " + hint);
    assertThat(e.column()).isEqualTo(column);
  }

  @Test
  void emptyStatement_forBlankOrCommentOnlyText() {
    assertThat(failExpr("").getCondition()).isEqualTo("PARSE_EMPTY_STATEMENT");
    assertThat(failExpr("  -- nothing\n ").getCondition()).isEqualTo("PARSE_EMPTY_STATEMENT");
    assertThat(failExpr(" ").getMessage())
        .startsWith("[PARSE_EMPTY_STATEMENT] Syntax error, unexpected empty statement.");
    assertThat(
            catchThrowableOfType(() -> SqlParser.parseMultipartIdentifier(""), ParseException.class)
                .getCondition())
        .isEqualTo("PARSE_EMPTY_STATEMENT");
  }

  @Test
  void unclosedComment_hasItsCondition() {
    ParseException e = failExpr("a /* never closed");
    assertThat(e.getCondition()).isEqualTo("UNCLOSED_BRACKETED_COMMENT");
    assertThat(e.column()).isEqualTo(3);
  }

  @Test
  void invalidTypedLiteral_forBadDateTimestampAndHex() {
    ParseException date = failExpr("DATE '2024-13-01'");
    assertThat(date.getCondition()).isEqualTo("INVALID_TYPED_LITERAL");
    assertThat(date.parameters())
        .containsEntry("valueType", "\"DATE\"")
        .containsEntry("value", "'2024-13-01'");
    assertThat(date.column()).isEqualTo(1);
    assertThat(failExpr("DATE '2023-02-29'").getCondition()).isEqualTo("INVALID_TYPED_LITERAL");
    assertThat(SqlParser.parseExpression("DATE '2024-02-29'")).isNotNull();
    assertThat(failExpr("TIMESTAMP '2024-01-01 25:00:00'").getCondition())
        .isEqualTo("INVALID_TYPED_LITERAL");
    ParseException hex = failExpr("X'0G'");
    assertThat(hex.getCondition()).isEqualTo("INVALID_TYPED_LITERAL");
    assertThat(hex.parameters()).containsEntry("valueType", "\"X\"");
  }

  @Test
  void unsupportedTypedLiteral_forTimestampNtz() {
    ParseException e = failExpr("TIMESTAMP_NTZ '2024-01-01'");
    assertThat(e.getCondition()).isEqualTo("UNSUPPORTED_TYPED_LITERAL");
    assertThat(e.parameters()).containsEntry("unsupportedType", "\"TIMESTAMP_NTZ\"");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "128Y|128|tinyint",
        "-129Y|-129|tinyint",
        "32768S|32768|smallint",
        "9223372036854775808L|9223372036854775808|bigint",
        "1e400|1e400|double",
        "1e39F|1e39|float",
      })
  void numericLiteral_outOfRange(String text, String raw, String type) {
    ParseException e = failExpr(text);
    assertThat(e.getCondition()).isEqualTo("INVALID_NUMERIC_LITERAL_RANGE");
    assertThat(e.parameters())
        .containsEntry("rawStrippedQualifier", raw)
        .containsEntry("typeName", type);
    assertThat(e.column()).isEqualTo(1);
  }

  @Test
  void decimalLiteral_tooManyDigits() {
    ParseException e = failExpr("1234567890123456789012345678901234567890");
    assertThat(e.getCondition()).isEqualTo("DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION");
    assertThat(e.parameters()).containsEntry("precision", "40");
  }

  @Test
  void likeEscape_mustBeOneCharacter() {
    ParseException e = failExpr("a LIKE 'x' ESCAPE '!!'");
    assertThat(e.getCondition()).isEqualTo("INVALID_ESC");
    assertThat(e.parameters()).containsEntry("invalidEscape", "'!!'");
    assertThat(e.column()).isEqualTo(19);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "INTERVAL '1 25:00:00' DAY TO SECOND",
        "INTERVAL '1-12' YEAR TO MONTH",
        "INTERVAL '1:2:3' HOUR TO MINUTE",
        "INTERVAL '1.5' HOUR",
        "INTERVAL 1 YEAR 2 DAYS",
        "INTERVAL '1 fortnight'",
        "INTERVAL 9223372036854775807 DAYS",
      })
  void interval_invalid(String text) {
    ParseException e = failExpr(text);
    assertThat(e.getCondition()).isEqualTo("INVALID_INTERVAL_FORMAT");
    assertThat(e.column()).isGreaterThanOrEqualTo(1);
    assertThat(e.getMessage()).contains("Error parsing '");
  }

  @Test
  void interval_missingUnit_isSyntaxError() {
    ParseException e = failExpr("INTERVAL 5 x");
    // "5 x" is not an interval, so INTERVAL is a column and 5 an alias-less leftover.
    assertThat(e.getCondition()).isEqualTo("PARSE_SYNTAX_ERROR");
    assertThat(e.offendingText()).isEqualTo("5");
  }

  @Test
  void dataType_unknownName_isUnsupported() {
    ParseException e = failType("array<foo>");
    assertThat(e.getCondition()).isEqualTo("UNSUPPORTED_DATATYPE");
    assertThat(e.parameters()).containsEntry("typeName", "\"FOO\"");
    assertThat(e.column()).isEqualTo(7);
    assertThat(failType("interval").getCondition()).isEqualTo("UNSUPPORTED_DATATYPE");
    assertThat(failType("timestamp_ntz").getCondition()).isEqualTo("UNSUPPORTED_DATATYPE");
  }

  @Test
  void dataType_incompleteAndMissingSize() {
    assertThat(failType("array").getCondition()).isEqualTo("INCOMPLETE_TYPE_DEFINITION.ARRAY");
    assertThat(failType("map").getCondition()).isEqualTo("INCOMPLETE_TYPE_DEFINITION.MAP");
    assertThat(failType("struct").getCondition()).isEqualTo("INCOMPLETE_TYPE_DEFINITION.STRUCT");
    assertThat(failType("varchar").getCondition()).isEqualTo("DATATYPE_MISSING_SIZE");
  }

  @Test
  void dataType_decimalLimits() {
    ParseException p = failType("decimal(39, 2)");
    assertThat(p.getCondition()).isEqualTo("DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION");
    assertThat(p.column()).isEqualTo(9);
    assertThat(failType("decimal(5, 6)").getCondition()).isEqualTo("INVALID_DECIMAL_SCALE");
  }

  @Test
  void dataType_syntaxErrors() {
    ParseException e = failType("map<string int>");
    assertThat(e.getCondition()).isEqualTo("PARSE_SYNTAX_ERROR");
    assertThat(e.offendingText()).isEqualTo("int");
    assertThat(e.parameters()).containsEntry("hint", ": expected ','");
    assertThat(failType("int extra").offendingText()).isEqualTo("extra");
  }

  @Test
  void schema_errorsPointAtTheField() {
    ParseException e =
        catchThrowableOfType(
            () -> SqlParser.parseTableSchema("a INT, b STRIN, c INT"), ParseException.class);
    assertThat(e.getCondition()).isEqualTo("UNSUPPORTED_DATATYPE");
    assertThat(e.offendingText()).isEqualTo("STRIN");
    assertThat(e.column()).isEqualTo(10);
    ParseException missingComma =
        catchThrowableOfType(
            () -> SqlParser.parseTableSchema("a INT b STRING"), ParseException.class);
    assertThat(missingComma.offendingText()).isEqualTo("b");
  }

  @Test
  void multipartIdentifier_rejectsOtherTokens() {
    ParseException e =
        catchThrowableOfType(
            () -> SqlParser.parseMultipartIdentifier("a.b + 1"), ParseException.class);
    assertThat(e.getCondition()).isEqualTo("PARSE_SYNTAX_ERROR");
    assertThat(e.offendingText()).isEqualTo("+");
    assertThat(e.column()).isEqualTo(5);
  }
}
