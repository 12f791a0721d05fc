package io.tideline.internal.plan;

import io.tideline.internal.expr.Attribute;
import java.util.ArrayList;
import java.util.List;

/** {@code df.alias("o")}: the child's columns, qualified by {@code alias} for {@code o.amount}. */
public record SubqueryAlias(String alias, LogicalPlan child) implements LogicalPlan {

  @Override
  public List<Attribute> output() {
    List<Attribute> out = new ArrayList<>();
    for (Attribute a : child.output()) {
      out.add(a.withQualifier(List.of(alias)));
    }
    return out;
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of(child);
  }

  @Override
  public String simpleString() {
    return "SubqueryAlias " + alias;
  }
}
