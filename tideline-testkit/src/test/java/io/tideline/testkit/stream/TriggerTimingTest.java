package io.tideline.testkit.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.internal.streaming.ManualClock;
import io.tideline.streaming.MemoryStream;
import io.tideline.streaming.OutputMode;
import io.tideline.streaming.StreamingQuery;
import io.tideline.streaming.StreamingQueryException;
import io.tideline.streaming.Trigger;
import io.tideline.types.StructType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trigger timing through the public API, driven by a manual clock where time matters. */
class TriggerTimingTest {
  private static final StructType SCHEMA = StructType.fromDDL("id BIGINT");
  private static Tideline t;
  @TempDir Path dir;

  @BeforeAll
  static void open() {
    t =
        Tideline.builder()
            .appName("trigger-timing-test")
            .config("tideline.shuffle.partitions", "2")
            .getOrCreate();
  }

  @AfterAll
  static void close() {
    t.close();
  }

  @Test
  void processingTime_runsBatchAtStart_noneBeforeInterval_oneAtInterval() {
    ManualClock clock = new ManualClock(0);
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    input.addData(Row.of(1L));
    StreamScript.of(t, input.toDF(), OutputMode.Append())
        .start(Trigger.ProcessingTime("10 seconds"), clock)
        .checkAnswer(Row.of(1L))
        .addData(input, Row.of(2L))
        .advanceClock(clock, 9_999)
        .checkAnswer(Row.of(1L))
        .advanceClock(clock, 1)
        .checkAnswer(Row.of(1L), Row.of(2L))
        .checkLastBatch(Row.of(2L))
        .assertProgress(
            p -> {
              assertThat(p.batchId()).isEqualTo(1);
              assertThat(p.timestamp()).isEqualTo("1970-01-01T00:00:10.000Z");
            })
        .run();
  }

  @Test
  void processingTime_overrunningBatch_isFollowedAtOnceByTheNext() {
    ManualClock clock = new ManualClock(0);
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    List<Long> batchStartsMs = Collections.synchronizedList(new ArrayList<>());
    RecordingSink sink =
        new RecordingSink(OutputMode.Append())
            .onBatch(
                batchId -> {
                  batchStartsMs.add(clock.nowMs());
                  if (batchId == 1) {
                    // Batch 1 takes 15 s of a 10 s interval, and new data arrives meanwhile.
                    input.addData(Row.of(3L));
                    clock.advance(15_000);
                  }
                });
    input.addData(Row.of(1L));
    StreamScript.of(t, input.toDF(), OutputMode.Append())
        .sink(sink)
        .start(Trigger.ProcessingTime("10 seconds"), clock)
        .checkAnswer(Row.of(1L))
        .addData(input, Row.of(2L))
        .advanceClock(clock, 10_000)
        .checkAnswer(Row.of(1L), Row.of(2L), Row.of(3L))
        .assertThat(
            "batch 2 started at 25 s, when batch 1 ended, not at the 30 s grid point",
            () -> assertThat(batchStartsMs).containsExactly(0L, 10_000L, 25_000L))
        .run();
  }

  @Test
  void availableNow_processesOnlyFilesPresentAtStart_inMaxFilesPerTriggerBatches_thenStops()
      throws IOException {
    Path in = Files.createDirectories(dir.resolve("in"));
    for (int i = 0; i < 5; i++) {
      writeJsonFile(in, i);
    }
    DataFrame files =
        t.readStream().schema(SCHEMA).option("maxFilesPerTrigger", 2).json(in.toString());
    RecordingSink sink =
        new RecordingSink(OutputMode.Append())
            .onBatch(
                batchId -> {
                  if (batchId == 0) {
                    writeJsonFile(in, 5);
                  }
                });
    StreamScript.of(t, files, OutputMode.Append())
        .sink(sink)
        .start(Trigger.AvailableNow())
        .execute("ends by itself", TriggerTimingTest::awaitEnd)
        .checkAnswer(rowsOfFiles(0, 5))
        .assertThat("2 + 2 + 1 files", () -> assertThat(batchSizes(sink)).containsExactly(4, 4, 2))
        .start(Trigger.AvailableNow())
        .execute("ends by itself", TriggerTimingTest::awaitEnd)
        .checkAnswer(rowsOfFiles(0, 6))
        .assertThat(
            "the late file in a batch of its own",
            () -> assertThat(batchSizes(sink)).containsExactly(4, 4, 2, 2))
        .run();
  }

  @Test
  @SuppressWarnings("deprecation")
  void once_runsOneBatchOfEverythingAvailable_thenStops() {
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    input.addData(Row.of(1L));
    input.addData(Row.of(2L));
    StreamScript script = StreamScript.of(t, input.toDF(), OutputMode.Append());
    script
        .start(Trigger.Once())
        .execute("ends by itself", TriggerTimingTest::awaitEnd)
        .checkAnswer(Row.of(1L), Row.of(2L))
        .addData(input, Row.of(3L))
        .start(Trigger.Once())
        .execute("ends by itself", TriggerTimingTest::awaitEnd)
        .checkAnswer(Row.of(1L), Row.of(2L), Row.of(3L))
        .assertThat(
            "one batch per run", () -> assertThat(script.sink().batches()).containsOnlyKeys(0L, 1L))
        .run();
  }

  private static void awaitEnd(StreamingQuery q) {
    try {
      assertThat(q.awaitTermination(30_000)).as("the query ended by itself").isTrue();
    } catch (StreamingQueryException e) {
      throw new AssertionError("The query failed", e);
    }
  }

  private static List<Integer> batchSizes(RecordingSink sink) {
    List<Integer> out = new ArrayList<>();
    sink.batches().values().forEach(rows -> out.add(rows.size()));
    return out;
  }

  private static Row[] rowsOfFiles(int from, int to) {
    List<Row> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(Row.of(i * 10L));
      out.add(Row.of(i * 10L + 1));
    }
    return out.toArray(Row[]::new);
  }

  private void writeJsonFile(Path in, int i) {
    try {
      Path staging = Files.createDirectories(dir.resolve("staging"));
      Path file =
          Files.writeString(
              staging.resolve("f" + i + ".json"),
              "{\"id\":" + (i * 10) + "}\n{\"id\":" + (i * 10 + 1) + "}\n");
      Files.move(file, in.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
