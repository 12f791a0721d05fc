package io.tideline.internal.expr;

import io.tideline.types.DataType;
import java.util.List;

/** {@code child AS name}; {@code exprId} is the id of the output column it defines. */
public record Alias(Expr child, String name, long exprId) implements Expr {

  public Alias(Expr child, String name) {
    this(child, name, ExprIds.next());
  }

  /** The output column this alias defines. */
  public Attribute toAttribute() {
    return new Attribute(name, child.dataType(), child.nullable(), exprId, List.of());
  }

  @Override
  public List<Expr> children() {
    return List.of(child);
  }

  @Override
  public Expr withChildren(List<Expr> c) {
    return new Alias(c.get(0), name, exprId);
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
    return child.sql() + " AS " + Identifiers.quote(name);
  }

  // The id is an identity, not part of the expression's meaning: compare without it so that
  // parse(print(e)) equals e.
  @Override
  public boolean equals(Object o) {
    return o instanceof Alias a && a.child.equals(child) && a.name.equals(name);
  }

  @Override
  public int hashCode() {
    return child.hashCode() * 31 + name.hashCode();
  }
}
