package io.tideline.internal.analysis;

import io.tideline.internal.expr.AggregateCall;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.plan.Aggregate;
import io.tideline.internal.plan.Deduplicate;
import io.tideline.internal.plan.EventTimeColumns;
import io.tideline.internal.plan.EventTimeWatermark;
import io.tideline.internal.plan.Join;
import io.tideline.internal.plan.JoinType;
import io.tideline.internal.plan.Limit;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.internal.plan.MergeSessions;
import io.tideline.internal.plan.Plans;
import io.tideline.internal.plan.Sort;
import io.tideline.internal.plan.StatefulAggregate;
import io.tideline.internal.plan.StatefulDeduplicate;
import io.tideline.internal.plan.StreamingJoinHelper;
import io.tideline.internal.plan.Union;
import io.tideline.streaming.OutputMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Spark's rules for which streaming plans each output mode can run, checked at {@code start()}:
 * refuses with Spark's error meaning (an {@code AnalysisException}) before anything runs.
 *
 * <p>The checks run in Spark's order: a plan without a stream; the output mode against the
 * streaming aggregations; every operator bottom-up (distinct aggregates, joins, unions, limits,
 * sorts); then stateful operators chained after an Update or Complete aggregation. The first broken
 * rule is reported.
 *
 * <p>Append mode accepts a streaming aggregation only when one of its grouping keys carries an
 * event-time watermark (the watermarked column itself, or a window over it), as Spark requires: a
 * group is final, and can be emitted, only once the watermark passes it.
 *
 * <p>Where Spark runs something Tideline cannot run yet (a stateful limit), the query is refused
 * with {@code STREAMING_NOT_SUPPORTED_YET} instead of being run with different results. Those rules
 * sit in {@link #checkNotYetSupported}, the place to change when the engine learns them.
 */
public final class UnsupportedOperationChecker {

  private UnsupportedOperationChecker() {}

  /** Throws {@code AnalysisException} when {@code plan} cannot run in {@code outputMode}. */
  public static void checkForStreaming(LogicalPlan plan, OutputMode outputMode) {
    if (!plan.isStreaming()) {
      throw UnsupportedOperationErrors.noStreamingSource(plan.simpleString());
    }
    List<Aggregate> aggregates = streamingAggregates(plan);
    switch (outputMode) {
      case APPEND -> {
        for (Aggregate a : aggregates) {
          if (!hasWatermark(a)) {
            throw UnsupportedOperationErrors.appendAggregationWithoutWatermark(a.simpleString());
          }
        }
      }
      case COMPLETE -> {
        if (aggregates.isEmpty()) {
          throw UnsupportedOperationErrors.completeWithoutAggregation(plan.simpleString());
        }
      }
      case UPDATE -> {
        // Without aggregation Update behaves as Append, as in Spark.
      }
    }
    Plans.foreachUp(plan, node -> checkOperator(node, outputMode));
    checkGlobalWatermarkLimit(plan, outputMode);
  }

  /**
   * Spark's check for chained stateful operators: none may sit above a streaming aggregation that
   * runs in Update or Complete mode, because such an aggregation re-emits revised rows that a
   * downstream stateful operator would take for new (or late) input. Spark can be told to only warn
   * ({@code spark.sql.streaming.statefulOperator.checkCorrectness.enabled=false}); Tideline has no
   * such switch, since the results would be wrong.
   */
  private static void checkGlobalWatermarkLimit(LogicalPlan plan, OutputMode outputMode) {
    if (outputMode == OutputMode.APPEND) {
      return;
    }
    Plans.foreachUp(
        plan,
        node -> {
          if (isStatefulOperation(node)) {
            for (LogicalPlan child : node.children()) {
              if (!streamingAggregates(child).isEmpty()) {
                throw UnsupportedOperationErrors.globalWatermarkCorrectness(
                    node.simpleString(), outputMode.toString());
              }
            }
          }
        });
  }

  /**
   * Spark's stateful operations for the global watermark check. A plain dedup counts only when its
   * keys include the event-time column: without it the dedup drops no row as late and keeps no row
   * back, so revised upstream rows cannot break it.
   */
  private static boolean isStatefulOperation(LogicalPlan node) {
    return (node instanceof Aggregate a && a.child().isStreaming())
        || node instanceof StatefulAggregate
        || (node instanceof Join j && j.left().isStreaming() && j.right().isStreaming())
        || (node instanceof Deduplicate d
            && d.child().isStreaming()
            && (d.withinWatermark() || hasEventTimeKey(d)))
        || (node instanceof StatefulDeduplicate s
            && (s.withinWatermark() || s.eventTimeKey() >= 0));
  }

  private static boolean hasEventTimeKey(Deduplicate d) {
    Map<Long, Long> marks = EventTimeColumns.of(d.child());
    for (Attribute k : d.keys()) {
      if (marks.containsKey(k.exprId())) {
        return true;
      }
    }
    return false;
  }

  private static void checkOperator(LogicalPlan node, OutputMode outputMode) {
    checkOneEventTimeColumn(node);
    if (node instanceof Aggregate a && a.child().isStreaming()) {
      for (AggregateCall call : aggregateCalls(a.aggregateList())) {
        if (call.distinct()) {
          throw UnsupportedOperationErrors.distinctAggregation(a.simpleString());
        }
      }
      if (a.child() instanceof MergeSessions m) {
        if (outputMode == OutputMode.UPDATE) {
          throw UnsupportedOperationErrors.sessionWindowInUpdateMode(a.simpleString());
        }
        if (m.keys().isEmpty()) {
          throw UnsupportedOperationErrors.globalSessionWindow(a.simpleString());
        }
      }
    } else if (node instanceof Deduplicate d && d.withinWatermark() && d.child().isStreaming()) {
      if (EventTimeColumns.of(d.child()).isEmpty()) {
        throw UnsupportedOperationErrors.dedupWithinWatermarkWithoutWatermark(d.simpleString());
      }
    } else if (node instanceof Join j) {
      checkJoin(j, outputMode);
    } else if (node instanceof Union u) {
      boolean anyStreaming = false;
      boolean anyBatch = false;
      for (LogicalPlan c : u.children()) {
        anyStreaming |= c.isStreaming();
        anyBatch |= !c.isStreaming();
      }
      if (anyStreaming && anyBatch) {
        throw UnsupportedOperationErrors.unionStreamingAndBatch(u.simpleString());
      }
    } else if (node instanceof EventTimeWatermark w
        && !Plans.collect(w.child(), EventTimeWatermark.class).isEmpty()) {
      // Spark fails the first batch with this; Tideline refuses the query at start.
      throw UnsupportedOperationErrors.redefiningWatermark(w.simpleString());
    } else if (node instanceof Limit l && l.child().isStreaming()) {
      if (outputMode == OutputMode.UPDATE) {
        throw UnsupportedOperationErrors.limitInUpdateMode(l.simpleString());
      }
    } else if (node instanceof Sort s && !containsCompleteData(s, outputMode)) {
      throw UnsupportedOperationErrors.sort(s.simpleString());
    }
    checkNotYetSupported(node, outputMode);
  }

  private static void checkJoin(Join j, OutputMode outputMode) {
    boolean left = j.left().isStreaming();
    boolean right = j.right().isStreaming();
    String where = j.simpleString();
    if (left && right) {
      // Spark 4 runs a stream-stream inner join in Update mode; its outer joins, and every
      // stream-stream join in Complete mode, need Append.
      boolean inner = j.joinType() == JoinType.INNER || j.joinType() == JoinType.CROSS;
      if (outputMode == OutputMode.COMPLETE || (outputMode == OutputMode.UPDATE && !inner)) {
        throw UnsupportedOperationErrors.streamStreamJoinOutputMode(where, outputMode.toString());
      }
      switch (j.joinType()) {
        case LEFT_OUTER, RIGHT_OUTER, FULL_OUTER, LEFT_SEMI -> checkStreamStreamJoinWatermark(j);
        case LEFT_ANTI -> throw UnsupportedOperationErrors.leftAntiJoinStreamingOnRight(where);
        default -> {}
      }
      // Spark's planner: the symmetric hash join needs keys to partition both sides' state by.
      if (StreamingJoinHelper.equiKeys(j).leftKeys().isEmpty()) {
        throw UnsupportedOperationErrors.streamStreamJoinWithoutEquality(where);
      }
      return;
    }
    switch (j.joinType()) {
      case INNER, CROSS -> {}
      case LEFT_OUTER, LEFT_SEMI -> {
        if (right) {
          throw UnsupportedOperationErrors.joinStreamingOnRight(where, sparkName(j.joinType()));
        }
      }
      case LEFT_ANTI -> {
        if (right) {
          throw UnsupportedOperationErrors.leftAntiJoinStreamingOnRight(where);
        }
      }
      case RIGHT_OUTER -> {
        if (left) {
          throw UnsupportedOperationErrors.rightOuterJoinStreamingOnLeft(where);
        }
      }
      case FULL_OUTER -> {
        if (left || right) {
          throw UnsupportedOperationErrors.fullOuterJoinStreamStatic(where, left);
        }
      }
    }
  }

  /**
   * Spark's rule that a stateful operator reads at most one event-time column per input ({@code
   * WatermarkSupport.findEventTimeColumn}): below a stream-stream join whose two sides are both
   * watermarked, an aggregation or deduplication sees two, and Spark fails the query in its first
   * batch; Tideline refuses it at start. Only inputs holding a stream-stream join are checked, so
   * other plans keep their behaviour.
   */
  private static void checkOneEventTimeColumn(LogicalPlan node) {
    boolean stateful =
        (node instanceof Aggregate a && a.child().isStreaming())
            || (node instanceof Deduplicate d && d.child().isStreaming())
            || (node instanceof Join j && j.left().isStreaming() && j.right().isStreaming());
    if (!stateful) {
      return;
    }
    for (LogicalPlan input : node.children()) {
      boolean joined =
          Plans.collect(input, Join.class).stream()
              .anyMatch(j -> j.left().isStreaming() && j.right().isStreaming());
      if (!joined) {
        continue;
      }
      Map<Long, Long> marks = EventTimeColumns.of(input);
      List<String> names = new ArrayList<>();
      for (Attribute a : input.output()) {
        if (marks.containsKey(a.exprId())) {
          names.add(a.name());
        }
      }
      if (names.size() > 1) {
        throw UnsupportedOperationErrors.multipleEventTimeColumns(
            node.simpleString(), String.join(", ", names));
      }
    }
  }

  /**
   * Spark's {@code checkForStreamStreamJoinWatermark}: an outer or semi stream-stream join must be
   * able to decide when a row will never match, so that it can emit the null-padded row (or drop
   * the row): a watermarked join key, or a time range that bounds the state of the side that may go
   * unmatched (either side for a full outer join) by the other side's watermark.
   */
  private static void checkStreamStreamJoinWatermark(Join j) {
    boolean inKeys =
        StreamingJoinHelper.watermarkKeyOrdinal(j, StreamingJoinHelper.equiKeys(j)) >= 0;
    // Spark probes with an arbitrary watermark: only whether a bound exists matters.
    long probe = 1_000_000L;
    boolean leftBound =
        StreamingJoinHelper.stateValueWatermark(j.left(), j.right(), j.condition(), probe)
            .isPresent();
    boolean rightBound =
        StreamingJoinHelper.stateValueWatermark(j.right(), j.left(), j.condition(), probe)
            .isPresent();
    boolean range =
        switch (j.joinType()) {
          case LEFT_OUTER, LEFT_SEMI -> leftBound;
          case RIGHT_OUTER -> rightBound;
          default -> leftBound || rightBound;
        };
    if (!inKeys && !range) {
      throw UnsupportedOperationErrors.streamStreamJoinWithoutWatermark(
          j.simpleString(), sparkName(j.joinType()));
    }
  }

  /** Operations Spark runs on a stream and Tideline's engine does not run yet. */
  private static void checkNotYetSupported(LogicalPlan node, OutputMode outputMode) {
    if (node instanceof Limit l
        && l.child().isStreaming()
        && !containsCompleteData(l, outputMode)) {
      throw UnsupportedOperationErrors.notSupportedYet(
          l.simpleString(),
          "A limit",
          "a stateful global limit in Append output mode",
          "Limit the output of an aggregation in Complete output mode, or limit each"
              + " micro-batch inside foreachBatch.");
    }
  }

  /**
   * Whether an aggregation's grouping keys carry an event-time watermark, as Spark asks of Append
   * mode: a watermark declared below the aggregation on a column it groups by, or on the column a
   * grouping window is computed from. A watermark declared above the aggregation does not count.
   */
  private static boolean hasWatermark(Aggregate aggregate) {
    return EventTimeColumns.keyOf(aggregate).isPresent();
  }

  /**
   * Whether {@code subplan} yields its whole result every batch: it reads no stream, or it
   * aggregates a stream in Complete output mode.
   */
  private static boolean containsCompleteData(LogicalPlan subplan, OutputMode outputMode) {
    return !subplan.isStreaming()
        || (!streamingAggregates(subplan).isEmpty() && outputMode == OutputMode.COMPLETE);
  }

  /** The aggregations over a streaming child, bottom-up. */
  private static List<Aggregate> streamingAggregates(LogicalPlan plan) {
    List<Aggregate> out = new ArrayList<>();
    Plans.foreachUp(
        plan,
        node -> {
          if (node instanceof Aggregate a && a.child().isStreaming()) {
            out.add(a);
          } else if (node instanceof StatefulAggregate s) {
            out.add(s.aggregate());
          }
        });
    return out;
  }

  private static List<AggregateCall> aggregateCalls(List<Expr> aggregateList) {
    List<AggregateCall> calls = new ArrayList<>();
    for (Expr e : aggregateList) {
      e.anyMatch(
          x -> {
            if (x instanceof AggregateCall c) {
              calls.add(c);
            }
            return false;
          });
    }
    return calls;
  }

  /** Spark's name of a join type, as its messages print it. */
  private static String sparkName(JoinType type) {
    return switch (type) {
      case INNER -> "Inner";
      case CROSS -> "Cross";
      case LEFT_OUTER -> "LeftOuter";
      case RIGHT_OUTER -> "RightOuter";
      case FULL_OUTER -> "FullOuter";
      case LEFT_SEMI -> "LeftSemi";
      case LEFT_ANTI -> "LeftAnti";
    };
  }
}
