package io.tideline.internal.exec;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.expr.AggregateCall;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.plan.Aggregate;
import io.tideline.internal.plan.MergeSessions;
import io.tideline.internal.plan.StatefulAggregate;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans a streaming aggregation of one micro-batch: partial aggregation of the batch's rows, a hash
 * exchange on the grouping keys into the operator's fixed number of state partitions, then per
 * partition a merge with the state store and the output its mode asks for.
 */
public final class StatefulAggregateExecs {

  private StatefulAggregateExecs() {}

  /**
   * The physical plan of {@code aggregate} over its already planned {@code child}.
   *
   * <p>The exchange uses the state partition count pinned in {@code aggregate.info()}, never {@code
   * conf.shufflePartitions()}: a key must land in the partition whose store holds its state, even
   * after the shuffle partition setting changed between restarts. A global aggregation (no keys)
   * has one state partition.
   */
  public static ExecNode plan(StatefulAggregate aggregate, ExecNode child, TidelineConf conf) {
    Aggregate a = aggregate.aggregate();
    List<AggregateCall> calls = PhysicalPlanner.aggregateCalls(a.aggregateList());
    for (AggregateCall call : calls) {
      if (call.distinct()) {
        throw ExecErrors.bug(
            "a DISTINCT aggregate reached a streaming aggregation: "
                + call.sql()
                + "; the output mode checker refuses it");
      }
    }
    HashAggregateExec partial = HashAggregateExec.partial(a.grouping(), calls, child);
    List<Expr> keys = new ArrayList<>(partial.output().subList(0, a.grouping().size()));
    ExecNode exchange = new ShuffleExchangeExec(keys, aggregate.info().numPartitions(), partial);
    return new StateStoreAggregateExec(
        aggregate.info(),
        aggregate.eventTimeKey(),
        a.grouping(),
        calls,
        a.aggregateList(),
        exchange);
  }

  /**
   * The physical plan of a streaming aggregation grouped by a session window, {@code aggregate}
   * over {@code sessions} ({@code MergeSessions}), whose child is already planned as {@code child}:
   * partial aggregation by the grouping keys and each row's own session (rows of one key and time
   * collapse), a hash exchange on the keys other than the session into the state partitions, then
   * per partition the merge with the stored sessions ({@link SessionWindowStateExec}).
   */
  static ExecNode planSessions(
      StatefulAggregate aggregate, MergeSessions sessions, ExecNode child) {
    Aggregate a = aggregate.aggregate();
    List<AggregateCall> calls = PhysicalPlanner.aggregateCalls(a.aggregateList());
    int sessionIndex = a.grouping().indexOf(sessions.session());
    if (sessionIndex < 0 || sessions.keys().isEmpty()) {
      throw ExecErrors.bug(
          "a streaming session aggregation without its session column or without other keys: "
              + aggregate.simpleString());
    }
    HashAggregateExec partial = HashAggregateExec.partial(a.grouping(), calls, child);
    List<Expr> keys = new ArrayList<>();
    for (int i = 0; i < a.grouping().size(); i++) {
      if (i != sessionIndex) {
        keys.add(partial.output().get(i));
      }
    }
    ExecNode exchange = new ShuffleExchangeExec(keys, aggregate.info().numPartitions(), partial);
    return new SessionWindowStateExec(
        aggregate.info(),
        aggregate.eventTimeKey(),
        a.grouping(),
        sessionIndex,
        calls,
        a.aggregateList(),
        exchange);
  }
}
