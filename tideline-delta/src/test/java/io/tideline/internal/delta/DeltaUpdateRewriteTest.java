package io.tideline.internal.delta;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.functions;
import io.tideline.streaming.MemoryStream;
import io.tideline.streaming.StreamingQuery;
import io.tideline.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Update mode rewrites only the files holding changed keys: old windows' files stay untouched batch
 * after batch, the table ends as complete mode leaves it, and tables without statistics (written by
 * others) still merge.
 */
class DeltaUpdateRewriteTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final StructType EVENTS = StructType.fromDDL("ts TIMESTAMP, product STRING");
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private static final int BATCHES = 10;
  private static Tideline t;

  @TempDir Path dir;

  @BeforeAll
  static void open() {
    t =
        Tideline.builder()
            .appName("delta-update-rewrite")
            .config("tideline.shuffle.partitions", "2")
            // One batch per addData, so batch N holds the events of step N.
            .config("tideline.sql.streaming.noDataMicroBatches.enabled", "false")
            .getOrCreate();
  }

  @AfterAll
  static void close() {
    t.close();
  }

  private static Instant window(int step) {
    return T0.plusSeconds(300L * step);
  }

  /**
   * Step N: events in window N for three products, and late ones in window N - 1 (within the
   * watermark) that update a count written by the batch before and add a new product.
   */
  private static List<Row> events(int step) {
    List<Row> rows = new ArrayList<>();
    rows.add(Row.of(window(step).plusSeconds(10), "x"));
    rows.add(Row.of(window(step).plusSeconds(20), "y"));
    rows.add(Row.of(window(step).plusSeconds(25), "m"));
    if (step > 0) {
      rows.add(Row.of(window(step - 1).plusSeconds(30), "x"));
      rows.add(Row.of(window(step - 1).plusSeconds(40), "z" + step));
    }
    return rows;
  }

  private static DataFrame counts(MemoryStream input) {
    return input
        .toDF()
        .withWatermark("ts", "10 minutes")
        .groupBy(functions.window(functions.col("ts"), "5 minutes"), functions.col("product"))
        .count();
  }

  private StreamingQuery start(DataFrame df, String mode, Path table, String cp) {
    return df.writeStream()
        .format("delta")
        .outputMode(mode)
        .option("checkpointLocation", dir.resolve(cp).toString())
        .start(table.toString());
  }

  private static List<Row> flat(List<Row> rows) {
    return rows.stream()
        .map(r -> Row.of(r.getStruct(0).get(0), r.getStruct(0).get(1), r.get(1), r.get(2)))
        .toList();
  }

  @Test
  void windowedUpdateMode_neverRemovesFilesOfOlderWindows_andEndsAsCompleteMode() throws Exception {
    Path updated = dir.resolve("update");
    Path complete = dir.resolve("complete");
    MemoryStream updates = MemoryStream.of(t, EVENTS);
    MemoryStream all = MemoryStream.of(t, EVENTS);
    StreamingQuery u = start(counts(updates), "update", updated, "cp-update");
    StreamingQuery c = start(counts(all), "complete", complete, "cp-complete");
    try {
      for (int step = 0; step < BATCHES; step++) {
        updates.addData(events(step));
        all.addData(events(step));
        u.processAllAvailable();
        c.processAllAvailable();
      }
    } finally {
      u.stop();
      c.stop();
    }

    assertThat(flat(t.read().format("delta").load(updated.toString()).collectAsList()))
        .containsExactlyInAnyOrderElementsOf(
            flat(t.read().format("delta").load(complete.toString()).collectAsList()));

    // Batch N changes windows N - 1 and N: every file it removes holds one of them.
    Map<String, Instant> maxWindowStart = new HashMap<>();
    long commits = DeltaLogReader.commits(updated);
    long removed = 0;
    Set<String> live = new HashSet<>();
    for (long v = 1; v < commits; v++) {
      long batch = DeltaLogReader.actions(updated, v, "txn").get(0).get("version").asLong();
      for (JsonNode remove : DeltaLogReader.actions(updated, v, "remove")) {
        Instant max = maxWindowStart.get(remove.get("path").asText());
        assertThat(max)
            .as("version %d (batch %d) removes %s", v, batch, remove.get("path").asText())
            .isAfterOrEqualTo(window((int) batch - 1));
        removed++;
        live.remove(remove.get("path").asText());
      }
      for (JsonNode add : DeltaLogReader.actions(updated, v, "add")) {
        JsonNode stats = JSON.readTree(add.get("stats").asText());
        maxWindowStart.put(
            add.get("path").asText(),
            Instant.parse(stats.get("maxValues").get("window").get("start").asText()));
        live.add(add.get("path").asText());
      }
      assertThat(DeltaLogReader.actions(updated, v, "remove").size())
          .as("removes of version %d", v)
          .isLessThanOrEqualTo(3);
    }
    assertThat(removed).isPositive();
    // About one file more per batch: the settled rows of the window that fell behind.
    assertThat(live)
        .as("files of older windows stay")
        .hasSizeGreaterThanOrEqualTo(BATCHES - 2)
        .hasSizeLessThanOrEqualTo(BATCHES + 2);
  }

  @Test
  void windowedUpdateMode_partitionedByAKey_endsAsCompleteMode() throws Exception {
    Path updated = dir.resolve("update");
    Path complete = dir.resolve("complete");
    MemoryStream updates = MemoryStream.of(t, EVENTS);
    MemoryStream all = MemoryStream.of(t, EVENTS);
    StreamingQuery u =
        counts(updates)
            .writeStream()
            .format("delta")
            .outputMode("update")
            .partitionBy("product")
            .option("checkpointLocation", dir.resolve("cp-update").toString())
            .start(updated.toString());
    StreamingQuery c = start(counts(all), "complete", complete, "cp-complete");
    try {
      for (int step = 0; step < 4; step++) {
        updates.addData(events(step));
        all.addData(events(step));
        u.processAllAvailable();
        c.processAllAvailable();
      }
    } finally {
      u.stop();
      c.stop();
    }
    List<Row> expected = flat(t.read().format("delta").load(complete.toString()).collectAsList());
    List<Row> actual =
        t.read()
            .format("delta")
            .load(updated.toString())
            .select("window", "product", "count")
            .collectAsList();
    assertThat(flat(actual)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(updated.resolve("product=x")).isDirectory();
  }

  @Test
  void tableWithoutStatistics_everyFileIsRewritten_andTheMergeIsRight() throws Exception {
    Path table = dir.resolve("nostats");
    StructType schema = StructType.fromDDL("k STRING, count BIGINT");
    t.createDataFrame(List.of(Row.of("a", 5L)), schema)
        .write()
        .format("delta")
        .save(table.toString());
    t.createDataFrame(List.of(Row.of("b", 7L)), schema)
        .write()
        .format("delta")
        .mode("append")
        .save(table.toString());
    stripStatistics(table);

    MemoryStream input = MemoryStream.of(t, StructType.fromDDL("k STRING"));
    StreamingQuery q = start(input.toDF().groupBy("k").count(), "update", table, "cp");
    try {
      input.addData(Row.of("a"), Row.of("c"));
      q.processAllAvailable();
    } finally {
      q.stop();
    }

    assertThat(t.read().format("delta").load(table.toString()).collectAsList())
        .containsExactlyInAnyOrder(Row.of("a", 1L), Row.of("b", 7L), Row.of("c", 1L));
    long last = DeltaLogReader.commits(table) - 1;
    assertThat(DeltaLogReader.actions(table, last, "remove")).hasSize(2);
  }

  @Test
  void filesWithStatistics_onlyThoseMeetingChangedKeysAreRewritten() throws Exception {
    Path table = dir.resolve("keys");
    StructType schema = StructType.fromDDL("k STRING, count BIGINT");
    for (String k : List.of("a", "m", "x")) {
      t.createDataFrame(List.of(Row.of(k, 1L), Row.of(k + "z", 1L)), schema)
          .write()
          .format("delta")
          .mode("append")
          .save(table.toString());
    }
    MemoryStream input = MemoryStream.of(t, StructType.fromDDL("k STRING"));
    StreamingQuery q = start(input.toDF().groupBy("k").count(), "update", table, "cp");
    try {
      // "m" is in the second file only; "n" is new and falls in no file's range.
      input.addData(Row.of("m"), Row.of("m"), Row.of("n"));
      q.processAllAvailable();
    } finally {
      q.stop();
    }
    assertThat(t.read().format("delta").load(table.toString()).collectAsList())
        .containsExactlyInAnyOrder(
            Row.of("a", 1L),
            Row.of("az", 1L),
            Row.of("m", 2L),
            Row.of("mz", 1L),
            Row.of("n", 1L),
            Row.of("x", 1L),
            Row.of("xz", 1L));
    long last = DeltaLogReader.commits(table) - 1;
    List<JsonNode> removes = DeltaLogReader.actions(table, last, "remove");
    assertThat(removes).hasSize(1);
    Set<String> secondFile = new HashSet<>();
    DeltaLogReader.actions(table, 2, "add").forEach(a -> secondFile.add(a.get("path").asText()));
    assertThat(secondFile).contains(removes.get(0).get("path").asText());
  }

  @Test
  void tablePartitionedByTheKey_onlyTheChangedKeysPartitionsAreRewritten() throws Exception {
    Path table = dir.resolve("bykey");
    MemoryStream input = MemoryStream.of(t, StructType.fromDDL("k STRING"));
    StreamingQuery q =
        input
            .toDF()
            .groupBy("k")
            .count()
            .writeStream()
            .format("delta")
            .outputMode("update")
            .partitionBy("k")
            .option("checkpointLocation", dir.resolve("cp").toString())
            .start(table.toString());
    try {
      input.addData(Row.of("a"), Row.of("b"), Row.of("c"));
      q.processAllAvailable();
      input.addData(Row.of("b"));
      q.processAllAvailable();
    } finally {
      q.stop();
    }
    assertThat(t.read().format("delta").load(table.toString()).collectAsList())
        .containsExactlyInAnyOrder(Row.of("a", 1L), Row.of("b", 2L), Row.of("c", 1L));
    long last = DeltaLogReader.commits(table) - 1;
    List<JsonNode> removes = DeltaLogReader.actions(table, last, "remove");
    assertThat(removes).hasSize(1);
    assertThat(removes.get(0).get("path").asText()).startsWith("k=b/");
  }

  /** Drops the {@code stats} of every {@code add}, as a writer that records none leaves them. */
  private static void stripStatistics(Path table) throws IOException {
    try (var files = Files.list(table.resolve("_delta_log"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(f)) {
          JsonNode action = JSON.readTree(line);
          if (action.has("add")) {
            ((ObjectNode) action.get("add")).remove("stats");
          }
          out.add(JSON.writeValueAsString(action));
        }
        Files.write(f, out);
      }
    }
    // Kernel prefers the checksum file's view of the table when there is one; drop it too.
    try (var files = Files.list(table.resolve("_delta_log"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".crc")).toList()) {
        Files.delete(f);
      }
    }
  }
}
