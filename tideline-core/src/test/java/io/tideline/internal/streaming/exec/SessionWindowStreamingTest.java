package io.tideline.internal.streaming.exec;

import static io.tideline.functions.col;
import static io.tideline.functions.count;
import static io.tideline.functions.expr;
import static io.tideline.functions.session_window;
import static io.tideline.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.AnalysisException;
import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.streaming.MemoryStream;
import io.tideline.streaming.OutputMode;
import io.tideline.streaming.StateOperatorProgress;
import io.tideline.streaming.StreamingQuery;
import io.tideline.streaming.StreamingQueryProgress;
import io.tideline.streaming.Trigger;
import io.tideline.types.StructType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Streaming aggregation by session window, batch by batch: sessions kept in state per key, merged
 * with each batch's rows (across batches, and bridged by a late-enough row), emitted in Append mode
 * once the watermark passes their end and then evicted, late rows dropped and counted, per-row
 * gaps, Complete mode, and a restart that resumes from the exact state.
 */
class SessionWindowStreamingTest {
  private static final StructType EVENTS = StructType.fromDDL("k STRING, ts TIMESTAMP, v BIGINT");
  private static Tideline t;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    t =
        Tideline.builder()
            .appName("session-window-test")
            .config("tideline.shuffle.partitions", 2)
            .getOrCreate();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private static Row event(String k, long seconds) {
    return Row.of(k, Instant.ofEpochSecond(seconds), seconds);
  }

  private static Instant at(long seconds) {
    return Instant.ofEpochSecond(seconds);
  }

  /** Sessions of 10 seconds per key over a 10-second watermark: key, start, end, rows, sum(v). */
  private static DataFrame sessions(MemoryStream input) {
    return input
        .toDF()
        .withWatermark("ts", "10 seconds")
        .groupBy(session_window(col("ts"), "10 seconds").as("s"), col("k"))
        .agg(count(col("v")).as("n"), sum(col("v")).as("total"))
        .select(
            col("k"),
            col("s").getField("start").as("start"),
            col("s").getField("end").as("end"),
            col("n"),
            col("total"));
  }

  private StreamingQuery start(DataFrame df, OutputMode mode, RecordingSink sink) {
    return df.writeStream()
        .sink(sink)
        .outputMode(mode)
        .trigger(Trigger.ProcessingTime(0))
        .option("checkpointLocation", dir.resolve("cp").toString())
        .start();
  }

  private static StateOperatorProgress state(StreamingQuery q, long batchId) {
    StreamingQueryProgress p =
        q.recentProgress().stream()
            .filter(x -> x.batchId() == batchId && x.durationMs().containsKey("addBatch"))
            .findFirst()
            .orElseThrow();
    return p.stateOperators().get(0);
  }

  @Test
  void appendMode_sessionsMergeAcrossBatches_bridgingRowJoinsTwo_emittedOnceWatermarkPasses()
      throws Exception {
    MemoryStream input = MemoryStream.of(t, EVENTS);
    RecordingSink sink = new RecordingSink();
    StreamingQuery q = start(sessions(input), OutputMode.APPEND, sink);
    try {
      input.addData(event("a", 10), event("a", 30), event("b", 31));
      q.processAllAvailable();
      assertThat(sink.batches().get(0L)).isEmpty();
      assertThat(state(q, 0).numRowsTotal()).isEqualTo(3);
      assertThat(state(q, 0).operatorName()).isEqualTo("sessionWindowStateStoreSaveExec");
      // No-data batch 1 (watermark 31 - 10 = 21): a's [10, 20) is final.
      assertThat(sink.batches().get(1L)).containsExactly(Row.of("a", at(10), at(20), 1L, 10L));
      assertThat(state(q, 1).numRowsRemoved()).isEqualTo(1);

      // a@45 starts a session of its own next to [30, 40); a@36 then bridges the two.
      input.addData(event("a", 45));
      q.processAllAvailable();
      assertThat(state(q, 2).numRowsTotal()).isEqualTo(3);
      assertThat(state(q, 2).numRowsUpdated()).isEqualTo(2);
      input.addData(event("a", 36));
      q.processAllAvailable();
      StateOperatorProgress bridged = state(q, 4);
      assertThat(bridged.numRowsTotal()).isEqualTo(2);
      assertThat(bridged.numRowsUpdated()).isEqualTo(1);
      assertThat(bridged.numRowsRemoved()).isEqualTo(1);

      // a@70 moves the watermark to 60: [30, 55) of a and [31, 41) of b are final.
      input.addData(event("a", 70));
      q.processAllAvailable();
      assertThat(sink.allRows())
          .containsExactlyInAnyOrder(
              Row.of("a", at(10), at(20), 1L, 10L),
              Row.of("a", at(30), at(55), 3L, 111L),
              Row.of("b", at(31), at(41), 1L, 31L));
      List<StreamingQueryProgress> progress = q.recentProgress();
      assertThat(progress.get(progress.size() - 1).stateOperators())
          .extracting(StateOperatorProgress::numRowsTotal)
          .containsExactly(1L);
    } finally {
      q.stop();
    }
  }

