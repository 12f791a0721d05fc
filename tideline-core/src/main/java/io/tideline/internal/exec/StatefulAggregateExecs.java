package io.tideline.internal.exec;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.plan.StatefulAggregate;

/**
 * Plans a streaming aggregation of one micro-batch: partial aggregation of the batch's rows, a hash
 * exchange on the grouping keys into the operator's fixed number of state partitions, then per
 * partition a merge with the state store and the output its mode asks for.
 */
public final class StatefulAggregateExecs {

  private StatefulAggregateExecs() {}

  /** The physical plan of {@code aggregate} over its already planned {@code child}. */
  public static ExecNode plan(StatefulAggregate aggregate, ExecNode child, TidelineConf conf) {
    throw new UnsupportedOperationException("TODO(stateful): streaming aggregation");
  }
}
