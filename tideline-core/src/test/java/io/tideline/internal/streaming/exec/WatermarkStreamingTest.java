package io.tideline.internal.streaming.exec;

import static io.tideline.functions.col;
import static io.tideline.functions.count;
import static io.tideline.functions.expr;
import static io.tideline.functions.struct;
import static io.tideline.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.AnalysisException;
import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.internal.errors.TidelineException;
import io.tideline.streaming.MemoryStream;
import io.tideline.streaming.OutputMode;
import io.tideline.streaming.StateOperatorProgress;
import io.tideline.streaming.StreamingQuery;
import io.tideline.streaming.StreamingQueryProgress;
import io.tideline.streaming.Trigger;
import io.tideline.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Event-time watermarks end to end: Spark's watermark arithmetic batch by batch, late rows, state
 * eviction in each output mode, no-data batches, triggers, restarts and progress.
 */
class WatermarkStreamingTest {
  private static final StructType EVENTS = StructType.fromDDL("k STRING, ts TIMESTAMP");
  private static final StructType WINDOWS =
      StructType.fromDDL("v BIGINT, ws TIMESTAMP, we TIMESTAMP");
  private static Tideline t;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    t =
        Tideline.builder()
            .appName("watermark-test")
            .config("tideline.shuffle.partitions", 2)
            .getOrCreate();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private static Row event(long seconds) {
    return Row.of("a", Instant.ofEpochSecond(seconds));
  }

  private static Row window(long v, long startSec, long endSec) {
    return Row.of(v, Instant.ofEpochSecond(startSec), Instant.ofEpochSecond(endSec));
  }

  private static Instant at(long seconds) {
    return Instant.ofEpochSecond(seconds);
  }

  private static String iso(long seconds) {
    return EventTimeProgress.format(seconds * 1000);
  }

  private StreamingQuery start(DataFrame df, OutputMode mode, RecordingSink sink, Trigger trigger) {
    return df.writeStream()
        .sink(sink)
        .outputMode(mode)
        .trigger(trigger)
        .option("checkpointLocation", dir.resolve("cp").toString())
        .start();
  }

  private StreamingQuery start(DataFrame df, OutputMode mode, RecordingSink sink) {
    return start(df, mode, sink, Trigger.ProcessingTime(0));
  }

  /** The progress of each batch that ran, in order (idle progress left out). */
  private static List<StreamingQueryProgress> batches(StreamingQuery q) {
    return q.recentProgress().stream().filter(p -> p.durationMs().containsKey("addBatch")).toList();
  }

  private static StreamingQueryProgress batch(StreamingQuery q, long batchId) {
    return batches(q).stream().filter(p -> p.batchId() == batchId).findFirst().orElseThrow();
  }

  private static StateOperatorProgress state(StreamingQuery q, long batchId) {
    return batch(q, batchId).stateOperators().get(0);
  }

  private static DataFrame countByEventTime(MemoryStream input, String delay) {
    return input.toDF().withWatermark("ts", delay).groupBy(col("ts")).count();
  }

  @Test
  void watermark_isMaxEventTimeSeenMinusDelay_appliedNextBatch_neverBackwards() throws Exception {
    MemoryStream input = MemoryStream.of(t, EVENTS);
    RecordingSink sink = new RecordingSink();
    StreamingQuery q =
        start(input.toDF().withWatermark("ts", "10 seconds"), OutputMode.APPEND, sink);
    try {
      input.addData(event(15));
      q.processAllAvailable();
      input.addData(event(10), event(12), event(14));
      q.processAllAvailable();
      input.addData(event(25));
      q.processAllAvailable();
      input.addData(event(40));
      q.processAllAvailable();

      List<StreamingQueryProgress> ps = batches(q);
      assertThat(ps).extracting(StreamingQueryProgress::batchId).containsExactly(0L, 1L, 2L, 3L);
      assertThat(ps)
          .extracting(p -> p.eventTime().get("watermark"))
          .containsExactly(iso(0), iso(5), iso(5), iso(15));
      assertThat(ps.get(1).eventTime())
          .containsEntry("min", iso(10))
          .containsEntry("max", iso(14))
          .containsEntry("avg", iso(12));
      assertThat(Files.readString(dir.resolve("cp/offsets/1")))
          .contains("\"batchWatermarkMs\":5000");
      assertThat(Files.readString(dir.resolve("cp/commits/3")))
          .contains("\"nextBatchWatermarkMs\":30000");
      // A stateless query has nothing for a no-data batch to do.
      assertThat(sink.deliveries()).containsExactly(0L, 1L, 2L, 3L);
    } finally {
      q.stop();
    }
  }

