package io.tideline.internal.plan;

import io.tideline.internal.expr.Attribute;
import io.tideline.internal.state.StatefulOperatorInfo;
import java.util.List;

/**
 * A streaming aggregation inside one micro-batch: {@code aggregate} over the batch's rows, merged
 * with the state the operator kept from earlier batches (version {@code info.batchId()}), saved as
 * version {@code batchId + 1}; it emits what the output mode asks for. Made by {@code
 * StatefulPlanning} from an {@link Aggregate} over a streaming plan.
 *
 * @param eventTimeKey the grouping key that carries event time, by which late rows are dropped and
 *     state is evicted once the watermark passes it; {@link EventTimeKey#NONE} keeps state forever
 */
public record StatefulAggregate(
    Aggregate aggregate, StatefulOperatorInfo info, EventTimeKey eventTimeKey)
    implements LogicalPlan, StatefulOperator {

  /** A stateful aggregation none of whose keys carries event time. */
  public StatefulAggregate(Aggregate aggregate, StatefulOperatorInfo info) {
    this(aggregate, info, EventTimeKey.NONE);
  }

  @Override
  public List<Attribute> output() {
    return aggregate.output();
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of(aggregate.child());
  }

  @Override
  public String simpleString() {
    return "StatefulAggregate [operator "
        + info.operatorId()
        + ", "
        + info.outputMode()
        + "] "
        + Explain.exprs(aggregate.grouping())
        + ", "
        + Explain.exprs(aggregate.aggregateList());
  }
}
