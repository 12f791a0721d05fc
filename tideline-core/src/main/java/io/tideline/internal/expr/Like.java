package io.tideline.internal.expr;

import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import java.util.List;

/** {@code value LIKE pattern [ESCAPE 'c']}, {@code ILIKE} (case-insensitive) or {@code RLIKE}. */
public record Like(Kind kind, Expr value, Expr pattern, char escape) implements Expr {

  public enum Kind {
    LIKE,
    ILIKE,
    RLIKE
  }

  public Like(Kind kind, Expr value, Expr pattern) {
    this(kind, value, pattern, '\\');
  }

  @Override
  public List<Expr> children() {
    return List.of(value, pattern);
  }

  @Override
  public Expr withChildren(List<Expr> c) {
    return new Like(kind, c.get(0), c.get(1), escape);
  }

  @Override
  public DataType dataType() {
    return DataTypes.BooleanType;
  }

  @Override
  public boolean nullable() {
    return value.nullable() || pattern.nullable();
  }

  @Override
  public String sql() {
    String s = "(" + value.sql() + " " + kind + " " + pattern.sql();
    if (kind != Kind.RLIKE && escape != '\\') {
      s += " ESCAPE " + LiteralSql.quote(String.valueOf(escape));
    }
    return s + ")";
  }
}
