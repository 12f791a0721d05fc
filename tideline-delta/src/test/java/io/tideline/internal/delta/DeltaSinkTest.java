package io.tideline.internal.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.functions;
import io.tideline.internal.errors.TidelineException;
import io.tideline.internal.streaming.exec.LoopHooks.SimulatedCrash;
import io.tideline.internal.streaming.exec.LoopPoint;
import io.tideline.internal.streaming.sink.AggregationKeys;
import io.tideline.streaming.MemoryStream;
import io.tideline.streaming.OutputMode;
import io.tideline.testkit.stream.DeliveryHistory;
import io.tideline.testkit.stream.StreamScript;
import io.tideline.types.StructType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Delta streaming sink in running queries: one commit per batch with the query's transaction
 * id, complete mode as a full replacement, and exactly-once across a crash between the Delta commit
 * and {@code commits/N}.
 */
class DeltaSinkTest {
  private static final StructType SCHEMA = StructType.fromDDL("id BIGINT, tag STRING");
  private static Tideline t;

  @TempDir Path dir;

  @BeforeAll
  static void open() {
    t =
        Tideline.builder()
            .appName("delta-sink")
            .config("tideline.shuffle.partitions", "2")
            .getOrCreate();
  }

  @AfterAll
  static void close() {
    t.close();
  }

  private Path table() {
    return dir.resolve("table");
  }

  private List<Row> read() {
    if (!Files.exists(table().resolve("_delta_log"))) {
      return List.of();
    }
    return t.read().format("delta").load(table().toString()).collectAsList();
  }

  private StreamScript script(DataFrame df, OutputMode mode) {
    return StreamScript.of(t, df, mode)
        .checkpoint(dir.resolve("cp"))
        .output(w -> w.format("delta").option("path", table().toString()), this::read);
  }

  private static List<Row> rowsOf(long batch) {
    return List.of(Row.of(batch * 10, "b" + batch), Row.of(batch * 10 + 1, "b" + batch));
  }

  @Test
  void appendMode_eachBatchIsOneCommitCarryingTheQueryIdAndTheBatchId() {
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    AtomicReference<UUID> queryId = new AtomicReference<>();
    List<Row> all = new ArrayList<>(rowsOf(0));
    all.addAll(rowsOf(1));
    script(input.toDF(), OutputMode.Append())
        .addData(input, rowsOf(0))
        .checkAnswer(rowsOf(0))
        .addData(input, rowsOf(1))
        .checkAnswer(all)
        .execute("remember the query id", q -> queryId.set(q.id()))
        .run();

    // Version 0 creates the table in its own commit; batch N is version N + 1.
    assertThat(DeltaLogReader.actions(table(), 0, "metaData")).hasSize(1);
    assertThat(DeltaLogReader.actions(table(), 0, "add")).isEmpty();
    for (long batch = 0; batch <= 1; batch++) {
      JsonNode txn = DeltaLogReader.actions(table(), batch + 1, "txn").get(0);
      assertThat(txn.get("appId").asText()).isEqualTo(queryId.get().toString());
      assertThat(txn.get("version").asLong()).isEqualTo(batch);
      assertThat(
              DeltaLogReader.actions(table(), batch + 1, "commitInfo")
                  .get(0)
                  .get("operation")
                  .asText())
          .isEqualTo("STREAMING UPDATE");
    }
  }

  @Test
  void completeMode_replacesEveryFileOfTheTableInEachBatch() {
    MemoryStream input = MemoryStream.of(t, StructType.fromDDL("k STRING"));
    script(input.toDF().groupBy("k").count(), OutputMode.Complete())
        .addData(input, Row.of("a"), Row.of("b"))
        .checkAnswer(Row.of("a", 1L), Row.of("b", 1L))
        .addData(input, Row.of("a"))
        .checkAnswer(Row.of("a", 2L), Row.of("b", 1L))
        .run();

    Set<String> firstFiles = new HashSet<>();
    DeltaLogReader.actions(table(), 1, "add").forEach(a -> firstFiles.add(a.get("path").asText()));
    Set<String> removed = new HashSet<>();
    DeltaLogReader.actions(table(), 2, "remove").forEach(r -> removed.add(r.get("path").asText()));
    assertThat(removed).isEqualTo(firstFiles);
    assertThat(DeltaLogReader.actions(table(), 2, "add")).isNotEmpty();
  }

