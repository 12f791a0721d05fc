package io.tideline.internal.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.internal.errors.TidelineException;
import io.tideline.internal.streaming.exec.LoopHooks.SimulatedCrash;
import io.tideline.internal.streaming.exec.LoopPoint;
import io.tideline.streaming.OutputMode;
import io.tideline.streaming.StreamingQuery;
import io.tideline.streaming.StreamingQueryException;
import io.tideline.testkit.stream.DeliveryHistory;
import io.tideline.testkit.stream.RecordingSink;
import io.tideline.testkit.stream.StreamScript;
import io.tideline.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Delta streaming source in running queries: the starting snapshot then each new commit, its
 * offsets and progress, exactly once across crashes, a replaced table, schema changes and
 * partitioned tables.
 */
class DeltaSourceTest {
  static final StructType SCHEMA = StructType.fromDDL("id BIGINT, tag STRING");
  private static Tideline t;

  @TempDir Path dir;

  @BeforeAll
  static void open() {
    t =
        Tideline.builder()
            .appName("delta-source")
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

  /** Appends the rows of {@code batch} (ids {@code 10 * batch}, {@code 10 * batch + 1}). */
  private void append(long batch) {
    append(table(), batch);
  }

  static void append(Tideline t, Path table, List<Row> rows) {
    t.createDataFrame(rows, SCHEMA).write().format("delta").mode("append").save(table.toString());
  }

  private void append(Path table, long batch) {
    append(t, table, rowsOf(batch));
  }

  static List<Row> rowsOf(long batch) {
    return List.of(Row.of(batch * 10, "b" + batch), Row.of(batch * 10 + 1, "b" + batch));
  }

  static List<Row> rowsOf(long from, long to) {
    List<Row> out = new ArrayList<>();
    for (long b = from; b <= to; b++) {
      out.addAll(rowsOf(b));
    }
    return out;
  }

  private DataFrame stream() {
    return t.readStream().format("delta").load(table().toString());
  }

  @Test
  void snapshotThenChanges_readsTheTableAtStartThenEachNewCommitOnce() {
    append(0);
    append(1);
    StreamScript.of(t, stream(), OutputMode.Append())
        .checkAnswer(rowsOf(0, 1))
        .addData("append batch 2", () -> append(2))
        .checkNewBatches(rowsOf(0, 2).toArray(new Row[0]))
        .addData("append batch 3", () -> append(3))
        .checkAnswer(rowsOf(0, 3))
        .run();
  }

  @Test
  void offsets_areDeltaSparkJson_andProgressNamesTheSource() throws IOException {
    append(0);
    Path cp = dir.resolve("cp");
    StreamScript.of(t, stream(), OutputMode.Append())
        .checkpoint(cp)
        .checkAnswer(rowsOf(0))
        .assertProgress(
            p -> {
              assertThat(p.sources()).hasSize(1);
              assertThat(p.sources().get(0).description())
                  .isEqualTo("DeltaSource[file:" + table().toAbsolutePath() + "]");
              assertThat(p.sources().get(0).metrics())
                  .containsEntry("numFilesOutstanding", "0")
                  .containsEntry("numBytesOutstanding", "0");
            })
        .addData("append batch 1", () -> append(1))
        .checkAnswer(rowsOf(0, 1))
        .assertProgress(p -> assertThat(p.sources().get(0).numInputRows()).isEqualTo(2))
        .run();

    String tableId = DeltaLogReader.actions(table(), 0, "metaData").get(0).get("id").asText();
    // Batch 0: the snapshot at version 1 (create + one append), its one file at index 0.
    JsonNode first = offsetOf(cp, 0);
    assertThat(first.get("sourceVersion").asInt()).isEqualTo(1);
    assertThat(first.get("reservoirId").asText()).isEqualTo(tableId);
    assertThat(first.get("reservoirVersion").asLong()).isEqualTo(1);
    assertThat(first.get("index").asLong()).isEqualTo(0);
    assertThat(first.get("isStartingVersion").asBoolean()).isTrue();
    // Batch 1: all of version 2 read, so the offset moves to version 3's base index.
    JsonNode second = offsetOf(cp, 1);
    assertThat(second.get("reservoirVersion").asLong()).isEqualTo(3);
    assertThat(second.get("index").asLong()).isEqualTo(-1);
    assertThat(second.get("isStartingVersion").asBoolean()).isFalse();
  }

  /** The Delta source's offset in {@code offsets/<batch>} of checkpoint {@code cp}. */
  static JsonNode offsetOf(Path cp, long batch) throws IOException {
    List<String> lines = Files.readAllLines(cp.resolve("offsets").resolve(Long.toString(batch)));
    return new ObjectMapper().readTree(lines.get(lines.size() - 1));
  }

  @ParameterizedTest(name = "crash at {0} of batch 1")
  @EnumSource(LoopPoint.class)
  void restartAfterCrash_readsEachCommitExactlyOnce(LoopPoint point) {
    Path out = dir.resolve("out");
    append(0);
    List<Row> expected = rowsOf(0, 3);
    StreamScript.of(t, stream(), OutputMode.Append())
        .checkpoint(dir.resolve("cp"))
        .output(
            w -> w.format("delta").option("path", out.toString()),
            () -> t.read().format("delta").load(out.toString()).collectAsList())
        .checkAnswer(rowsOf(0))
        .crashAt(point, 1)
        .addData("append batch 1", () -> append(1))
        .expectFailure(SimulatedCrash.class)
        .addData("append batch 2 while stopped", () -> append(2))
        .start()
        .processAllAvailable()
        .addData("append batch 3", () -> append(3))
        .checkAnswer(expected)
        .assertThat(
            "nothing lost, nothing duplicated",
            () -> {
              List<Row> read = t.read().format("delta").load(out.toString()).collectAsList();
              DeliveryHistory history = DeliveryHistory.check(expected, read, null);
              assertThat(history.isExactlyOnce()).as(history.describe()).isTrue();
            })
        .run();
  }

  @Test
  void crashInTheMiddleOfTheSnapshot_restartRereadsTheSameFiles() {
    for (long b = 0; b < 3; b++) {
      append(t, table(), List.of(Row.of(b, "r" + b)));
    }
    RecordingSink sink = new RecordingSink(OutputMode.Append());
    StreamScript script =
        StreamScript.of(
                t,
                t.readStream()
                    .format("delta")
                    .option("maxFilesPerTrigger", "2")
                    .load(table().toString()),
                OutputMode.Append())
            .sink(sink)
            .checkpoint(dir.resolve("cp"));
    // Armed before the script's implicit first start, so batch 0 itself crashes.
    script.crashes().arm(LoopPoint.AFTER_OFFSETS_WRITTEN, 0, 1);
    script
        .expectFailure(SimulatedCrash.class)
        .start()
        .checkAnswer(Row.of(0L, "r0"), Row.of(1L, "r1"), Row.of(2L, "r2"))
        .assertThat(
            "batch 0 re-run with its two files, batch 1 the third",
            () -> {
              assertThat(sink.batches().get(0L)).hasSize(2);
              assertThat(sink.batches().get(1L)).hasSize(1);
              assertThat(sink.deliveries()).containsExactly(0L, 1L);
            })
        .run();
  }

  @Test
  void tableReplacedUnderTheCheckpoint_failsWithDifferentTable() {
    append(0);
    StreamScript.of(t, stream(), OutputMode.Append())
        .checkAnswer(rowsOf(0))
        .stop()
        .execute(
            "delete the table and create it again",
            q -> {
              deleteRecursively(table());
              append(5);
            })
        .start()
        .expectFailure(DeltaErrors.Condition.DIFFERENT_DELTA_TABLE_READ_BY_STREAMING_SOURCE)
        .run();
  }

  @Test
  void load_missingTable_failsWithNotADeltaTable_orTableNotFoundByName() {
    TidelineException byPath =
        catchThrowableOfType(
            () -> t.readStream().format("delta").load(dir.resolve("nope").toString()),
            TidelineException.class);
    assertThat(byPath.getCondition()).isEqualTo("DELTA_MISSING_DELTA_TABLE");
    assertThat(byPath.getMessage()).contains(dir.resolve("nope").toString());

    TidelineException byName =
        catchThrowableOfType(
            () ->
                t.readStream()
                    .format("delta")
                    .option("tableName", "silver.orders")
                    .load(dir.resolve("nope").toString()),
            TidelineException.class);
    assertThat(byName.getCondition()).isEqualTo("DELTA_TABLE_NOT_FOUND");
    assertThat(byName.getMessage()).contains("silver.orders");
  }

  @Test
  void schemaChangedByALaterCommit_failsWithSchemaChangedNamingTheVersion() {
    append(0);
    StructType wider = StructType.fromDDL("id BIGINT, tag STRING, extra INT");
    StreamScript.of(t, stream(), OutputMode.Append())
        .checkAnswer(rowsOf(0))
        .addData(
            "append with a new column (mergeSchema)",
            () ->
                t.createDataFrame(List.of(Row.of(7L, "x", 1)), wider)
                    .write()
                    .format("delta")
                    .mode("append")
                    .option("mergeSchema", "true")
                    .save(table().toString()))
        .expectFailure(
            TidelineException.class,
            e -> {
              TidelineException te = findCause(e, TidelineException.class);
              assertThat(te.getCondition()).isEqualTo("DELTA_SCHEMA_CHANGED_WITH_VERSION");
              assertThat(te.getMessage()).contains("version 2", "extra");
            })
        .run();
  }

  @Test
  void schemaChange_aNewLoadOnTheSameCheckpoint_readsOnWithTheNewSchema() throws Exception {
    append(0);
    Path cp = dir.resolve("cp");
    RecordingSink before = new RecordingSink(OutputMode.Append());
    StreamingQuery first =
        stream().writeStream().option("checkpointLocation", cp.toString()).sink(before).start();
    first.processAllAvailable();
    t.createDataFrame(
            List.of(Row.of(7L, "x", 1)), StructType.fromDDL("id BIGINT, tag STRING, extra INT"))
        .write()
        .format("delta")
        .mode("append")
        .option("mergeSchema", "true")
        .save(table().toString());
    assertThatThrownBy(first::awaitTermination).isInstanceOf(StreamingQueryException.class);
    assertThat(before.allRows()).containsExactlyInAnyOrderElementsOf(rowsOf(0));

    RecordingSink after = new RecordingSink(OutputMode.Append());
    StreamingQuery second =
        stream().writeStream().option("checkpointLocation", cp.toString()).sink(after).start();
    try {
      second.processAllAvailable();
    } finally {
      second.stop();
    }
    assertThat(after.allRows()).containsExactly(Row.of(7L, "x", 1));
  }

  @Test
  void partitionedTable_readsPartitionValuesAsColumns() {
    StructType schema = StructType.fromDDL("id BIGINT, day STRING");
    t.createDataFrame(List.of(Row.of(1L, "mon"), Row.of(2L, "tue")), schema)
        .write()
        .format("delta")
        .option("partitionBy", "day")
        .save(table().toString());
    StreamScript.of(t, stream(), OutputMode.Append())
        .checkAnswer(Row.of(1L, "mon"), Row.of(2L, "tue"))
        .addData(
            "append to a new partition",
            () ->
                t.createDataFrame(List.of(Row.of(3L, "wed")), schema)
                    .write()
                    .format("delta")
                    .mode("append")
                    .save(table().toString()))
        .checkAnswer(Row.of(1L, "mon"), Row.of(2L, "tue"), Row.of(3L, "wed"))
        .run();
  }

  @Test
  void sourceSchema_isTheTables_andAUserSchemaIsRefused() {
    append(0);
    assertThat(stream().schema().fieldNames()).containsExactly("id", "tag");
    TidelineException e =
        catchThrowableOfType(
            () -> t.readStream().format("delta").schema(SCHEMA).load(table().toString()),
            TidelineException.class);
    assertThat(e.getCondition()).isEqualTo("DELTA_UNSUPPORTED_SCHEMA_DURING_READ");
  }

  @Test
  void recordingSink_eachBatchHoldsOneCommit_whenCommitsArriveOneByOne() {
    append(0);
    RecordingSink sink = new RecordingSink(OutputMode.Append());
    StreamScript.of(t, stream(), OutputMode.Append())
        .sink(sink)
        .checkAnswer(rowsOf(0))
        .addData("append batch 1", () -> append(1))
        .checkLastBatch(rowsOf(1).toArray(new Row[0]))
        .addData("append batch 2", () -> append(2))
        .checkLastBatch(rowsOf(2).toArray(new Row[0]))
        .run();
  }

  static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " in " + e);
  }

  static void deleteRecursively(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
