package io.tideline.internal.sql;

import io.tideline.internal.expr.Expr;
import io.tideline.types.DataType;
import io.tideline.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * The Spark SQL parser for what the DataFrame API takes as text: expressions ({@code expr()},
 * {@code selectExpr}, {@code filter(String)}), multi-part identifiers, data types and DDL schemas.
 *
 * <p>A hand-written single-pass lexer feeds a recursive-descent parser; each call parses its text
 * from scratch, allocating a few arrays and the tree. Every failure is a {@link ParseException}
 * with Spark's error condition and the position of the offending token. Keywords are matched
 * case-insensitively and only the few that would make an expression ambiguous ({@code AND}, {@code
 * CASE}, {@code NULL}, ...; see {@link io.tideline.internal.expr.Identifiers#isReserved}) need
 * backticks when used as names.
 */
public final class SqlParser {
  private SqlParser() {}

  /**
   * Parses one expression, optionally named: {@code amount * 2 AS doubled}, {@code amount doubled},
   * {@code data.*}, {@code count(*)}.
   *
   * @throws ParseException PARSE_EMPTY_STATEMENT for blank text, PARSE_SYNTAX_ERROR and others
   */
  public static Expr parseExpression(String text) {
    return new ExpressionParser(text).singleNamedExpression();
  }

  /**
   * Parses a dotted name, {@code a.b.c} or {@code `a.b`.c}; any keyword is a valid part.
   *
   * @throws ParseException on anything but identifiers separated by dots
   */
  public static List<String> parseMultipartIdentifier(String text) {
    TokenCursor c = new TokenCursor(text);
    if (c.at(SqlLexer.EOF)) {
      throw ParseErrors.emptyStatement(text);
    }
    List<String> parts = new ArrayList<>(2);
    do {
      parts.add(c.identifier("an identifier"));
    } while (c.accept(SqlLexer.DOT));
    c.expectEnd();
    return parts;
  }

  /**
   * Parses a data type in Spark's syntax: {@code bigint}, {@code decimal(10,2)}, {@code
   * array<string>}, {@code map<string,int>}, {@code struct<a:int,b string>}, {@code interval day to
   * second}.
   */
  public static DataType parseDataType(String text) {
    TypeParser p = new TypeParser(text);
    if (p.at(SqlLexer.EOF)) {
      throw ParseErrors.emptyStatement(text);
    }
    DataType t = p.dataType();
    p.expectEnd();
    return t;
  }

  /**
   * Parses a table schema, {@code order_id STRING NOT NULL, amount DOUBLE COMMENT 'in EUR'}, or a
   * struct type {@code struct<order_id:string>}; blank text is the empty schema.
   */
  public static StructType parseTableSchema(String ddl) {
    return new TypeParser(ddl).schema();
  }
}