  @Test
  void watermark_tracksEventTimeEvenWhenTheColumnIsProjectedAway() throws Exception {
    MemoryStream input = MemoryStream.of(t, EVENTS);
    RecordingSink sink = new RecordingSink();
    DataFrame df = input.toDF().withWatermark("ts", "1 second").select(col("k"));
    StreamingQuery q = start(df, OutputMode.APPEND, sink);
    try {
      input.addData(event(10));
      q.processAllAvailable();
      input.addData(event(3));
      q.processAllAvailable();
      assertThat(sink.allRows()).containsExactly(Row.of("a"), Row.of("a"));
      assertThat(batch(q, 1).eventTime())
          .containsEntry("max", iso(3))
          .containsEntry("watermark", iso(9));
    } finally {
      q.stop();
    }
  }

  @Test
  void restart_resumesWithTheCheckpointedWatermark() throws Exception {
    MemoryStream input = MemoryStream.of(t, EVENTS);
    RecordingSink sink = new RecordingSink();
    DataFrame df = input.toDF().withWatermark("ts", "10 seconds");
    StreamingQuery first = start(df, OutputMode.APPEND, sink);
    input.addData(event(30));
    first.processAllAvailable();
    first.stop();

    input.addData(event(12));
    StreamingQuery second = start(df, OutputMode.APPEND, sink);
    try {
      second.processAllAvailable();
      StreamingQueryProgress p = batch(second, 1);
      assertThat(p.eventTime()).containsEntry("watermark", iso(20)).containsEntry("max", iso(12));
      // The operator's own maximum restarted from scratch, the global watermark did not go back.
      assertThat(Files.readString(dir.resolve("cp/commits/1")))
          .contains("\"nextBatchWatermarkMs\":20000");
    } finally {
      second.stop();
    }
  }

  @Test
  void appendMode_emitsKeyOnceWatermarkPassesIt_thenEvicts_lateRowsDroppedAndCounted()
      throws Exception {
    MemoryStream input = MemoryStream.of(t, EVENTS);
    RecordingSink sink = new RecordingSink();
    StreamingQuery q = start(countByEventTime(input, "10 seconds"), OutputMode.APPEND, sink);
    try {
      input.addData(event(10), event(10), event(11));
      q.processAllAvailable();
      // Batch 0 ran with watermark 0; the watermark moved to 1 s, so no-data batch 1 ran and
      // found nothing due.
      assertThat(sink.deliveries()).containsExactly(0L, 1L);
      assertThat(sink.allRows()).isEmpty();

      input.addData(event(25));
      q.processAllAvailable();
      // Batch 2 moved the watermark to 15 s; no-data batch 3 emitted the keys at or before it.
      assertThat(sink.batches().get(2L)).isEmpty();
      assertThat(sink.batches().get(3L))
          .containsExactlyInAnyOrder(Row.of(at(10), 2L), Row.of(at(11), 1L));
      assertThat(batch(q, 3).numInputRows()).isZero();
      assertThat(state(q, 3).numRowsTotal()).isEqualTo(1);
      assertThat(state(q, 3).numRowsRemoved()).isEqualTo(2);
      assertThat(Files.readString(dir.resolve("cp/offsets/3")))
          .contains(offsetsLine(dir.resolve("cp/offsets/2")));

      input.addData(event(10), event(15), event(16));
      q.processAllAvailable();
      // 10 and 15 are at or before the watermark (15 s): dropped, one per key; 16 is kept.
      assertThat(sink.batches().get(4L)).isEmpty();
      assertThat(state(q, 4).numRowsDroppedByWatermark()).isEqualTo(2);
      assertThat(state(q, 4).numRowsTotal()).isEqualTo(2);

      input.addData(event(40));
      q.processAllAvailable();
      assertThat(sink.allRows())
          .containsExactlyInAnyOrder(
              Row.of(at(10), 2L), Row.of(at(11), 1L), Row.of(at(16), 1L), Row.of(at(25), 1L));
    } finally {
      q.stop();
    }
  }

