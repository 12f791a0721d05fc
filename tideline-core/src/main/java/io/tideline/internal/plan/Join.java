package io.tideline.internal.plan;

import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * A join of two plans on {@code condition} (null for a cross join). The output is the left columns
 * then the right ones (only the left for semi and anti joins), with the side that an outer join may
 * fill with nulls made nullable. A {@code join(other, "id")} on column names is built as a {@link
 * Project} over a Join with an equality condition, as Spark does.
 */
public record Join(LogicalPlan left, LogicalPlan right, JoinType joinType, Expr condition)
    implements LogicalPlan {

  @Override
  public List<Attribute> output() {
    List<Attribute> out = new ArrayList<>();
    boolean leftNullable = joinType == JoinType.RIGHT_OUTER || joinType == JoinType.FULL_OUTER;
    boolean rightNullable = joinType == JoinType.LEFT_OUTER || joinType == JoinType.FULL_OUTER;
    for (Attribute a : left.output()) {
      out.add(leftNullable ? a.withNullable(true) : a);
    }
    if (joinType != JoinType.LEFT_SEMI && joinType != JoinType.LEFT_ANTI) {
      for (Attribute a : right.output()) {
        out.add(rightNullable ? a.withNullable(true) : a);
      }
    }
    return out;
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of(left, right);
  }

  @Override
  public String simpleString() {
    return "Join " + joinType.sql() + (condition == null ? "" : ", " + condition.sql());
  }
}
