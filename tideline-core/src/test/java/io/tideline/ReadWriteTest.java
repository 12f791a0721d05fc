package io.tideline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batch readers and writers through the public API, with Spark's save modes. */
class ReadWriteTest {
  private static Tideline t;
  private static DataFrame df;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    t =
        Tideline.builder()
            .appName("read-write-test")
            .config("tideline.shuffle.partitions", "2")
            .getOrCreate();
    df =
        t.createDataFrame(
            List.of(Row.of("o1", 120.5, 2L), Row.of("o2", null, 1L), Row.of("o3", 7.0, null)),
            StructType.fromDDL("order_id STRING, amount DOUBLE, qty BIGINT"));
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  @Test
  void json_writeThenReadWithInferredSchema() {
    String out = dir.resolve("orders_json").toString();
    df.write().json(out);
    assertThat(Path.of(out, "_SUCCESS")).exists();
    DataFrame back = t.read().json(out);
    // Spark infers JSON fields in alphabetical order; a null field is omitted when written.
    assertThat(back.columns()).containsExactly("amount", "order_id", "qty");
    assertThat(back.select("order_id", "amount", "qty").collectAsList())
        .containsExactlyInAnyOrderElementsOf(df.collectAsList());
  }

  @Test
  void parquet_roundTripKeepsTypesAndNulls() {
    String out = dir.resolve("orders_parquet").toString();
    df.write().parquet(out);
    DataFrame back = t.read().parquet(out);
    assertThat(back.schema().fieldNames()).containsExactly("order_id", "amount", "qty");
    assertThat(back.collectAsList()).containsExactlyInAnyOrderElementsOf(df.collectAsList());
  }

  @Test
  void csv_withHeaderAndInferSchema() throws Exception {
    Path f = dir.resolve("orders.csv");
    Files.write(f, List.of("order_id,amount,qty", "o1,120.5,2", "o2,,1"));
    DataFrame back =
        t.read().option("header", "true").option("inferSchema", "true").csv(f.toString());
    assertThat(back.schema().field(1).dataType().simpleString()).isEqualTo("double");
    assertThat(back.collectAsList())
        .containsExactlyInAnyOrder(Row.of("o1", 120.5, 2), Row.of("o2", null, 1));
  }

  @Test
  void text_readsOneValueColumn() throws Exception {
    Path f = dir.resolve("lines.txt");
    Files.write(f, List.of("a", "b"));
    DataFrame back = t.read().text(f.toString());
    assertThat(back.columns()).containsExactly("value");
    assertThat(back.collectAsList()).containsExactlyInAnyOrder(Row.of("a"), Row.of("b"));
  }

  @Test
  void saveModes_followSpark() throws Exception {
    String out = dir.resolve("modes").toString();
    df.write().parquet(out);
    assertThatThrownBy(() -> df.write().parquet(out))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("PATH_ALREADY_EXISTS")
        .hasMessageContaining("overwrite");
    df.write().mode("append").parquet(out);
    assertThat(t.read().parquet(out).count()).isEqualTo(6);
    df.write().mode("ignore").parquet(out);
    assertThat(t.read().parquet(out).count()).isEqualTo(6);
    df.write().mode("overwrite").parquet(out);
    assertThat(t.read().parquet(out).count()).isEqualTo(3);
    try (Stream<Path> s = Files.list(Path.of(out))) {
      assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("_temporary"));
    }
  }

  @Test
  void partitionBy_writesOneFolderPerValue_andReadsBackWithThePartitionColumnLast() {
    String out = dir.resolve("partitioned").toString();
    df.write().partitionBy("qty").parquet(out);

    assertThat(Path.of(out).resolve("qty=2")).isDirectory();
    assertThat(Path.of(out).resolve("qty=1")).isDirectory();
    assertThat(Path.of(out).resolve("qty=__HIVE_DEFAULT_PARTITION__")).isDirectory();
    assertThat(Path.of(out).resolve("_SUCCESS")).exists();
    assertThat(Path.of(out).resolve("_temporary")).doesNotExist();
    DataFrame back = t.read().parquet(out);
    assertThat(back.columns()).containsExactly("order_id", "amount", "qty");
    assertThat(back.selectExpr("order_id", "amount", "CAST(qty AS BIGINT)").collectAsList())
        .containsExactlyInAnyOrder(
            Row.of("o1", 120.5, 2L), Row.of("o2", null, 1L), Row.of("o3", 7.0, null));
  }

  @Test
  void partitionBy_aMissingColumnOrEveryColumn_isRefusedBeforeWriting() {
    String out = dir.resolve("refused").toString();
    assertThatThrownBy(() -> df.write().partitionBy("nope").json(out))
        .isInstanceOf(AnalysisException.class)
        .hasMessageStartingWith("[PARTITION_COLUMN_NOT_FOUND]")
        .hasMessageContaining("`nope`");
    assertThatThrownBy(
            () -> df.write().mode("overwrite").partitionBy("order_id", "amount", "qty").json(out))
        .isInstanceOf(AnalysisException.class)
        .hasMessageStartingWith("[ALL_COLUMNS_AS_PARTITION_COLUMNS]");
    assertThat(Path.of(out)).doesNotExist();
  }

  @Test
  void missingPath_saysItDoesNotExist() {
    assertThatThrownBy(() -> t.read().schema("a INT").json(dir.resolve("nope").toString()))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("PATH_NOT_FOUND")
        .hasMessageContaining("nope");
  }

  @Test
  void unknownFormat_listsTheSupportedOnes() {
    assertThatThrownBy(() -> t.read().format("avro").load(dir.toString()))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("avro")
        .hasMessageContaining("parquet");
  }
}
