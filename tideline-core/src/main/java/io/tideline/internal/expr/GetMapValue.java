package io.tideline.internal.expr;

import io.tideline.types.DataType;
import io.tideline.types.MapType;
import java.util.List;

/** {@code map[key]}; a missing key gives null. Resolved. */
public record GetMapValue(Expr child, Expr key) implements Expr {

  @Override
  public List<Expr> children() {
    return List.of(child, key);
  }

  @Override
  public Expr withChildren(List<Expr> c) {
    return new GetMapValue(c.get(0), c.get(1));
  }

  @Override
  public DataType dataType() {
    return ((MapType) child.dataType()).valueType();
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public String sql() {
    return child.sql() + "[" + key.sql() + "]";
  }
}
