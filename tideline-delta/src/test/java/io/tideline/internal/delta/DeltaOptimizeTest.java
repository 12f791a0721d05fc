package io.tideline.internal.delta;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tideline.AnalysisException;
import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.internal.delta.DeltaScan.ScanFile;
import io.tideline.internal.errors.TidelineException;
import io.tideline.streaming.MemoryStream;
import io.tideline.streaming.StreamingQuery;
import io.tideline.types.StructType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delta's {@code OPTIMIZE} compaction: small files per partition become one file with the same
 * rows, in one commit that changes no data; {@code where} on partitions; no commit when there is
 * nothing to do; and safety while a stream appends to the table.
 */
class DeltaOptimizeTest {
  private static final StructType SCHEMA = StructType.fromDDL("id BIGINT, name STRING, p STRING");
  private static Tideline t;

  @TempDir Path dir;

  @BeforeAll
  static void open() {
    t = Tideline.builder().appName("delta-optimize").getOrCreate();
  }

  @AfterAll
  static void close() {
    t.close();
  }

  @AfterEach
  void resetConf() {
    t.conf().unset(DeltaOptimize.MIN_FILE_SIZE);
    t.conf().unset(DeltaOptimize.MAX_FILE_SIZE);
  }

  private Path table() {
    return dir.resolve("table");
  }

  private String path() {
    return table().toString();
  }

  /** Appends {@code appends} commits, each adding {@code rowsPerPartition} rows to a and to b. */
  private List<Row> appendSmallFiles(int appends, int rowsPerPartition) {
    List<Row> all = new ArrayList<>();
    long id = 0;
    for (int a = 0; a < appends; a++) {
      List<Row> rows = new ArrayList<>();
      for (String p : List.of("a", "b")) {
        for (int i = 0; i < rowsPerPartition; i++) {
          rows.add(Row.of(id, "n" + id, p));
          id++;
        }
      }
      t.createDataFrame(rows, SCHEMA)
          .write()
          .format("delta")
          .mode("append")
          .option("partitionBy", "p")
          .save(path());
      all.addAll(rows);
    }
    return all;
  }

  private List<Row> read() {
    return t.read().format("delta").load(path()).collectAsList();
  }

  private Map<String, Integer> filesPerPartition() {
    DeltaTable table = DeltaTable.at(path());
    Map<String, Integer> out = new HashMap<>();
    for (ScanFile f : DeltaScan.files(table, table.latestOrFail())) {
      out.merge(String.valueOf(f.partitionValues().get("p")), 1, Integer::sum);
    }
    return out;
  }

  private long latestVersion() {
    return DeltaTable.at(path()).latestOrFail().getVersion();
  }

  private static Row metrics(DataFrame result) {
    List<Row> rows = result.collectAsList();
    assertThat(rows).hasSize(1);
    return rows.get(0).getStruct(1);
  }

