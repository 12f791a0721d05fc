package io.tideline.internal.plan;

import io.tideline.internal.expr.Attribute;
import java.util.List;

/**
 * A node of a resolved logical plan: what a DataFrame computes, independent of how. The DataFrame
 * API builds plans already resolved (each operation is analysed as it is added), so every node
 * knows its {@link #output()} columns; the physical planner turns a plan into {@code ExecNode}s.
 */
public sealed interface LogicalPlan
    permits LocalRelation,
        FileRelation,
        ScanRelation,
        Project,
        Filter,
        Aggregate,
        Join,
        Union,
        Sort,
        Limit,
        Deduplicate,
        SubqueryAlias,
        StreamingRelation,
        StatefulAggregate,
        StatefulDeduplicate,
        StatefulJoin,
        CountRows,
        EventTimeWatermark,
        TimeWindowAssign,
        SessionWindowAssign,
        MergeSessions {

  List<Attribute> output();

  List<LogicalPlan> children();

  /** True when the plan reads an unbounded source (a streaming DataFrame). */
  default boolean isStreaming() {
    for (LogicalPlan c : children()) {
      if (c.isStreaming()) {
        return true;
      }
    }
    return false;
  }

  /** One line describing this node for {@code explain()}, without its children. */
  String simpleString();
}
