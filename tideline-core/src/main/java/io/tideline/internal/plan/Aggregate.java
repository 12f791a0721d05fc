package io.tideline.internal.plan;

import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code groupBy(grouping).agg(...)}: {@code aggregateList} are the output columns, each an {@link
 * Attribute} (a grouping column) or an {@code Alias} over an expression of grouping columns and
 * {@code AggregateCall}s.
 */
public record Aggregate(List<Expr> grouping, List<Expr> aggregateList, LogicalPlan child)
    implements LogicalPlan {
  public Aggregate {
    grouping = List.copyOf(grouping);
    aggregateList = List.copyOf(aggregateList);
  }

  @Override
  public List<Attribute> output() {
    List<Attribute> out = new ArrayList<>(aggregateList.size());
    for (Expr e : aggregateList) {
      out.add(Explain.toAttribute(e));
    }
    return out;
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of(child);
  }

  @Override
  public String simpleString() {
    return "Aggregate " + Explain.exprs(grouping) + ", " + Explain.exprs(aggregateList);
  }
}
