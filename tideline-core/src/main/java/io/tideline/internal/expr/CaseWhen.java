package io.tideline.internal.expr;

import io.tideline.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code CASE WHEN c1 THEN v1 ... [ELSE e] END}; {@code elseValue} is null when there is no ELSE.
 * The simple form {@code CASE x WHEN a THEN ...} is parsed into this one with {@code x = a}.
 */
public record CaseWhen(List<Expr> conditions, List<Expr> values, Expr elseValue) implements Expr {
  public CaseWhen {
    conditions = List.copyOf(conditions);
    values = List.copyOf(values);
    if (conditions.size() != values.size() || conditions.isEmpty()) {
      throw new IllegalArgumentException("CASE needs one THEN per WHEN, and at least one WHEN");
    }
  }

  @Override
  public List<Expr> children() {
    List<Expr> c = new ArrayList<>(conditions.size() * 2 + 1);
    for (int i = 0; i < conditions.size(); i++) {
      c.add(conditions.get(i));
      c.add(values.get(i));
    }
    if (elseValue != null) {
      c.add(elseValue);
    }
    return c;
  }

  @Override
  public Expr withChildren(List<Expr> c) {
    List<Expr> conds = new ArrayList<>();
    List<Expr> vals = new ArrayList<>();
    for (int i = 0; i + 1 < c.size(); i += 2) {
      conds.add(c.get(i));
      vals.add(c.get(i + 1));
    }
    return new CaseWhen(conds, vals, c.size() % 2 == 1 ? c.get(c.size() - 1) : null);
  }

  @Override
  public DataType dataType() {
    return values.get(0).dataType();
  }

  @Override
  public boolean nullable() {
    return elseValue == null || elseValue.nullable() || values.stream().anyMatch(Expr::nullable);
  }

  @Override
  public String sql() {
    StringBuilder sb = new StringBuilder("CASE");
    for (int i = 0; i < conditions.size(); i++) {
      sb.append(" WHEN ")
          .append(conditions.get(i).sql())
          .append(" THEN ")
          .append(values.get(i).sql());
    }
    if (elseValue != null) {
      sb.append(" ELSE ").append(elseValue.sql());
    }
    return sb.append(" END").toString();
  }
}
