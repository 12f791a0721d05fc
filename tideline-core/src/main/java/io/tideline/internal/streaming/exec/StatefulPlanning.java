package io.tideline.internal.streaming.exec;

import io.tideline.internal.expr.AggregateCall;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.plan.Aggregate;
import io.tideline.internal.plan.Deduplicate;
import io.tideline.internal.plan.EventTimeColumns;
import io.tideline.internal.plan.EventTimeWatermark;
import io.tideline.internal.plan.Join;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.internal.plan.Plans;
import io.tideline.internal.plan.StatefulAggregate;
import io.tideline.internal.plan.StatefulDeduplicate;
import io.tideline.internal.plan.StatefulJoin;
import io.tideline.internal.plan.StreamingJoinHelper;
import io.tideline.internal.state.StateStoreRegistry;
import io.tideline.internal.state.StatefulOperatorInfo;
import io.tideline.streaming.OutputMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the stateful operators of a streaming plan into their per-batch form: each {@code
 * Aggregate} over a streaming child becomes a {@code StatefulAggregate} (each {@code Deduplicate} a
 * {@code StatefulDeduplicate}, each join of two streams a {@code StatefulJoin}) that knows its
 * operator id, the batch, the state partitions and the stores. Called by the loop on the streaming
 * plan before it replaces the sources with the batch's data.
 *
 * <p>Operator ids are assigned in bottom-up plan order ({@link Plans#foreachUp}) from 0, the same
 * order {@link #statefulOperators} lists them in, so {@code state/<operatorId>} of a checkpoint
 * always belongs to the operator the checkpoint's description names at that position.
 */
public final class StatefulPlanning {

  private StatefulPlanning() {}

  /**
   * The plan of batch {@code batchId} with every stateful operator judging late rows and evicting
   * state against the one global watermark, unshifted by joins: Spark's {@code
   * UseSingleWatermarkPropagator} ({@code
   * spark.sql.streaming.statefulOperator.allowMultiple=false}).
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
    long[] single = singleWatermarks(streamingPlan, watermarkMs);
    return bind(streamingPlan, batchId, numStatePartitions, outputMode, single, single, stores);
  }

  /** The global watermark for each stateful operator of {@code streamingPlan}, by operator id. */
  public static long[] singleWatermarks(LogicalPlan streamingPlan, long watermarkMs) {
    int[] count = {0};
    Plans.foreachUp(
        streamingPlan,
        node -> {
          if (isStateful(node)) {
            count[0]++;
          }
        });
    long[] out = new long[count[0]];
    java.util.Arrays.fill(out, watermarkMs);
    return out;
  }

  /**
   * The plan of batch {@code batchId} with its stateful operators bound to their state.
   *
   * <p>Each stateful operator gets its own two watermarks, propagated from the global ones as
   * Spark's {@code PropagateWatermarkSimulator} does ({@link #inputWatermarks}): aggregations and
   * deduplications pass their input watermark through; a stream-stream join passes on the lowest of
   * its sides' state watermarks, since it may still emit rows that old. Without joins every
   * operator gets the global watermarks, as before.
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
    return bind(
        streamingPlan,
        batchId,
        numStatePartitions,
        outputMode,
        inputWatermarks(streamingPlan, lateEventsWatermarkMs),
        inputWatermarks(streamingPlan, evictionWatermarkMs),
        stores);
  }

  private static LogicalPlan bind(
      LogicalPlan streamingPlan,
      long batchId,
      int numStatePartitions,
      OutputMode outputMode,
      long[] late,
      long[] eviction,
      StateStoreRegistry stores) {
    long[] nextId = {0};
    return Plans.transformUp(
        streamingPlan,
        node -> {
          if (!isStateful(node)) {
            return node;
          }
          int id = (int) nextId[0]++;
          StatefulOperatorInfo info =
              new StatefulOperatorInfo(
                  id, batchId, numStatePartitions, outputMode, late[id], eviction[id], stores);
          if (node instanceof Join j) {
            return statefulJoin(j, info);
          }
          if (node instanceof Deduplicate d) {
            return statefulDeduplicate(d, info);
          }
          Aggregate aggregate = (Aggregate) node;
          return new StatefulAggregate(aggregate, info, EventTimeColumns.keyOf(aggregate));
        });
  }

  /**
   * The input watermark of each stateful operator of {@code streamingPlan} (by operator id) when
   * the global watermark is {@code globalWatermarkMs}: Spark's simulation of watermark propagation
   * ({@code spark.sql.streaming.statefulOperator.allowMultiple}, always on here). A node's input is
   * the lowest output of its children that carry a watermark; a {@code withWatermark} node outputs
   * the global watermark; a stream-stream join outputs the lowest state watermark of its sides (its
   * input when it evicts by a join key, or nothing); other nodes pass their input on. An operator
   * with no watermark below it gets the global one; a global watermark of 0 gives 0 everywhere, and
   * no operator's watermark is negative.
   */
  public static long[] inputWatermarks(LogicalPlan streamingPlan, long globalWatermarkMs) {
    List<Long> inputs = new ArrayList<>();
    propagate(streamingPlan, globalWatermarkMs, inputs);
    long[] out = new long[inputs.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = globalWatermarkMs == 0 ? 0 : Math.max(0, inputs.get(i));
    }
    return out;
  }

  /** The output watermark of {@code node}, or null when nothing below it carries one. */
  private static Long propagate(LogicalPlan node, long globalWatermarkMs, List<Long> inputs) {
    Long in = null;
    for (LogicalPlan c : node.children()) {
      Long w = propagate(c, globalWatermarkMs, inputs);
      if (w != null) {
        in = in == null ? w : Math.min(in, w);
      }
    }
    if (node instanceof EventTimeWatermark) {
      return globalWatermarkMs;
    }
    if (!isStateful(node)) {
      return in;
    }
    inputs.add(in == null ? globalWatermarkMs : in);
    if (in == null || !(node instanceof Join j)) {
      return in;
    }
    Long out = null;
    for (StreamingJoinHelper.Eviction e :
        StreamingJoinHelper.evictions(j, StreamingJoinHelper.equiKeys(j), in)) {
      Long w =
          e instanceof StreamingJoinHelper.EvictByKey k
              ? Long.valueOf(k.watermarkMs())
              : e instanceof StreamingJoinHelper.EvictByValue v
                  ? Long.valueOf(v.stateWatermarkMs())
                  : null;
      if (w != null) {
        out = out == null ? w : Math.min(out, w);
      }
    }
    return out == null ? in : out;
  }

  private static boolean isStateful(LogicalPlan node) {
    return isStatefulAggregate(node) || isStatefulDeduplicate(node) || isStreamStreamJoin(node);
  }

  private static boolean isStreamStreamJoin(LogicalPlan node) {
    return node instanceof Join j && j.left().isStreaming() && j.right().isStreaming();
  }

  /**
   * The stateful form of a stream-stream join, its evictions computed at the eviction watermark.
   */
  private static StatefulJoin statefulJoin(Join j, StatefulOperatorInfo info) {
    StreamingJoinHelper.EquiKeys keys = StreamingJoinHelper.equiKeys(j);
    StreamingJoinHelper.Eviction[] evictions =
        StreamingJoinHelper.evictions(j, keys, info.eventTimeWatermarkForEviction());
    return new StatefulJoin(
        j,
        info,
        keys,
        StreamingJoinHelper.eventTimeColumn(j.left()),
        StreamingJoinHelper.eventTimeColumn(j.right()),
        evictions[0],
        evictions[1]);
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
          if (isStreamStreamJoin(node)) {
            long id = nextId[0]++;
            unboundedJoin((Join) node, id).ifPresent(out::add);
            return;
          }
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
          } else if (isStreamStreamJoin(node)) {
            out.add(describe((Join) node));
          } else if (node instanceof StatefulJoin s) {
            out.add(describe(s.join()));
          } else if (isStatefulDeduplicate(node)) {
            out.add(describe((Deduplicate) node));
          } else if (node instanceof StatefulDeduplicate s) {
            out.add(describe(s.deduplicate()));
          }
        });
    return out;
  }

  /**
   * The warning for a stream-stream join one of whose sides keeps its rows forever: neither a
   * watermarked join key nor a time range against the other side's watermark bounds it.
   */
  private static java.util.Optional<UnboundedState> unboundedJoin(Join j, long id) {
    StreamingJoinHelper.Eviction[] e =
        StreamingJoinHelper.evictions(j, StreamingJoinHelper.equiKeys(j), 1_000_000L);
    List<String> sides = new ArrayList<>();
    if (e[0] instanceof StreamingJoinHelper.NoEviction) {
      sides.add("left");
    }
    if (e[1] instanceof StreamingJoinHelper.NoEviction) {
      sides.add("right");
    }
    if (sides.isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        new UnboundedState(
            id,
            "Stateful operator "
                + id
                + " ("
                + describe(j)
                + ") keeps every row of its "
                + String.join(" and ", sides)
                + " input forever: nothing bounds how late a match may come. Add"
                + " withWatermark(...) on both inputs and either join on the event-time column"
                + " (or a window of it) or add a time-range condition such as"
                + " leftTime BETWEEN rightTime - INTERVAL 1 HOUR AND rightTime + INTERVAL 1 HOUR."));
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

  private static String describe(Join j) {
    StringBuilder sb = new StringBuilder("symmetricHashJoin ").append(j.joinType().sql());
    for (String side : List.of("left", "right")) {
      sb.append(' ').append(side).append("=[");
      List<Attribute> out = side.equals("left") ? j.left().output() : j.right().output();
      for (int i = 0; i < out.size(); i++) {
        Attribute a = out.get(i);
        sb.append(i > 0 ? ", " : "").append(a.name()).append(' ').append(a.dataType().sql());
      }
      sb.append(']');
    }
    return sb.toString();
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
