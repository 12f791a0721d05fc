package io.tideline.internal.delta;

import static io.tideline.internal.delta.DeltaSourceTest.SCHEMA;
import static io.tideline.internal.delta.DeltaSourceTest.rowsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.connector.Offset;
import io.tideline.connector.ReadLimit;
import io.tideline.connector.Source;
import io.tideline.connector.SourceContext;
import io.tideline.internal.errors.TidelineException;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.streaming.ManualClock;
import io.tideline.streaming.MemoryStream;
import io.tideline.streaming.OutputMode;
import io.tideline.streaming.StreamingQuery;
import io.tideline.streaming.Trigger;
import io.tideline.testkit.stream.RecordingSink;
import io.tideline.testkit.stream.StreamScript;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Delta source's options: where the stream starts ({@code startingVersion}, {@code
 * startingTimestamp}), how much a batch admits ({@code maxFilesPerTrigger}, {@code
 * maxBytesPerTrigger}, {@code Trigger.AvailableNow}), and what it does with commits that remove
 * data ({@code ignoreDeletes}, {@code skipChangeCommits}, compaction).
 */
class DeltaSourceOptionsTest {
  private static Tideline t;

  @TempDir Path dir;

  @BeforeAll
  static void open() {
    t =
        Tideline.builder()
            .appName("delta-source-options")
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

  private void append(long batch) {
    DeltaSourceTest.append(t, table(), rowsOf(batch));
  }

  /** Appends one row per commit, so each commit adds one file. */
  private void appendOneRowCommits(int n) {
    for (int i = 0; i < n; i++) {
      DeltaSourceTest.append(t, table(), List.of(Row.of((long) i, "r" + i)));
    }
  }

  private DataFrame stream(String... options) {
    var reader = t.readStream().format("delta");
    for (int i = 0; i < options.length; i += 2) {
      reader = reader.option(options[i], options[i + 1]);
    }
    return reader.load(table().toString());
  }

  /** A source made as a query would make it, with {@code options} (key, value, ...). */
  private Source source(String... options) {
    Map<String, String> o = new HashMap<>();
    o.put("path", table().toString());
    for (int i = 0; i < options.length; i += 2) {
      o.put(options[i], options[i + 1]);
    }
    DeltaSourceProvider provider = new DeltaSourceProvider();
    StructType schema = provider.sourceSchema(t, o, Optional.empty());
    return provider.createSource(
        new SourceContext(t, o, Optional.empty(), schema, dir.resolve("meta"), new ManualClock()));
  }

  private List<Row> read(Source source, Optional<Offset> start, Offset end) {
    List<Attribute> attributes = new ArrayList<>();
    for (StructField f : source.schema().fields()) {
      attributes.add(new Attribute(f.name(), f.dataType(), f.nullable()));
    }
    return DataFrame.ofPlan(t, source.getBatch(start, end, attributes)).collectAsList();
  }

  /** The number of rows of each batch the source serves under {@code limit} until it is idle. */
  private List<Integer> batchSizes(Source source, ReadLimit limit) {
    List<Integer> sizes = new ArrayList<>();
    Optional<Offset> start = Optional.empty();
    for (int i = 0; i < 100; i++) {
      Optional<Offset> end = source.latestOffset(start, limit);
      if (end.isEmpty() || start.isPresent() && end.get().json().equals(start.get().json())) {
        break;
      }
      sizes.add(read(source, start, end.get()).size());
      start = end;
    }
    return sizes;
  }

  private static TidelineException failure(Runnable r) {
    return catchThrowableOfType(r::run, TidelineException.class);
  }

  @Test
  void startingVersion_readsOnlyCommitsFromThatVersion() {
    append(0); // version 1
    append(1); // version 2
    append(2); // version 3
    StreamScript.of(t, stream("startingVersion", "2"), OutputMode.Append())
        .checkAnswer(rowsOf(1, 2))
        .addData("append batch 3", () -> append(3))
        .checkAnswer(rowsOf(1, 3))
        .run();
  }

  @Test
  void startingVersionLatest_readsOnlyCommitsAfterTheStart() {
    append(0);
    StreamScript.of(t, stream("startingVersion", "latest"), OutputMode.Append())
        .checkAnswer()
        .addData("append batch 1", () -> append(1))
        .checkAnswer(rowsOf(1))
        .run();
  }

  @Test
  void startingVersion_afterTheLatest_orNotANumber_isRefused() {
    append(0);
    assertThat(failure(() -> source("startingVersion", "5")).getCondition())
        .isEqualTo("DELTA_VERSION_NOT_FOUND");
    assertThat(failure(() -> stream("startingVersion", "two")).getCondition())
        .isEqualTo("DELTA_INVALID_OPTION");
    assertThat(
            failure(() -> stream("startingVersion", "1", "startingTimestamp", "2026-01-01"))
                .getCondition())
        .isEqualTo("DELTA_STARTING_VERSION_AND_TIMESTAMP_BOTH_SET");
    assertThat(failure(() -> stream("maxFilesPerTrigger", "0")).getCondition())
        .isEqualTo("DELTA_INVALID_OPTION");
    assertThat(failure(() -> stream("maxBytesPerTrigger", "lots")).getCondition())
        .isEqualTo("DELTA_INVALID_OPTION");
  }

  @Test
  void startingTimestamp_readsFromTheFirstCommitAtOrAfterIt() throws IOException {
    append(0); // version 1
    append(1); // version 2
    append(2); // version 3
    // Without in-commit timestamps a commit's time is its file's modification time.
    Instant base = Instant.parse("2026-01-01T00:00:00Z");
    for (long v = 0; v <= 3; v++) {
      Files.setLastModifiedTime(
          DeltaLogCheck.commitFile(table(), v), FileTime.from(base.plusSeconds(10 * v)));
    }
    StreamScript.of(t, stream("startingTimestamp", "2026-01-01T00:00:15Z"), OutputMode.Append())
        .checkAnswer(rowsOf(1, 2))
        .run();
    StreamScript.of(t, stream("startingTimestamp", "2026-01-01T00:00:30Z"), OutputMode.Append())
        .checkAnswer(rowsOf(2))
        .run();
    assertThat(failure(() -> source("startingTimestamp", "2026-01-01T00:01:00Z")).getCondition())
        .isEqualTo("DELTA_TIMESTAMP_GREATER_THAN_COMMIT");
  }

  @Test
  void maxFilesPerTrigger_admitsThatManyFilesPerBatch_inTheSnapshotAndInChanges() {
    appendOneRowCommits(5);
    assertThat(batchSizes(source("maxFilesPerTrigger", "2"), limitOf("maxFilesPerTrigger", "2")))
        .as("snapshot of 5 files")
        .containsExactly(2, 2, 1);
    assertThat(
            batchSizes(
                source("maxFilesPerTrigger", "2", "startingVersion", "0"),
                limitOf("maxFilesPerTrigger", "2")))
        .as("5 commits of one file")
        .containsExactly(2, 2, 1);
  }

  @Test
  void maxBytesPerTrigger_isSoft_aBatchTakesAtLeastOneFile() {
    appendOneRowCommits(3);
    assertThat(batchSizes(source(), limitOf("maxBytesPerTrigger", "1"))).containsExactly(1, 1, 1);
    assertThat(batchSizes(source(), limitOf("maxBytesPerTrigger", "1g"))).containsExactly(3);
  }

  /** The default read limit of a source made with option {@code key = value}. */
  private ReadLimit limitOf(String key, String value) {
    return source(key, value).defaultReadLimit();
  }

  @Test
  void defaultReadLimit_isDeltaSparks() {
    append(0);
    assertThat(source().defaultReadLimit()).isEqualTo(ReadLimit.maxFiles(1000));
    assertThat(source("maxBytesPerTrigger", "1k").defaultReadLimit())
        .isEqualTo(ReadLimit.maxBytes(1024));
    assertThat(source("maxBytesPerTrigger", "1k", "maxFilesPerTrigger", "3").defaultReadLimit())
        .isEqualTo(ReadLimit.compose(List.of(ReadLimit.maxBytes(1024), ReadLimit.maxFiles(3))));
  }

  @Test
  void maxFilesPerTrigger_inARunningQuery_splitsTheSnapshotIntoBatches() {
    appendOneRowCommits(5);
    RecordingSink sink = new RecordingSink(OutputMode.Append());
    StreamScript.of(t, stream("maxFilesPerTrigger", "2"), OutputMode.Append())
        .sink(sink)
        .processAllAvailable()
        .assertThat(
            "batches of 2, 2 and 1 rows",
            () -> {
              List<Integer> sizes = new ArrayList<>();
              sink.batches().values().forEach(rows -> sizes.add(rows.size()));
              assertThat(sizes).containsExactly(2, 2, 1);
            })
        .run();
  }

  @Test
  void availableNow_readsUpToTheVersionAtItsStart_withinTheLimit() {
    appendOneRowCommits(3);
    Source source = source("maxFilesPerTrigger", "1");
    assertThat(source.prepareForTriggerAvailableNow()).isTrue();
    Optional<Offset> start = Optional.empty();
    List<Row> rows = new ArrayList<>();
    int batches = 0;
    for (int i = 0; i < 10; i++) {
      Optional<Offset> end = source.latestOffset(start, source.defaultReadLimit());
      if (i == 0) {
        append(9); // after the start: not for this run
      }
      if (end.isEmpty() || start.isPresent() && end.get().json().equals(start.get().json())) {
        break;
      }
      rows.addAll(read(source, start, end.get()));
      batches++;
      start = end;
    }
    assertThat(batches).isEqualTo(3);
    assertThat(rows)
        .containsExactlyInAnyOrder(Row.of(0L, "r0"), Row.of(1L, "r1"), Row.of(2L, "r2"));
  }

  @Test
  void latestOffset_onAnIdleTable_readsNoCommitAgain() throws IOException {
    appendOneRowCommits(2);
    Source source = source("startingVersion", "0");
    Offset end = source.latestOffset(Optional.empty(), ReadLimit.allAvailable()).orElseThrow();
    // Were an idle trigger to list or replay the log again, these files would fail it.
    for (long v = 0; v <= 2; v++) {
      Files.writeString(DeltaLogCheck.commitFile(table(), v), "{not json");
    }
    for (int i = 0; i < 3; i++) {
      assertThat(source.latestOffset(Optional.of(end), ReadLimit.allAvailable()))
          .map(Offset::json)
          .contains(end.json());
    }
    assertThat(read(source, Optional.empty(), end))
        .as("the batch comes from the commits read before")
        .containsExactlyInAnyOrder(Row.of(0L, "r0"), Row.of(1L, "r1"));
  }

  @Test
  void availableNow_query_stopsAfterWhatWasThere() throws Exception {
    appendOneRowCommits(3);
    RecordingSink sink = new RecordingSink(OutputMode.Append());
    StreamingQuery q =
        stream("maxFilesPerTrigger", "2")
            .writeStream()
            .trigger(Trigger.AvailableNow())
            .option("checkpointLocation", dir.resolve("cp").toString())
            .sink(sink)
            .start();
    assertThat(q.awaitTermination(60_000)).isTrue();
    assertThat(sink.batches()).hasSize(2);
    assertThat(sink.allRows()).hasSize(3);
  }

  /** Overwrites the table with no rows: a commit that only removes files. */
  private void deleteAll() {
    t.createDataFrame(List.<Row>of(), SCHEMA)
        .write()
        .format("delta")
        .mode("overwrite")
        .save(table().toString());
  }

  /** Overwrites the table with the rows of {@code batch}: removes and adds in one commit. */
  private void overwrite(long batch) {
    t.createDataFrame(rowsOf(batch), SCHEMA)
        .write()
        .format("delta")
        .mode("overwrite")
        .save(table().toString());
  }

  @Test
  void aCommitThatOnlyDeletes_failsTheStream_unlessIgnoreDeletes() {
    append(0);
    deleteAll(); // version 2
    assertThat(DeltaLogReader.actions(table(), 2, "remove")).isNotEmpty();
    assertThat(DeltaLogReader.actions(table(), 2, "add")).isEmpty();
    append(1); // version 3
    StreamScript.of(t, stream("startingVersion", "1"), OutputMode.Append())
        .expectFailure(
            TidelineException.class,
            e -> {
              TidelineException te = DeltaSourceTest.findCause(e, TidelineException.class);
              assertThat(te.getCondition()).isEqualTo("DELTA_SOURCE_IGNORE_DELETE");
              assertThat(te.getMessage())
                  .contains("version 2", table().toString(), "ignoreDeletes");
            })
        .run();
    StreamScript.of(t, stream("startingVersion", "1", "ignoreDeletes", "true"), OutputMode.Append())
        .checkAnswer(rowsOf(0, 1))
        .run();
  }

  @Test
  void aCommitThatRewritesData_failsTheStream_evenWithIgnoreDeletes_ignoreChangesRereadsIt() {
    append(0);
    overwrite(5); // version 2: removes and adds
    StreamScript.of(t, stream("startingVersion", "1", "ignoreDeletes", "true"), OutputMode.Append())
        .expectFailure(
            TidelineException.class,
            e -> {
              TidelineException te = DeltaSourceTest.findCause(e, TidelineException.class);
              assertThat(te.getCondition()).isEqualTo("DELTA_SOURCE_TABLE_IGNORE_CHANGES");
              assertThat(te.getMessage()).contains("version 2", "skipChangeCommits");
            })
        .run();
    List<Row> withRewrite = new ArrayList<>(rowsOf(0));
    withRewrite.addAll(rowsOf(5));
    StreamScript.of(t, stream("startingVersion", "1", "ignoreChanges", "true"), OutputMode.Append())
        .checkAnswer(withRewrite)
        .run();
  }

  @Test
  void skipChangeCommits_skipsCommitsThatRemoveData_includingTheirAddedRows() {
    append(0);
    overwrite(5); // version 2: skipped, its rows are not read
    deleteAll(); // version 3: skipped
    append(1); // version 4
    StreamScript.of(
            t, stream("startingVersion", "0", "skipChangeCommits", "true"), OutputMode.Append())
        .checkAnswer(rowsOf(0, 1))
        .addData("overwrite again", () -> overwrite(6))
        .addData("append batch 2", () -> append(2))
        .checkAnswer(rowsOf(0, 2))
        .run();
  }

  @Test
  void completeModeSinkTable_failsAReaderAtTheFirstRewrite() throws Exception {
    MemoryStream input = MemoryStream.of(t, StructType.fromDDL("k STRING"));
    StreamingQuery writer =
        input
            .toDF()
            .groupBy("k")
            .count()
            .writeStream()
            .outputMode("complete")
            .format("delta")
            .option("checkpointLocation", dir.resolve("cp-writer").toString())
            .start(table().toString());
    try {
      input.addData(Row.of("a"));
      writer.processAllAvailable();
      StreamScript.of(t, stream(), OutputMode.Append())
          .checkAnswer(Row.of("a", 1L))
          .addData(
              "the complete-mode query rewrites the table",
              () -> {
                input.addData(Row.of("a"));
                try {
                  writer.processAllAvailable();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              })
          .expectFailure(DeltaErrors.Condition.DELTA_SOURCE_TABLE_IGNORE_CHANGES)
          .run();
    } finally {
      writer.stop();
    }
  }

  @Test
  void aCompactionCommit_withDataChangeFalse_isSkippedSilently() throws IOException {
    append(0); // version 1: one file
    compactVersion2();
    append(1); // version 3
    StreamScript.of(t, stream("startingVersion", "0"), OutputMode.Append())
        .checkAnswer(rowsOf(0, 1))
        .run();
    StreamScript.of(t, stream(), OutputMode.Append())
        .checkAnswer(rowsOf(0, 1))
        .addData("append batch 2", () -> append(2))
        .checkAnswer(rowsOf(0, 2))
        .run();
  }

  /**
   * Writes version 2 as a compaction would: the file of version 1 replaced by a copy, both with
   * {@code dataChange = false}, as {@code OPTIMIZE} commits.
   */
  private void compactVersion2() throws IOException {
    ObjectMapper json = new ObjectMapper();
    JsonNode add = DeltaLogReader.actions(table(), 1, "add").get(0);
    String path = add.get("path").asText();
    String copy = "compacted-" + path;
    Files.copy(table().resolve(path), table().resolve(copy));
    long now = System.currentTimeMillis();
    ObjectNode commitInfo = json.createObjectNode();
    commitInfo
        .putObject("commitInfo")
        .put("timestamp", now)
        .put("operation", "OPTIMIZE")
        .put("isBlindAppend", false);
    ObjectNode remove = json.createObjectNode();
    remove
        .putObject("remove")
        .put("path", path)
        .put("deletionTimestamp", now)
        .put("dataChange", false)
        .put("size", add.get("size").asLong());
    ObjectNode newAdd = json.createObjectNode();
    ObjectNode a = newAdd.putObject("add");
    a.put("path", copy);
    a.putObject("partitionValues");
    a.put("size", add.get("size").asLong());
    a.put("modificationTime", now);
    a.put("dataChange", false);
    Files.writeString(
        DeltaLogCheck.commitFile(table(), 2),
        json.writeValueAsString(commitInfo)
            + "\n"
            + json.writeValueAsString(remove)
            + "\n"
            + json.writeValueAsString(newAdd)
            + "\n");
  }
}
