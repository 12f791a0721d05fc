package io.tideline.internal.plan;

import io.tideline.internal.state.StatefulOperatorInfo;

/**
 * A plan node bound to state for one micro-batch ({@link StatefulAggregate}, {@link
 * StatefulDeduplicate}, {@link StatefulJoin}): it knows its operator id and the batch's watermarks.
 * The loop uses this to list the operators' progress in Spark's order ({@code
 * StatefulOperatorOrder}).
 */
public interface StatefulOperator {

  /** The operator's id, batch, state partitioning and watermarks. */
  StatefulOperatorInfo info();
}
