package io.tideline.internal.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** Rewrites and walks of logical plans. */
public final class Plans {

  private Plans() {}

  /**
   * Rewrites {@code plan} bottom-up: each node's children first, then {@code rule} on the node with
   * its new children. A rule returns its argument for nodes it leaves alone.
   */
  public static LogicalPlan transformUp(LogicalPlan plan, UnaryOperator<LogicalPlan> rule) {
    List<LogicalPlan> children = plan.children();
    List<LogicalPlan> newChildren = new ArrayList<>(children.size());
    boolean changed = false;
    for (LogicalPlan c : children) {
      LogicalPlan n = transformUp(c, rule);
      changed |= n != c;
      newChildren.add(n);
    }
    return rule.apply(changed ? withNewChildren(plan, newChildren) : plan);
  }

  /** Visits every node, children before parents, left to right. */
  public static void foreachUp(LogicalPlan plan, Consumer<LogicalPlan> visitor) {
    for (LogicalPlan c : plan.children()) {
      foreachUp(c, visitor);
    }
    visitor.accept(plan);
  }

  /** The nodes of {@code type} in {@code plan}, in {@link #foreachUp} order. */
  public static <T extends LogicalPlan> List<T> collect(LogicalPlan plan, Class<T> type) {
    List<T> out = new ArrayList<>();
    foreachUp(
        plan,
        p -> {
          if (type.isInstance(p)) {
            out.add(type.cast(p));
          }
        });
    return out;
  }

  /** {@code plan} with its children replaced, in order. */
  public static LogicalPlan withNewChildren(LogicalPlan plan, List<LogicalPlan> c) {
    if (plan instanceof LocalRelation
        || plan instanceof FileRelation
        || plan instanceof ScanRelation
        || plan instanceof StreamingRelation) {
      return plan;
    }
    if (plan instanceof Project p) {
      return new Project(p.projectList(), c.get(0));
    }
    if (plan instanceof Filter f) {
      return new Filter(f.condition(), c.get(0));
    }
    if (plan instanceof Aggregate a) {
      return new Aggregate(a.grouping(), a.aggregateList(), c.get(0));
    }
    if (plan instanceof Join j) {
      return new Join(c.get(0), c.get(1), j.joinType(), j.condition());
    }
    if (plan instanceof Union) {
      return new Union(c);
    }
    if (plan instanceof Sort s) {
      return new Sort(s.order(), s.global(), c.get(0));
    }
    if (plan instanceof Limit l) {
      return new Limit(l.n(), c.get(0));
    }
    if (plan instanceof Deduplicate d) {
      return new Deduplicate(d.keys(), c.get(0), d.withinWatermark());
    }
    if (plan instanceof SubqueryAlias s) {
      return new SubqueryAlias(s.alias(), c.get(0));
    }
    if (plan instanceof CountRows r) {
      return new CountRows(c.get(0), r.counter());
    }
    if (plan instanceof StatefulDeduplicate s) {
      return new StatefulDeduplicate(
          new Deduplicate(s.deduplicate().keys(), c.get(0), s.deduplicate().withinWatermark()),
          s.info(),
          s.eventTimeColumn(),
          s.eventTimeKey(),
          s.delayMs());
    }
    if (plan instanceof StatefulJoin s) {
      return s.withChildren(c.get(0), c.get(1));
    }
    if (plan instanceof StatefulAggregate s) {
      Aggregate a = s.aggregate();
      return new StatefulAggregate(
          new Aggregate(a.grouping(), a.aggregateList(), c.get(0)), s.info(), s.eventTimeKey());
    }
    if (plan instanceof EventTimeWatermark w) {
      return new EventTimeWatermark(w.eventTime(), w.delayMs(), c.get(0), w.stats());
    }
    if (plan instanceof TimeWindowAssign w) {
      return new TimeWindowAssign(
          w.window(), w.timeColumn(), w.windowMicros(), w.slideMicros(), w.startMicros(), c.get(0));
    }
    if (plan instanceof SessionWindowAssign s) {
      return new SessionWindowAssign(s.session(), s.timeColumn(), s.gap(), s.gapMicros(), c.get(0));
    }
    if (plan instanceof MergeSessions m) {
      return new MergeSessions(m.keys(), m.session(), c.get(0));
    }
    throw new IllegalStateException("Bug in Tideline: no rewrite for " + plan.getClass());
  }
}