  /** The last line of an offsets file: the sources' end offsets. */
  private static String offsetsLine(Path file) throws Exception {
    List<String> lines = Files.readAllLines(file);
    return lines.get(lines.size() - 1);
  }

  @ParameterizedTest
  @EnumSource(
      value = LoopPoint.class,
      names = {"AFTER_OFFSETS_WRITTEN", "DURING_SINK", "AFTER_SINK_BEFORE_COMMIT"})
  void crashInTheNoDataBatch_restartReRunsItWithItsWatermark_emitsExactlyOnce(LoopPoint point)
      throws Exception {
    MemoryStream input = MemoryStream.of(t, EVENTS);
    RecordingSink sink = new RecordingSink();
    DataFrame df = countByEventTime(input, "0 seconds");
    StreamingQuery first =
        df.writeStream()
            .sink(sink)
            .loopHooks(
                (p, batchId) -> {
                  if (p == point && batchId == 1) {
                    throw new LoopHooks.SimulatedCrash(p, batchId);
                  }
                })
            .option("checkpointLocation", dir.resolve("cp").toString())
            .start();
    input.addData(event(10), event(20));
    assertThatThrownBy(first::awaitTermination)
        .hasRootCauseInstanceOf(LoopHooks.SimulatedCrash.class);

    StreamingQuery second = start(df, OutputMode.APPEND, sink);
    try {
      second.processAllAvailable();
      StreamingQueryProgress rerun = batch(second, 1);
      assertThat(rerun.numInputRows()).isZero();
      assertThat(rerun.eventTime()).isEqualTo(Map.of("watermark", iso(20)));
      assertThat(sink.allRows()).containsExactlyInAnyOrder(Row.of(at(10), 1L), Row.of(at(20), 1L));
      assertThat(rerun.stateOperators().get(0).numRowsTotal()).isZero();
    } finally {
      second.stop();
    }
  }

  @Test
  void appendMode_windowStructKey_isEvictedWhenTheWatermarkPassesItsEnd() throws Exception {
    MemoryStream input = MemoryStream.of(t, WINDOWS);
    RecordingSink sink = new RecordingSink();
    DataFrame windowed =
        input
            .toDF()
            .withWatermark("we", "5 seconds")
            .groupBy(struct(col("ws").as("start"), col("we").as("end")).as("window"))
            .count()
            .select(col("window").getField("start").as("start"), col("count"));
    StreamingQuery q = start(windowed, OutputMode.APPEND, sink);
    try {
      input.addData(window(1, 0, 10), window(2, 0, 10), window(3, 10, 20));
      q.processAllAvailable();
      // Watermark 20 - 5 = 15: [0, 10) is final, [10, 20) is not.
      assertThat(sink.allRows()).containsExactly(Row.of(at(0), 2L));

      input.addData(window(4, 10, 20), window(5, 20, 30));
      q.processAllAvailable();
      assertThat(sink.allRows()).containsExactlyInAnyOrder(Row.of(at(0), 2L), Row.of(at(10), 2L));

      input.addData(window(6, 0, 10));
      q.processAllAvailable();
      assertThat(sink.allRows()).hasSize(2);
      assertThat(
              batches(q)
                  .get(batches(q).size() - 1)
                  .stateOperators()
                  .get(0)
                  .numRowsDroppedByWatermark())
          .isEqualTo(1);
    } finally {
      q.stop();
    }
  }

