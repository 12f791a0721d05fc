package io.tideline.internal.streaming.exec;

import static io.tideline.functions.col;
import static io.tideline.functions.current_timestamp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.internal.streaming.ManualClock;
import io.tideline.streaming.MemoryStream;
import io.tideline.streaming.StreamingQuery;
import io.tideline.streaming.StreamingQueryException;
import io.tideline.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A crash at every point of the loop, then a restart: every row reaches the sink exactly once. */
class CrashRestartTest {
  private static final StructType SCHEMA = StructType.fromDDL("id BIGINT");
  private static Tideline t;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    t = Tideline.builder().appName("crash-restart-test").getOrCreate();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  /** Crashes at the {@code nth} time {@code point} is reached in batch 1. */
  private static LoopHooks crashAt(LoopPoint point, int nth) {
    AtomicInteger seen = new AtomicInteger();
    return (p, batchId) -> {
      if (p == point && batchId == 1 && seen.incrementAndGet() == nth) {
        throw new LoopHooks.SimulatedCrash(p, batchId);
      }
    };
  }

  private void crashThenRestart(LoopHooks hooks) throws Exception {
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    RecordingSink sink = new RecordingSink();
    Path cp = dir.resolve("cp");
    StreamingQuery first =
        input
            .toDF()
            .writeStream()
            .sink(sink)
            .loopHooks(hooks)
            .option("checkpointLocation", cp.toString())
            .start();
    input.addData(Row.of(1L), Row.of(2L));
    first.processAllAvailable();
    input.addData(Row.of(3L));
    assertThatThrownBy(first::awaitTermination)
        .isInstanceOf(StreamingQueryException.class)
        .hasCauseInstanceOf(LoopHooks.SimulatedCrash.class);
    assertThat(first.isActive()).isFalse();
    // A crash reports nothing more: no progress for the crashed batch.
    assertThat(first.recentProgress()).noneMatch(p -> p.batchId() == 1);
    input.addData(Row.of(4L));

    StreamingQuery second =
        input.toDF().writeStream().sink(sink).option("checkpointLocation", cp.toString()).start();
    try {
      second.processAllAvailable();
    } finally {
      second.stop();
    }
    assertThat(sink.allRows())
        .containsExactlyInAnyOrder(Row.of(1L), Row.of(2L), Row.of(3L), Row.of(4L));
  }

  @ParameterizedTest
  @EnumSource(LoopPoint.class)
  void crashAtLoopPoint_thenRestart_everyRowExactlyOnce(LoopPoint point) throws Exception {
    crashThenRestart(crashAt(point, 1));
  }

  @Test
  void crashDuringCommitRename_thenRestart_everyRowExactlyOnce() throws Exception {
    // The second rename of batch 1 is commits/1: offsets/1 is already published.
    crashThenRestart(crashAt(LoopPoint.DURING_CHECKPOINT_RENAME, 2));
  }

  @Test
  void crashAfterSink_restartRedeliversTheSameBatchIdWhichTheSinkSkips() throws Exception {
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    RecordingSink sink = new RecordingSink();
    Path cp = dir.resolve("cp");
    StreamingQuery first =
        input
            .toDF()
            .writeStream()
            .sink(sink)
            .loopHooks(crashAt(LoopPoint.AFTER_SINK_BEFORE_COMMIT, 1))
            .option("checkpointLocation", cp.toString())
            .start();
    input.addData(Row.of(1L));
    first.processAllAvailable();
    input.addData(Row.of(2L));
    assertThatThrownBy(first::awaitTermination).isInstanceOf(StreamingQueryException.class);
    assertThat(Files.exists(cp.resolve("commits/1"))).isFalse();
    StreamingQuery second =
        input.toDF().writeStream().sink(sink).option("checkpointLocation", cp.toString()).start();
    try {
      second.processAllAvailable();
    } finally {
      second.stop();
    }
    assertThat(sink.deliveries()).containsExactly(0L, 1L, 1L);
    assertThat(sink.allRows()).containsExactly(Row.of(1L), Row.of(2L));
    assertThat(Files.exists(cp.resolve("commits/1"))).isTrue();
  }

  @Test
  void rerunBatch_keepsItsRecordedOffsetsAndTimestamp() throws Exception {
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    RecordingSink sink = new RecordingSink();
    Path cp = dir.resolve("cp");
    ManualClock clock = new ManualClock(1_700_000_000_000L);
    StreamingQuery first =
        input
            .toDF()
            .select(col("id"), current_timestamp().as("ts"))
            .writeStream()
            .sink(sink)
            .clock(clock)
            .loopHooks(
                (p, batchId) -> {
                  if (p == LoopPoint.AFTER_SINK_BEFORE_COMMIT) {
                    throw new LoopHooks.SimulatedCrash(p, batchId);
                  }
                })
            .option("checkpointLocation", cp.toString())
            .start();
    input.addData(Row.of(1L));
    assertThatThrownBy(first::awaitTermination).isInstanceOf(StreamingQueryException.class);
    String recorded = Files.readString(cp.resolve("offsets/0"));
    assertThat(recorded).contains("\"batchTimestampMs\":1700000000000").endsWith("\n0");

    input.addData(Row.of(2L));
    clock.advance(60_000);
    StreamingQuery second =
        input
            .toDF()
            .select(col("id"), current_timestamp().as("ts"))
            .writeStream()
            .sink(sink)
            .clock(clock)
            .option("checkpointLocation", cp.toString())
            .start();
    try {
      second.processAllAvailable();
    } finally {
      second.stop();
    }
    assertThat(Files.readString(cp.resolve("offsets/0"))).isEqualTo(recorded);
    List<List<Row>> deliveries = sink.deliveredRows();
    assertThat(sink.deliveries()).containsExactly(0L, 0L, 1L);
    // The first run's batch 0 and its re-run hold the same row and the same timestamp.
    assertThat(deliveries.get(1)).isEqualTo(deliveries.get(0));
    assertThat(deliveries.get(0).get(0).getInstant(1).toEpochMilli()).isEqualTo(1_700_000_000_000L);
    assertThat(deliveries.get(2).get(0).getInstant(1).toEpochMilli()).isEqualTo(1_700_000_060_000L);
    assertThat(deliveries.get(2).get(0).getLong(0)).isEqualTo(2L);
  }
}
