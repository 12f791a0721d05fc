package io.tideline.internal.expr;

import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import java.util.List;

/**
 * {@code value BETWEEN lower AND upper} (inclusive); the analyser rewrites it to two comparisons.
 */
public record Between(Expr value, Expr lower, Expr upper) implements Expr {

  @Override
  public List<Expr> children() {
    return List.of(value, lower, upper);
  }

  @Override
  public Expr withChildren(List<Expr> c) {
    return new Between(c.get(0), c.get(1), c.get(2));
  }

  @Override
  public DataType dataType() {
    return DataTypes.BooleanType;
  }

  @Override
  public boolean nullable() {
    return value.nullable() || lower.nullable() || upper.nullable();
  }

  @Override
  public String sql() {
    return "(" + value.sql() + " BETWEEN " + lower.sql() + " AND " + upper.sql() + ")";
  }
}