  @Test
  void appendMode_chainedAggregations_windowsEmittedUpstreamAreNotLateDownstream()
      throws Exception {
    MemoryStream input = MemoryStream.of(t, WINDOWS);
    RecordingSink sink = new RecordingSink();
    DataFrame perKey =
        input
            .toDF()
            .withWatermark("we", "0 seconds")
            .groupBy(struct(col("ws").as("start"), col("we").as("end")).as("window"), col("v"))
            .count();
    DataFrame perWindow =
        perKey
            .groupBy(col("window"))
            .agg(count(col("v")).as("keys"), sum(col("count")).as("rows"))
            .select(col("window").getField("start").as("start"), col("keys"), col("rows"));
    StreamingQuery q = start(perWindow, OutputMode.APPEND, sink);
    try {
      input.addData(window(1, 0, 10), window(1, 0, 10), window(2, 0, 10), window(3, 10, 20));
      q.processAllAvailable();
      // No-data batch 1 (watermark 20): the first aggregation emits both windows' keys, the
      // second takes them in the same batch (its late-rows watermark is still 0) and, its
      // eviction watermark being 20 too, emits both windows at once.
      assertThat(sink.batches().get(0L)).isEmpty();
      assertThat(sink.batches().get(1L))
          .containsExactlyInAnyOrder(Row.of(at(0), 2L, 3L), Row.of(at(10), 1L, 1L));
      assertThat(batch(q, 1).stateOperators())
          .extracting(StateOperatorProgress::numRowsDroppedByWatermark)
          .containsExactly(0L, 0L);
      assertThat(batch(q, 1).stateOperators())
          .extracting(StateOperatorProgress::numRowsTotal)
          .containsExactly(0L, 0L);
    } finally {
      q.stop();
    }
  }

  @Test
  void appendMode_chainedWindowsThroughWindowTime_runAndListOutermostOperatorFirst()
      throws Exception {
    MemoryStream input = MemoryStream.of(t, EVENTS);
    RecordingSink sink = new RecordingSink();
    DataFrame perKey =
        input
            .toDF()
            .withWatermark("ts", "0 seconds")
            .groupBy(io.tideline.functions.window(col("ts"), "10 seconds").as("w"), col("k"))
            .count();
    DataFrame perWindow =
        perKey
            .select(expr("window_time(w)").as("wt"), col("count"))
            .groupBy(io.tideline.functions.window(col("wt"), "20 seconds").as("w2"))
            .agg(sum(col("count")).as("n"), count(col("count")).as("keyed"))
            .select(col("w2").getField("start").as("start"), col("n"), col("keyed"));
    StreamingQuery q = start(perWindow, OutputMode.APPEND, sink);
    try {
      input.addData(
          Row.of("a", at(1)), Row.of("b", at(2)), Row.of("c", at(3)), Row.of("a", at(12)));
      q.processAllAvailable();
      input.addData(Row.of("a", at(25)));
      q.processAllAvailable();
      // Batch 1 (watermark 12) moved the three [0, 10) windows into the second aggregation; batch
      // 2 (data) leaves [10, 20) and [20, 30) in the first and [0, 20) in the second.
      assertThat(batch(q, 2).stateOperators())
          .extracting(StateOperatorProgress::numRowsTotal)
          .containsExactly(1L, 2L);
      // No-data batch 3 (watermark 25): [10, 20) flows on, and [0, 20) is final downstream too.
      assertThat(sink.allRows()).containsExactly(Row.of(at(0), 4L, 4L));
      assertThat(batch(q, 3).stateOperators())
          .extracting(StateOperatorProgress::numRowsTotal)
          .containsExactly(0L, 1L);
    } finally {
      q.stop();
    }
  }

  @Test
  void appendMode_watermarkOnAWindowColumn_evictsByItsEnd() throws Exception {
    MemoryStream input = MemoryStream.of(t, WINDOWS);
    RecordingSink sink = new RecordingSink();
    DataFrame windowed =
        input
            .toDF()
            .select(struct(col("ws").as("start"), col("we").as("end")).as("window"), col("v"))
            .withWatermark("window", "0 seconds")
            .groupBy(col("window"))
            .count()
            .select(col("window").getField("end").as("end"), col("count"));
    StreamingQuery q = start(windowed, OutputMode.APPEND, sink);
    try {
      input.addData(window(1, 0, 10), window(2, 10, 20));
      q.processAllAvailable();
      assertThat(sink.allRows()).containsExactlyInAnyOrder(Row.of(at(10), 1L), Row.of(at(20), 1L));
      assertThat(batch(q, 0).eventTime()).containsEntry("max", iso(20));
    } finally {
      q.stop();
    }
  }

