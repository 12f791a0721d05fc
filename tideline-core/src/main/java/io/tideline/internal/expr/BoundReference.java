package io.tideline.internal.expr;

import io.tideline.types.DataType;
import java.util.List;

/** Column {@code ordinal} of the input batch: an {@link Attribute} after binding for execution. */
public record BoundReference(int ordinal, DataType dataType, boolean nullable) implements Expr {

  @Override
  public List<Expr> children() {
    return List.of();
  }

  @Override
  public Expr withChildren(List<Expr> newChildren) {
    return this;
  }

  @Override
  public String sql() {
    return "input[" + ordinal + "]";
  }
}
