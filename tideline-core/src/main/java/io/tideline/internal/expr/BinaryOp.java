package io.tideline.internal.expr;

import io.tideline.types.DataType;
import java.util.List;

/**
 * {@code left op right}. Once resolved, the analyser has coerced the operands to the types the
 * operator needs (for example both sides of {@code =} to one type), so the result type follows from
 * the operands by {@link TypeRules#binaryResultType}.
 */
public record BinaryOp(BinaryOperator op, Expr left, Expr right) implements Expr {

  @Override
  public List<Expr> children() {
    return List.of(left, right);
  }

  @Override
  public Expr withChildren(List<Expr> c) {
    return new BinaryOp(op, c.get(0), c.get(1));
  }

  @Override
  public DataType dataType() {
    return TypeRules.binaryResultType(this);
  }

  @Override
  public boolean nullable() {
    return TypeRules.binaryNullable(this);
  }

  @Override
  public String sql() {
    return "(" + left.sql() + " " + op.symbol() + " " + right.sql() + ")";
  }
}