  @Test
  void updateMode_emitsChangedRows_evictsFinalizedStateWithoutEmitting() throws Exception {
    MemoryStream input = MemoryStream.of(t, EVENTS);
    RecordingSink sink = new RecordingSink();
    StreamingQuery q = start(countByEventTime(input, "5 seconds"), OutputMode.UPDATE, sink);
    try {
      input.addData(event(10), event(10));
      q.processAllAvailable();
      assertThat(sink.batches().get(0L)).containsExactly(Row.of(at(10), 2L));

      input.addData(event(20));
      q.processAllAvailable();
      // Batch 2 emits the changed key; no-data batch 3 (watermark 15) evicts key 10 silently.
      assertThat(sink.batches().get(2L)).containsExactly(Row.of(at(20), 1L));
      assertThat(sink.batches().get(3L)).isEmpty();
      assertThat(state(q, 3).numRowsRemoved()).isEqualTo(1);
      assertThat(state(q, 3).numRowsTotal()).isEqualTo(1);

      input.addData(event(10), event(20));
      q.processAllAvailable();
      // Key 10 is late and dropped; without eviction it would have come back as (10, 3).
      assertThat(sink.batches().get(4L)).containsExactly(Row.of(at(20), 2L));
      assertThat(state(q, 4).numRowsDroppedByWatermark()).isEqualTo(1);
    } finally {
      q.stop();
    }
  }

  @Test
  void updateMode_keysWithoutEventTime_stillGetTheNoDataBatchSparkRuns_evictNothing()
      throws Exception {
    MemoryStream input = MemoryStream.of(t, EVENTS);
    RecordingSink sink = new RecordingSink();
    DataFrame byKey = input.toDF().withWatermark("ts", "5 seconds").groupBy(col("k")).count();
    StreamingQuery q = start(byKey, OutputMode.UPDATE, sink);
    try {
      input.addData(event(20));
      q.processAllAvailable();
      input.addData(event(1));
      q.processAllAvailable();
      assertThat(sink.deliveries()).containsExactly(0L, 1L, 2L);
      assertThat(sink.batches().get(1L)).isEmpty();
      // Nothing is late or evicted: the key carries no event time.
      assertThat(sink.batches().get(2L)).containsExactly(Row.of("a", 2L));
      assertThat(state(q, 2).numRowsDroppedByWatermark()).isZero();
    } finally {
      q.stop();
    }
  }

  @Test
  void completeMode_neverEvicts_dropsNothing_runsNoNoDataBatch() throws Exception {
    MemoryStream input = MemoryStream.of(t, EVENTS);
    RecordingSink sink = new RecordingSink();
    StreamingQuery q = start(countByEventTime(input, "5 seconds"), OutputMode.COMPLETE, sink);
    try {
      input.addData(event(10), event(10));
      q.processAllAvailable();
      input.addData(event(30));
      q.processAllAvailable();
      input.addData(event(10));
      q.processAllAvailable();
      assertThat(sink.deliveries()).containsExactly(0L, 1L, 2L);
      assertThat(sink.batches().get(2L))
          .containsExactlyInAnyOrder(Row.of(at(10), 3L), Row.of(at(30), 1L));
      assertThat(state(q, 2).numRowsDroppedByWatermark()).isZero();
      assertThat(state(q, 2).customMetrics())
          .containsEntry(MicroBatchExecution.UNBOUNDED_STATE_METRIC, 1L);
    } finally {
      q.stop();
    }
  }

