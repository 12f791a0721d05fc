package io.tideline.internal.streaming.exec;

import io.tideline.internal.expr.AggregateCall;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.plan.Aggregate;
import io.tideline.internal.plan.Deduplicate;
import io.tideline.internal.plan.EventTimeColumns;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.internal.plan.Plans;
import io.tideline.internal.plan.StatefulAggregate;
import io.tideline.internal.plan.StatefulDeduplicate;
import io.tideline.internal.state.StateStoreRegistry;
import io.tideline.internal.state.StatefulOperatorInfo;
import io.tideline.streaming.OutputMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the stateful operators of a streaming plan into their per-batch form: each {@code
 * Aggregate} over a streaming child becomes a {@code StatefulAggregate} (and each {@code
 * Deduplicate} a {@code StatefulDeduplicate}) that knows its operator id, the batch, the state
 * partitions and the stores. Called by the loop on the streaming plan before it replaces the
 * sources with the batch's data.
 *
 * <p>Operator ids are assigned in bottom-up plan order ({@link Plans#foreachUp}) from 0, the same
 * order {@link #statefulOperators} lists them in, so {@code state/<operatorId>} of a checkpoint
 * always belongs to the operator the checkpoint's description names at that position.
 */
public final class StatefulPlanning {

  private StatefulPlanning() {}

  /**
   * The plan of batch {@code batchId} with its stateful operators bound to their state, judging
   * late rows and evicting state against the same watermark.
   *
   * @param numStatePartitions the state partition count pinned in the checkpoint
   */
  public static LogicalPlan rewrite(
      LogicalPlan streamingPlan,
      long batchId,
      int numStatePartitions,
      OutputMode outputMode,
      long watermarkMs,
      StateStoreRegistry stores) {
    return rewrite(
        streamingPlan, batchId, numStatePartitions, outputMode, watermarkMs, watermarkMs, stores);
  }

  /**
   * The plan of batch {@code batchId} with its stateful operators bound to their state.
   *
   * <p>Every stateful operator gets the same two watermarks: Spark propagates the watermark from
   * operator to operator, but the operators Tideline has (aggregations, deduplications) pass their
   * input watermark through unchanged, so each one's input watermark is the global one. Operators
   * that shift it (stream-stream joins) will need the per-operator propagation here.
   *
   * @param numStatePartitions the state partition count pinned in the checkpoint
   * @param lateEventsWatermarkMs the previous batch's watermark (0 in batch 0)
   * @param evictionWatermarkMs this batch's watermark
   */
  public static LogicalPlan rewrite(
      LogicalPlan streamingPlan,
      long batchId,
      int numStatePartitions,
      OutputMode outputMode,
      long lateEventsWatermarkMs,
      long evictionWatermarkMs,
      StateStoreRegistry stores) {
    long[] nextId = {0};
    return Plans.transformUp(
        streamingPlan,
        node -> {
          if (isStatefulAggregate(node)) {
            Aggregate aggregate = (Aggregate) node;
            StatefulOperatorInfo info =
                new StatefulOperatorInfo(
                    nextId[0]++,
                    batchId,
                    numStatePartitions,
                    outputMode,
                    lateEventsWatermarkMs,
                    evictionWatermarkMs,
                    stores);
            return new StatefulAggregate(aggregate, info, EventTimeColumns.keyOf(aggregate));
          }
          if (isStatefulDeduplicate(node)) {
            StatefulOperatorInfo info =
                new StatefulOperatorInfo(
                    nextId[0]++,
                    batchId,
                    numStatePartitions,
                    outputMode,
                    lateEventsWatermarkMs,
                    evictionWatermarkMs,
                    stores);
            return statefulDeduplicate((Deduplicate) node, info);
          }
          return node;
        });
  }

  /**
   * The stateful operators of {@code streamingPlan} whose state can never be evicted, one line each
   * naming the operator and what to add: in Complete mode every aggregation (Spark keeps all its
   * state), in Append and Update mode those none of whose keys carries a watermarked event time.
   */
  public static List<UnboundedState> unboundedState(
      LogicalPlan streamingPlan, OutputMode outputMode) {
    List<UnboundedState> out = new ArrayList<>();
    long[] nextId = {0};
    Plans.foreachUp(
        streamingPlan,
        node -> {
          if (isStatefulDeduplicate(node)) {
            long id = nextId[0]++;
            Deduplicate d = (Deduplicate) node;
            if (!d.withinWatermark() && eventTimeKey(d) < 0) {
              out.add(
                  new UnboundedState(
                      id,
                      "Stateful operator "
                          + id
                          + " ("
                          + describe(d)
                          + ") keeps every key forever: none of its keys carries a watermark."
                          + " Add withWatermark(\"<eventTimeColumn>\", \"<delay>\") before it"
                          + " and include the event-time column among the keys, or use"
                          + " dropDuplicatesWithinWatermark(...)."));
            }
            return;
          }
          if (!isStatefulAggregate(node)) {
            return;
          }
          long id = nextId[0]++;
          Aggregate a = (Aggregate) node;
          String operator = "Stateful operator " + id + " (" + describe(a) + ")";
          if (outputMode == OutputMode.COMPLETE) {
            out.add(
                new UnboundedState(
                    id,
                    operator
                        + " keeps every key forever: Complete output mode never evicts state."
                        + " Use Append or Update output mode with withWatermark(...) and a"
                        + " window (or the event-time column) among the grouping keys to bound"
                        + " it."));
          } else if (!EventTimeColumns.keyOf(a).isPresent()) {
            out.add(
                new UnboundedState(
                    id,
                    operator
                        + " keeps every key forever: none of its grouping keys carries a"
                        + " watermark. Add withWatermark(\"<eventTimeColumn>\", \"<delay>\")"
                        + " before the aggregation and group by window(<eventTimeColumn>, ...)"
                        + " or the event-time column itself."));
          }
        });
    return out;
  }

  /**
   * A description of the plan's stateful operators in id order (e.g. {@code ["aggregate keys=[k
   * STRING] functions=[count(1) BIGINT]"]}), kept in the checkpoint so a restart with changed
   * operators is refused. It names columns and types, never expression ids, which differ per run.
   */
  public static List<String> statefulOperators(LogicalPlan streamingPlan) {
    List<String> out = new ArrayList<>();
    Plans.foreachUp(
        streamingPlan,
        node -> {
          if (isStatefulAggregate(node)) {
            out.add(describe((Aggregate) node));
          } else if (node instanceof StatefulAggregate s) {
            out.add(describe(s.aggregate()));
          } else if (isStatefulDeduplicate(node)) {
            out.add(describe((Deduplicate) node));
          } else if (node instanceof StatefulDeduplicate s) {
            out.add(describe(s.deduplicate()));
          }
        });
    return out;
  }

  /** A stateful operator whose state is never evicted, and the warning that says so. */
  public record UnboundedState(long operatorId, String message) {}

  private static boolean isStatefulAggregate(LogicalPlan node) {
    return node instanceof Aggregate a && a.child().isStreaming();
  }

  private static boolean isStatefulDeduplicate(LogicalPlan node) {
    return node instanceof Deduplicate d && d.child().isStreaming();
  }

  /**
   * The stateful form of {@code d}: the watermarked input column (Spark's late-row filter uses it
   * whether or not it is a key) and, for plain dedup, its position among the keys (eviction).
   */
  private static StatefulDeduplicate statefulDeduplicate(Deduplicate d, StatefulOperatorInfo info) {
    Map<Long, Long> marks = EventTimeColumns.of(d.child());
    List<Attribute> in = d.child().output();
    int column = -1;
    long delayMs = 0;
    for (int i = 0; i < in.size(); i++) {
      Long delay = marks.get(in.get(i).exprId());
      if (delay != null) {
        column = i;
        delayMs = delay;
        break;
      }
    }
    int key = d.withinWatermark() ? -1 : eventTimeKey(d);
    return new StatefulDeduplicate(d, info, column, key, delayMs);
  }

  /** The index among {@code d}'s keys of the first one carrying a watermark, or -1. */
  private static int eventTimeKey(Deduplicate d) {
    Map<Long, Long> marks = EventTimeColumns.of(d.child());
    for (int i = 0; i < d.keys().size(); i++) {
      if (marks.containsKey(d.keys().get(i).exprId())) {
        return i;
      }
    }
    return -1;
  }

  private static String describe(Deduplicate d) {
    StringBuilder sb =
        new StringBuilder(d.withinWatermark() ? "dedupeWithinWatermark keys=[" : "dedupe keys=[");
    for (int i = 0; i < d.keys().size(); i++) {
      Attribute k = d.keys().get(i);
      sb.append(i > 0 ? ", " : "").append(k.name()).append(' ').append(k.dataType().sql());
    }
    return sb.append(']').toString();
  }

  private static String describe(Aggregate a) {
    StringBuilder sb = new StringBuilder("aggregate keys=[");
    for (int i = 0; i < a.grouping().size(); i++) {
      Expr g = a.grouping().get(i);
      sb.append(i > 0 ? ", " : "").append(g.sql()).append(' ').append(g.dataType().sql());
    }
    sb.append("] functions=[");
    List<AggregateCall> calls = new ArrayList<>();
    for (Expr e : a.aggregateList()) {
      e.anyMatch(
          x -> {
            if (x instanceof AggregateCall c && !calls.contains(c)) {
              calls.add(c);
            }
            return false;
          });
    }
    for (int i = 0; i < calls.size(); i++) {
      AggregateCall c = calls.get(i);
      sb.append(i > 0 ? ", " : "").append(c.sql()).append(' ').append(c.dataType().sql());
    }
    return sb.append(']').toString();
  }
}
