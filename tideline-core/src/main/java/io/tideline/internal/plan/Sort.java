package io.tideline.internal.plan;

import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.SortOrder;
import java.util.List;

/** {@code orderBy}: a total order of all rows when {@code global}, else within each partition. */
public record Sort(List<SortOrder> order, boolean global, LogicalPlan child)
    implements LogicalPlan {
  public Sort {
    order = List.copyOf(order);
  }

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
    return "Sort " + Explain.exprs(order) + ", " + global;
  }
}