  @Test
  void noDataBatches_canBeTurnedOff_thenTheWindowWaitsForNewData() throws Exception {
    MemoryStream input = MemoryStream.of(t, EVENTS);
    RecordingSink sink = new RecordingSink();
    t.conf().set(MicroBatchExecution.NO_DATA_BATCHES_KEY, "false");
    StreamingQuery q;
    try {
      q = start(countByEventTime(input, "0 seconds"), OutputMode.APPEND, sink);
    } finally {
      t.conf().set(MicroBatchExecution.NO_DATA_BATCHES_KEY, "true");
    }
    try {
      input.addData(event(10), event(20));
      q.processAllAvailable();
      assertThat(sink.deliveries()).containsExactly(0L);
      input.addData(event(30));
      q.processAllAvailable();
      // Batch 1 runs with watermark 20: it evicts 10 and 20 along with its own data.
      assertThat(sink.batches().get(1L))
          .containsExactlyInAnyOrder(Row.of(at(10), 1L), Row.of(at(20), 1L));
    } finally {
      q.stop();
    }
  }

  @Test
  void triggerOnce_runsNoNoDataBatch_availableNowDoes() throws Exception {
    MemoryStream input = MemoryStream.of(t, EVENTS);
    RecordingSink sink = new RecordingSink();
    DataFrame df = countByEventTime(input, "10 seconds");
    input.addData(event(10), event(25));
    StreamingQuery once = start(df, OutputMode.APPEND, sink, Trigger.Once());
    assertThat(once.awaitTermination(20_000)).isTrue();
    assertThat(sink.deliveries()).containsExactly(0L);
    assertThat(sink.allRows()).isEmpty();

    input.addData(event(12), event(26));
    StreamingQuery availableNow = start(df, OutputMode.APPEND, sink, Trigger.AvailableNow());
    assertThat(availableNow.awaitTermination(20_000)).isTrue();
    // Batch 1 judges late rows by batch 0's watermark (0) and evicts by its own (15): 12 lies
    // between the two, so it is accepted and emitted at once, with key 10. The watermark then
    // moves to 16 and no-data batch 2 runs, finding nothing more due.
    assertThat(sink.deliveries()).containsExactly(0L, 1L, 2L);
    assertThat(sink.batches().get(1L))
        .containsExactlyInAnyOrder(Row.of(at(10), 1L), Row.of(at(12), 1L));
    assertThat(
            availableNow
                .recentProgress()
                .get(0)
                .stateOperators()
                .get(0)
                .numRowsDroppedByWatermark())
        .isZero();
    assertThat(sink.batches().get(2L)).isEmpty();
  }

  @Test
  void twoWatermarkedStreams_minPolicy_followsTheSlowerInput() throws Exception {
    MemoryStream fast = MemoryStream.of(t, EVENTS);
    MemoryStream slow = MemoryStream.of(t, EVENTS);
    DataFrame union =
        fast.toDF()
            .withWatermark("ts", "0 seconds")
            .union(slow.toDF().withWatermark("ts", "0 seconds"));
    RecordingSink sink = new RecordingSink();
    StreamingQuery q = start(union, OutputMode.APPEND, sink);
    try {
      fast.addData(event(100));
      q.processAllAvailable();
      slow.addData(event(50));
      q.processAllAvailable();
      fast.addData(event(200));
      q.processAllAvailable();
      slow.addData(event(60));
      q.processAllAvailable();
      // An input that never saw data holds the watermark at 0; then the slower one leads.
      assertThat(batches(q))
          .extracting(p -> p.eventTime().get("watermark"))
          .containsExactly(iso(0), iso(0), iso(50), iso(50));
      assertThat(Files.readString(dir.resolve("cp/commits/3")))
          .contains("\"nextBatchWatermarkMs\":60000");
    } finally {
      q.stop();
    }
  }

