package io.tideline.internal.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.internal.errors.TidelineException;
import io.tideline.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch writes and reads of Delta tables: the log Kernel writes, save modes, schema enforcement,
 * partitioning, idempotent writes and time travel.
 */
class DeltaBatchTest {
  private static final StructType SCHEMA = StructType.fromDDL("id BIGINT, name STRING");
  private static Tideline t;

  @TempDir Path dir;

  @BeforeAll
  static void open() {
    t = Tideline.builder().appName("delta-batch").getOrCreate();
  }

  @AfterAll
  static void close() {
    t.close();
  }

  private static DataFrame rows(Row... rows) {
    return t.createDataFrame(List.of(rows), SCHEMA);
  }

  private Path table() {
    return dir.resolve("table");
  }

  private String path() {
    return table().toString();
  }

  private List<Row> read() {
    return t.read().format("delta").load(path()).collectAsList();
  }

  private static TidelineException failure(Runnable r) {
    try {
      r.run();
    } catch (TidelineException e) {
      return e;
    }
    throw new AssertionError("expected a TidelineException");
  }

  @Test
  void save_thenLoad_returnsTheRowsFromAValidDeltaLog() {
    rows(Row.of(1L, "a"), Row.of(2L, "b")).write().format("delta").save(path());

    assertThat(read()).containsExactlyInAnyOrder(Row.of(1L, "a"), Row.of(2L, "b"));
    assertThat(t.read().format("delta").load(path()).schema().fieldNames())
        .containsExactly("id", "name");
    // Version 0 creates the table, version 1 adds the data, as Kernel writes them.
    assertThat(DeltaLogReader.actions(table(), 0, "protocol")).hasSize(1);
    JsonNode metadata = DeltaLogReader.actions(table(), 0, "metaData").get(0);
    assertThat(metadata.get("schemaString").asText()).contains("\"name\":\"id\"", "\"long\"");
    List<JsonNode> adds = DeltaLogReader.actions(table(), 1, "add");
    assertThat(adds).isNotEmpty();
    long total = 0;
    for (JsonNode add : adds) {
      String file = add.get("path").asText();
      assertThat(file).doesNotStartWith("/").doesNotStartWith("file:").endsWith(".parquet");
      assertThat(table().resolve(file)).exists();
      assertThat(add.get("size").asLong()).isEqualTo(sizeOf(table().resolve(file)));
      assertThat(add.get("dataChange").asBoolean()).isTrue();
      total += numRecords(add);
    }
    assertThat(total).isEqualTo(2);
    assertThat(DeltaLogReader.actions(table(), 1, "commitInfo").get(0).get("engineInfo").asText())
        .contains("Tideline");
  }

  @Test
  void append_addsTheRowsInTheNextVersion() {
    rows(Row.of(1L, "a")).write().format("delta").save(path());
    rows(Row.of(2L, "b")).write().format("delta").mode("append").save(path());

    assertThat(read()).containsExactlyInAnyOrder(Row.of(1L, "a"), Row.of(2L, "b"));
    assertThat(DeltaLogReader.commits(table())).isEqualTo(3);
  }

  @Test
  void overwrite_removesEveryOldFileAndAddsTheNewOnesInOneCommit() {
    rows(Row.of(1L, "a")).write().format("delta").save(path());
    rows(Row.of(2L, "b")).write().format("delta").mode("append").save(path());
    rows(Row.of(3L, "c")).write().format("delta").mode("overwrite").save(path());

    assertThat(read()).containsExactly(Row.of(3L, "c"));
    List<String> before = new ArrayList<>();
    for (long v = 1; v <= 2; v++) {
      DeltaLogReader.actions(table(), v, "add").forEach(a -> before.add(a.get("path").asText()));
    }
    List<String> removed = new ArrayList<>();
    for (JsonNode r : DeltaLogReader.actions(table(), 3, "remove")) {
      removed.add(r.get("path").asText());
      assertThat(r.get("dataChange").asBoolean()).isTrue();
      assertThat(r.has("deletionTimestamp")).isTrue();
    }
    assertThat(removed).containsExactlyInAnyOrderElementsOf(before);
    assertThat(DeltaLogReader.actions(table(), 3, "add")).isNotEmpty();
  }

