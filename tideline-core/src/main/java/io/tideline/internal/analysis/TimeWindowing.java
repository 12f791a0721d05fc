package io.tideline.internal.analysis;

import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.ScalarCall;
import io.tideline.internal.expr.SortOrder;
import io.tideline.internal.plan.Aggregate;
import io.tideline.internal.plan.Deduplicate;
import io.tideline.internal.plan.Filter;
import io.tideline.internal.plan.Join;
import io.tideline.internal.plan.Limit;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.internal.plan.MergeSessions;
import io.tideline.internal.plan.Project;
import io.tideline.internal.plan.SessionWindowAssign;
import io.tideline.internal.plan.Sort;
import io.tideline.internal.plan.SubqueryAlias;
import io.tideline.internal.plan.TimeWindowAssign;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Spark's {@code TimeWindowing} and {@code SessionWindowing} rules: an operator whose expressions
 * call {@code window(...)} or {@code session_window(...)} gets a {@link TimeWindowAssign} or {@link
 * SessionWindowAssign} below it that computes the window column, and the call is replaced by that
 * column. So {@code groupBy(window(t, "5 minutes"), k)} groups by an ordinary struct column, and a
 * sliding window duplicates each row once per window before the aggregation sees it.
 *
 * <p>An aggregation grouped by a session window also gets a {@link MergeSessions} between the two,
 * which replaces each row's own session by the merged session of its key (Spark's batch plan sorts
 * and merges in {@code UpdatingSessionsExec} the same way). Over a stream the same shape becomes a
 * stateful session aggregation ({@code SessionWindowStateExec}), which merges with the sessions
 * kept from earlier batches.
 *
 * <p>The DataFrame API applies the rule to every operator as it is added; an operator can hold only
 * one distinct window expression, as in Spark.
 */
public final class TimeWindowing {
  private TimeWindowing() {}

  /** {@code node} with its window calls rewritten, or {@code node} itself when it has none. */
  public static LogicalPlan apply(LogicalPlan node) {
    List<Expr> expressions = expressions(node);
    Set<ScalarCall> windows = new LinkedHashSet<>();
    for (Expr e : expressions) {
      collectWindows(e, windows);
    }
    if (windows.isEmpty()) {
      return node instanceof Aggregate a ? mergeSessionsByColumn(a) : node;
    }
    String operator = node.simpleString();
    if (node instanceof Join) {
      throw AnalysisErrors.timeWindowNotAllowed(new ArrayList<>(windows), "join");
    }
    if (windows.size() > 1) {
      throw AnalysisErrors.multipleTimeWindows(new ArrayList<>(windows), operator);
    }
    ScalarCall call = windows.iterator().next();
    LogicalPlan child = node.children().get(0);
    // As in Spark: a projected window struct (tumbling, session) is never null; Expand's (sliding)
    // output column is declared nullable.
    boolean sliding =
        call.name().equals("window") && !call.params().get(0).equals(call.params().get(1));
    Attribute column = new Attribute(call.name(), call.dataType(), sliding);
    LogicalPlan assigned = assign(call, column, child);
    LogicalPlan rewritten = replace(node, call, column, assigned);
    if (call.name().equals("session_window")
        && rewritten instanceof Aggregate a
        && a.grouping().contains(column)) {
      return withMergedSessions(a, column);
    }
    return rewritten;
  }

  /**
   * An aggregation grouped by a column that is a session window computed earlier ({@code
   * select(session_window(t, gap).as("s"), k).groupBy("s", k)}) merges sessions too: Spark marks
   * the column in its metadata, which aliases keep; here its lineage is followed instead.
   */
  private static LogicalPlan mergeSessionsByColumn(Aggregate a) {
    for (Expr g : a.grouping()) {
      if (g instanceof Attribute attr
          && windowSource(a.child(), attr.exprId()) instanceof SessionWindowAssign) {
        return withMergedSessions(a, attr);
      }
    }
    return a;
  }

  private static LogicalPlan withMergedSessions(Aggregate a, Attribute session) {
    List<Expr> keys = new ArrayList<>(a.grouping());
    keys.remove(session);
    return new Aggregate(
        a.grouping(), a.aggregateList(), new MergeSessions(keys, session, a.child()));
  }

