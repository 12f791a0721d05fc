package io.tideline.internal.streaming.exec;

import static io.tideline.functions.col;
import static io.tideline.functions.expr;
import static io.tideline.functions.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.AnalysisException;
import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.internal.analysis.UnsupportedOperationChecker;
import io.tideline.internal.analysis.UnsupportedOperationErrors;
import io.tideline.internal.streaming.ManualClock;
import io.tideline.streaming.MemoryStream;
import io.tideline.streaming.OutputMode;
import io.tideline.streaming.StateOperatorProgress;
import io.tideline.streaming.StreamingQuery;
import io.tideline.streaming.StreamingQueryException;
import io.tideline.streaming.StreamingQueryProgress;
import io.tideline.streaming.Trigger;
import io.tideline.types.StructType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stream-stream joins end to end: matches across batches, state bounded by watermarks and a time
 * range, null-padded outer rows exactly when the unmatched row is evicted, late rows, restarts,
 * progress and Spark's refusals.
 */
class StreamStreamJoinTest {
  private static final StructType LEFT = StructType.fromDDL("lk STRING, lt TIMESTAMP, lv BIGINT");
  private static final StructType RIGHT = StructType.fromDDL("rk STRING, rt TIMESTAMP, rv BIGINT");
  private static final String RANGE =
      "lk = rk AND rt BETWEEN lt - INTERVAL 5 SECONDS AND lt + INTERVAL 5 SECONDS";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static Tideline t;

  @TempDir Path dir;
  private final ManualClock clock = new ManualClock(0);

