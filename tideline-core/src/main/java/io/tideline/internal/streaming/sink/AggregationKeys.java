package io.tideline.internal.streaming.sink;

import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.plan.Aggregate;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.internal.plan.Project;
import io.tideline.internal.plan.StatefulAggregate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The output columns of a streaming query that are the keys of its (last) aggregation: the window
 * and grouping columns by which a sink in update mode replaces the rows it holds ({@link
 * io.tideline.connector.SinkContext#aggregationKeys()}). Traced from the aggregation's grouping
 * through the projections above it, so renames ({@code alias}) keep a column a key; a key computed
 * into something else (even {@code window.start}) stops being one, and a query that does not keep
 * every key has none.
 */
public final class AggregationKeys {
  private AggregationKeys() {}

  /**
   * The names of {@code plan}'s output columns that carry its aggregation's keys, in output order
   * (an empty list when the output keeps none of them); empty when the plan has no aggregation.
   */
  public static Optional<List<String>> of(LogicalPlan plan) {
    if (!hasAggregation(plan)) {
      return Optional.empty();
    }
    Set<Long> ids = keyIds(plan);
    List<String> names = new ArrayList<>();
    if (ids == null) {
      return Optional.of(names);
    }
    for (Attribute a : plan.output()) {
      if (ids.contains(a.exprId())) {
        names.add(a.name());
      }
    }
    // Merging by some of the keys would merge rows of different groups: all or none.
    return Optional.of(names.size() == groupingKeys(plan) ? List.copyOf(names) : List.of());
  }

  /** How many grouping keys the aggregation under the projections of {@code plan} has. */
  private static int groupingKeys(LogicalPlan plan) {
    if (plan instanceof StatefulAggregate s) {
      return s.aggregate().grouping().size();
    }
    if (plan instanceof Aggregate a) {
      return a.grouping().size();
    }
    return plan.children().size() == 1 ? groupingKeys(plan.children().get(0)) : -1;
  }

  private static boolean hasAggregation(LogicalPlan plan) {
    if (plan instanceof StatefulAggregate || plan instanceof Aggregate) {
      return true;
    }
    for (LogicalPlan c : plan.children()) {
      if (hasAggregation(c)) {
        return true;
      }
    }
    return false;
  }

  /** The expression ids of {@code plan}'s key outputs, or null when no aggregation is below. */
  private static Set<Long> keyIds(LogicalPlan plan) {
    if (plan instanceof StatefulAggregate s) {
      return groupingIds(s.aggregate());
    }
    if (plan instanceof Aggregate a) {
      return groupingIds(a);
    }
    if (plan instanceof Project p) {
      Set<Long> below = keyIds(p.child());
      if (below == null) {
        return null;
      }
      Set<Long> out = new HashSet<>();
      for (Expr e : p.projectList()) {
        if (e instanceof Attribute a && below.contains(a.exprId())) {
          out.add(a.exprId());
        } else if (e instanceof Alias al
            && al.child() instanceof Attribute a
            && below.contains(a.exprId())) {
          out.add(al.exprId());
        }
      }
      return out;
    }
    // Filters, sorts, limits, aliases and watermarks pass their child's columns through.
    if (plan.children().size() == 1 && sameOutput(plan, plan.children().get(0))) {
      return keyIds(plan.children().get(0));
    }
    return null;
  }

  private static boolean sameOutput(LogicalPlan a, LogicalPlan b) {
    List<Attribute> x = a.output();
    List<Attribute> y = b.output();
    if (x.size() != y.size()) {
      return false;
    }
    for (int i = 0; i < x.size(); i++) {
      if (x.get(i).exprId() != y.get(i).exprId()) {
        return false;
      }
    }
    return true;
  }

  private static Set<Long> groupingIds(Aggregate aggregate) {
    Set<Long> grouping = new HashSet<>();
    for (Expr g : aggregate.grouping()) {
      if (g instanceof Attribute a) {
        grouping.add(a.exprId());
      }
    }
    Set<Long> out = new HashSet<>();
    for (Expr e : aggregate.aggregateList()) {
      if (e instanceof Attribute a && grouping.contains(a.exprId())) {
        out.add(a.exprId());
      } else if (e instanceof Alias al
          && al.child() instanceof Attribute a
          && grouping.contains(a.exprId())) {
        out.add(al.exprId());
      }
    }
    return out;
  }
}
