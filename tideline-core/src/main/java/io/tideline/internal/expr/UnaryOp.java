package io.tideline.internal.expr;

import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import java.util.List;

/** {@code NOT x}, {@code -x}, {@code +x}, {@code ~x}, {@code x IS NULL}, {@code x IS NOT NULL}. */
public record UnaryOp(UnaryOperator op, Expr child) implements Expr {

  @Override
  public List<Expr> children() {
    return List.of(child);
  }

  @Override
  public Expr withChildren(List<Expr> c) {
    return new UnaryOp(op, c.get(0));
  }

  @Override
  public DataType dataType() {
    return switch (op) {
      case NOT, IS_NULL, IS_NOT_NULL -> DataTypes.BooleanType;
      default -> child.dataType();
    };
  }

  @Override
  public boolean nullable() {
    return switch (op) {
      case IS_NULL, IS_NOT_NULL -> false;
      default -> child.nullable();
    };
  }

  // A minus sign before a number is part of the literal when parsed, so "- 5" would read back as
  // the literal -5: a non-negative numeric literal operand keeps its own parentheses.
  private String operand() {
    String s = child.sql();
    return child instanceof Literal l && l.value() instanceof Number && !s.startsWith("-")
        ? "(" + s + ")"
        : s;
  }

  @Override
  public String sql() {
    return switch (op) {
      case NOT -> "(NOT " + child.sql() + ")";
      case NEGATE -> "(- " + operand() + ")";
      case POSITIVE -> "(+ " + child.sql() + ")";
      case BIT_NOT -> "~" + child.sql();
      case IS_NULL -> "(" + child.sql() + " IS NULL)";
      case IS_NOT_NULL -> "(" + child.sql() + " IS NOT NULL)";
    };
  }
}
