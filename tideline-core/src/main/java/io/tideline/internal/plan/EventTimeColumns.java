package io.tideline.internal.plan;

import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.ScalarCall;
import io.tideline.types.AtomicType;
import io.tideline.types.DataType;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which output columns of a plan carry an event-time watermark: Spark keeps this as the column
 * metadata {@code spark.watermarkDelayMs}; Tideline's attributes carry no metadata, so it is
 * derived from the plan by this walk, with Spark's propagation rules:
 *
 * <ul>
 *   <li>{@link EventTimeWatermark} marks its column and unmarks every other (a later {@code
 *       withWatermark} redefines the event time);
 *   <li>a projection keeps a marked column, an alias of it, and an alias of a window struct ({@code
 *       {start, end}} of TIMESTAMPs) computed from a marked column, as Spark's window resolution
 *       copies the metadata into the window column; and an alias of {@code window_time(w)} of a
 *       marked window {@code w}, which keeps its metadata in Spark;
 *   <li>an aggregation keeps the marked columns among its grouping keys;
 *   <li>joins keep what their children mark; a union keeps what its first child marks, as Spark's
 *       union takes its output columns from the first child;
 *   <li>every other operator passes its child's marks through for the columns it outputs, and marks
 *       a window struct column it adds over a marked input (an operator that expands rows into
 *       their windows).
 * </ul>
 */
public final class EventTimeColumns {

  private EventTimeColumns() {}

  /** The marked output columns of {@code plan}: expression id to the watermark delay in ms. */
  public static Map<Long, Long> of(LogicalPlan plan) {
    if (plan instanceof EventTimeWatermark w) {
      Map<Long, Long> out = new HashMap<>();
      out.put(w.eventTime().exprId(), w.delayMs());
      return out;
    }
    if (plan instanceof Project p) {
      return fromNamed(p.projectList(), of(p.child()));
    }
    if (plan instanceof Aggregate a) {
      return groupingMarks(a);
    }
    if (plan instanceof StatefulAggregate s) {
      return groupingMarks(s.aggregate());
    }
    if (plan instanceof Union u) {
      // Spark's union takes each output column, metadata included, from its first child.
      LogicalPlan first = u.children().get(0);
      Map<Long, Long> marks = of(first);
      Map<Long, Long> out = new HashMap<>();
      List<Attribute> output = u.output();
      List<Attribute> firstOut = first.output();
      for (int i = 0; i < output.size() && i < firstOut.size(); i++) {
        Long delay = marks.get(firstOut.get(i).exprId());
        if (delay != null) {
          out.put(output.get(i).exprId(), delay);
        }
      }
      return out;
    }
    Map<Long, Long> out = new HashMap<>();
    Set<Long> childIds = new HashSet<>();
    for (LogicalPlan c : plan.children()) {
      out.putAll(of(c));
      for (Attribute a : c.output()) {
        childIds.add(a.exprId());
      }
    }
    if (out.isEmpty()) {
      return out;
    }
    Long anyDelay = out.values().iterator().next();
    Set<Long> ids = new HashSet<>();
    for (Attribute a : plan.output()) {
      ids.add(a.exprId());
      // A new window column made by an operator over a watermarked input (a window operator that
      // expands each row into its windows) carries the watermark, as Spark's window resolution
      // copies the time column's metadata into it.
      if (!childIds.contains(a.exprId()) && endField(a.dataType()) >= 0) {
        out.put(a.exprId(), anyDelay);
      }
    }
    out.keySet().retainAll(ids);
    return out;
  }

  /** Whether {@code plan} holds a watermark anywhere. */
  public static boolean hasWatermark(LogicalPlan plan) {
    return !Plans.collect(plan, EventTimeWatermark.class).isEmpty();
  }

  /**
   * The grouping key of {@code aggregate} that carries event time (the first, as in Spark), or
   * {@link EventTimeKey#NONE}.
   */
  public static EventTimeKey keyOf(Aggregate aggregate) {
    Map<Long, Long> marks = of(aggregate.child());
    List<Expr> grouping = aggregate.grouping();
    for (int i = 0; i < grouping.size(); i++) {
      Expr g = grouping.get(i);
      if (delayOf(g, marks) != null) {
        return new EventTimeKey(i, endField(g.dataType()));
      }
    }
    return EventTimeKey.NONE;
  }

  /** The index of a TIMESTAMP field named {@code end} in {@code type}, or -1 (not a window). */
  public static int endField(DataType type) {
    if (type instanceof StructType s) {
      List<StructField> fields = s.fields();
      for (int i = 0; i < fields.size(); i++) {
        if (fields.get(i).name().equals("end") && isTimestamp(fields.get(i).dataType())) {
          return i;
        }
      }
    }
    return -1;
  }

  /** Whether {@code type} can hold event time: a TIMESTAMP or a window struct. */
  public static boolean isEventTimeType(DataType type) {
    return isTimestamp(type) || endField(type) >= 0;
  }

  private static boolean isTimestamp(DataType type) {
    return type instanceof AtomicType a && a.kind() == AtomicType.Kind.TIMESTAMP;
  }

  /**
   * The marked output columns of an aggregation: the marked grouping keys, whether the aggregate
   * list names them as the attributes themselves or as aliases of the grouping expressions.
   */
  private static Map<Long, Long> groupingMarks(Aggregate a) {
    Map<Long, Long> childMarks = of(a.child());
    Map<Long, Long> out = new HashMap<>();
    for (Expr named : a.aggregateList()) {
      Expr body;
      long id;
      if (named instanceof Alias al) {
        body = al.child();
        id = al.exprId();
      } else if (named instanceof Attribute attr) {
        body = attr;
        id = attr.exprId();
      } else {
        continue;
      }
      if (a.grouping().contains(body)) {
        Long delay = delayOf(body, childMarks);
        if (delay != null) {
          out.put(id, delay);
        }
      }
    }
    return out;
  }

  /** The marked columns of a projection: marked columns kept or aliased, and marked windows. */
  private static Map<Long, Long> fromNamed(List<Expr> named, Map<Long, Long> marks) {
    Map<Long, Long> out = new HashMap<>();
    for (Expr e : named) {
      if (e instanceof Attribute a && marks.containsKey(a.exprId())) {
        out.put(a.exprId(), marks.get(a.exprId()));
      } else if (e instanceof Alias al) {
        Long delay = delayOf(al.child(), marks);
        if (delay != null) {
          out.put(al.exprId(), delay);
        }
      }
    }
    return out;
  }

  /**
   * The delay a grouping or projected expression inherits: a marked attribute's, an alias's of one,
   * or that of a marked column a window struct is computed from; null when none.
   */
  private static Long delayOf(Expr e, Map<Long, Long> marks) {
    if (e instanceof Attribute a) {
      return marks.get(a.exprId());
    }
    if (e instanceof Alias al) {
      return delayOf(al.child(), marks);
    }
    if (e instanceof ScalarCall c && c.name().equals("window_time")) {
      // Spark's window_time keeps its window column's watermark metadata, so a window over it
      // (a chained window aggregation) is an event-time key of the next aggregation.
      return delayOf(c.args().get(0), marks);
    }
    if (endField(e.dataType()) < 0) {
      return null;
    }
    Long[] found = {null};
    e.anyMatch(
        x -> {
          if (x instanceof Attribute a && marks.containsKey(a.exprId())) {
            found[0] = marks.get(a.exprId());
            return true;
          }
          return false;
        });
    return found[0];
  }
}
