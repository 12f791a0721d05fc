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
      boolean[] nullSafe,
      BuildSide buildSide,
      Expr condition,
      ExecNode left,
      ExecNode right,
      boolean broadcast) {
    super(joinType, leftKeys, rightKeys, nullSafe, buildSide, condition, left, right, broadcast);
    if (leftKeys.isEmpty()) {
      throw ExecErrors.bug("a hash join without keys");
    }
  }

  /** Keys as Spark prints them; a null-safe key shows as {@code coalesce(k, 0), isnull(k)}. */
  private String keyList(List<Expr> keys) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < keys.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      String k = ExprPrinter.print(keys.get(i));
      sb.append(nullSafe[i] ? "coalesce(" + k + ", 0), isnull(" + k + ")" : k);
    }
    return sb.append(']').toString();
  }

  @Override
  public String simpleString() {
    return (broadcast ? "BroadcastHashJoin " : "ShuffledHashJoin ")
        + keyList(leftKeys)
        + ", "
        + keyList(rightKeys)
        + ", "
        + joinTypeName()
        + ", "
        + buildSideName()
        + conditionSuffix();
  }
}
