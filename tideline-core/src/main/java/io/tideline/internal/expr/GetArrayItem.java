package io.tideline.internal.expr;

import io.tideline.types.ArrayType;
import io.tideline.types.DataType;
import java.util.List;

/** {@code array[index]}, zero-based; past the end is an error under ANSI, else null. Resolved. */
public record GetArrayItem(Expr child, Expr index) implements Expr {

  @Override
  public List<Expr> children() {
    return List.of(child, index);
  }

  @Override
  public Expr withChildren(List<Expr> c) {
    return new GetArrayItem(c.get(0), c.get(1));
  }

  @Override
  public DataType dataType() {
    return ((ArrayType) child.dataType()).elementType();
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public String sql() {
    return child.sql() + "[" + index.sql() + "]";
  }
}
