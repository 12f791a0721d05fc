package io.tideline.internal.streaming.exec;

import static io.tideline.functions.col;
import static io.tideline.functions.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.AnalysisException;
import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.internal.analysis.UnsupportedOperationChecker;
import io.tideline.internal.analysis.UnsupportedOperationErrors;
import io.tideline.streaming.MemoryStream;
import io.tideline.streaming.OutputMode;
import io.tideline.streaming.StateOperatorProgress;
import io.tideline.streaming.StreamingQuery;
import io.tideline.streaming.StreamingQueryException;
import io.tideline.streaming.StreamingQueryProgress;
import io.tideline.types.StructType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streaming {@code dropDuplicates}, {@code distinct()} and {@code dropDuplicatesWithinWatermark}
 * end to end: first row per key across batches, restarts, crashes, late rows, eviction, expiry and
 * progress.
 */
class StreamingDeduplicationTest {
  private static final StructType KV = StructType.fromDDL("k STRING, v BIGINT");
  private static final StructType EVENTS = StructType.fromDDL("k STRING, ts TIMESTAMP");
  private static Tideline t;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    t =
        Tideline.builder()
            .appName("dedup-test")
            .config("tideline.shuffle.partitions", 2)
            .getOrCreate();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private static Row event(String k, long seconds) {
    return Row.of(k, Instant.ofEpochSecond(seconds));
  }

  private StreamingQuery start(DataFrame df, OutputMode mode, RecordingSink sink) {
    return df.writeStream()
        .sink(sink)
        .outputMode(mode)
        .option("checkpointLocation", dir.resolve("cp").toString())
        .start();
  }

  private static List<StreamingQueryProgress> batches(StreamingQuery q) {
    return q.recentProgress().stream().filter(p -> p.durationMs().containsKey("addBatch")).toList();
  }

  private static StateOperatorProgress lastState(StreamingQuery q) {
    List<StreamingQueryProgress> ps = batches(q);
    return ps.get(ps.size() - 1).stateOperators().get(0);
  }

  private static long sum(
      StreamingQuery q, java.util.function.ToLongFunction<StateOperatorProgress> f) {
    return batches(q).stream().mapToLong(p -> f.applyAsLong(p.stateOperators().get(0))).sum();
  }

  private static long droppedDuplicates(StateOperatorProgress s) {
    return s.customMetrics().getOrDefault("numDroppedDuplicateRows", 0L);
  }

  @Test
  void dropDuplicates_keepsFirstRowOfEachKey_withinAndAcrossBatches() throws Exception {
    MemoryStream input = MemoryStream.of(t, KV);
    RecordingSink sink = new RecordingSink();
    StreamingQuery q = start(input.toDF().dropDuplicates("k"), OutputMode.APPEND, sink);
    try {
      input.addData(Row.of("a", 1L), Row.of("a", 2L), Row.of("b", 1L));
      q.processAllAvailable();
      input.addData(Row.of("a", 3L), Row.of("c", 1L), Row.of("c", 2L));
      q.processAllAvailable();

      assertThat(sink.batches().get(0L))
          .containsExactlyInAnyOrder(Row.of("a", 1L), Row.of("b", 1L));
      assertThat(sink.batches().get(1L)).containsExactly(Row.of("c", 1L));
      StateOperatorProgress s = lastState(q);
      assertThat(s.operatorName()).isEqualTo("dedupe");
      assertThat(s.numRowsTotal()).isEqualTo(3);
      assertThat(s.numRowsUpdated()).isEqualTo(1);
      assertThat(droppedDuplicates(s)).isEqualTo(2);
      assertThat(s.numRowsDroppedByWatermark()).isZero();
      assertThat(s.numShufflePartitions()).isEqualTo(2);
    } finally {
      q.stop();
    }
  }

  @Test
  void distinct_dedupsOnAllColumns_inUpdateMode() throws Exception {
    MemoryStream input = MemoryStream.of(t, KV);
    RecordingSink sink = new RecordingSink();
    StreamingQuery q = start(input.toDF().distinct(), OutputMode.UPDATE, sink);
    try {
      input.addData(Row.of("a", 1L), Row.of("a", 1L), Row.of("a", 2L));
      q.processAllAvailable();
      input.addData(Row.of("a", 2L), Row.of(null, 2L), Row.of(null, 2L));
      q.processAllAvailable();

      assertThat(sink.allRows())
          .containsExactlyInAnyOrder(Row.of("a", 1L), Row.of("a", 2L), Row.of(null, 2L));
    } finally {
      q.stop();
    }
  }

  @Test
  void restart_keepsTheKeysSeen() throws Exception {
    MemoryStream input = MemoryStream.of(t, KV);
    RecordingSink sink = new RecordingSink();
    DataFrame deduped = input.toDF().dropDuplicates("k");
    StreamingQuery first = start(deduped, OutputMode.APPEND, sink);
    input.addData(Row.of("a", 1L));
    first.processAllAvailable();
    first.stop();

    input.addData(Row.of("a", 2L), Row.of("b", 2L));
    StreamingQuery second = start(deduped, OutputMode.APPEND, sink);
    try {
      second.processAllAvailable();
    } finally {
      second.stop();
    }
    assertThat(sink.allRows()).containsExactlyInAnyOrder(Row.of("a", 1L), Row.of("b", 2L));
  }

