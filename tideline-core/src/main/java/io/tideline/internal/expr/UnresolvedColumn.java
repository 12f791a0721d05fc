package io.tideline.internal.expr;

import io.tideline.types.DataType;
import java.util.List;

/**
 * A column reference by name, {@code amount} or {@code data.amount} or {@code o.data.amount}: the
 * analyser decides which leading parts name a relation alias, a column and struct fields.
 */
public record UnresolvedColumn(List<String> nameParts) implements Expr {
  public UnresolvedColumn {
    nameParts = List.copyOf(nameParts);
  }

  public static UnresolvedColumn of(String... parts) {
    return new UnresolvedColumn(List.of(parts));
  }

  /** The dotted name as the user wrote it, without quoting. */
  public String name() {
    return String.join(".", nameParts);
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
    return Identifiers.quoteParts(nameParts);
  }
}