  @BeforeAll
  static void start() {
    t =
        Tideline.builder()
            .appName("stream-join-test")
            .config("tideline.shuffle.partitions", 2)
            .getOrCreate();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private static Row row(String k, long seconds, long v) {
    return Row.of(k, Instant.ofEpochSecond(seconds), v);
  }

  private static Row joined(String k, long lt, long lv, String rk, Long rt, Long rv) {
    return Row.of(
        k, Instant.ofEpochSecond(lt), lv, rk, rt == null ? null : Instant.ofEpochSecond(rt), rv);
  }

  private static Row leftOnly(String k, long lt, long lv) {
    return Row.of(k, Instant.ofEpochSecond(lt), lv, null, null, null);
  }

  private static Row rightOnly(String k, long rt, long rv) {
    return Row.of(null, null, null, k, Instant.ofEpochSecond(rt), rv);
  }

  /** Two watermarked inputs (5 s delay each) joined by key and a ±5 s time range. */
  private record Inputs(MemoryStream left, MemoryStream right) {
    DataFrame join(String how) {
      DataFrame l = left.toDF().withWatermark("lt", "5 seconds");
      DataFrame r = right.toDF().withWatermark("rt", "5 seconds");
      return l.join(r, expr(RANGE), how);
    }
  }

  private static Inputs inputs() {
    return new Inputs(MemoryStream.of(t, LEFT), MemoryStream.of(t, RIGHT));
  }

  private StreamingQuery start(DataFrame df, RecordingSink sink) {
    return df.writeStream()
        .sink(sink)
        .outputMode(OutputMode.APPEND)
        .option("checkpointLocation", dir.resolve("cp").toString())
        .start();
  }

  private static List<StreamingQueryProgress> batches(StreamingQuery q) {
    return q.recentProgress().stream().filter(p -> p.durationMs().containsKey("addBatch")).toList();
  }

  private static StateOperatorProgress state(StreamingQuery q, long batchId) {
    return batches(q).stream()
        .filter(p -> p.batchId() == batchId)
        .reduce((a, b) -> b)
        .orElseThrow()
        .stateOperators()
        .get(0);
  }

  /**
   * A query whose batches run only when the test moves {@link #clock} to the next trigger, so rows
   * added to both inputs land in the same batch.
   */
  private StreamingQuery startTicking(DataFrame df, RecordingSink sink) throws Exception {
    StreamingQuery q =
        df.writeStream()
            .sink(sink)
            .outputMode(OutputMode.APPEND)
            .clock(clock)
            .trigger(Trigger.ProcessingTime(1_000))
            .option("checkpointLocation", dir.resolve("cp").toString())
            .start();
    // The trigger at start found no data; the loop now waits for the next one.
    clock.awaitWaiter(WAIT);
    return q;
  }

  /** Runs the next trigger (a data batch, a no-data batch or nothing) and waits until it ends. */
  private void tick() throws Exception {
    clock.setTime(clock.awaitWaiter(WAIT));
    clock.awaitWaiter(WAIT);
  }

  /**
   * Batch 0: a@10 and b@11 on the left, a@12 on the right (watermark then 6 s); no-data batch 1;
   * batch 2: c@30 left, c@31 and b@40 right (watermark 25 s); no-data batch 3 evicts what is at or
   * before 25 − 5 − 0.001 s on both sides.
   */
  private void feed(Inputs in) throws Exception {
    in.left().addData(row("a", 10, 1), row("b", 11, 2));
    in.right().addData(row("a", 12, 10));
    tick();
    tick();
    in.left().addData(row("c", 30, 3));
    in.right().addData(row("c", 31, 30), row("b", 40, 20));
    tick();
    tick();
  }

  @Test
  void innerJoin_matchesAcrossSidesAndBatches_andEvictsStateOnceTheWatermarkPassesTheRange()
      throws Exception {
    Inputs in = inputs();
    RecordingSink sink = new RecordingSink();
    StreamingQuery q = startTicking(in.join("inner"), sink);
    try {
      feed(in);

      assertThat(sink.batches().get(0L)).containsExactly(joined("a", 10, 1, "a", 12L, 10L));
      assertThat(sink.allRows())
          .containsExactlyInAnyOrder(
              joined("a", 10, 1, "a", 12L, 10L), joined("c", 30, 3, "c", 31L, 30L));
      StateOperatorProgress s0 = state(q, 0);
      assertThat(s0.operatorName()).isEqualTo("symmetricHashJoin");
      assertThat(s0.numRowsTotal()).isEqualTo(3);
      assertThat(s0.numRowsUpdated()).isEqualTo(3);
      assertThat(s0.numStateStoreInstances()).isEqualTo(8);
      // Batch 3 runs without data at watermark 25 s: a@10, b@11 and a@12 can never match again.
      assertThat(sink.batches()).containsKey(3L);
      StateOperatorProgress s3 = state(q, 3);
      assertThat(s3.numRowsRemoved()).isEqualTo(3);
      assertThat(s3.numRowsTotal()).isEqualTo(3);
    } finally {
      q.stop();
    }
  }

  @Test
  void leftOuterJoin_emitsNullRowOnlyForUnmatchedRows_whenTheirStateIsEvicted() throws Exception {
    Inputs in = inputs();
    RecordingSink sink = new RecordingSink();
    StreamingQuery q = startTicking(in.join("left_outer"), sink);
    try {
      feed(in);
      // A late left row (20 s ≤ watermark 25 s) is dropped and counted.
      in.left().addData(row("d", 20, 4));
      tick();

      assertThat(sink.batches().get(1L)).isEmpty();
      assertThat(sink.batches().get(2L)).containsExactly(joined("c", 30, 3, "c", 31L, 30L));
      // a@10 matched, so only b@11 comes out padded, when batch 3 evicts it.
      assertThat(sink.batches().get(3L)).containsExactly(leftOnly("b", 11, 2));
      assertThat(sink.batches().get(4L)).isEmpty();
      assertThat(state(q, 4).numRowsDroppedByWatermark()).isEqualTo(1);
    } finally {
      q.stop();
    }
  }

  @Test
  void rightAndFullOuterJoins_padTheUnmatchedRowsOfTheirOuterSides() throws Exception {
    Inputs in = inputs();
    RecordingSink sink = new RecordingSink();
    StreamingQuery q = startTicking(in.join("full_outer"), sink);
    try {
      feed(in);
      // Watermark 65 s: b@40 on the right falls out of range too (no-data batch 5).
      in.left().addData(row("e", 70, 5));
      in.right().addData(row("e", 70, 50));
      tick();
      tick();

      assertThat(sink.allRows())
          .containsExactlyInAnyOrder(
              joined("a", 10, 1, "a", 12L, 10L),
              joined("c", 30, 3, "c", 31L, 30L),
              joined("e", 70, 5, "e", 70L, 50L),
              leftOnly("b", 11, 2),
              rightOnly("b", 40, 20));
      assertThat(sink.batches().get(3L)).containsExactly(leftOnly("b", 11, 2));
      assertThat(sink.batches().get(5L)).containsExactly(rightOnly("b", 40, 20));
    } finally {
      q.stop();
    }
  }

  @Test
  void restart_recoversBothSidesBufferedRowsAndMatchedFlags() throws Exception {
    Inputs in = inputs();
    RecordingSink sink = new RecordingSink();
    DataFrame joinedDf = in.join("left_outer");
    StreamingQuery first = start(joinedDf, sink);
    in.left().addData(row("a", 10, 1), row("b", 11, 2));
    in.right().addData(row("a", 12, 10));
    first.processAllAvailable();
    first.stop();

    StreamingQuery second = start(joinedDf, sink);
    try {
      in.right().addData(row("b", 13, 20));
      second.processAllAvailable();
      in.left().addData(row("z", 40, 9));
      in.right().addData(row("z", 40, 90));
      second.processAllAvailable();

      // b@11 met its match after the restart; a@10 had matched before it: no null rows.
      assertThat(sink.allRows())
          .containsExactlyInAnyOrder(
              joined("a", 10, 1, "a", 12L, 10L),
              joined("b", 11, 2, "b", 13L, 20L),
              joined("z", 40, 9, "z", 40L, 90L));
    } finally {
      second.stop();
    }
  }

  @Test
  void crashAfterTheSinkBeforeCommit_reRunsTheBatchFromTheStateItStartedWith() throws Exception {
    Inputs in = inputs();
    RecordingSink sink = new RecordingSink();
    DataFrame joinedDf = in.join("left_outer");
    LoopHooks crashInBatchOne =
        (point, batchId) -> {
          if (point == LoopPoint.AFTER_SINK_BEFORE_COMMIT && batchId == 1) {
            throw new LoopHooks.SimulatedCrash(point, batchId);
          }
        };
    StreamingQuery first =
        joinedDf
            .writeStream()
            .sink(sink)
            .loopHooks(crashInBatchOne)
            .option("checkpointLocation", dir.resolve("cp").toString())
            .start();
    in.left().addData(row("a", 10, 1), row("b", 11, 2));
    first.processAllAvailable();
    in.right().addData(row("a", 12, 10));
    assertThatThrownBy(first::processAllAvailable).isInstanceOf(StreamingQueryException.class);

    StreamingQuery second = start(joinedDf, sink);
    try {
      second.processAllAvailable();
      in.left().addData(row("z", 41, 9));
      in.right().addData(row("z", 40, 90));
      second.processAllAvailable();

      assertThat(sink.batches().get(1L)).containsExactly(joined("a", 10, 1, "a", 12L, 10L));
      assertThat(sink.allRows())
          .containsExactlyInAnyOrder(
              joined("a", 10, 1, "a", 12L, 10L),
              joined("z", 41, 9, "z", 40L, 90L),
              leftOnly("b", 11, 2));
    } finally {
      second.stop();
    }
  }

  @Test
  void joinOnWindow_evictsByTheWatermarkedKey_andFeedsAnAggregationReadingOneEventTimeColumn()
      throws Exception {
    MemoryStream left = MemoryStream.of(t, LEFT);
    MemoryStream right = MemoryStream.of(t, RIGHT);
    DataFrame l =
        left.toDF()
            .withWatermark("lt", "0 seconds")
            .select(window(col("lt"), "10 seconds").alias("lw"), col("lk"));
    DataFrame r =
        right
            .toDF()
            .withWatermark("rt", "0 seconds")
            .select(window(col("rt"), "10 seconds").alias("rw"), col("rk"));
    DataFrame joined = l.join(r, expr("lk = rk AND lw = rw"), "inner");
    RecordingSink sink = new RecordingSink();
    // Spark lets a stateful operator read one event-time column: keep the left window only.
    assertThatThrownBy(
            () ->
                UnsupportedOperationChecker.checkForStreaming(
                    joined.groupBy(col("lw")).count().logicalPlan(), OutputMode.APPEND))
        .isInstanceOfSatisfying(
            AnalysisException.class,
            e ->
                assertThat(e.condition())
                    .isEqualTo(UnsupportedOperationErrors.Condition.MULTIPLE_EVENT_TIME_COLUMNS));
    StreamingQuery q = start(joined.select(col("lw"), col("lk")).groupBy(col("lw")).count(), sink);
    try {
      left.addData(row("a", 1, 1), row("b", 2, 1));
      right.addData(row("a", 3, 1), row("b", 4, 1));
      q.processAllAvailable();
      left.addData(row("a", 25, 1));
      right.addData(row("a", 26, 1));
      q.processAllAvailable();

      assertThat(sink.allRows())
          .containsExactly(Row.of(Row.of(Instant.ofEpochSecond(0), Instant.ofEpochSecond(10)), 2L));
      StreamingQueryProgress last = batches(q).get(batches(q).size() - 1);
      // Spark lists the outermost stateful operator first: the aggregation, then the join.
      assertThat(last.stateOperators())
          .extracting(o -> o.operatorName())
          .containsExactly("stateStoreSave", "symmetricHashJoin");
      assertThat(last.stateOperators().get(1).numRowsTotal()).isEqualTo(2);
    } finally {
      q.stop();
    }
  }

  @Test
  void outerJoinWithoutWatermarkOrRange_isRefusedWithSparksMeaning() {
    Inputs in = inputs();
    DataFrame noRange =
        in.left()
            .toDF()
            .withWatermark("lt", "5 seconds")
            .join(
                in.right().toDF().withWatermark("rt", "5 seconds"), expr("lk = rk"), "left_outer");
    assertThatThrownBy(
            () ->
                UnsupportedOperationChecker.checkForStreaming(
                    noRange.logicalPlan(), OutputMode.APPEND))
        .isInstanceOfSatisfying(
            AnalysisException.class,
            e -> {
              assertThat(e.condition())
                  .isEqualTo(
                      UnsupportedOperationErrors.Condition.STREAM_STREAM_JOIN_WITHOUT_WATERMARK);
              assertThat(e.getMessage()).contains("Stream-stream LeftOuter join");
            });
    // The range bounds the left (nullable-side-matching) state only with the right's watermark.
    DataFrame rightUnwatermarked =
        in.left()
            .toDF()
            .withWatermark("lt", "5 seconds")
            .join(in.right().toDF(), expr(RANGE), "left_outer");
    assertThatThrownBy(
            () ->
                UnsupportedOperationChecker.checkForStreaming(
                    rightUnwatermarked.logicalPlan(), OutputMode.APPEND))
        .isInstanceOf(AnalysisException.class);
    UnsupportedOperationChecker.checkForStreaming(
        in.join("left_outer").logicalPlan(), OutputMode.APPEND);
    UnsupportedOperationChecker.checkForStreaming(
        in.join("inner").logicalPlan(), OutputMode.UPDATE);
  }

  @Test
  void streamStreamJoinWithoutEquality_orOuterInUpdateMode_isRefused() {
    Inputs in = inputs();
    DataFrame noEquality = in.left().toDF().join(in.right().toDF(), expr("lt < rt"), "inner");
    assertThatThrownBy(
            () ->
                UnsupportedOperationChecker.checkForStreaming(
                    noEquality.logicalPlan(), OutputMode.APPEND))
        .isInstanceOfSatisfying(
            AnalysisException.class,
            e ->
                assertThat(e.condition())
                    .isEqualTo(
                        UnsupportedOperationErrors.Condition.STREAM_STREAM_JOIN_WITHOUT_EQUALITY));
    assertThatThrownBy(
            () ->
                UnsupportedOperationChecker.checkForStreaming(
                    in.join("left_outer").logicalPlan(), OutputMode.UPDATE))
        .isInstanceOfSatisfying(
            AnalysisException.class,
            e ->
                assertThat(e.condition())
                    .isEqualTo(
                        UnsupportedOperationErrors.Condition.STREAM_STREAM_JOIN_OUTPUT_MODE));
  }

  @Test
  void innerJoinWithoutBound_warnsOfUnboundedState() throws Exception {
    MemoryStream left = MemoryStream.of(t, LEFT);
    MemoryStream right = MemoryStream.of(t, RIGHT);
    RecordingSink sink = new RecordingSink();
    StreamingQuery q = start(left.toDF().join(right.toDF(), expr("lk = rk"), "inner"), sink);
    try {
      left.addData(row("a", 1, 1));
      q.processAllAvailable();
      right.addData(row("a", 2, 2));
      q.processAllAvailable();

      assertThat(sink.allRows()).containsExactly(joined("a", 1, 1, "a", 2L, 2L));
      assertThat(state(q, 1).customMetrics()).containsEntry("unboundedStateWarning", 1L);
    } finally {
      q.stop();
    }
  }

  @Test
  void leftSemiJoin_emitsEachLeftRowOnceOnItsFirstMatch() throws Exception {
    Inputs in = inputs();
    RecordingSink sink = new RecordingSink();
    StreamingQuery q = start(in.join("left_semi"), sink);
    try {
      in.left().addData(row("a", 10, 1), row("b", 11, 2));
      in.right().addData(row("a", 12, 10), row("a", 13, 11));
      q.processAllAvailable();
      in.right().addData(row("b", 12, 20), row("b", 14, 21), row("a", 14, 12));
      q.processAllAvailable();

      assertThat(sink.allRows())
          .containsExactlyInAnyOrder(
              Row.of("a", Instant.ofEpochSecond(10), 1L),
              Row.of("b", Instant.ofEpochSecond(11), 2L));
    } finally {
      q.stop();
    }
  }
}