  @Test
  void compaction_manySmallFilesPerPartition_becomeOneFilePerPartitionWithTheSameRows()
      throws Exception {
    List<Row> rows = appendSmallFiles(4, 3);
    assertThat(filesPerPartition()).containsEntry("a", 4).containsEntry("b", 4);
    long before = latestVersion();

    DataFrame result = DeltaOptimize.execute(t, path(), List.of());

    assertThat(latestVersion()).isEqualTo(before + 1);
    assertThat(filesPerPartition()).containsExactlyInAnyOrderEntriesOf(Map.of("a", 1, "b", 1));
    assertThat(read()).containsExactlyInAnyOrderElementsOf(rows);
    Row m = metrics(result);
    assertThat(result.collectAsList().get(0).getString(0))
        .isEqualTo(DeltaTable.at(path()).displayPath());
    assertThat(m.getLong(0)).as("numFilesAdded").isEqualTo(2);
    assertThat(m.getLong(1)).as("numFilesRemoved").isEqualTo(8);
    assertThat(m.getStruct(3).getLong(3)).as("filesRemoved.totalFiles").isEqualTo(8);
    assertThat(m.getLong(4)).as("partitionsOptimized").isEqualTo(2);
    assertThat(m.getLong(5)).as("numBatches").isEqualTo(2);
    assertThat(m.getLong(6)).as("totalConsideredFiles").isEqualTo(8);
    assertThat(m.getLong(7)).as("totalFilesSkipped").isZero();

    // One commit: OPTIMIZE with Delta's parameters and metrics, every action dataChange = false.
    long v = latestVersion();
    JsonNode info = DeltaLogReader.actions(table(), v, "commitInfo").get(0);
    assertThat(info.get("operation").asText()).isEqualTo("OPTIMIZE");
    assertThat(info.get("operationParameters").get("predicate").asText()).isEqualTo("[]");
    assertThat(info.get("operationParameters").get("zOrderBy").asText()).isEqualTo("[]");
    assertThat(info.get("operationMetrics").get("numRemovedFiles").asText()).isEqualTo("8");
    assertThat(info.get("operationMetrics").get("numAddedFiles").asText()).isEqualTo("2");
    assertThat(info.get("isBlindAppend").asBoolean()).isFalse();
    List<JsonNode> adds = DeltaLogReader.actions(table(), v, "add");
    List<JsonNode> removes = DeltaLogReader.actions(table(), v, "remove");
    assertThat(adds).hasSize(2).allMatch(a -> !a.get("dataChange").asBoolean());
    assertThat(removes).hasSize(8).allMatch(r -> !r.get("dataChange").asBoolean());
    assertThat(adds)
        .allMatch(a -> a.get("stats").asText().contains("\"numRecords\":12"), "12 rows each");
    // Delta's own reader (Kernel's) reads the compacted table to the same rows.
    List<String> expected = new ArrayList<>();
    for (Row r : rows) {
      expected.add(r.getLong(0) + "|" + r.getString(1) + "|" + r.getString(2));
    }
    assertThat(
            KernelReadBackTest.readWithKernel(
                DeltaTable.at(path()),
                r -> r.getLong(0) + "|" + r.getString(1) + "|" + r.getString(2)))
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void where_onOnePartition_compactsOnlyThatPartition() {
    List<Row> rows = appendSmallFiles(3, 2);

    Row m = metrics(DeltaOptimize.execute(t, path(), List.of("p = 'a'")));

    assertThat(filesPerPartition()).containsExactlyInAnyOrderEntriesOf(Map.of("a", 1, "b", 3));
    assertThat(read()).containsExactlyInAnyOrderElementsOf(rows);
    assertThat(m.getLong(6)).as("totalConsideredFiles: partition a only").isEqualTo(3);
    JsonNode info = DeltaLogReader.actions(table(), latestVersion(), "commitInfo").get(0);
    assertThat(info.get("operationParameters").get("predicate").asText())
        .isEqualTo("[\"p = 'a'\"]");
  }

  @Test
  void where_onADataColumn_failsWithDeltasNonPartitionColumnError() {
    appendSmallFiles(2, 1);
    long before = latestVersion();

    AnalysisException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            AnalysisException.class, () -> DeltaOptimize.execute(t, path(), List.of("id > 3")));

    assertThat(e.getCondition()).isEqualTo("DELTA_NON_PARTITION_COLUMN_REFERENCE");
    assertThat(e.parameters()).containsEntry("columnName", "id").containsEntry("columnList", "p");
    assertThat(latestVersion()).isEqualTo(before);
  }

  @Test
  void where_thatDoesNotParse_failsWithDeltasPredicateError() {
    appendSmallFiles(2, 1);

    AnalysisException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            AnalysisException.class, () -> DeltaOptimize.execute(t, path(), List.of("p = = 'a'")));