  @Test
  void twoWatermarkedStreams_maxPolicy_followsTheFasterInput_pinnedInTheCheckpoint()
      throws Exception {
    MemoryStream fast = MemoryStream.of(t, EVENTS);
    MemoryStream slow = MemoryStream.of(t, EVENTS);
    DataFrame union =
        fast.toDF()
            .withWatermark("ts", "0 seconds")
            .union(slow.toDF().withWatermark("ts", "0 seconds"));
    RecordingSink sink = new RecordingSink();
    t.conf().set(WatermarkTracker.POLICY_KEY, "max");
    StreamingQuery q;
    try {
      q = start(union, OutputMode.APPEND, sink);
    } finally {
      t.conf().set(WatermarkTracker.POLICY_KEY, "min");
    }
    try {
      fast.addData(event(100));
      q.processAllAvailable();
      slow.addData(event(50));
      q.processAllAvailable();
      assertThat(batches(q))
          .extracting(p -> p.eventTime().get("watermark"))
          .containsExactly(iso(0), iso(100));
      assertThat(Files.readString(dir.resolve("cp/offsets/1")))
          .contains("\"tideline.sql.streaming.multipleWatermarkPolicy\":\"max\"");
    } finally {
      q.stop();
    }
  }

  @Test
  void progress_eventTimeJson_hasSparksKeysAndFormat_onlyWithAWatermark() throws Exception {
    MemoryStream input = MemoryStream.of(t, EVENTS);
    RecordingSink sink = new RecordingSink();
    StreamingQuery q = start(countByEventTime(input, "10 seconds"), OutputMode.APPEND, sink);
    try {
      input.addData(event(15), Row.of("b", Instant.ofEpochMilli(16_500)));
      q.processAllAvailable();
      assertThat(batch(q, 0).json())
          .contains(
              "\"eventTime\":{\"avg\":\"1970-01-01T00:00:15.750Z\","
                  + "\"max\":\"1970-01-01T00:00:16.500Z\","
                  + "\"min\":\"1970-01-01T00:00:15.000Z\","
                  + "\"watermark\":\"1970-01-01T00:00:00.000Z\"}");
      // The no-data batch read nothing: only the watermark is reported.
      assertThat(batch(q, 1).eventTime())
          .isEqualTo(Map.of("watermark", "1970-01-01T00:00:06.500Z"));
    } finally {
      q.stop();
    }
    MemoryStream plain = MemoryStream.of(t, EVENTS);
    RecordingSink other = new RecordingSink();
    StreamingQuery noWatermark =
        plain
            .toDF()
            .writeStream()
            .sink(other)
            .option("checkpointLocation", dir.resolve("cp2").toString())
            .start();
    try {
      plain.addData(event(15));
      noWatermark.processAllAvailable();
      assertThat(noWatermark.lastProgress().json()).doesNotContain("eventTime");
    } finally {
      noWatermark.stop();
    }
  }

  @Test
  void idleProgress_reportsTheWatermark_andNothingDroppedInThatTrigger() throws Exception {
    MemoryStream input = MemoryStream.of(t, EVENTS);
    RecordingSink sink = new RecordingSink();
    String intervalKey = "tideline.sql.streaming.noDataProgressEventInterval";
    t.conf().set(intervalKey, "0");
    StreamingQuery q;
    try {
      q = start(countByEventTime(input, "10 seconds"), OutputMode.APPEND, sink);
    } finally {
      t.conf().set(intervalKey, "10000");
    }
    try {
      input.addData(event(30));
      q.processAllAvailable();
      input.addData(event(5));
      q.processAllAvailable();
      assertThat(state(q, 2).numRowsDroppedByWatermark()).isEqualTo(1);
      StreamingQueryProgress idle = q.lastProgress();
      assertThat(idle.durationMs()).doesNotContainKey("addBatch");
      assertThat(idle.batchId()).isEqualTo(3);
      assertThat(idle.eventTime()).isEqualTo(Map.of("watermark", iso(20)));
      assertThat(idle.stateOperators().get(0).numRowsDroppedByWatermark()).isZero();
      assertThat(idle.stateOperators().get(0).numRowsTotal()).isEqualTo(1);
    } finally {
      q.stop();
    }
  }

