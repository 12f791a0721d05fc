package io.tideline.internal.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.AnalysisException;
import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.streaming.MemoryStream;
import io.tideline.streaming.StreamingQuery;
import io.tideline.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Catalog tables are Delta tables of the session's warehouse: {@code toTable}, {@code saveAsTable},
 * {@code t.table}, {@code t.read().table} and {@code readStream().table} by name.
 */
class DeltaCatalogTest {
  private static final StructType SCHEMA = StructType.fromDDL("id BIGINT, product STRING");

  @TempDir Path dir;
  private Tideline t;

  @BeforeEach
  void open() {
    t =
        Tideline.builder()
            .appName("delta-catalog")
            .warehouse(dir.resolve("warehouse"))
            .config("tideline.shuffle.partitions", "2")
            .getOrCreate();
  }

  @AfterEach
  void close() {
    t.close();
  }

  private DataFrame rows(Row... rows) {
    return t.createDataFrame(List.of(rows), SCHEMA);
  }

  @Test
  void toTable_createsTheDeltaTableInTheSchemasFolder_andTableReadsItBack() throws Exception {
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    input.addData(Row.of(1L, "apple"), Row.of(2L, "pear"));
    StreamingQuery q =
        input
            .toDF()
            .writeStream()
            .option("checkpointLocation", dir.resolve("cp").toString())
            .toTable("Bronze.Kafka_Orders");
    try {
      q.processAllAvailable();
    } finally {
      q.stop();
    }

    Path folder = dir.resolve("warehouse").resolve("bronze.db").resolve("kafka_orders");
    assertThat(folder.resolve("_delta_log")).isDirectory();
    assertThat(t.table("bronze.kafka_orders").collectAsList())
        .containsExactlyInAnyOrder(Row.of(1L, "apple"), Row.of(2L, "pear"));
    // The same folder as a path: the catalog adds names, not another copy.
    assertThat(t.read().format("delta").load(folder.toString()).count()).isEqualTo(2);
  }

  @Test
  void toTable_createsAMissingTableWhenTheQueryStarts_soTheNextStageCanReadItAtOnce()
      throws Exception {
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    StreamingQuery bronze =
        input
            .toDF()
            .writeStream()
            .option("checkpointLocation", dir.resolve("cp-bronze").toString())
            .toTable("bronze.orders");
    StreamingQuery silver = null;
    try {
      // No batch has run: the table exists, empty, with the query's columns, all nullable.
      DataFrame created = t.table("bronze.orders");
      assertThat(created.count()).isZero();
      assertThat(created.schema().fieldNames()).containsExactly("id", "product");
      assertThat(created.schema().fields()).allMatch(f -> f.nullable());

      silver =
          t.readStream()
              .table("bronze.orders")
              .writeStream()
              .option("checkpointLocation", dir.resolve("cp-silver").toString())
              .toTable("silver.orders");
      input.addData(Row.of(7L, "fig"));
      bronze.processAllAvailable();
      silver.processAllAvailable();
      assertThat(t.table("silver.orders").collectAsList()).containsExactly(Row.of(7L, "fig"));
    } finally {
      bronze.stop();
      if (silver != null) {
        silver.stop();
      }
    }
  }

  @Test
  void saveAsTable_writesTheDefaultSchemaAtTheWarehouseRoot_withPartitionBy() {
    rows(Row.of(1L, "apple"), Row.of(2L, "pear")).write().partitionBy("product").saveAsTable("t1");

    Path folder = dir.resolve("warehouse").resolve("t1");
    assertThat(folder.resolve("_delta_log")).isDirectory();
    assertThat(folder.resolve("product=apple")).isDirectory();
    assertThat(t.table("default.t1").collectAsList())
        .containsExactlyInAnyOrder(Row.of(1L, "apple"), Row.of(2L, "pear"));
  }

  @Test
  void saveAsTable_followsTheSaveMode_andTimeTravelsThroughReadTable() {
    rows(Row.of(1L, "apple")).write().saveAsTable("s.t");
    assertThatThrownBy(() -> rows(Row.of(2L, "pear")).write().saveAsTable("s.t"))
        .isInstanceOf(AnalysisException.class)
        .hasMessageStartingWith("[TABLE_OR_VIEW_ALREADY_EXISTS]")
        .hasMessageContaining("`s`.`t`");
    rows(Row.of(2L, "pear")).write().mode("append").saveAsTable("s.t");
    rows(Row.of(3L, "fig")).write().mode("ignore").saveAsTable("s.t");

    assertThat(t.table("s.t").count()).isEqualTo(2);
    // Version 0 creates the table and version 1 holds the first rows.
    assertThat(t.read().option("versionAsOf", 1).table("s.t").collectAsList())
        .containsExactly(Row.of(1L, "apple"));

    rows(Row.of(9L, "kiwi")).write().mode("overwrite").saveAsTable("s.t");
    assertThat(t.table("s.t").collectAsList()).containsExactly(Row.of(9L, "kiwi"));
  }

  @Test
  void aMissingTable_getsAnErrorListingTheTablesThatExist_fromEveryEntryPoint() {
    rows(Row.of(1L, "apple")).write().saveAsTable("bronze.kafka_orders");
    rows(Row.of(1L, "apple")).write().saveAsTable("gold.order_counts_5min");

    for (Runnable read :
        List.<Runnable>of(
            () -> t.table("silver.orders"),
            () -> t.read().table("silver.orders"),
            () -> t.readStream().table("silver.orders"))) {
      assertThatThrownBy(read::run)
          .isInstanceOf(AnalysisException.class)
          .hasMessageStartingWith("[TABLE_OR_VIEW_NOT_FOUND]")
          .hasMessageContaining("`silver`.`orders`")
          .hasMessageContaining("bronze.kafka_orders, gold.order_counts_5min");
    }
  }

  @Test
  void namesThatCouldLeaveTheWarehouse_areRefusedBeforeAnythingIsWritten() {
    for (String name : List.of("../escape", "bronze/../../x", "a.b.c.d", "/tmp/t")) {
      assertThatThrownBy(() -> rows(Row.of(1L, "a")).write().saveAsTable(name))
          .isInstanceOf(AnalysisException.class)
          .hasMessageStartingWith("[INVALID_SCHEMA_OR_RELATION_NAME]");
      assertThatThrownBy(() -> t.table(name))
          .hasMessageStartingWith("[INVALID_SCHEMA_OR_RELATION_NAME]");
    }
    assertThat(dir.resolve("escape")).doesNotExist();
    assertThat(dir.resolve("warehouse")).doesNotExist();
  }

  @Test
  void toTable_withAFormatOtherThanDelta_isRefused() {
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    assertThatThrownBy(
            () ->
                input
                    .toDF()
                    .writeStream()
                    .format("parquet")
                    .option("checkpointLocation", dir.resolve("cp").toString())
                    .toTable("bronze.orders"))
        .isInstanceOf(AnalysisException.class)
        .hasMessageStartingWith("[UNSUPPORTED_TABLE_FORMAT]")
        .hasMessageContaining("`bronze.orders`")
        .hasMessageContaining("parquet");
    assertThat(Files.exists(dir.resolve("warehouse"))).isFalse();
  }

  @Test
  void memorySinkTables_stillComeFirst() throws Exception {
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    input.addData(Row.of(5L, "plum"));
    StreamingQuery q = input.toDF().writeStream().format("memory").queryName("live").start();
    try {
      q.processAllAvailable();
      assertThat(t.table("live").collectAsList()).containsExactly(Row.of(5L, "plum"));
    } finally {
      q.stop();
    }
  }
}
