package io.tideline.internal.streaming.exec;

import static io.tideline.internal.plan.TestStreams.batch;
import static io.tideline.internal.plan.TestStreams.countByKey;
import static io.tideline.internal.plan.TestStreams.stream;
import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.plan.Aggregate;
import io.tideline.internal.plan.Join;
import io.tideline.internal.plan.JoinType;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.internal.plan.Plans;
import io.tideline.internal.plan.StatefulAggregate;
import io.tideline.internal.plan.StreamingRelation;
import io.tideline.internal.plan.Union;
import io.tideline.internal.state.StateStoreRegistry;
import io.tideline.internal.state.StatefulOperatorInfo;
import io.tideline.streaming.OutputMode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatefulPlanningTest {
  private final StateStoreRegistry stores =
      // Planning never opens a store, so the folder is never created.
      new StateStoreRegistry(
          Path.of(System.getProperty("java.io.tmpdir"), "tideline-planning-test-never-written"),
          new TidelineConf());

  @Test
  void rewrite_bindsEachStreamingAggregateToItsState() {
    LogicalPlan plan = countByKey(stream());
    LogicalPlan bound = StatefulPlanning.rewrite(plan, 7, 5, OutputMode.UPDATE, 0, stores);
    assertThat(bound).isInstanceOf(StatefulAggregate.class);
    StatefulAggregate s = (StatefulAggregate) bound;
    assertThat(s.aggregate()).isEqualTo(plan);
    assertThat(s.info()).isEqualTo(new StatefulOperatorInfo(0, 7, 5, OutputMode.UPDATE, 0, stores));
    assertThat(s.output()).isEqualTo(plan.output());
  }

  @Test
  void rewrite_numbersOperatorsBottomUpFromZero() {
    // A union of two aggregated streams, aggregated again: ids follow foreachUp order.
    Aggregate left = countByKey(stream());
    Aggregate right = countByKey(stream());
    Aggregate top = countByKey(new Union(List.of(left, right)));
    LogicalPlan bound = StatefulPlanning.rewrite(top, 3, 2, OutputMode.APPEND, 100, stores);
    List<StatefulAggregate> ops = Plans.collect(bound, StatefulAggregate.class);
    assertThat(ops).extracting(o -> o.info().operatorId()).containsExactly(0L, 1L, 2L);
    assertThat(ops.get(0).aggregate().child()).isSameAs(left.child());
    assertThat(ops.get(1).aggregate().child()).isSameAs(right.child());
    assertThat(ops.get(2).info().eventTimeWatermarkForEviction()).isEqualTo(100);
    assertThat(ops.get(2).info().eventTimeWatermarkForLateEvents()).isEqualTo(100);
    assertThat(Plans.collect(bound, StreamingRelation.class)).hasSize(2);
  }

  @Test
  void rewrite_leavesBatchAggregatesAndStatelessPlansAlone() {
    Aggregate staticCounts = countByKey(batch());
    Join join = new Join(stream(), staticCounts, JoinType.INNER, null);
    LogicalPlan bound = StatefulPlanning.rewrite(join, 0, 4, OutputMode.APPEND, 0, stores);
    assertThat(bound).isSameAs(join);
    assertThat(StatefulPlanning.statefulOperators(join)).isEmpty();
  }

  @Test
  void statefulOperators_namesKeysAndFunctionsWithTypes_stableAcrossRuns() {
    List<String> first = StatefulPlanning.statefulOperators(countByKey(stream()));
    List<String> second = StatefulPlanning.statefulOperators(countByKey(stream()));
    assertThat(first)
        .containsExactly("aggregate keys=[k STRING] functions=[count(1) BIGINT, sum(v) BIGINT]");
    assertThat(second).isEqualTo(first);
  }

  @Test
  void statefulOperators_listsOperatorsInIdOrder_andSeesBoundPlansTheSame() {
    Aggregate inner = countByKey(stream());
    Aggregate global =
        new Aggregate(
            List.of(),
            List.of(
                new io.tideline.internal.expr.Alias(
                    io.tideline.internal.plan.TestStreams.count(), "n")),
            inner);
    List<String> described = StatefulPlanning.statefulOperators(global);
    assertThat(described)
        .containsExactly(
            "aggregate keys=[k STRING] functions=[count(1) BIGINT, sum(v) BIGINT]",
            "aggregate keys=[] functions=[count(1) BIGINT]");
    LogicalPlan bound = StatefulPlanning.rewrite(global, 1, 2, OutputMode.COMPLETE, 0, stores);
    assertThat(StatefulPlanning.statefulOperators(bound)).isEqualTo(described);
  }
}
