package io.tideline.internal.analysis;

import static io.tideline.internal.plan.TestStreams.batch;
import static io.tideline.internal.plan.TestStreams.countByKey;
import static io.tideline.internal.plan.TestStreams.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tideline.AnalysisException;
import io.tideline.internal.analysis.UnsupportedOperationErrors.Condition;
import io.tideline.internal.expr.AggregateCall;
import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.expr.SortOrder;
import io.tideline.internal.plan.Aggregate;
import io.tideline.internal.plan.Deduplicate;
import io.tideline.internal.plan.Filter;
import io.tideline.internal.plan.Join;
import io.tideline.internal.plan.JoinType;
import io.tideline.internal.plan.Limit;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.internal.plan.Project;
import io.tideline.internal.plan.Sort;
import io.tideline.internal.plan.Union;
import io.tideline.streaming.OutputMode;
import io.tideline.types.DataTypes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnsupportedOperationCheckerTest {

  private static AnalysisException refused(LogicalPlan plan, OutputMode mode) {
    Throwable t = catchThrowable(() -> UnsupportedOperationChecker.checkForStreaming(plan, mode));
    assertThat(t).as("%s in %s", plan.simpleString(), mode).isInstanceOf(AnalysisException.class);
    return (AnalysisException) t;
  }

  private static void accepted(LogicalPlan plan, OutputMode mode) {
    assertThatCode(() -> UnsupportedOperationChecker.checkForStreaming(plan, mode))
        .as("%s in %s", plan.simpleString(), mode)
        .doesNotThrowAnyException();
  }

  private static Sort sortByFirstColumn(LogicalPlan child) {
    return new Sort(List.of(new SortOrder(child.output().get(0), true, true)), true, child);
  }

  private static Filter filtered(LogicalPlan child) {
    return new Filter(new Literal(true, DataTypes.BooleanType), child);
  }

  @Test
  void batchPlan_isRefused() {
    AnalysisException e = refused(countByKey(batch()), OutputMode.COMPLETE);
    assertThat(e.condition()).isEqualTo(Condition.NO_STREAMING_SOURCE);
    assertThat(e.getMessage())
        .contains("Queries without streaming sources cannot be executed with writeStream.start()")
        .contains("Operator: Aggregate");
  }

  @Test
  void appendMode_refusesAggregationWithoutWatermark_andSaysHowToFix() {
    AnalysisException e = refused(countByKey(stream()), OutputMode.APPEND);
    assertThat(e.condition()).isEqualTo(Condition.APPEND_AGGREGATION_WITHOUT_WATERMARK);
    assertThat(e.getMessage())
        .startsWith(
            "[STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION] Invalid streaming output mode: append.")
        .contains(
            "This output mode is not supported for streaming aggregations without watermark on"
                + " streaming DataFrames/DataSets;")
        .contains("withWatermark")
        .contains("outputMode(\"update\")");
  }

  @Test
  void appendMode_acceptsStatelessPlans() {
    LogicalPlan s = stream();
    accepted(new Project(new ArrayList<Expr>(s.output()), filtered(s)), OutputMode.APPEND);
  }

  @Test
  void completeMode_refusesPlanWithoutStreamingAggregation() {
    AnalysisException e = refused(filtered(stream()), OutputMode.COMPLETE);
    assertThat(e.condition()).isEqualTo(Condition.COMPLETE_WITHOUT_AGGREGATION);
    assertThat(e.getMessage())
        .contains(
            "[STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION] Invalid streaming output mode:"
                + " complete. This output mode is not supported for no streaming aggregations on"
                + " streaming DataFrames/DataSets;");
    // An aggregation of the static side of a stream-static join is no streaming aggregation.
    Join join = new Join(stream(), countByKey(batch()), JoinType.INNER, null);
    assertThat(refused(join, OutputMode.COMPLETE).condition())
        .isEqualTo(Condition.COMPLETE_WITHOUT_AGGREGATION);
  }

  @Test
  void updateAndCompleteModes_acceptOneStreamingAggregation() {
    accepted(countByKey(stream()), OutputMode.UPDATE);
    accepted(countByKey(stream()), OutputMode.COMPLETE);
    accepted(filtered(stream()), OutputMode.UPDATE);
  }

  @Test
  void statefulOperatorAfterAnUpdateOrCompleteAggregation_isRefusedForCorrectness() {
    Aggregate twice = countByKey(countByKey(stream()));
    for (OutputMode mode : List.of(OutputMode.UPDATE, OutputMode.COMPLETE)) {
      AnalysisException e = refused(twice, mode);
      assertThat(e.condition()).isEqualTo(Condition.GLOBAL_WATERMARK_CORRECTNESS);
      assertThat(e.getMessage())
          .contains("Detected pattern of possible 'correctness' issue due to global watermark.")
          .contains("An aggregation in " + mode + " output mode revises rows")
          .contains("foreachBatch");
    }
    // Append allows chained aggregations with watermarks; without one the Append rule applies.
    assertThat(refused(twice, OutputMode.APPEND).condition())
        .isEqualTo(Condition.APPEND_AGGREGATION_WITHOUT_WATERMARK);
    // Stateless operators after the aggregation are fine.
    accepted(filtered(countByKey(stream())), OutputMode.UPDATE);
  }

  @Test
  void distinctAggregate_isRefused_withApproxCountDistinctAsTheWayOut() {
    LogicalPlan s = stream();
    Attribute k = s.output().get(0);
    Attribute v = s.output().get(1);
    AggregateCall distinct =
        new AggregateCall("count", List.of(v), true, DataTypes.LongType, false, List.of());
    Aggregate agg = new Aggregate(List.of(k), List.<Expr>of(k, new Alias(distinct, "n")), s);
    AnalysisException e = refused(agg, OutputMode.UPDATE);
    assertThat(e.condition()).isEqualTo(Condition.DISTINCT_AGGREGATION);
    assertThat(e.getMessage())
        .contains(
            "Distinct aggregations are not supported on streaming DataFrames/Datasets. Consider"
                + " using approx_count_distinct() instead;");
  }

  @Test
  void sort_isOnlyAllowedOnAnAggregationInCompleteMode() {
    accepted(sortByFirstColumn(countByKey(stream())), OutputMode.COMPLETE);
    AnalysisException e = refused(sortByFirstColumn(countByKey(stream())), OutputMode.UPDATE);
    assertThat(e.condition()).isEqualTo(Condition.SORT);
    assertThat(e.getMessage())
        .contains(
            "Sorting is not supported on streaming DataFrames/Datasets, unless it is on"
                + " aggregated DataFrame/Dataset in Complete output mode;");
    assertThat(refused(sortByFirstColumn(stream()), OutputMode.APPEND).condition())
        .isEqualTo(Condition.SORT);
    // Sorting the static side of a join is fine.
    accepted(
        new Join(stream(), sortByFirstColumn(batch()), JoinType.INNER, null), OutputMode.APPEND);
  }

  @Test
  void limit_inUpdateMode_isRefusedWithSparksMessage() {
    AnalysisException e = refused(new Limit(5, countByKey(stream())), OutputMode.UPDATE);
    assertThat(e.condition()).isEqualTo(Condition.LIMIT_IN_UPDATE_MODE);
    assertThat(e.getMessage())
        .contains(
            "Limits are not supported on streaming DataFrames/Datasets in Update output mode;");
  }

  @Test
  void limit_overCompleteAggregation_isAccepted_butStatefulLimitIsNotSupportedYet() {
    accepted(new Limit(3, sortByFirstColumn(countByKey(stream()))), OutputMode.COMPLETE);
    AnalysisException e = refused(new Limit(5, stream()), OutputMode.APPEND);
    assertThat(e.condition()).isEqualTo(Condition.NOT_SUPPORTED_YET);
    assertThat(e.getMessage())
        .startsWith("[STREAMING_NOT_SUPPORTED_YET] A limit on streaming DataFrames/Datasets")
        .contains("not supported yet by Tideline's streaming engine")
        .contains("stateful global limit in Append output mode");
  }

  @Test
  void union_ofStreamingAndBatch_isRefused_butStreamsUnite() {
    AnalysisException e = refused(new Union(List.of(stream(), batch())), OutputMode.APPEND);
    assertThat(e.condition()).isEqualTo(Condition.UNION_STREAMING_AND_BATCH);
    assertThat(e.getMessage())
        .contains("Union between streaming and batch DataFrames/Datasets is not supported;");
    accepted(new Union(List.of(stream(), stream())), OutputMode.APPEND);
  }

  @Test
  void streamStaticJoins_followSparksSupportMatrix() {
    for (JoinType t :
        List.of(
            JoinType.INNER,
            JoinType.CROSS,
            JoinType.LEFT_OUTER,
            JoinType.LEFT_SEMI,
            JoinType.LEFT_ANTI)) {
      accepted(new Join(stream(), batch(), t, null), OutputMode.APPEND);
    }
    for (JoinType t : List.of(JoinType.INNER, JoinType.CROSS, JoinType.RIGHT_OUTER)) {
      accepted(new Join(batch(), stream(), t, null), OutputMode.APPEND);
    }
    AnalysisException leftOuter =
        refused(new Join(batch(), stream(), JoinType.LEFT_OUTER, null), OutputMode.APPEND);
    assertThat(leftOuter.condition()).isEqualTo(Condition.JOIN_STREAMING_ON_RIGHT);
    assertThat(leftOuter.getMessage())
        .contains(
            "LeftOuter join with a streaming DataFrame/Dataset on the right and a static"
                + " DataFrame/Dataset on the left is not supported;");
    assertThat(
            refused(new Join(batch(), stream(), JoinType.LEFT_SEMI, null), OutputMode.APPEND)
                .getMessage())
        .contains("LeftSemi join with a streaming DataFrame/Dataset on the right");
    AnalysisException anti =
        refused(new Join(batch(), stream(), JoinType.LEFT_ANTI, null), OutputMode.APPEND);
    assertThat(anti.condition()).isEqualTo(Condition.LEFT_ANTI_JOIN_STREAMING_ON_RIGHT);
    assertThat(anti.getMessage())
        .contains(
            "LeftAnti joins with a streaming DataFrame/Dataset on the right are not supported");
    AnalysisException right =
        refused(new Join(stream(), batch(), JoinType.RIGHT_OUTER, null), OutputMode.APPEND);
    assertThat(right.condition()).isEqualTo(Condition.RIGHT_OUTER_JOIN_STREAMING_ON_LEFT);
    assertThat(right.getMessage())
        .contains(
            "RightOuter join with a streaming DataFrame/Dataset on the left and a static"
                + " DataFrame/DataSet on the right not supported;");
    assertThat(
            refused(new Join(stream(), batch(), JoinType.FULL_OUTER, null), OutputMode.APPEND)
                .getMessage())
        .contains(
            "FullOuter joins with streaming DataFrames/Datasets on the left and a static"
                + " DataFrame/Dataset on the right is not supported;");
    AnalysisException full =
        refused(new Join(batch(), stream(), JoinType.FULL_OUTER, null), OutputMode.APPEND);
    assertThat(full.condition()).isEqualTo(Condition.FULL_OUTER_JOIN_STREAM_STATIC);
    assertThat(full.parameters())
        .containsEntry("streamingSide", "right")
        .containsEntry("staticSide", "left");
  }

  @Test
  void streamStreamJoins_needAppendOrInnerUpdate_andAnEquality() {
    Join inner = new Join(stream(), stream(), JoinType.INNER, null);
    AnalysisException complete = refused(countByKey(inner), OutputMode.COMPLETE);
    assertThat(complete.condition()).isEqualTo(Condition.STREAM_STREAM_JOIN_OUTPUT_MODE);
    assertThat(complete.getMessage())
        .contains(
            "Join between two streaming DataFrames/Datasets is not supported in Complete output"
                + " mode, only in Append output mode;");
    Join outer = new Join(stream(), stream(), JoinType.LEFT_OUTER, null);
    assertThat(refused(outer, OutputMode.UPDATE).condition())
        .isEqualTo(Condition.STREAM_STREAM_JOIN_OUTPUT_MODE);
    // Spark's planner refuses a stream-stream join it cannot partition by keys.
    AnalysisException append = refused(inner, OutputMode.APPEND);
    assertThat(append.condition()).isEqualTo(Condition.STREAM_STREAM_JOIN_WITHOUT_EQUALITY);
    assertThat(append.getMessage())
        .contains("Stream-stream join without equality predicate is not supported");
    assertThat(refused(inner, OutputMode.UPDATE).condition())
        .isEqualTo(Condition.STREAM_STREAM_JOIN_WITHOUT_EQUALITY);
  }

  @Test
  void dropDuplicates_onAStream_isAcceptedInAppendAndUpdate_refusedInCompleteWithoutAggregation() {
    LogicalPlan s = stream();
    Deduplicate d = new Deduplicate(List.of(s.output().get(0)), s);
    accepted(d, OutputMode.APPEND);
    accepted(d, OutputMode.UPDATE);
    assertThat(refused(d, OutputMode.COMPLETE).condition())
        .isEqualTo(Condition.COMPLETE_WITHOUT_AGGREGATION);
    accepted(
        new Join(stream(), new Deduplicate(List.of(), batch()), JoinType.INNER, null),
        OutputMode.APPEND);
  }

  @Test
  void dropDuplicatesWithoutEventTimeKey_afterAnUpdateAggregation_isAccepted() {
    LogicalPlan counts = countByKey(stream());
    accepted(new Deduplicate(counts.output(), counts), OutputMode.UPDATE);
  }

  @Test
  void dropDuplicatesWithinWatermark_withoutWatermark_isRefusedWithSparksMessage() {
    LogicalPlan s = stream();
    AnalysisException e =
        refused(new Deduplicate(List.of(s.output().get(0)), s, true), OutputMode.APPEND);
    assertThat(e.condition()).isEqualTo(Condition.DEDUPLICATE_WITHIN_WATERMARK_WITHOUT_WATERMARK);
    assertThat(e.getMessage())
        .contains(
            "dropDuplicatesWithinWatermark is not supported on streaming DataFrames/DataSets"
                + " without watermark")
        .contains("withWatermark");
  }

  @Test
  void everyConditionHasAStableNameAndSqlState() {
    for (Condition c : Condition.values()) {
      assertThat(c.conditionName()).matches("STREAMING_[A-Z_]+(\\.[A-Z_]+)?");
      assertThat(c.sqlState()).hasSize(5);
      assertThat(c.template()).contains("Operator: <operator>. <hint>");
    }
  }
}
