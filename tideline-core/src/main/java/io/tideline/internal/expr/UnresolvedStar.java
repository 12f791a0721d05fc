package io.tideline.internal.expr;

import io.tideline.types.DataType;
import java.util.List;

/** {@code *} (empty target) or {@code data.*}: expands to columns or struct fields in analysis. */
public record UnresolvedStar(List<String> target) implements Expr {
  public UnresolvedStar {
    target = List.copyOf(target);
  }

  @Override
  public List<Expr> children() {
    return List.of();
  }

  @Override
  public Expr withChildren(List<Expr> newChildren) {
    return this;
  }

  @Override
  public boolean selfResolved() {
    return false;
  }

  @Override
  public DataType dataType() {
    throw Expr.unresolved(this);
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public String sql() {
    return target.isEmpty() ? "*" : Identifiers.quoteParts(target) + ".*";
  }
}