    assertThat(e.getCondition()).isEqualTo("DELTA_FAILED_RECOGNIZE_PREDICATE");
    assertThat(e.parameters()).containsEntry("predicate", "p = = 'a'");
  }

  @Test
  void tableWithRowTracking_isRefusedBeforeAnyFileIsWritten() {
    for (int i = 0; i < 2; i++) {
      t.createDataFrame(List.of(Row.of((long) i, "n", "a")), SCHEMA)
          .write()
          .format("delta")
          .mode("append")
          .option("delta.enableRowTracking", "true")
          .save(path());
    }
    long before = latestVersion();

    AnalysisException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            AnalysisException.class, () -> DeltaOptimize.execute(t, path(), List.of()));

    assertThat(e.getCondition()).isEqualTo("DELTA_UNSUPPORTED_TABLE_FEATURE");
    assertThat(e.getMessage()).contains("row tracking");
    assertThat(latestVersion()).isEqualTo(before);
  }

  @Test
  void alreadyCompactTable_isLeftAsItIsWithoutACommit() {
    appendSmallFiles(3, 2);
    DeltaOptimize.execute(t, path(), List.of());
    long compacted = latestVersion();

    Row m = metrics(DeltaOptimize.execute(t, path(), List.of()));

    assertThat(latestVersion()).isEqualTo(compacted);
    assertThat(m.getLong(0)).as("numFilesAdded").isZero();
    assertThat(m.getLong(1)).as("numFilesRemoved").isZero();
    assertThat(m.getLong(6)).as("totalConsideredFiles").isEqualTo(2);
    assertThat(m.getLong(7)).as("totalFilesSkipped").isEqualTo(2);
    assertThat(m.getStruct(2).isNullAt(0)).as("filesAdded.min of no file").isTrue();
  }

  @Test
  void filesAtOrAboveMinFileSize_areNotRewritten() {
    appendSmallFiles(3, 2);
    long before = latestVersion();
    t.conf().set(DeltaOptimize.MIN_FILE_SIZE, "1");

    Row m = metrics(DeltaOptimize.execute(t, path(), List.of()));

    assertThat(latestVersion()).isEqualTo(before);
    assertThat(m.getLong(7)).as("totalFilesSkipped").isEqualTo(6);
  }

  @Test
  void maxFileSize_cutsAPartitionIntoSeveralBins() {
    appendSmallFiles(4, 1);
    long fileSize =
        DeltaScan.files(DeltaTable.at(path()), DeltaTable.at(path()).latestOrFail()).get(0).size();
    // Room for two of the (equally sized) files per bin: each partition's 4 files become 2.
    t.conf().set(DeltaOptimize.MAX_FILE_SIZE, Long.toString(2 * fileSize + 1));

    Row m = metrics(DeltaOptimize.execute(t, path(), List.of()));

    assertThat(m.getLong(5)).as("numBatches").isEqualTo(4);
    assertThat(filesPerPartition()).containsExactlyInAnyOrderEntriesOf(Map.of("a", 2, "b", 2));
  }

  @Test
  void anAppendCommittedBetweenReadAndCommit_isKept_andOptimizeCommitsOnTopOfIt() {
    List<Row> rows = new ArrayList<>(appendSmallFiles(3, 2));
    long before = latestVersion();
    List<Row> late = List.of(Row.of(100L, "late", "a"));

    DeltaOptimize.execute(
        t,
        path(),
        List.of(),
        () -> t.createDataFrame(late, SCHEMA).write().format("delta").mode("append").save(path()));
    rows.addAll(late);

    // The append is version before + 1; Kernel rebased OPTIMIZE onto it as before + 2.
    assertThat(latestVersion()).isEqualTo(before + 2);
    assertThat(
            DeltaLogReader.actions(table(), before + 2, "commitInfo")
                .get(0)
                .get("operation")
                .asText())
        .isEqualTo("OPTIMIZE");
    assertThat(DeltaLogReader.actions(table(), before + 2, "remove")).hasSize(6);
    assertThat(filesPerPartition()).containsExactlyInAnyOrderEntriesOf(Map.of("a", 2, "b", 1));
    assertThat(read()).containsExactlyInAnyOrderElementsOf(rows);
  }

  @Test
  void anOverwriteCommittedBetweenReadAndCommit_failsOptimize_andLeavesNoFileBehind() {
    appendSmallFiles(3, 2);
    Set<Path> onDiskBefore = parquetFiles();
    long before = latestVersion();
    List<Row> replacement = List.of(Row.of(7L, "new", "c"));
    Set<Path> writtenByOverwrite = new HashSet<>();

    TidelineException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            TidelineException.class,
            () ->
                DeltaOptimize.execute(
                    t,
                    path(),
                    List.of(),
                    () -> {
                      Set<Path> beforeOverwrite = parquetFiles();
                      t.createDataFrame(replacement, SCHEMA)
                          .write()
                          .format("delta")
                          .mode("overwrite")
                          .save(path());
                      writtenByOverwrite.addAll(parquetFiles());
                      writtenByOverwrite.removeAll(beforeOverwrite);
                    }));

    assertThat(e.getCondition()).isEqualTo("DELTA_CONCURRENT_DELETE_DELETE");
    assertThat(latestVersion()).as("only the overwrite committed").isEqualTo(before + 1);
    assertThat(read()).containsExactlyElementsOf(replacement);
    Set<Path> expected = new HashSet<>(onDiskBefore);
    expected.addAll(writtenByOverwrite);
    assertThat(parquetFiles()).as("OPTIMIZE's own files were deleted").isEqualTo(expected);
  }

  private Set<Path> parquetFiles() {
    try (var files = java.nio.file.Files.walk(table())) {
      Set<Path> out = new HashSet<>();
      files.filter(f -> f.toString().endsWith(".parquet")).forEach(out::add);
      return out;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void whileAStreamAppends_everyRowStaysExactlyOnceAndTheStreamKeepsGoing() throws Exception {
    StructType schema = StructType.fromDDL("id BIGINT, p STRING");
    MemoryStream input = MemoryStream.of(t, schema);
    StreamingQuery query =
        input
            .toDF()
            .writeStream()
            .format("delta")
            .option("checkpointLocation", dir.resolve("cp").toString())
            .partitionBy("p")
            .start(path());
    int batches = 30;
    Semaphore committed = new Semaphore(0);
    AtomicReference<Throwable> feederFailure = new AtomicReference<>();
    Thread feeder =
        new Thread(
            () -> {
              try {
                for (int b = 0; b < batches; b++) {
                  input.addData(Row.of(b * 2L, b % 2 == 0 ? "x" : "y"), Row.of(b * 2L + 1, "z"));
                  query.processAllAvailable();
                  committed.release();
                }
              } catch (Throwable e) {
                feederFailure.set(e);
                committed.release(batches);
              }
            },
            "optimize-test-feeder");
    feeder.start();
    List<Long> removedPerRun = new ArrayList<>();
    try {
      // Optimize four times while the feeder is still appending, each after 6 more commits.
      for (int run = 0; run < 4; run++) {
        assertThat(committed.tryAcquire(6, 60, TimeUnit.SECONDS)).isTrue();
        removedPerRun.add(metrics(DeltaOptimize.execute(t, path(), List.of())).getLong(1));
      }
      feeder.join(TimeUnit.SECONDS.toMillis(120));
      assertThat(feederFailure.get()).isNull();
      assertThat(query.isActive()).as("the stream kept going").isTrue();
      assertThat(query.exception()).isEmpty();
      assertThat(query.lastProgress().batchId()).isGreaterThanOrEqualTo(batches - 1);

      List<Row> rows = read();
      Set<Long> ids = new HashSet<>();
      for (Row r : rows) {
        ids.add(r.getLong(0));
      }
      assertThat(rows).as("no row duplicated").hasSize(batches * 2);
      assertThat(ids).as("no row lost").hasSize(batches * 2);
      assertThat(removedPerRun).as("the concurrent runs compacted files").anyMatch(n -> n > 0);
      int filesBefore = filesPerPartition().values().stream().mapToInt(Integer::intValue).sum();
      DeltaOptimize.execute(t, path(), List.of());
      assertThat(filesPerPartition())
          .containsExactlyInAnyOrderEntriesOf(Map.of("x", 1, "y", 1, "z", 1));
      assertThat(filesBefore).isGreaterThan(3);
      assertThat(read()).containsExactlyInAnyOrderElementsOf(rows);
    } finally {
      query.stop();
      feeder.join(TimeUnit.SECONDS.toMillis(30));
    }
  }
}
