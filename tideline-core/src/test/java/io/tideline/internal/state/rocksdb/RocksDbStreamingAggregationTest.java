package io.tideline.internal.state.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.internal.state.StateStoreRegistry;
import io.tideline.internal.streaming.exec.LoopHooks;
import io.tideline.internal.streaming.exec.LoopPoint;
import io.tideline.streaming.MemoryStream;
import io.tideline.streaming.StateOperatorProgress;
import io.tideline.streaming.StreamingQuery;
import io.tideline.streaming.StreamingQueryException;
import io.tideline.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A streaming aggregation end to end with the RocksDB provider selected by conf. */
class RocksDbStreamingAggregationTest {
  private static final StructType SCHEMA = StructType.fromDDL("id BIGINT, name STRING");
  private static Tideline t;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    t =
        Tideline.builder()
            .appName("rocksdb-aggregation-test")
            .config("tideline.shuffle.partitions", 2)
            .config(StateStoreRegistry.PROVIDER_CLASS, "rocksdb")
            .getOrCreate();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private static StreamingQuery start(
      DataFrame counts, Path checkpoint, Map<Long, List<Row>> batches) {
    return counts
        .writeStream()
        .outputMode("complete")
        .option("checkpointLocation", checkpoint.toString())
        .foreachBatch((batch, id) -> batches.put(id, batch.collectAsList()))
        .start();
  }

  @Test
  void groupByCountInCompleteMode_keepsCountsInRocksDb_acrossARestart() throws Exception {
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    DataFrame counts = input.toDF().groupBy("name").count();
    Path cp = dir.resolve("cp");
    Map<Long, List<Row>> batches = new ConcurrentSkipListMap<>();

    StreamingQuery first = start(counts, cp, batches);
    try {
      input.addData(Row.of(1L, "a"), Row.of(2L, "b"), Row.of(3L, "a"));
      first.processAllAvailable();
      input.addData(Row.of(4L, "b"), Row.of(5L, "c"));
      first.processAllAvailable();
      StateOperatorProgress state = first.lastProgress().stateOperators().get(0);
      assertThat(state.numRowsTotal()).isEqualTo(3);
      assertThat(state.numRowsUpdated()).isEqualTo(2);
      assertThat(state.memoryUsedBytes()).isPositive();
      assertThat(state.customMetrics())
          .containsKeys("rocksdbCommitWriteBatchLatency", "rocksdbSstFileSize")
          .containsEntry("rocksdbPutCount", 2L);
    } finally {
      first.stop();
    }
    assertThat(batches.get(0L)).containsExactlyInAnyOrder(Row.of("a", 2L), Row.of("b", 1L));
    assertThat(batches.get(1L))
        .containsExactlyInAnyOrder(Row.of("a", 2L), Row.of("b", 2L), Row.of("c", 1L));
    try (Stream<Path> files = Files.walk(cp.resolve("state"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .contains("1.changelog", "2.changelog")
          .noneMatch(name -> name.endsWith(".delta"));
    }

    StreamingQuery second = start(counts, cp, batches);
    try {
      input.addData(Row.of(6L, "a"), Row.of(7L, "d"));
      second.processAllAvailable();
      assertThat(second.lastProgress().stateOperators().get(0).numRowsTotal()).isEqualTo(4);
    } finally {
      second.stop();
    }
    assertThat(second.exception()).isEmpty();
    assertThat(batches.get(2L))
        .containsExactlyInAnyOrder(
            Row.of("a", 3L), Row.of("b", 2L), Row.of("c", 1L), Row.of("d", 1L));
  }

  @Test
  void crashAfterTheStateCommitBeforeTheBatchCommit_rerunReplacesTheStateVersion_countsExact()
      throws Exception {
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    DataFrame counts = input.toDF().groupBy("name").count();
    Path cp = dir.resolve("cp");
    Map<Long, List<Row>> batches = new ConcurrentSkipListMap<>();
    LoopHooks crashInBatchOne =
        (point, batchId) -> {
          if (point == LoopPoint.AFTER_SINK_BEFORE_COMMIT && batchId == 1) {
            throw new LoopHooks.SimulatedCrash(point, batchId);
          }
        };
    StreamingQuery first =
        counts
            .writeStream()
            .outputMode("complete")
            .loopHooks(crashInBatchOne)
            .option("checkpointLocation", cp.toString())
            .foreachBatch((batch, id) -> batches.put(id, batch.collectAsList()))
            .start();
    input.addData(Row.of(1L, "a"), Row.of(2L, "b"));
    first.processAllAvailable();
    input.addData(Row.of(3L, "a"));
    assertThatThrownBy(first::awaitTermination)
        .isInstanceOf(StreamingQueryException.class)
        .hasCauseInstanceOf(LoopHooks.SimulatedCrash.class);
    // Batch 1 committed its state (version 2) before the crash; the re-run must replace it.
    try (Stream<Path> files = Files.walk(cp.resolve("state"))) {
      assertThat(files.map(p -> p.getFileName().toString())).contains("2.changelog");
    }

    input.addData(Row.of(4L, "c"));
    StreamingQuery second = start(counts, cp, batches);
    try {
      second.processAllAvailable();
    } finally {
      second.stop();
    }
    assertThat(second.exception()).isEmpty();
    List<Row> last = batches.get(batches.keySet().stream().max(Long::compare).orElseThrow());
    assertThat(last).containsExactlyInAnyOrder(Row.of("a", 2L), Row.of("b", 1L), Row.of("c", 1L));
  }

  @Test
  void sessionWindowsInAppendMode_mergeAndEvictInRocksDb() throws Exception {
    MemoryStream input = MemoryStream.of(t, StructType.fromDDL("k STRING, ts TIMESTAMP"));
    DataFrame sessions =
        input
            .toDF()
            .withWatermark("ts", "10 seconds")
            .groupBy(
                io.tideline
                    .functions
                    .session_window(io.tideline.functions.col("ts"), "10 seconds")
                    .as("s"),
                io.tideline.functions.col("k"))
            .count()
            .select(
                io.tideline.functions.col("s").getField("start").as("start"),
                io.tideline.functions.col("count"));
    Map<Long, List<Row>> batches = new ConcurrentSkipListMap<>();
    StreamingQuery q =
        sessions
            .writeStream()
            .option("checkpointLocation", dir.resolve("cp").toString())
            .foreachBatch((batch, id) -> batches.put(id, batch.collectAsList()))
            .start();
    try {
      input.addData(Row.of("a", at(30)), Row.of("a", at(45)));
      q.processAllAvailable();
      // a@36 bridges [30, 40) and [45, 55) into one stored session.
      input.addData(Row.of("a", at(36)));
      q.processAllAvailable();
      assertThat(q.lastProgress().stateOperators().get(0).numRowsTotal()).isEqualTo(1);
      input.addData(Row.of("a", at(80)));
      q.processAllAvailable();
      assertThat(batches.values().stream().flatMap(List::stream))
          .containsExactly(Row.of(at(30), 3L));
    } finally {
      q.stop();
    }
  }

  private static java.time.Instant at(long seconds) {
    return java.time.Instant.ofEpochSecond(seconds);
  }
}
