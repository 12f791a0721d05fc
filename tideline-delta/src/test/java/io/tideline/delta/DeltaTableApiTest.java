package io.tideline.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tideline.AnalysisException;
import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public {@link DeltaTable} handle: opening by path and by name, rows, history and detail with
 * delta-spark's columns, and {@code optimize()}.
 */
class DeltaTableApiTest {
  private static final StructType SCHEMA = StructType.fromDDL("id BIGINT, p STRING");

  @TempDir Path dir;
  private Tideline t;

  @BeforeEach
  void open() {
    t = Tideline.builder().appName("delta-table-api").warehouse(dir.resolve("wh")).getOrCreate();
  }

  @AfterEach
  void close() {
    t.close();
  }

  private String path() {
    return dir.resolve("table").toString();
  }

  private void append(Row... rows) {
    t.createDataFrame(List.of(rows), SCHEMA)
        .write()
        .format("delta")
        .mode("append")
        .option("partitionBy", "p")
        .save(path());
  }

  private static String condition(Runnable r) {
    return catchThrowableOfType(AnalysisException.class, r::run).getCondition();
  }

  @Test
  void forPath_onAFolderWithoutALog_failsAndIsDeltaTableSaysFalse() {
    assertThat(DeltaTable.isDeltaTable(t, path())).isFalse();
    assertThat(condition(() -> DeltaTable.forPath(t, path())))
        .isEqualTo("DELTA_MISSING_DELTA_TABLE");

    append(Row.of(1L, "a"));

    assertThat(DeltaTable.isDeltaTable(t, path())).isTrue();
    assertThat(DeltaTable.forPath(t, path()).toDF().collectAsList())
        .containsExactly(Row.of(1L, "a"));
  }

  @Test
  void forName_resolvesThroughTheWarehouse_andAnUnknownNameListsTheTables() {
    t.createDataFrame(List.of(Row.of(7L, "b")), SCHEMA).write().saveAsTable("silver.orders");

    DeltaTable table = DeltaTable.forName(t, "silver.orders");

    assertThat(table.toDF().collectAsList()).containsExactly(Row.of(7L, "b"));
    assertThat(Path.of(table.path()))
        .isEqualTo(dir.resolve("wh").resolve("silver.db").resolve("orders").toAbsolutePath());
    AnalysisException e =
        catchThrowableOfType(AnalysisException.class, () -> DeltaTable.forName(t, "silver.nope"));
    assertThat(e.getCondition()).isEqualTo("TABLE_OR_VIEW_NOT_FOUND");
    assertThat(e.getMessage()).contains("silver.orders");
  }

  @Test
  void history_listsEveryCommitLatestFirst_withDeltasColumns() {
    append(Row.of(1L, "a"));
    append(Row.of(2L, "a"));
    DeltaTable table = DeltaTable.forPath(t, path());
    table.optimize().executeCompaction();

    DataFrame history = table.history();

    assertThat(history.columns())
        .startsWith("version", "timestamp", "userId", "userName", "operation")
        .contains("operationParameters", "readVersion", "isolationLevel", "isBlindAppend")
        .contains("operationMetrics", "userMetadata", "engineInfo");
    List<Row> rows = history.collectAsList();
    assertThat(rows).extracting(r -> r.getLong(0)).containsExactly(3L, 2L, 1L, 0L);
    assertThat(rows)
        .extracting(r -> (String) r.getAs("operation"))
        .containsExactly("OPTIMIZE", "WRITE", "WRITE", "CREATE TABLE");
    Row optimize = rows.get(0);
    Map<String, String> parameters = optimize.getAs("operationParameters");
    assertThat(parameters).containsEntry("predicate", "[]").containsEntry("zOrderBy", "[]");
    Map<String, String> metrics = optimize.getAs("operationMetrics");
    assertThat(metrics).containsEntry("numRemovedFiles", "2").containsEntry("numAddedFiles", "1");
    assertThat((Boolean) optimize.getAs("isBlindAppend")).isFalse();
    assertThat((String) optimize.getAs("engineInfo")).contains("Tideline");
    Instant optimizedAt = optimize.getInstant(1);
    assertThat(optimizedAt).isAfter(rows.get(1).getInstant(1));
    assertThat(table.history(1).collectAsList()).extracting(r -> r.getLong(0)).containsExactly(3L);
  }

  @Test
  void detail_describesTheLatestSnapshot() throws IOException {
    append(Row.of(1L, "a"), Row.of(2L, "b"));
    append(Row.of(3L, "a"));

    Row d = DeltaTable.forPath(t, path()).detail().collectAsList().get(0);

    assertThat((String) d.getAs("format")).isEqualTo("delta");
    assertThat((String) d.getAs("id")).isEqualTo(tableIdInTheLog());
    assertThat((String) d.getAs("location")).endsWith(dir.resolve("table").toString());
    assertThat((Instant) d.getAs("createdAt")).isNotNull();
    assertThat((Instant) d.getAs("lastModified")).isAfterOrEqualTo(d.<Instant>getAs("createdAt"));
    assertThat(d.<List<String>>getAs("partitionColumns")).containsExactly("p");
    assertThat((Long) d.getAs("numFiles")).isEqualTo(3L);
    assertThat((Long) d.getAs("sizeInBytes")).isEqualTo(parquetBytes());
    assertThat(d.<Map<String, String>>getAs("properties")).isNotNull();
    assertThat((Integer) d.getAs("minReaderVersion")).isEqualTo(1);
    assertThat((Integer) d.getAs("minWriterVersion")).isEqualTo(2);
    // The features protocol (1, 2) implies, as delta-spark lists them.
    assertThat(d.<List<String>>getAs("tableFeatures")).containsExactly("appendOnly", "invariants");
  }

  @Test
  void optimize_whereOnAPartition_compactsItAndReturnsDeltasMetrics() {
    for (int i = 0; i < 3; i++) {
      append(Row.of((long) i, "a"), Row.of(10L + i, "b"));
    }
    DeltaTable table = DeltaTable.forPath(t, path());

    Row result = table.optimize().where("p = 'b'").executeCompaction().collectAsList().get(0);

    Row metrics = result.getStruct(1);
    assertThat((Long) metrics.getAs("numFilesRemoved")).isEqualTo(3L);
    assertThat((Long) metrics.getAs("numFilesAdded")).isEqualTo(1L);
    assertThat(table.detail().collectAsList().get(0).<Long>getAs("numFiles")).isEqualTo(4L);
    assertThat(table.toDF().count()).isEqualTo(6);
    assertThat(condition(() -> table.optimize().where("id = 1").executeCompaction()))
        .isEqualTo("DELTA_NON_PARTITION_COLUMN_REFERENCE");
  }

  private String tableIdInTheLog() throws IOException {
    Path commit = dir.resolve("table/_delta_log/00000000000000000000.json");
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(commit)) {
      JsonNode action = json.readTree(line);
      if (action.has("metaData")) {
        return action.get("metaData").get("id").asText();
      }
    }
    throw new AssertionError("no metaData in version 0");
  }

  private long parquetBytes() throws IOException {
    try (Stream<Path> files = Files.walk(dir.resolve("table"))) {
      return files
          .filter(f -> f.toString().endsWith(".parquet"))
          .mapToLong(
              f -> {
                try {
                  return Files.size(f);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .sum();
    }
  }
}
