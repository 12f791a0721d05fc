package io.tideline.internal.plan;

import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * Spark's {@code SessionWindowing} rewrite of {@code session_window(time, gap)}: each input row
 * gets its own session {@code [time, time + gap)} in a new first column {@code session_window}.
 * Rows whose time is null, or whose gap is null or not positive, are dropped, as in Spark. Merging
 * the sessions of one key is {@link MergeSessions}' job.
 *
 * @param gap a STRING interval evaluated per row, or null when the gap is the constant {@code
 *     gapMicros}
 */
public record SessionWindowAssign(
    Attribute session, Expr timeColumn, Expr gap, long gapMicros, LogicalPlan child)
    implements LogicalPlan {

  @Override
  public List<Attribute> output() {
    List<Attribute> out = new ArrayList<>(child.output().size() + 1);
    out.add(session);
    out.addAll(child.output());
    return out;
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of(child);
  }

  @Override
  public String simpleString() {
    return "SessionWindowAssign "
        + Explain.exprs(List.of(session))
        + ", "
        + timeColumn.sql()
        + ", "
        + (gap == null ? gapMicros + "" : gap.sql());
  }
}
