package io.tideline.internal.streaming.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.connector.Sink;
import io.tideline.internal.streaming.ManualClock;
import io.tideline.streaming.MemoryStream;
import io.tideline.streaming.StreamingQuery;
import io.tideline.streaming.StreamingQueryProgress;
import io.tideline.streaming.Trigger;
import io.tideline.types.StructType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Triggers of a running query, timed with a manual clock. */
class TriggerTimingTest {
  private static final StructType SCHEMA = StructType.fromDDL("id BIGINT");
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static Tideline t;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    t = Tideline.builder().appName("trigger-timing-test").getOrCreate();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private static List<Row> rows(long from, long to) {
    List<Row> out = new ArrayList<>();
    for (long i = from; i < to; i++) {
      out.add(Row.of(i));
    }
    return out;
  }

  @Test
  void processingTime_batchesOnTheIntervalGrid_andAnOverrunningBatchIsFollowedAtOnce()
      throws Exception {
    ManualClock clock = new ManualClock(0);
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    RecordingSink recording = new RecordingSink();
    Sink overrunsBatch0 =
        new Sink() {
          @Override
          public void addBatch(long batchId, DataFrame data) {
            recording.addBatch(batchId, data);
            if (batchId == 0) {
              input.addData(Row.of(2L));
              clock.advance(2_500);
            }
          }

          @Override
          public String description() {
            return "OverrunningSink";
          }
        };
    StreamingQuery q =
        input
            .toDF()
            .writeStream()
            .sink(overrunsBatch0)
            .clock(clock)
            .trigger(Trigger.ProcessingTime(1_000))
            .option("checkpointLocation", dir.resolve("cp").toString())
            .start();
    try {
      // The trigger at 0 found nothing; the next is due at 1000, not earlier.
      assertThat(clock.awaitWaiter(WAIT)).isEqualTo(1_000);
      input.addData(Row.of(1L));
      clock.setTime(1_000);
      // Batch 0 ran at 1000 and took until 3500: batch 1 starts at once, then 4000 is next.
      assertThat(clock.awaitWaiter(WAIT)).isEqualTo(4_000);
      // The idle trigger at 0 left an idle progress (batch 0, no rows) first, as in Spark.
      assertThat(q.recentProgress().get(0).numInputRows()).isZero();
      assertThat(q.recentProgress().get(0).durationMs()).doesNotContainKey("addBatch");
      List<StreamingQueryProgress> progress =
          q.recentProgress().stream().filter(p -> p.durationMs().containsKey("addBatch")).toList();
      assertThat(progress).extracting(StreamingQueryProgress::batchId).containsExactly(0L, 1L);
      assertThat(progress)
          .extracting(StreamingQueryProgress::timestamp)
          .containsExactly("1970-01-01T00:00:01.000Z", "1970-01-01T00:00:03.500Z");
      assertThat(progress.get(0).batchDuration()).isEqualTo(2_500);
      assertThat(recording.allRows()).containsExactly(Row.of(1L), Row.of(2L));
    } finally {
      q.stop();
    }
  }

  @Test
  void availableNow_processesWhatWasThereAtStartInRateLimitedBatches_thenStops() throws Exception {
    List<Row> data = new CopyOnWriteArrayList<>(rows(0, 5));
    RecordingSink sink = new RecordingSink();
    StreamingQuery q =
        ListSource.dataFrame(t, SCHEMA, data, 2, true)
            .writeStream()
            .sink(sink)
            .trigger(Trigger.AvailableNow())
            .option("checkpointLocation", dir.resolve("cp").toString())
            .start();
    data.addAll(rows(5, 8));
    assertThat(q.awaitTermination(20_000)).isTrue();
    assertThat(sink.batches().values())
        .containsExactly(rows(0, 2), rows(2, 4), List.of(Row.of(4L)));
    assertThat(q.exception()).isEmpty();
    assertThat(q.status().message()).isEqualTo("Stopped");
  }

  @Test
  void availableNow_sourceWithoutSupport_isServedInOneBatchFixedAtStart() throws Exception {
    List<Row> data = new CopyOnWriteArrayList<>(rows(0, 5));
    RecordingSink sink = new RecordingSink();
    StreamingQuery q =
        ListSource.dataFrame(t, SCHEMA, data, 2, false)
            .writeStream()
            .sink(sink)
            .trigger(Trigger.AvailableNow())
            .option("checkpointLocation", dir.resolve("cp").toString())
            .start();
    assertThat(q.awaitTermination(20_000)).isTrue();
    assertThat(sink.batches().values()).containsExactly(rows(0, 5));
  }

  @SuppressWarnings("deprecation")
  @Test
  void once_runsOneBatchOfEverythingIgnoringTheRateLimit_thenStops() throws Exception {
    List<Row> data = new CopyOnWriteArrayList<>(rows(0, 5));
    RecordingSink sink = new RecordingSink();
    StreamingQuery q =
        ListSource.dataFrame(t, SCHEMA, data, 2, true)
            .writeStream()
            .sink(sink)
            .trigger(Trigger.Once())
            .option("checkpointLocation", dir.resolve("cp").toString())
            .start();
    assertThat(q.awaitTermination(20_000)).isTrue();
    assertThat(sink.batches().values()).containsExactly(rows(0, 5));
    assertThat(q.isActive()).isFalse();
  }

  @Test
  void defaultTrigger_idleQueryWakesOnNewData() throws Exception {
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    RecordingSink sink = new RecordingSink();
    // A long polling delay: only the wake-up on addData can make the batch run quickly.
    t.conf().set("tideline.sql.streaming.pollingDelay", "600000");
    StreamingQuery q;
    try {
      q = input.toDF().writeStream().sink(sink).start();
    } finally {
      t.conf().set("tideline.sql.streaming.pollingDelay", "10");
    }
    try {
      q.processAllAvailable();
      input.addData(Row.of(7L));
      q.processAllAvailable();
      assertThat(sink.allRows()).containsExactly(Row.of(7L));
      assertThat(q.status().message()).isEqualTo("Waiting for data to arrive");
    } finally {
      q.stop();
    }
  }
}
