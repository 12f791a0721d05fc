package io.tideline.internal.analysis;

import static io.tideline.functions.col;
import static io.tideline.functions.count;
import static io.tideline.functions.struct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tideline.AnalysisException;
import io.tideline.DataFrame;
import io.tideline.Tideline;
import io.tideline.internal.analysis.UnsupportedOperationErrors.Condition;
import io.tideline.streaming.MemoryStream;
import io.tideline.streaming.OutputMode;
import io.tideline.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The output-mode rules that depend on event-time watermarks, on DataFrames users build. */
class WatermarkCheckerTest {
  private static final StructType EVENTS =
      StructType.fromDDL("k STRING, ts TIMESTAMP, other TIMESTAMP, we TIMESTAMP");
  private static Tideline t;

  @BeforeAll
  static void start() {
    t = Tideline.builder().appName("watermark-checker-test").getOrCreate();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private static DataFrame events() {
    return MemoryStream.of(t, EVENTS).toDF();
  }

  private static void accepted(DataFrame df, OutputMode mode) {
    assertThatCode(() -> UnsupportedOperationChecker.checkForStreaming(df.logicalPlan(), mode))
        .doesNotThrowAnyException();
  }

  private static Condition refused(DataFrame df, OutputMode mode) {
    Throwable e =
        catchThrowable(() -> UnsupportedOperationChecker.checkForStreaming(df.logicalPlan(), mode));
    assertThat(e).isInstanceOf(AnalysisException.class);
    return (Condition) ((AnalysisException) e).condition();
  }

  @Test
  void append_acceptsAggregationGroupedByTheWatermarkedColumn_orAnAliasOfIt() {
    accepted(
        events().withWatermark("ts", "1 minute").groupBy(col("k"), col("ts")).count(),
        OutputMode.APPEND);
    accepted(
        events()
            .withWatermark("ts", "1 minute")
            .select(col("ts").as("t"), col("k"))
            .groupBy(col("t"))
            .count(),
        OutputMode.APPEND);
  }

  @Test
  void append_acceptsAWindowStructComputedFromTheWatermarkedColumn() {
    DataFrame windowed =
        events()
            .withWatermark("we", "1 minute")
            .groupBy(struct(col("ts").as("start"), col("we").as("end")).as("window"), col("k"))
            .agg(count(col("k")).as("n"));
    accepted(windowed, OutputMode.APPEND);
    // The window column keeps its watermark through the aggregation: a second one may follow.
    accepted(windowed.groupBy(col("window")).count(), OutputMode.APPEND);
  }

  @Test
  void append_refusesAggregationsWhoseKeysCarryNoWatermark() {
    assertThat(
            refused(
                events().withWatermark("ts", "1 minute").groupBy(col("k")).count(),
                OutputMode.APPEND))
        .isEqualTo(Condition.APPEND_AGGREGATION_WITHOUT_WATERMARK);
    assertThat(
            refused(
                events().withWatermark("other", "1 minute").groupBy(col("ts")).count(),
                OutputMode.APPEND))
        .isEqualTo(Condition.APPEND_AGGREGATION_WITHOUT_WATERMARK);
    // A watermark declared after the aggregation does not count (Spark's guide).
    assertThat(
            refused(
                events().groupBy(col("ts")).count().withWatermark("ts", "1 minute"),
                OutputMode.APPEND))
        .isEqualTo(Condition.APPEND_AGGREGATION_WITHOUT_WATERMARK);
  }

  @Test
  void updateAndComplete_acceptAggregationsWithOrWithoutWatermark() {
    for (OutputMode mode : new OutputMode[] {OutputMode.UPDATE, OutputMode.COMPLETE}) {
      accepted(events().groupBy(col("k")).count(), mode);
      accepted(events().withWatermark("ts", "1 minute").groupBy(col("ts")).count(), mode);
    }
  }

  @Test
  void redefiningTheWatermark_isRefused() {
    DataFrame twice = events().withWatermark("ts", "1 minute").withWatermark("other", "1 minute");
    assertThat(refused(twice, OutputMode.APPEND)).isEqualTo(Condition.REDEFINING_WATERMARK);
  }
}
