package io.tideline.internal.expr;

import io.tideline.types.DataType;
import java.util.List;

/**
 * A resolved reference to a column of an operator's input. {@code exprId} identifies the column
 * across the plan (two columns named {@code id} from the two sides of a join differ by id), so a
 * {@code Column} taken from one DataFrame keeps meaning the same column after joins and renames.
 * {@code qualifier} holds the relation alias, if any.
 */
public record Attribute(
    String name, DataType dataType, boolean nullable, long exprId, List<String> qualifier)
    implements Expr {

  public Attribute {
    qualifier = List.copyOf(qualifier);
  }

  public Attribute(String name, DataType dataType, boolean nullable) {
    this(name, dataType, nullable, ExprIds.next(), List.of());
  }

  public Attribute withName(String newName) {
    return new Attribute(newName, dataType, nullable, exprId, qualifier);
  }

  public Attribute withNullable(boolean newNullable) {
    return new Attribute(name, dataType, newNullable, exprId, qualifier);
  }

  public Attribute withQualifier(List<String> newQualifier) {
    return new Attribute(name, dataType, nullable, exprId, newQualifier);
  }

  /** A new column with the same name and type but a fresh id. */
  public Attribute newInstance() {
    return new Attribute(name, dataType, nullable, ExprIds.next(), qualifier);
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
  public String sql() {
    return Identifiers.quote(name);
  }
}