  @Test
  void crashAfterSink_rerunOfTheBatchYieldsTheSameRows_exactlyOnce() throws Exception {
    MemoryStream input = MemoryStream.of(t, KV);
    RecordingSink sink = new RecordingSink();
    DataFrame deduped = input.toDF().dropDuplicates("k");
    AtomicInteger seen = new AtomicInteger();
    LoopHooks crash =
        (p, batchId) -> {
          if (p == LoopPoint.AFTER_SINK_BEFORE_COMMIT
              && batchId == 1
              && seen.incrementAndGet() == 1) {
            throw new LoopHooks.SimulatedCrash(p, batchId);
          }
        };
    StreamingQuery first =
        deduped
            .writeStream()
            .sink(sink)
            .loopHooks(crash)
            .option("checkpointLocation", dir.resolve("cp").toString())
            .start();
    input.addData(Row.of("a", 1L));
    first.processAllAvailable();
    input.addData(Row.of("a", 2L), Row.of("b", 2L));
    assertThatThrownBy(first::awaitTermination).isInstanceOf(StreamingQueryException.class);

    StreamingQuery second = start(deduped, OutputMode.APPEND, sink);
    try {
      second.processAllAvailable();
    } finally {
      second.stop();
    }
    // The re-run of batch 1 starts from the state batch 0 committed, so it emits b again.
    assertThat(sink.deliveries()).containsExactly(0L, 1L, 1L);
    assertThat(sink.deliveredRows().get(2)).containsExactly(Row.of("b", 2L));
    assertThat(sink.allRows()).containsExactlyInAnyOrder(Row.of("a", 1L), Row.of("b", 2L));
  }

  @Test
  void withWatermark_dropsLateRows_andEvictsKeysOnceTheWatermarkPassesTheirEventTime()
      throws Exception {
    MemoryStream input = MemoryStream.of(t, EVENTS);
    RecordingSink sink = new RecordingSink();
    DataFrame deduped = input.toDF().withWatermark("ts", "10 seconds").dropDuplicates("k", "ts");
    StreamingQuery q = start(deduped, OutputMode.APPEND, sink);
    try {
      input.addData(event("a", 15), event("a", 15), event("b", 20));
      q.processAllAvailable();
      // Watermark 10s: c@5 is late, a@15 a duplicate, d@40 new.
      input.addData(event("c", 5), event("a", 15), event("d", 40));
      q.processAllAvailable();

      assertThat(sink.allRows())
          .containsExactlyInAnyOrder(event("a", 15), event("b", 20), event("d", 40));
      assertThat(sum(q, StateOperatorProgress::numRowsDroppedByWatermark)).isEqualTo(1);
      assertThat(sum(q, StreamingDeduplicationTest::droppedDuplicates)).isEqualTo(2);
      // The no-data batch at watermark 30s evicted a@15 and b@20.
      assertThat(lastState(q).numRowsTotal()).isEqualTo(1);
      assertThat(sum(q, StateOperatorProgress::numRowsRemoved)).isEqualTo(2);
    } finally {
      q.stop();
    }
  }

  @Test
  void withWatermarkNotAmongTheKeys_dropsLateRows_butKeepsEveryKey() throws Exception {
    MemoryStream input = MemoryStream.of(t, EVENTS);
    RecordingSink sink = new RecordingSink();
    DataFrame deduped = input.toDF().withWatermark("ts", "10 seconds").dropDuplicates("k");
    StreamingQuery q = start(deduped, OutputMode.APPEND, sink);
    try {
      input.addData(event("a", 15), event("b", 40));
      q.processAllAvailable();
      input.addData(event("c", 5), event("a", 50));
      q.processAllAvailable();

      assertThat(sink.allRows()).containsExactlyInAnyOrder(event("a", 15), event("b", 40));
      assertThat(sum(q, StateOperatorProgress::numRowsDroppedByWatermark)).isEqualTo(1);
      assertThat(lastState(q).numRowsTotal()).isEqualTo(2);
    } finally {
      q.stop();
    }
  }

