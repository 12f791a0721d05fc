package io.tideline.internal.expr;

import io.tideline.types.DataType;
import java.util.List;

/**
 * A sort key: {@code child ASC|DESC NULLS FIRST|LAST}. Spark's defaults: ascending sorts nulls
 * first, descending sorts nulls last.
 */
public record SortOrder(Expr child, boolean ascending, boolean nullsFirst) implements Expr {

  public static SortOrder asc(Expr child) {
    return new SortOrder(child, true, true);
  }

  public static SortOrder desc(Expr child) {
    return new SortOrder(child, false, false);
  }

  @Override
  public List<Expr> children() {
    return List.of(child);
  }

  @Override
  public Expr withChildren(List<Expr> c) {
    return new SortOrder(c.get(0), ascending, nullsFirst);
  }

  @Override
  public DataType dataType() {
    return child.dataType();
  }

  @Override
  public boolean nullable() {
    return child.nullable();
  }

  @Override
  public String sql() {
    return child.sql()
        + (ascending ? " ASC" : " DESC")
        + (nullsFirst ? " NULLS FIRST" : " NULLS LAST");
  }
}
