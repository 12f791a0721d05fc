package io.tideline.internal.expr;

import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import java.util.ArrayList;
import java.util.List;

/** {@code value IN (list...)}, with SQL's three-valued logic; NOT IN is {@code NOT (x IN ...)}. */
public record In(Expr value, List<Expr> list) implements Expr {
  public In {
    list = List.copyOf(list);
  }

  @Override
  public List<Expr> children() {
    List<Expr> c = new ArrayList<>(list.size() + 1);
    c.add(value);
    c.addAll(list);
    return c;
  }

  @Override
  public Expr withChildren(List<Expr> c) {
    return new In(c.get(0), c.subList(1, c.size()));
  }

  @Override
  public DataType dataType() {
    return DataTypes.BooleanType;
  }

  @Override
  public boolean nullable() {
    return children().stream().anyMatch(Expr::nullable);
  }

  @Override
  public String sql() {
    StringBuilder sb = new StringBuilder("(").append(value.sql()).append(" IN (");
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(list.get(i).sql());
    }
    return sb.append("))").toString();
  }
}