  @Test
  void withinWatermark_dropsDuplicatesUntilFirstEventTimePlusDelay_thenEmitsTheKeyAgain()
      throws Exception {
    MemoryStream input = MemoryStream.of(t, EVENTS);
    RecordingSink sink = new RecordingSink();
    DataFrame deduped =
        input.toDF().withWatermark("ts", "10 seconds").dropDuplicatesWithinWatermark("k");
    StreamingQuery q = start(deduped, OutputMode.APPEND, sink);
    try {
      // a expires at 10s + 10s = 20s.
      input.addData(event("a", 10), event("a", 12));
      q.processAllAvailable();
      // Watermark 2s: a@15 is a duplicate within the delay; b@30 moves the watermark to 20s.
      input.addData(event("a", 15), event("b", 30));
      q.processAllAvailable();
      // The no-data batch at 20s evicted a, so a@25 is new again; c@5 is late.
      input.addData(event("a", 25), event("c", 5));
      q.processAllAvailable();

      assertThat(sink.allRows())
          .containsExactlyInAnyOrder(event("a", 10), event("b", 30), event("a", 25));
      assertThat(lastState(q).operatorName()).isEqualTo("dedupeWithinWatermark");
      assertThat(sum(q, StreamingDeduplicationTest::droppedDuplicates)).isEqualTo(2);
      assertThat(sum(q, StateOperatorProgress::numRowsRemoved)).isEqualTo(1);
      assertThat(sum(q, StateOperatorProgress::numRowsDroppedByWatermark)).isEqualTo(1);
    } finally {
      q.stop();
    }
  }

  @Test
  void dedupWithoutWatermark_isNamedInTheUnboundedStateWarning_andTheCheckpointDescription()
      throws Exception {
    MemoryStream input = MemoryStream.of(t, KV);
    DataFrame deduped = input.toDF().dropDuplicates("k").groupBy("k").count();
    List<StatefulPlanning.UnboundedState> warnings =
        StatefulPlanning.unboundedState(deduped.logicalPlan(), OutputMode.UPDATE);
    assertThat(warnings)
        .extracting(StatefulPlanning.UnboundedState::operatorId)
        .containsExactly(0L, 1L);
    assertThat(warnings.get(0).message())
        .startsWith("Stateful operator 0 (dedupe keys=[k STRING]) keeps every key forever");
    assertThat(StatefulPlanning.statefulOperators(deduped.logicalPlan()))
        .containsExactly(
            "dedupe keys=[k STRING]", "aggregate keys=[k STRING] functions=[count(1) BIGINT]");

    DataFrame bounded =
        MemoryStream.of(t, EVENTS)
            .toDF()
            .withWatermark("ts", "10 seconds")
            .dropDuplicatesWithinWatermark("k");
    assertThat(StatefulPlanning.unboundedState(bounded.logicalPlan(), OutputMode.APPEND)).isEmpty();
  }

  @Test
  void dedupWithAnEventTimeKey_orWithinWatermark_afterAnUpdateAggregation_isRefused() {
    DataFrame counts =
        MemoryStream.of(t, EVENTS)
            .toDF()
            .withWatermark("ts", "10 seconds")
            .groupBy(col("ts"))
            .count();
    for (DataFrame d :
        List.of(counts.dropDuplicates("ts"), counts.dropDuplicatesWithinWatermark("count"))) {
      assertThatThrownBy(
              () ->
                  UnsupportedOperationChecker.checkForStreaming(d.logicalPlan(), OutputMode.UPDATE))
          .isInstanceOfSatisfying(
              AnalysisException.class,
              e ->
                  assertThat(e.condition())
                      .isEqualTo(
                          UnsupportedOperationErrors.Condition.GLOBAL_WATERMARK_CORRECTNESS));
    }
    UnsupportedOperationChecker.checkForStreaming(
        counts.dropDuplicates("count").logicalPlan(), OutputMode.UPDATE);
  }

  @Test
  void dedupThenWindowedCount_inAppendMode_chainsTwoStatefulOperators() throws Exception {
    MemoryStream input = MemoryStream.of(t, EVENTS);
    RecordingSink sink = new RecordingSink();
    DataFrame counts =
        input
            .toDF()
            .withWatermark("ts", "0 seconds")
            .dropDuplicates("k", "ts")
            .groupBy(window(col("ts"), "10 seconds"))
            .count();
    StreamingQuery q =
        start(counts.select(col("window.start"), col("count")), OutputMode.APPEND, sink);
    try {
      input.addData(event("a", 1), event("a", 1), event("b", 2));
      q.processAllAvailable();
      input.addData(event("a", 1), event("c", 25));
      q.processAllAvailable();

      assertThat(sink.allRows()).containsExactly(Row.of(Instant.ofEpochSecond(0), 2L));
      assertThat(batches(q).get(0).stateOperators())
          .extracting(StateOperatorProgress::operatorName)
          // Spark's order: the outermost stateful operator first.
          .containsExactly("stateStoreSave", "dedupe");
    } finally {
      q.stop();
    }
  }

  @Test
  void dropDuplicatesWithinWatermark_onABatchDataFrame_isPlainDropDuplicates() {
    DataFrame df =
        t.createDataFrame(List.of(Row.of("a", 1L), Row.of("a", 2L), Row.of("b", 3L)), KV);
    assertThat(df.dropDuplicatesWithinWatermark("k").collectAsList())
        .extracting(r -> r.get(0))
        .containsExactlyInAnyOrder("a", "b");
  }
}
