package io.tideline.internal.plan;

import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * Spark's {@code TimeWindowing} rewrite of {@code window(time, windowMicros, slideMicros,
 * startMicros)}: each input row with a non-null {@code time} comes out once per window {@code
 * [start, end)} containing it, with the window in a new first column {@code window}; rows whose
 * time is null are dropped, as in Spark. A tumbling window ({@code slideMicros == windowMicros})
 * gives every row exactly one window; a sliding one gives {@code ceil(window / slide)} candidates,
 * latest start first, of which those not containing the time are dropped.
 *
 * <p>The streaming planner finds a query's windowed event time here: {@link #timeColumn()} is the
 * column the watermark applies to, {@link #window()} the grouping column derived from it.
 */
public record TimeWindowAssign(
    Attribute window,
    Expr timeColumn,
    long windowMicros,
    long slideMicros,
    long startMicros,
    LogicalPlan child)
    implements LogicalPlan {

  /** How many candidate windows each row is checked against: {@code ceil(window / slide)}. */
  public int maxWindowsPerRow() {
    return (int) ((windowMicros + slideMicros - 1) / slideMicros);
  }

  @Override
  public List<Attribute> output() {
    List<Attribute> out = new ArrayList<>(child.output().size() + 1);
    out.add(window);
    out.addAll(child.output());
    return out;
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of(child);
  }

  @Override
  public String simpleString() {
    return "TimeWindowAssign "
        + Explain.exprs(List.of(window))
        + ", "
        + timeColumn.sql()
        + ", "
        + windowMicros
        + ", "
        + slideMicros
        + ", "
        + startMicros;
  }
}
