package io.tideline.internal.exec;

import io.tideline.internal.expr.Expr;
import io.tideline.internal.plan.JoinType;
import java.util.List;

/**
 * An equi-join: the build side hashed on its keys, broadcast ({@code BroadcastHashJoin}) or
 * shuffled with the stream side ({@code ShuffledHashJoin}); any non-equi part of the condition is
 * applied to the matched pairs. See {@link JoinExec} for the algorithm.
 */
public final class HashJoinExec extends JoinExec {

  public HashJoinExec(
      JoinType joinType,
      List<Expr> leftKeys,
      List<Expr> rightKeys,
      BuildSide buildSide,
      Expr condition,
      ExecNode left,
      ExecNode right,
      boolean broadcast) {
    super(joinType, leftKeys, rightKeys, buildSide, condition, left, right, broadcast);
    if (leftKeys.isEmpty()) {
      throw ExecErrors.bug("a hash join without keys");
    }
  }

  @Override
  public String simpleString() {
    return (broadcast ? "BroadcastHashJoin " : "ShuffledHashJoin ")
        + ExprPrinter.list(leftKeys)
        + ", "
        + ExprPrinter.list(rightKeys)
        + ", "
        + joinTypeName()
        + ", "
        + buildSideName()
        + conditionSuffix();
  }
}
