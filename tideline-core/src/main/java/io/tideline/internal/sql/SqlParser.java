package io.tideline.internal.sql;

import io.tideline.internal.expr.Expr;
import io.tideline.types.DataType;
import java.util.List;

/** Temporary stand-in with the parser's signatures; replaced by the real parser at merge. */
public final class SqlParser {
  private SqlParser() {}

  public static Expr parseExpression(String text) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public static List<String> parseMultipartIdentifier(String text) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public static DataType parseDataType(String text) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
