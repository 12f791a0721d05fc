package io.tideline.internal.plan;

import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import java.util.List;

/** Keeps the rows whose {@code condition} is true (null counts as false). */
public record Filter(Expr condition, LogicalPlan child) implements LogicalPlan {

  @Override
  public List<Attribute> output() {
    return child.output();
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of(child);
  }

  @Override
  public String simpleString() {
    return "Filter " + condition.sql();
  }
}
