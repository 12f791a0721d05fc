package io.tideline.internal.exec;

import io.tideline.internal.expr.Expr;
import io.tideline.internal.plan.JoinType;
import java.util.List;

/**
 * A join without equi-keys (a cross join, or a condition with no column equality between the
 * sides): every build row is a candidate for every stream row, filtered by the condition. The build
 * side is broadcast, or for a full outer join both sides are gathered into one partition.
 */
public final class NestedLoopJoinExec extends JoinExec {

  public NestedLoopJoinExec(
      JoinType joinType,
      BuildSide buildSide,
      Expr condition,
      ExecNode left,
      ExecNode right,
      boolean broadcast) {
    super(
        joinType,
        List.of(),
        List.of(),
        new boolean[0],
        buildSide,
        condition,
        left,
        right,
        broadcast);
  }

  @Override
  public String simpleString() {
    return (broadcast ? "BroadcastNestedLoopJoin " : "NestedLoopJoin ")
        + buildSideName()
        + ", "
        + joinTypeName()
        + conditionSuffix();
  }
}