  /**
   * Where to crash: in the sink before it writes anything; after its Parquet files are written but
   * before the Delta commit (the process dies, so the files stay in the table's folder, referenced
   * by no version); or after the Delta commit, before {@code commits/N}.
   */
  enum Crash {
    BEFORE_WRITE(LoopPoint.DURING_SINK, false, false),
    FILES_WRITTEN_NOT_COMMITTED(LoopPoint.DURING_SINK, false, true),
    AFTER_DELTA_COMMIT(LoopPoint.AFTER_SINK_BEFORE_COMMIT, true, false);

    final LoopPoint point;
    final boolean deltaCommitted;
    final boolean leavesFiles;

    Crash(LoopPoint point, boolean deltaCommitted, boolean leavesFiles) {
      this.point = point;
      this.deltaCommitted = deltaCommitted;
      this.leavesFiles = leavesFiles;
    }
  }

  /**
   * Leaves in the table's folders what a write killed between its Parquet files and its Delta
   * commit leaves: data files no version refers to. They are copies of committed files, so a reader
   * that listed the folder instead of the log would count their rows twice.
   */
  private void leaveUncommittedFiles(Crash crash) {
    if (!crash.leavesFiles) {
      return;
    }
    try (Stream<Path> files = Files.walk(table())) {
      for (Path f : files.filter(p -> p.toString().endsWith(".parquet")).toList()) {
        Files.copy(
            f, f.resolveSibling("part-00000-" + UUID.randomUUID() + "-killed.c000.snappy.parquet"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "append mode, crash at {0} of batch 1")
  @EnumSource(Crash.class)
  void appendMode_crashThenRestart_writesEveryRowExactlyOnce(Crash crash) {
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    List<Row> expected = new ArrayList<>();
    for (long b = 0; b < 3; b++) {
      expected.addAll(rowsOf(b));
    }
    StreamScript script = script(input.toDF(), OutputMode.Append());
    script
        .addData(input, rowsOf(0))
        .checkAnswer(rowsOf(0))
        .crashAt(crash.point, 1)
        .addData(input, rowsOf(1))
        .expectFailure(SimulatedCrash.class)
        .addData("the files of a killed write", () -> leaveUncommittedFiles(crash))
        .assertThat(
            "the Delta commit of batch 1 happened exactly when the crash came after the sink",
            () ->
                assertThat(DeltaLogReader.commits(table())).isEqualTo(crash.deltaCommitted ? 3 : 2))
        .start()
        .processAllAvailable()
        .addData(input, rowsOf(2))
        .checkAnswer(expected)
        .assertThat(
            "nothing lost, nothing duplicated",
            () -> {
              DeliveryHistory history = DeliveryHistory.check(expected, read(), null);
              assertThat(history.isExactlyOnce()).as(history.describe()).isTrue();
            })
        .assertThat(
            "the re-run of batch 1 was skipped by its transaction id, or written once",
            // create + batches 0, 1, 2: one version each whatever the crash point.
            () -> assertThat(DeltaLogReader.commits(table())).isEqualTo(4))
        .run();
  }

  @ParameterizedTest(name = "complete mode, crash at {0} of batch 1")
  @EnumSource(Crash.class)
  void completeMode_crashThenRestart_countsEveryRowOnce(Crash crash) {
    MemoryStream input = MemoryStream.of(t, StructType.fromDDL("k STRING"));
    script(input.toDF().groupBy("k").count(), OutputMode.Complete())
        .addData(input, Row.of("a"), Row.of("b"))
        .checkAnswer(Row.of("a", 1L), Row.of("b", 1L))
        .crashAt(crash.point, 1)
        .addData(input, Row.of("a"))
        .expectFailure(SimulatedCrash.class)
        .addData("the files of a killed write", () -> leaveUncommittedFiles(crash))
        .start()
        .checkAnswer(Row.of("a", 2L), Row.of("b", 1L))
        .addData(input, Row.of("c"), Row.of("a"))
        .checkAnswer(Row.of("a", 3L), Row.of("b", 1L), Row.of("c", 1L))
        .assertThat(
            "one version per batch", () -> assertThat(DeltaLogReader.commits(table())).isEqualTo(4))
        .run();
  }

  @Test
  void partitionBy_writesAPartitionedTable() {
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    StreamScript.of(t, input.toDF(), OutputMode.Append())
        .checkpoint(dir.resolve("cp"))
        .output(
            w -> w.format("delta").partitionBy("tag").option("path", table().toString()),
            this::read)
        .addData(input, rowsOf(0))
        .addData(input, rowsOf(1))
        .checkAnswer(Row.of(0L, "b0"), Row.of(1L, "b0"), Row.of(10L, "b1"), Row.of(11L, "b1"))
        .run();

    assertThat(table().resolve("tag=b0")).isDirectory();
    assertThat(table().resolve("tag=b1")).isDirectory();
    assertThat(
            DeltaLogReader.actions(table(), 0, "metaData")
                .get(0)
                .get("partitionColumns")
                .toString())
        .isEqualTo("[\"tag\"]");
  }

  @Test
  void aBatchWhoseSchemaDoesNotFitTheTable_failsTheQueryNamingTableColumnsQueryAndBatch() {
    t.createDataFrame(List.of(Row.of(1L, 2L)), StructType.fromDDL("id BIGINT, tag BIGINT"))
        .write()
        .format("delta")
        .save(table().toString());
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    script(input.toDF(), OutputMode.Append())
        .queryName("mismatch")
        .addData(input, rowsOf(0))
        .expectFailure(
            TidelineException.class,
            e -> {
              Throwable c = e;
              while (!(c instanceof TidelineException)) {
                c = c.getCause();
              }
              TidelineException te = (TidelineException) c;
              assertThat(te.getCondition()).isEqualTo("DELTA_METADATA_MISMATCH");
              assertThat(te.getMessage())
                  .contains(
                      table().toString(),
                      "query mismatch (id ",
                      "batch 0",
                      "tag is string in the data and bigint in the table");
            })
        .run();
    assertThat(read()).containsExactly(Row.of(1L, 2L));
  }

  @Test
  void updateMode_replacesTheRowsOfChangedKeysAndKeepsTheOthers() {
    MemoryStream input = MemoryStream.of(t, StructType.fromDDL("k STRING"));
    script(input.toDF().groupBy("k").count(), OutputMode.Update())
        .addData(input, Row.of("a"), Row.of("b"), Row.of((Object) null))
        .checkAnswer(Row.of("a", 1L), Row.of("b", 1L), Row.of(null, 1L))
        .addData(input, Row.of("a"), Row.of((Object) null))
        .checkAnswer(Row.of("a", 2L), Row.of("b", 1L), Row.of(null, 2L))
        .addData(input, Row.of("c"))
        .checkAnswer(Row.of("a", 2L), Row.of("b", 1L), Row.of(null, 2L), Row.of("c", 1L))
        .run();
  }

  @Test
  void updateMode_windowedCountsWithAWatermark_keepOneRowPerWindowAndKey() {
    MemoryStream input = MemoryStream.of(t, StructType.fromDDL("ts TIMESTAMP, product STRING"));
    DataFrame counts =
        input
            .toDF()
            .withWatermark("ts", "10 minutes")
            .groupBy(functions.window(functions.col("ts"), "5 minutes"), functions.col("product"))
            .count();
    Instant t0 = Instant.parse("2026-11-26T10:00:00Z");
    StreamScript.of(t, counts, OutputMode.Update())
        .checkpoint(dir.resolve("cp"))
        .output(
            w -> w.format("delta").option("path", table().toString()),
            () ->
                read().stream()
                    .map(r -> Row.of(r.getStruct(0).get(0), r.get(1), r.get(2)))
                    .toList())
        .addData(input, Row.of(t0.plusSeconds(10), "x"), Row.of(t0.plusSeconds(400), "x"))
        .checkAnswer(Row.of(t0, "x", 1L), Row.of(t0.plusSeconds(300), "x", 1L))
        .addData(input, Row.of(t0.plusSeconds(20), "x"), Row.of(t0.plusSeconds(30), "y"))
        .checkAnswer(Row.of(t0, "x", 2L), Row.of(t0, "y", 1L), Row.of(t0.plusSeconds(300), "x", 1L))
        .run();
  }

  @Test
  void updateMode_windowKeys_areFoundThroughTheWindowStruct() {
    MemoryStream input = MemoryStream.of(t, StructType.fromDDL("ts TIMESTAMP, product STRING"));
    DataFrame counts =
        input
            .toDF()
            .groupBy(functions.window(functions.col("ts"), "5 minutes"), functions.col("product"))
            .count();
    assertThat(AggregationKeys.of(counts.logicalPlan())).hasValue(List.of("window", "product"));
    Instant t0 = Instant.parse("2026-11-26T10:00:00Z");
    script(counts, OutputMode.Update())
        .addData(input, Row.of(t0, "x"))
        .processAllAvailable()
        .addData(input, Row.of(t0.plusSeconds(1), "x"))
        .processAllAvailable()
        .assertThat(
            "one row for the window, counting both",
            () ->
                assertThat(read())
                    .singleElement()
                    .satisfies(r -> assertThat(r.getLong(2)).isEqualTo(2L)))
        .run();
  }

  @ParameterizedTest(name = "update mode, crash at {0} of batch 1")
  @EnumSource(Crash.class)
  void updateMode_crashThenRestart_countsEveryRowOnce(Crash crash) {
    MemoryStream input = MemoryStream.of(t, StructType.fromDDL("k STRING"));
    script(input.toDF().groupBy("k").count(), OutputMode.Update())
        .addData(input, Row.of("a"), Row.of("b"))
        .checkAnswer(Row.of("a", 1L), Row.of("b", 1L))
        .crashAt(crash.point, 1)
        .addData(input, Row.of("a"))
        .expectFailure(SimulatedCrash.class)
        .addData("the files of a killed write", () -> leaveUncommittedFiles(crash))
        .start()
        .checkAnswer(Row.of("a", 2L), Row.of("b", 1L))
        .addData(input, Row.of("c"), Row.of("a"))
        .checkAnswer(Row.of("a", 3L), Row.of("b", 1L), Row.of("c", 1L))
        .assertThat(
            "one version per batch", () -> assertThat(DeltaLogReader.commits(table())).isEqualTo(4))
        .run();
  }

  @Test
  void updateMode_ofAQueryThatDropsAKey_isRefusedAtStart() {
    MemoryStream input = MemoryStream.of(t, StructType.fromDDL("ts TIMESTAMP, product STRING"));
    DataFrame counts =
        input
            .toDF()
            .groupBy(functions.window(functions.col("ts"), "5 minutes"), functions.col("product"))
            .count()
            .select(
                functions.col("window.start"), functions.col("product"), functions.col("count"));
    assertThat(AggregationKeys.of(counts.logicalPlan())).hasValue(List.of());
    TidelineException e =
        catchThrowableOfType(
            TidelineException.class,
            () ->
                counts
                    .writeStream()
                    .format("delta")
                    .outputMode("update")
                    .option("checkpointLocation", dir.resolve("cp").toString())
                    .start(table().toString()));
    assertThat(e.getCondition()).isEqualTo("DELTA_UPDATE_MODE_KEYS_NOT_FOUND");
  }

  @Test
  void startWithoutAPathOrATableName_isRefused_sayingWhatToUse() {
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    TidelineException e =
        catchThrowableOfType(
            TidelineException.class,
            () ->
                input
                    .toDF()
                    .writeStream()
                    .format("delta")
                    .option("checkpointLocation", dir.resolve("cp").toString())
                    .start());
    assertThat(e.getCondition()).isEqualTo("DELTA_PATH_REQUIRED");
    assertThat(e.getMessage()).contains("start(path)", "toTable");
  }

  @Test
  void updateMode_withoutAnAggregation_appends() {
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    List<Row> all = new ArrayList<>(rowsOf(0));
    all.addAll(rowsOf(1));
    script(input.toDF(), OutputMode.Update())
        .addData(input, rowsOf(0))
        .addData(input, rowsOf(1))
        .checkAnswer(all)
        .run();
  }
}