  @Test
  void tenthVersion_getsACheckpointFromKernelsHook_andReadsStillSeeEveryRow() {
    List<Row> expected = new ArrayList<>();
    for (long i = 0; i < 10; i++) {
      expected.add(Row.of(i, "r" + i));
      rows(Row.of(i, "r" + i)).write().format("delta").mode("append").save(path());
    }

    assertThat(table().resolve("_delta_log/00000000000000000010.checkpoint.parquet")).exists();
    assertThat(read()).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void errorIfExists_onAnExistingTable_failsAndIgnore_writesNothing() {
    rows(Row.of(1L, "a")).write().format("delta").save(path());

    TidelineException e = failure(() -> rows(Row.of(2L, "b")).write().format("delta").save(path()));
    assertThat(e.getCondition()).isEqualTo("DELTA_PATH_EXISTS");
    assertThat(e.getMessage()).contains(path());
    rows(Row.of(2L, "b")).write().format("delta").mode("ignore").save(path());
    assertThat(read()).containsExactly(Row.of(1L, "a"));
    assertThat(DeltaLogReader.commits(table())).isEqualTo(2);
  }

  @Test
  void append_withAColumnTheTableLacks_failsNamingTableColumnAndType() {
    rows(Row.of(1L, "a")).write().format("delta").save(path());
    DataFrame wider =
        t.createDataFrame(
            List.of(Row.of(2L, "b", 3.5)), StructType.fromDDL("id BIGINT, name STRING, x DOUBLE"));

    TidelineException e = failure(() -> wider.write().format("delta").mode("append").save(path()));

    assertThat(e.getCondition()).isEqualTo("DELTA_METADATA_MISMATCH");
    assertThat(e.getMessage()).contains(path(), "x (double)", "mergeSchema");
    assertThat(read()).containsExactly(Row.of(1L, "a"));
  }

  @Test
  void append_withAnotherTypeOfAColumn_failsNamingBothTypes() {
    rows(Row.of(1L, "a")).write().format("delta").save(path());
    DataFrame ints =
        t.createDataFrame(List.of(Row.of(2, "b")), StructType.fromDDL("id INT, name STRING"));

    TidelineException e = failure(() -> ints.write().format("delta").mode("append").save(path()));

    assertThat(e.getCondition()).isEqualTo("DELTA_METADATA_MISMATCH");
    assertThat(e.getMessage()).contains("id is int in the data and bigint in the table");
  }

  @Test
  void mergeSchema_addsTheNewColumn_andOlderRowsReadItAsNull() {
    rows(Row.of(1L, "a")).write().format("delta").save(path());
    DataFrame wider =
        t.createDataFrame(
            List.of(Row.of(2L, "b", 3.5)), StructType.fromDDL("id BIGINT, name STRING, x DOUBLE"));

    wider.write().format("delta").mode("append").option("mergeSchema", "true").save(path());

    DataFrame back = t.read().format("delta").load(path());
    assertThat(back.schema().fieldNames()).containsExactly("id", "name", "x");
    assertThat(back.collectAsList())
        .containsExactlyInAnyOrder(Row.of(1L, "a", null), Row.of(2L, "b", 3.5));
  }

  @Test
  void append_withoutATableColumn_writesItAsNull() {
    rows(Row.of(1L, "a")).write().format("delta").save(path());
    DataFrame narrow = t.createDataFrame(List.of(Row.of(2L)), StructType.fromDDL("id BIGINT"));

    narrow.write().format("delta").mode("append").save(path());

    assertThat(read()).containsExactlyInAnyOrder(Row.of(1L, "a"), Row.of(2L, null));
  }

  @Test
  void partitionBy_writesOneFolderPerValue_andReadsTheValuesBack() {
    StructType schema = StructType.fromDDL("day INT, id BIGINT, country STRING");
    DataFrame df =
        t.createDataFrame(
            List.of(
                Row.of(1, 10L, "fr"),
                Row.of(1, 11L, "de"),
                Row.of(2, 12L, "fr"),
                Row.of(2, 13L, null)),
            schema);

    df.write().format("delta").option("partitionBy", "day,country").save(path());

    DataFrame back = t.read().format("delta").load(path());
    assertThat(back.schema().fieldNames()).containsExactly("day", "id", "country");
    // Every column of a Delta table reads as nullable, partition columns too, as in Spark.
    assertThat(back.schema().fields()).allMatch(f -> f.nullable());
    assertThat(back.collectAsList())
        .containsExactlyInAnyOrder(
            Row.of(1, 10L, "fr"), Row.of(1, 11L, "de"), Row.of(2, 12L, "fr"), Row.of(2, 13L, null));
    assertThat(
            DeltaLogReader.actions(table(), 0, "metaData")
                .get(0)
                .get("partitionColumns")
                .toString())
        .isEqualTo("[\"day\",\"country\"]");
    for (JsonNode add : DeltaLogReader.actions(table(), 1, "add")) {
      assertThat(add.get("path").asText()).startsWith("day=");
      assertThat(add.get("partitionValues").has("day")).isTrue();
    }
    assertThat(table().resolve("day=1").resolve("country=fr")).isDirectory();
    assertThat(back.filter("day = 2").count()).isEqualTo(2);
  }

  @Test
  void partitionValues_withCharactersPathsEscape_roundTrip() {
    StructType schema = StructType.fromDDL("k STRING, id BIGINT");
    List<Row> rows =
        List.of(Row.of("a b/c%d=e", 1L), Row.of("", 2L), Row.of("ü:#", 3L), Row.of("plain", 4L));
    t.createDataFrame(rows, schema).write().format("delta").option("partitionBy", "k").save(path());

    // Delta writes an empty string partition value as null, as Spark does.
    assertThat(read())
        .containsExactlyInAnyOrder(
            Row.of("a b/c%d=e", 1L), Row.of(null, 2L), Row.of("ü:#", 3L), Row.of("plain", 4L));
  }

  @Test
  void partitionBy_otherThanTheTables_fails() {
    StructType schema = StructType.fromDDL("day INT, id BIGINT");
    DataFrame df = t.createDataFrame(List.of(Row.of(1, 10L)), schema);
    df.write().format("delta").option("partitionBy", "day").save(path());

    TidelineException e =
        failure(
            () ->
                df.write().format("delta").mode("append").option("partitionBy", "id").save(path()));

    assertThat(e.getCondition()).isEqualTo("DELTA_PARTITION_COLUMNS_MISMATCH");
    assertThat(e.getMessage()).contains("Given: [id], table: [day]");
  }

  @Test
  void txnAppIdAndVersion_skipAWriteWhoseVersionIsCommitted() {
    rows(Row.of(1L, "a"))
        .write()
        .format("delta")
        .option("txnAppId", "job")
        .option("txnVersion", "1")
        .save(path());
    for (long version : new long[] {1, 0}) {
      rows(Row.of(9L, "dup"))
          .write()
          .format("delta")
          .mode("append")
          .option("txnAppId", "job")
          .option("txnVersion", Long.toString(version))
          .save(path());
    }
    rows(Row.of(2L, "b"))
        .write()
        .format("delta")
        .mode("append")
        .option("txnAppId", "job")
        .option("txnVersion", "2")
        .save(path());

    assertThat(read()).containsExactlyInAnyOrder(Row.of(1L, "a"), Row.of(2L, "b"));
    JsonNode txn = DeltaLogReader.actions(table(), 2, "txn").get(0);
    assertThat(txn.get("appId").asText()).isEqualTo("job");
    assertThat(txn.get("version").asLong()).isEqualTo(2);
  }

  @Test
  void txnAppIdWithoutVersion_failsWithDeltasCondition() {
    TidelineException e =
        failure(
            () ->
                rows(Row.of(1L, "a"))
                    .write()
                    .format("delta")
                    .option("txnAppId", "job")
                    .save(path()));
    assertThat(e.getCondition()).isEqualTo("DELTA_INVALID_IDEMPOTENT_WRITES_OPTIONS");
  }

  @Test
  void versionAsOf_andTimestampAsOf_readEarlierVersions() throws Exception {
    rows(Row.of(1L, "a")).write().format("delta").save(path());
    rows(Row.of(2L, "b")).write().format("delta").mode("append").save(path());
    rows(Row.of(3L, "c")).write().format("delta").mode("overwrite").save(path());

    assertThat(t.read().format("delta").option("versionAsOf", 0).load(path()).collectAsList())
        .isEmpty();
    assertThat(t.read().format("delta").option("versionAsOf", 2).load(path()).collectAsList())
        .containsExactlyInAnyOrder(Row.of(1L, "a"), Row.of(2L, "b"));
    // Kernel resolves a timestamp to the latest commit at or before it (commit file times).
    long v2 =
        Files.getLastModifiedTime(table().resolve("_delta_log/00000000000000000002.json"))
            .toMillis();
    String atV2 = Instant.ofEpochMilli(v2).toString();
    assertThat(t.read().format("delta").option("timestampAsOf", atV2).load(path()).collectAsList())
        .containsExactlyInAnyOrder(Row.of(1L, "a"), Row.of(2L, "b"));
  }

  @Test
  void timeTravel_outOfRange_failsWithDeltasConditions() {
    rows(Row.of(1L, "a")).write().format("delta").save(path());

    TidelineException version =
        failure(() -> t.read().format("delta").option("versionAsOf", 7).load(path()));
    assertThat(version.getCondition()).isEqualTo("DELTA_VERSION_NOT_FOUND");
    assertThat(version.getMessage()).contains("version 7", "[0, 1]");
    TidelineException late =
        failure(
            () ->
                t.read()
                    .format("delta")
                    .option("timestampAsOf", "2999-01-01 00:00:00")
                    .load(path()));
    assertThat(late.getCondition()).isEqualTo("DELTA_TIMESTAMP_GREATER_THAN_COMMIT");
    TidelineException early =
        failure(() -> t.read().format("delta").option("timestampAsOf", "2000-01-01").load(path()));
    assertThat(early.getCondition()).isEqualTo("DELTA_TIMESTAMP_EARLIER_THAN_COMMIT_RETENTION");
    TidelineException both =
        failure(
            () ->
                t.read()
                    .format("delta")
                    .option("versionAsOf", 0)
                    .option("timestampAsOf", "2000-01-01")
                    .load(path()));
    assertThat(both.getCondition()).isEqualTo("DELTA_CANNOT_SPECIFY_BOTH_VERSION_AND_TIMESTAMP");
  }

  @Test
  void load_ofAFolderWithoutADeltaLog_failsSayingItIsNotADeltaTable() {
    TidelineException e = failure(() -> t.read().format("delta").load(path()));
    assertThat(e.getCondition()).isEqualTo("DELTA_MISSING_DELTA_TABLE");
    assertThat(e.getMessage()).contains(path());
  }

  @Test
  void load_withAUserSchema_isRefused() {
    rows(Row.of(1L, "a")).write().format("delta").save(path());
    assertThatThrownBy(() -> t.read().format("delta").schema(SCHEMA).load(path()))
        .isInstanceOf(TidelineException.class)
        .hasMessageContaining("DELTA_UNSUPPORTED_SCHEMA_DURING_READ");
  }

  @Test
  void save_ofAnEmptyDataFrame_createsAnEmptyTableWithItsSchema() {
    rows().write().format("delta").save(path());

    DataFrame back = t.read().format("delta").load(path());
    assertThat(back.schema().fieldNames()).containsExactly("id", "name");
    assertThat(back.collectAsList()).isEmpty();
  }

  @Test
  void columnMapping_isRefusedAtCreation_andOnTablesThatHaveIt() {
    TidelineException create =
        failure(
            () ->
                rows(Row.of(1L, "a"))
                    .write()
                    .format("delta")
                    .option("delta.columnMapping.mode", "name")
                    .save(path()));
    assertThat(create.getCondition()).isEqualTo("DELTA_UNSUPPORTED_TABLE_FEATURE");
    assertThat(table().resolve("_delta_log")).doesNotExist();

    DeltaTable.at(path()).create(SCHEMA, List.of(), Map.of("delta.columnMapping.mode", "name"));
    TidelineException write =
        failure(() -> rows(Row.of(2L, "b")).write().format("delta").mode("append").save(path()));
    TidelineException read = failure(() -> t.read().format("delta").load(path()));
    assertThat(write.getCondition()).isEqualTo("DELTA_UNSUPPORTED_TABLE_FEATURE");
    assertThat(read.getCondition()).isEqualTo("DELTA_UNSUPPORTED_TABLE_FEATURE");
    assertThat(read.getMessage()).contains("column mapping", path());
  }

  @Test
  void tableProperties_fromDeltaOptions_areSetAtCreation() {
    rows(Row.of(1L, "a")).write().format("delta").option("delta.appendOnly", "true").save(path());

    JsonNode config = DeltaLogReader.actions(table(), 0, "metaData").get(0).get("configuration");
    assertThat(config.get("delta.appendOnly").asText()).isEqualTo("true");
  }

  private static long numRecords(JsonNode add) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(add.get("stats").asText())
          .get("numRecords")
          .asLong();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static long sizeOf(Path p) {
    try {
      return Files.size(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
