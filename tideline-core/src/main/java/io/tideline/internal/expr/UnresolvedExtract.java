package io.tideline.internal.expr;

import io.tideline.types.DataType;
import java.util.List;

/**
 * {@code child[extraction]} (array index or map key) or, when {@code dotted}, {@code child.field}
 * on an expression that is not a plain column name (e.g. {@code from_json(...).amount}); the
 * extraction of a dotted access is a string literal.
 */
public record UnresolvedExtract(Expr child, Expr extraction, boolean dotted) implements Expr {

  @Override
  public List<Expr> children() {
    return List.of(child, extraction);
  }

  @Override
  public Expr withChildren(List<Expr> c) {
    return new UnresolvedExtract(c.get(0), c.get(1), dotted);
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
    if (dotted && extraction instanceof Literal l && l.value() instanceof String s) {
      return base(true) + "." + Identifiers.quote(s);
    }
    return base(false) + "[" + extraction.sql() + "]";
  }

  // The child in parentheses unless it is a call, an extraction or (for [i]) a column name: bare,
  // "a.b" would read back as one column name, "5.a" as a decimal, "~x[0]" as ~(x[0]).
  private String base(boolean dottedAccess) {
    boolean bare =
        child instanceof UnresolvedFunction
            || child instanceof UnresolvedExtract
            || child instanceof Cast
            || child instanceof CaseWhen
            || (child instanceof UnresolvedColumn && !dottedAccess)
            || (child instanceof Literal l && l.value() instanceof String);
    return bare ? child.sql() : "(" + child.sql() + ")";
  }
}
