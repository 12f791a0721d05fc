package io.tideline.internal.exec;

import static io.tideline.functions.approx_count_distinct;
import static io.tideline.functions.avg;
import static io.tideline.functions.col;
import static io.tideline.functions.count;
import static io.tideline.functions.countDistinct;
import static io.tideline.functions.last;
import static io.tideline.functions.max;
import static io.tideline.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.AnalysisException;
import io.tideline.DataFrame;
import io.tideline.Tideline;
import io.tideline.internal.analysis.UnsupportedOperationChecker;
import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.internal.plan.Plans;
import io.tideline.internal.plan.StreamingRelation;
import io.tideline.internal.plan.TestStreams;
import io.tideline.internal.state.StateStoreRegistry;
import io.tideline.internal.streaming.exec.StatefulPlanning;
import io.tideline.streaming.OutputMode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streaming aggregations written with the DataFrame API, as users write them, checked and run batch
 * by batch the way the micro-batch loop runs them.
 */
class StreamingAggregationApiTest {
  private static Tideline session;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    session =
        Tideline.builder()
            .config(TidelineConf.SHUFFLE_PARTITIONS, 5)
            .config(TidelineConf.PARALLELISM, 2)
            .getOrCreate();
  }

  @AfterAll
  static void stop() {
    session.close();
  }

  private static DataFrame stream() {
    return DataFrame.ofPlan(session, TestStreams.stream());
  }

  /** Runs batch {@code batchId} of {@code query} over {@code rows} of {@code (k, v)}. */
  private static List<List<Object>> run(
      DataFrame query, long batchId, OutputMode mode, StateStoreRegistry stores, Object[]... rows) {
    UnsupportedOperationChecker.checkForStreaming(query.logicalPlan(), mode);
    LogicalPlan bound = StatefulPlanning.rewrite(query.logicalPlan(), batchId, 2, mode, 0, stores);
    LogicalPlan batch =
        Plans.transformUp(
            bound,
            n ->
                n instanceof StreamingRelation r
                    ? ExecTestSupport.relation(r.output(), 2, Arrays.asList(rows))
                    : n);
    return ExecTestSupport.rowsOf(
        new QueryExecution(batch, session.conf(), session.pool()).collect());
  }

  private static Object[] row(Object... values) {
    return values;
  }

  @Test
  void groupByCount_inUpdateMode_emitsChangedCounts() {
    StateStoreRegistry stores = new StateStoreRegistry(dir, session.conf());
    DataFrame counts = stream().groupBy("k").count();
    assertThat(run(counts, 0, OutputMode.UPDATE, stores, row("a", 1L), row("b", 2L), row("a", 3L)))
        .containsExactlyInAnyOrder(List.of("a", 2L), List.of("b", 1L));
    assertThat(run(counts, 1, OutputMode.UPDATE, stores, row("b", 5L)))
        .containsExactly(List.of("b", 2L));
    assertThat(run(counts, 2, OutputMode.UPDATE, stores)).isEmpty();
  }

  @Test
  void aggregatesOverExpressions_inCompleteMode_keepEveryGroup() {
    StateStoreRegistry stores = new StateStoreRegistry(dir, session.conf());
    DataFrame query =
        stream()
            .groupBy(col("v").mod(2).alias("parity"))
            .agg(
                count("*").alias("n"),
                sum("v").plus(1).alias("sumPlusOne"),
                avg("v"),
                max(col("k")),
                approx_count_distinct("k"));
    assertThat(run(query, 0, OutputMode.COMPLETE, stores, row("a", 1L), row("b", 2L)))
        .containsExactlyInAnyOrder(
            List.of(1L, 1L, 2L, 1.0, "a", 1L), List.of(0L, 1L, 3L, 2.0, "b", 1L));
    assertThat(run(query, 1, OutputMode.COMPLETE, stores, row("c", 3L)))
        .containsExactlyInAnyOrder(
            List.of(1L, 2L, 5L, 2.0, "c", 2L), List.of(0L, 1L, 3L, 2.0, "b", 1L));
  }

  @Test
  void topKeys_sortedAndLimited_inCompleteMode() {
    StateStoreRegistry stores = new StateStoreRegistry(dir, session.conf());
    DataFrame top = stream().groupBy("k").count().orderBy(col("count").desc(), col("k")).limit(2);
    assertThat(run(top, 0, OutputMode.COMPLETE, stores, row("a", 1L), row("b", 1L), row("c", 1L)))
        .containsExactly(List.of("a", 1L), List.of("b", 1L));
    assertThat(run(top, 1, OutputMode.COMPLETE, stores, row("c", 1L), row("c", 1L), row("b", 1L)))
        .containsExactly(List.of("c", 3L), List.of("b", 2L));
  }

  @Test
  void globalAggregation_ofTheApi_isOneRowPerBatch() {
    StateStoreRegistry stores = new StateStoreRegistry(dir, session.conf());
    DataFrame total = stream().groupBy().agg(count("*").alias("n"), sum("v").alias("s"));
    assertThat(run(total, 0, OutputMode.UPDATE, stores, row("a", 1L), row(null, 2L)))
        .containsExactly(List.of(2L, 3L));
    assertThat(run(total, 1, OutputMode.UPDATE, stores, row("a", 10L)))
        .containsExactly(List.of(3L, 13L));
  }

  @Test
  void globalLast_changesWithNewBatches_andSurvivesAnEmptyOne() {
    // Spark's SPARK-22230 scenario.
    StateStoreRegistry stores = new StateStoreRegistry(dir, session.conf());
    DataFrame last = stream().agg(last("v"));
    assertThat(run(last, 0, OutputMode.COMPLETE, stores, row("a", 1L), row("a", 2L), row("a", 3L)))
        .containsExactly(List.of(3L));
    assertThat(run(last, 1, OutputMode.COMPLETE, stores, row("a", 4L), row("a", 5L), row("a", 6L)))
        .containsExactly(List.of(6L));
    assertThat(run(last, 2, OutputMode.COMPLETE, stores)).containsExactly(List.of(6L));
    assertThat(run(last, 3, OutputMode.COMPLETE, stores, row("a", 0L)))
        .containsExactly(List.of(0L));
  }

  @Test
  void checker_refusesWhatSparkRefuses_onApiPlans() {
    DataFrame counts = stream().groupBy("k").count();
    assertThatThrownBy(
            () ->
                UnsupportedOperationChecker.checkForStreaming(
                    counts.logicalPlan(), OutputMode.APPEND))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("without watermark");
    assertThatThrownBy(
            () ->
                UnsupportedOperationChecker.checkForStreaming(
                    stream().groupBy("k").agg(countDistinct("v")).logicalPlan(), OutputMode.UPDATE))
        .hasMessageContaining("Consider using approx_count_distinct()");
    assertThatThrownBy(
            () ->
                UnsupportedOperationChecker.checkForStreaming(
                    counts.orderBy("k").logicalPlan(), OutputMode.UPDATE))
        .hasMessageContaining("Sorting is not supported on streaming DataFrames/Datasets");
  }
}
