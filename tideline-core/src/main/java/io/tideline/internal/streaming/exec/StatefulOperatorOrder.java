package io.tideline.internal.streaming.exec;

import io.tideline.internal.plan.LogicalPlan;
import io.tideline.internal.plan.StatefulOperator;
import java.util.ArrayList;
import java.util.List;

/**
 * The order in which progress lists a batch's stateful operators: Spark collects them from its
 * executed plan top-down (a pre-order walk, left child before right), so the outermost operator of
 * a chain comes first. Operator ids count bottom-up instead (they name the {@code state/<id>}
 * folders and must stay stable), so the two orders differ as soon as operators are chained.
 */
final class StatefulOperatorOrder {
  private StatefulOperatorOrder() {}

  /** The operator ids of {@code bound} (a plan bound to state for one batch), in Spark's order. */
  static List<Long> of(LogicalPlan bound) {
    List<Long> out = new ArrayList<>();
    collect(bound, out);
    return out;
  }

  private static void collect(LogicalPlan plan, List<Long> out) {
    if (plan instanceof StatefulOperator s) {
      out.add(s.info().operatorId());
    }
    for (LogicalPlan c : plan.children()) {
      collect(c, out);
    }
  }
}
