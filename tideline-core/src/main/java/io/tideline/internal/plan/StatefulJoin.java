package io.tideline.internal.plan;

import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.state.StatefulOperatorInfo;
import java.util.List;

/**
 * A stream-stream join inside one micro-batch: {@code join} over the batch's rows of both sides,
 * each side matched against the rows the other side buffered in earlier batches (state version
 * {@code info.batchId()}), saved as version {@code batchId + 1}. Made by {@code StatefulPlanning}
 * from a {@link Join} whose two children are streams.
 *
 * @param keys the equi-join keys and the rest of the condition
 * @param leftEventTime the index in the left output of its watermarked column, by which late left
 *     rows are dropped; -1 when it has none
 * @param rightEventTime the same for the right side
 * @param leftEviction how buffered left rows are evicted at this batch's eviction watermark
 * @param rightEviction how buffered right rows are evicted
 */
public record StatefulJoin(
    Join join,
    StatefulOperatorInfo info,
    StreamingJoinHelper.EquiKeys keys,
    int leftEventTime,
    int rightEventTime,
    StreamingJoinHelper.Eviction leftEviction,
    StreamingJoinHelper.Eviction rightEviction)
    implements LogicalPlan, StatefulOperator {

  @Override
  public List<Attribute> output() {
    return join.output();
  }

  @Override
  public List<LogicalPlan> children() {
    return join.children();
  }

  /** The join type ({@code CROSS} with equality keys runs as {@code INNER}). */
  public JoinType joinType() {
    return join.joinType() == JoinType.CROSS ? JoinType.INNER : join.joinType();
  }

  /** The non-equality conjuncts of the condition, in order. */
  public List<Expr> residual() {
    return keys.residual();
  }

  /** Whether state is evicted on either side, so a moving watermark gives work to a batch. */
  public boolean evictsState() {
    return !(leftEviction instanceof StreamingJoinHelper.NoEviction)
        || !(rightEviction instanceof StreamingJoinHelper.NoEviction);
  }

  /** This node over new children (the sources of one batch). */
  public StatefulJoin withChildren(LogicalPlan left, LogicalPlan right) {
    return new StatefulJoin(
        new Join(left, right, join.joinType(), join.condition()),
        info,
        keys,
        leftEventTime,
        rightEventTime,
        leftEviction,
        rightEviction);
  }

  @Override
  public String simpleString() {
    return "StatefulJoin "
        + join.joinType().sql()
        + (join.condition() == null ? "" : ", " + join.condition().sql())
        + " [operator "
        + info.operatorId()
        + ", left "
        + leftEviction
        + ", right "
        + rightEviction
        + "]";
  }
}
