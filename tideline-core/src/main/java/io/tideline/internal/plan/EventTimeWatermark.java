package io.tideline.internal.plan;

import io.tideline.internal.expr.Attribute;
import java.util.List;

/**
 * {@code withWatermark(eventTime, delay)}: passes its child's rows through unchanged, declaring
 * {@code eventTime} the event-time column of everything above it and measuring, per micro-batch,
 * the event times that flow through it ({@code stats}), from which the loop derives the next
 * watermark. It drops nothing: late rows are dropped by the stateful operators above it, against
 * the watermark the loop hands them.
 *
 * <p>Only streaming plans hold this node: {@code withWatermark} on a batch DataFrame is a no-op, as
 * Spark's {@code EliminateEventTimeWatermark} makes it.
 *
 * @param eventTime a TIMESTAMP column, or a window struct whose {@code end} is a TIMESTAMP
 * @param delayMs how far behind the largest event time seen the watermark stays, in milliseconds
 * @param stats where this batch's executions add up the event times they see; the loop gives each
 *     batch a fresh one
 */
public record EventTimeWatermark(
    Attribute eventTime, long delayMs, LogicalPlan child, EventTimeStatsCollector stats)
    implements LogicalPlan {

  public EventTimeWatermark(Attribute eventTime, long delayMs, LogicalPlan child) {
    this(eventTime, delayMs, child, new EventTimeStatsCollector());
  }

  /** This node with a fresh stats collector, for one micro-batch. */
  public EventTimeWatermark withFreshStats() {
    return new EventTimeWatermark(eventTime, delayMs, child, new EventTimeStatsCollector());
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
    return "EventTimeWatermark "
        + eventTime.name()
        + '#'
        + eventTime.exprId()
        + ", "
        + delayMs
        + " milliseconds";
  }
}