  @Test
  void appendMode_rowWhoseSessionEndsAtTheWatermark_isDroppedAndCounted() throws Exception {
    MemoryStream input = MemoryStream.of(t, EVENTS);
    RecordingSink sink = new RecordingSink();
    StreamingQuery q = start(sessions(input), OutputMode.APPEND, sink);
    try {
      input.addData(event("a", 40));
      q.processAllAvailable();
      // Watermark 30: a@20's session [20, 30) ends at it (late); a@21's [21, 31) does not.
      input.addData(event("a", 20), event("c", 21));
      q.processAllAvailable();
      // Batch 1 was the no-data batch that moved the watermark to 30.
      assertThat(state(q, 2).numRowsDroppedByWatermark()).isEqualTo(1);
      assertThat(state(q, 2).numRowsTotal()).isEqualTo(2);
      input.addData(event("a", 60));
      q.processAllAvailable();
      assertThat(sink.allRows())
          .containsExactlyInAnyOrder(
              Row.of("a", at(40), at(50), 1L, 40L), Row.of("c", at(21), at(31), 1L, 21L));
    } finally {
      q.stop();
    }
  }

  @Test
  void completeMode_perRowGap_emitsEverySessionEachBatch() throws Exception {
    MemoryStream input = MemoryStream.of(t, EVENTS);
    RecordingSink sink = new RecordingSink();
    DataFrame df =
        input
            .toDF()
            .groupBy(
                session_window(
                        col("ts"), expr("CASE WHEN k = 'a' THEN '5 seconds' ELSE '20 seconds' END"))
                    .as("s"),
                col("k"))
            .count()
            .select(
                col("k"),
                col("s").getField("start").as("start"),
                col("s").getField("end").as("end"),
                col("count"));
    StreamingQuery q = start(df, OutputMode.COMPLETE, sink);
    try {
      input.addData(event("a", 0), event("b", 0));
      q.processAllAvailable();
      input.addData(event("a", 6), event("b", 15));
      q.processAllAvailable();
      assertThat(sink.batches().get(1L))
          .containsExactlyInAnyOrder(
              Row.of("a", at(0), at(5), 1L),
              Row.of("a", at(6), at(11), 1L),
              Row.of("b", at(0), at(35), 2L));
    } finally {
      q.stop();
    }
  }

  @Test
  void restart_resumesFromTheExactSessionsInTheCheckpoint() throws Exception {
    MemoryStream input = MemoryStream.of(t, EVENTS);
    RecordingSink sink = new RecordingSink();
    DataFrame df = sessions(input);
    StreamingQuery first = start(df, OutputMode.APPEND, sink);
    input.addData(event("a", 10), event("a", 30));
    first.processAllAvailable();
    first.stop();

    StreamingQuery second = start(df, OutputMode.APPEND, sink);
    try {
      // a@38 extends the stored [30, 40) to [30, 48); a@70 makes it final.
      input.addData(event("a", 38));
      second.processAllAvailable();
      input.addData(event("a", 70));
      second.processAllAvailable();
      assertThat(sink.allRows())
          .containsExactlyInAnyOrder(
              Row.of("a", at(10), at(20), 1L, 10L), Row.of("a", at(30), at(48), 2L, 68L));
    } finally {
      second.stop();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = LoopPoint.class,
      names = {"AFTER_OFFSETS_WRITTEN", "DURING_SINK", "AFTER_SINK_BEFORE_COMMIT"})
  void crashInTheBridgingBatch_restartReRunsItFromTheStoredSessions_emitsExactlyOnce(
      LoopPoint point) throws Exception {
    MemoryStream input = MemoryStream.of(t, EVENTS);
    RecordingSink sink = new RecordingSink();
    DataFrame df = sessions(input);
    // Batch 0 stores [30, 40) and [45, 55), no-data batch 1 moves the watermark to 35, and batch 2
    // (a@36) bridges the two sessions and crashes.
    StreamingQuery first =
        df.writeStream()
            .sink(sink)
            .loopHooks(
                (p, batchId) -> {
                  if (p == point && batchId == 2) {
                    throw new LoopHooks.SimulatedCrash(p, batchId);
                  }
                })
            .option("checkpointLocation", dir.resolve("cp").toString())
            .start();
    input.addData(event("a", 30), event("a", 45));
    first.processAllAvailable();
    input.addData(event("a", 36));
    assertThatThrownBy(first::awaitTermination)
        .hasRootCauseInstanceOf(LoopHooks.SimulatedCrash.class);

    StreamingQuery second = start(df, OutputMode.APPEND, sink);
    try {
      second.processAllAvailable();
      assertThat(state(second, 2).numRowsTotal()).isEqualTo(1);
      assertThat(state(second, 2).numRowsRemoved()).isEqualTo(1);
      input.addData(event("a", 80));
      second.processAllAvailable();
      assertThat(sink.allRows()).containsExactly(Row.of("a", at(30), at(55), 3L, 111L));
    } finally {
      second.stop();
    }
  }

  @Test
  void updateMode_isRefusedAtStart_globalSessionToo() {
    MemoryStream input = MemoryStream.of(t, EVENTS);
    assertThatThrownBy(() -> start(sessions(input), OutputMode.UPDATE, new RecordingSink()))
        .isInstanceOf(AnalysisException.class)
        .hasMessageStartingWith("[STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION]")
        .hasMessageContaining("session window");
    DataFrame global =
        input
            .toDF()
            .withWatermark("ts", "10 seconds")
            .groupBy(session_window(col("ts"), "10 seconds"))
            .count();
    assertThatThrownBy(() -> start(global, OutputMode.APPEND, new RecordingSink()))
        .isInstanceOf(AnalysisException.class)
        .hasMessageStartingWith("[STREAMING_UNSUPPORTED_OPERATION.GLOBAL_SESSION_WINDOW]");
    assertThat(t.streams().active()).isEmpty();
  }
}