  @Test
  void unboundedState_isMarkedInProgress_boundedStateIsNot() throws Exception {
    MemoryStream input = MemoryStream.of(t, EVENTS);
    RecordingSink sink = new RecordingSink();
    StreamingQuery q = start(input.toDF().groupBy(col("k")).count(), OutputMode.UPDATE, sink);
    try {
      input.addData(event(1));
      q.processAllAvailable();
      assertThat(state(q, 0).customMetrics())
          .containsEntry(MicroBatchExecution.UNBOUNDED_STATE_METRIC, 1L);
      assertThat(state(q, 0).json()).contains("\"unboundedStateWarning\":1");
    } finally {
      q.stop();
    }
    MemoryStream bounded = MemoryStream.of(t, EVENTS);
    RecordingSink other = new RecordingSink();
    StreamingQuery b =
        countByEventTime(bounded, "1 second")
            .writeStream()
            .sink(other)
            .outputMode(OutputMode.UPDATE)
            .option("checkpointLocation", dir.resolve("cp2").toString())
            .start();
    try {
      bounded.addData(event(1));
      b.processAllAvailable();
      assertThat(batch(b, 0).stateOperators().get(0).customMetrics())
          .doesNotContainKey(MicroBatchExecution.UNBOUNDED_STATE_METRIC);
    } finally {
      b.stop();
    }
  }

  @Test
  void unboundedStateWarning_namesTheOperatorAndTheFix() {
    MemoryStream input = MemoryStream.of(t, EVENTS);
    DataFrame byKey = input.toDF().groupBy(col("k")).count();
    List<StatefulPlanning.UnboundedState> update =
        StatefulPlanning.unboundedState(byKey.logicalPlan(), OutputMode.UPDATE);
    assertThat(update).hasSize(1);
    assertThat(update.get(0).operatorId()).isZero();
    assertThat(update.get(0).message())
        .contains("Stateful operator 0 (aggregate keys=[k STRING] functions=[count(1) BIGINT])")
        .contains("withWatermark(")
        .contains("window(");
    DataFrame bounded = countByEventTime(input, "1 minute");
    assertThat(StatefulPlanning.unboundedState(bounded.logicalPlan(), OutputMode.UPDATE)).isEmpty();
    assertThat(StatefulPlanning.unboundedState(bounded.logicalPlan(), OutputMode.APPEND)).isEmpty();
    assertThat(StatefulPlanning.unboundedState(bounded.logicalPlan(), OutputMode.COMPLETE))
        .singleElement()
        .extracting(StatefulPlanning.UnboundedState::message)
        .asString()
        .contains("Complete output mode never evicts state");
  }

  @Test
  void appendMode_refusesAnAggregationWithoutAWatermarkedKey() {
    MemoryStream input = MemoryStream.of(t, EVENTS);
    DataFrame noEventTimeKey =
        input.toDF().withWatermark("ts", "1 second").groupBy(col("k")).count();
    DataFrame watermarkAfter =
        input.toDF().groupBy(col("ts")).count().withWatermark("ts", "1 second");
    for (DataFrame df : List.of(noEventTimeKey, watermarkAfter)) {
      assertThatThrownBy(() -> start(df, OutputMode.APPEND, new RecordingSink()))
          .isInstanceOf(AnalysisException.class)
          .extracting(e -> ((TidelineException) e).getCondition())
          .isEqualTo("STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION");
    }
  }

  @Test
  void withWatermark_checksTypeAndDelay_isANoOpOnBatchData() {
    MemoryStream input = MemoryStream.of(t, EVENTS);
    assertThatThrownBy(() -> input.toDF().withWatermark("k", "1 minute"))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("`k`")
        .hasMessageContaining("\"STRING\"")
        .extracting(e -> ((TidelineException) e).getCondition())
        .isEqualTo("EVENT_TIME_IS_NOT_ON_TIMESTAMP_TYPE");
    assertThatThrownBy(() -> input.toDF().withWatermark("nope", "1 minute"))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("nope");
    assertThatThrownBy(() -> input.toDF().withWatermark("ts", "-1 minute"))
        .isInstanceOf(TidelineException.class)
        .extracting(e -> ((TidelineException) e).getCondition())
        .isEqualTo("INVALID_WATERMARK_DELAY.NEGATIVE");
    DataFrame batch = t.createDataFrame(List.of(event(1)), EVENTS);
    assertThat(batch.withWatermark("k", "1 minute").logicalPlan()).isSameAs(batch.logicalPlan());
  }
}