  /**
   * The node that computes column {@code exprId} of {@code plan}: a {@link TimeWindowAssign} or
   * {@link SessionWindowAssign}, found through renaming projections and the operators that pass
   * columns through (filter, sort, limit, deduplication, alias); null when the column is no window.
   * Spark carries this as a marker in the column's metadata; the streaming planner uses it to find
   * the event time behind a window column ({@code timeColumn()} of the node).
   */
  public static LogicalPlan windowSource(LogicalPlan plan, long exprId) {
    if (plan instanceof TimeWindowAssign w) {
      return w.window().exprId() == exprId ? w : windowSource(w.child(), exprId);
    }
    if (plan instanceof SessionWindowAssign s) {
      return s.session().exprId() == exprId ? s : windowSource(s.child(), exprId);
    }
    if (plan instanceof Project p) {
      for (Expr e : p.projectList()) {
        if (e instanceof Alias alias && alias.exprId() == exprId) {
          return alias.child() instanceof Attribute source
              ? windowSource(p.child(), source.exprId())
              : null;
        }
      }
      return windowSource(p.child(), exprId);
    }
    if (plan instanceof Filter
        || plan instanceof Sort
        || plan instanceof SubqueryAlias
        || plan instanceof Limit
        || plan instanceof Deduplicate
        || plan instanceof MergeSessions) {
      return windowSource(plan.children().get(0), exprId);
    }
    return null;
  }

  private static LogicalPlan assign(ScalarCall call, Attribute column, LogicalPlan child) {
    Expr time = call.args().get(0);
    List<Object> p = call.params();
    if (call.name().equals("window")) {
      return new TimeWindowAssign(
          column, time, (Long) p.get(0), (Long) p.get(1), (Long) p.get(2), child);
    }
    if (!p.isEmpty()) {
      return new SessionWindowAssign(column, time, null, (Long) p.get(0), child);
    }
    return new SessionWindowAssign(column, time, call.args().get(1), 0, child);
  }

  private static boolean isWindow(Expr e) {
    return e instanceof ScalarCall c
        && (c.name().equals("window") || c.name().equals("session_window"));
  }

  private static void collectWindows(Expr e, Set<ScalarCall> out) {
    if (isWindow(e)) {
      out.add((ScalarCall) e);
    }
    for (Expr c : e.children()) {
      collectWindows(c, out);
    }
  }

  private static List<Expr> expressions(LogicalPlan node) {
    if (node instanceof Project p) {
      return p.projectList();
    }
    if (node instanceof Filter f) {
      return List.of(f.condition());
    }
    if (node instanceof Aggregate a) {
      List<Expr> all = new ArrayList<>(a.grouping());
      all.addAll(a.aggregateList());
      return all;
    }
    if (node instanceof Sort s) {
      return new ArrayList<>(s.order());
    }
    if (node instanceof Join j && j.condition() != null) {
      return List.of(j.condition());
    }
    return List.of();
  }

  private static LogicalPlan replace(
      LogicalPlan node, ScalarCall call, Attribute column, LogicalPlan child) {
    if (node instanceof Project p) {
      return new Project(replaceAll(p.projectList(), call, column), child);
    }
    if (node instanceof Filter f) {
      return new Filter(replace(f.condition(), call, column), child);
    }
    if (node instanceof Aggregate a) {
      return new Aggregate(
          replaceAll(a.grouping(), call, column),
          replaceAll(a.aggregateList(), call, column),
          child);
    }
    if (node instanceof Sort s) {
      List<SortOrder> order = new ArrayList<>(s.order().size());
      for (SortOrder o : s.order()) {
        order.add((SortOrder) replace(o, call, column));
      }
      return new Sort(order, s.global(), child);
    }
    throw new IllegalStateException(
        "Bug in Tideline: window rewrite of an unexpected operator " + node.simpleString());
  }

  private static List<Expr> replaceAll(List<Expr> exprs, ScalarCall call, Attribute column) {
    List<Expr> out = new ArrayList<>(exprs.size());
    for (Expr e : exprs) {
      out.add(replace(e, call, column));
    }
    return out;
  }

  private static Expr replace(Expr e, ScalarCall call, Attribute column) {
    return e.transformUp(x -> x.equals(call) ? column : x);
  }
}
