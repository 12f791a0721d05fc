package io.tideline.internal.plan;

import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import java.util.List;

/**
 * Spark's {@code UpdatingSessions} step of a batch aggregation grouped by a session window: the
 * rows' own sessions in column {@code session} are replaced by the merged session of their key
 * ({@code keys}, the aggregation's other grouping expressions). Sessions of one key that overlap or
 * touch ({@code next.start <= current.end}) merge into {@code [min start, max end)}. The output has
 * the child's columns; the aggregation above then groups by the merged session.
 */
public record MergeSessions(List<Expr> keys, Attribute session, LogicalPlan child)
    implements LogicalPlan {

  public MergeSessions {
    keys = List.copyOf(keys);
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
    return "MergeSessions " + Explain.exprs(keys) + ", " + Explain.exprs(List.of(session));
  }
}
