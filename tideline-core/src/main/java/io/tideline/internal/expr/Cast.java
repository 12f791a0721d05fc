package io.tideline.internal.expr;

import io.tideline.types.DataType;
import java.util.List;

/**
 * {@code CAST(child AS to)}, or {@code TRY_CAST} when {@code tryCast} (null instead of an error).
 * {@code implicit} marks a cast the analyser inserted for type coercion: Spark names such a column
 * after its child and prints only the child.
 */
public record Cast(Expr child, DataType to, boolean tryCast, boolean implicit) implements Expr {

  public Cast(Expr child, DataType to) {
    this(child, to, false, false);
  }

  public static Cast implicit(Expr child, DataType to) {
    return new Cast(child, to, false, true);
  }

  @Override
  public List<Expr> children() {
    return List.of(child);
  }

  @Override
  public Expr withChildren(List<Expr> c) {
    return new Cast(c.get(0), to, tryCast, implicit);
  }

  @Override
  public DataType dataType() {
    return to;
  }

  @Override
  public boolean nullable() {
    return TypeRules.castNullable(this);
  }

  @Override
  public String sql() {
    return (tryCast ? "TRY_CAST(" : "CAST(") + child.sql() + " AS " + to.sql() + ")";
  }
}
