package io.tideline.internal.plan;

import io.tideline.internal.expr.Attribute;
import java.util.List;

/** The first {@code n} rows (in the child's order, when it has one). */
public record Limit(int n, LogicalPlan child) implements LogicalPlan {

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
    return "Limit " + n;
  }
}
