package io.tideline.internal.expr;

import io.tideline.types.DataType;
import io.tideline.types.StructType;
import java.util.List;

/** The field at {@code ordinal} of a struct-typed {@code child}; resolved. */
public record GetStructField(Expr child, int ordinal, String name) implements Expr {

  @Override
  public List<Expr> children() {
    return List.of(child);
  }

  @Override
  public Expr withChildren(List<Expr> c) {
    return new GetStructField(c.get(0), ordinal, name);
  }

  @Override
  public DataType dataType() {
    return ((StructType) child.dataType()).field(ordinal).dataType();
  }

  @Override
  public boolean nullable() {
    return child.nullable() || ((StructType) child.dataType()).field(ordinal).nullable();
  }

  @Override
  public String sql() {
    return child.sql() + "." + Identifiers.quote(name);
  }
}
