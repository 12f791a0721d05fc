package io.tideline.delta.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.streaming.MemoryStream;
import io.tideline.streaming.StreamingQuery;
import io.tideline.types.StructType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables Tideline writes, read by Apache Spark 4.2 with delta-spark 4.4.0: the same rows and schema
 * at the latest version, at every {@code versionAsOf} and {@code timestampAsOf}; {@code DESCRIBE
 * HISTORY} lists every Tideline commit; Spark's Delta streaming source reads a Tideline table batch
 * by batch.
 */
@ExtendWith(SparkPeerExtension.class)
class SparkReadsTidelineTablesIT {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private static Tideline t;
  private static SparkDeltaPeer spark;

  @TempDir Path dir;

  @BeforeAll
  static void open(SparkDeltaPeer peer) {
    spark = peer;
    t =
        Tideline.builder()
            .appName("delta-interop")
            .config("tideline.shuffle.partitions", "2")
            .getOrCreate();
  }

  @AfterAll
  static void close() {
    if (t != null) {
      t.close();
    }
  }

  private static Map<String, Long> map(Object... kv) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (Long) kv[i + 1]);
    }
    return m;
  }

  @Test
  void batchWrite_everyColumnType_sparkReadsTheSameSchemaAndRows() {
    StructType schema =
        StructType.fromDDL(
            "i INT, l BIGINT, d DOUBLE, f FLOAT, dec DECIMAL(12,3), s STRING, b BOOLEAN,"
                + " dt DATE, ts TIMESTAMP, bin BINARY, st STRUCT<x: INT, y: STRING>,"
                + " arr ARRAY<INT>, m MAP<STRING, BIGINT>,"
                + " nested ARRAY<STRUCT<k: STRING, v: ARRAY<DOUBLE>>>");
    List<Row> rows =
        List.of(
            Row.of(
                1,
                2L,
                3.5,
                1.25f,
                new BigDecimal("12.345"),
                "é – ü",
                true,
                LocalDate.of(2024, 2, 29),
                Instant.parse("2024-01-15T10:30:00.000001Z"),
                "bytes".getBytes(StandardCharsets.UTF_8),
                Row.of(7, "z"),
                List.of(1, 2, 3),
                map("a", 1L, "b", 2L),
                List.of(Row.of("k", List.of(0.5, -1.0)))),
            Row.of(
                Integer.MIN_VALUE,
                Long.MAX_VALUE,
                -0.0,
                -3.5f,
                new BigDecimal("-999999999.999"),
                "",
                false,
                LocalDate.of(1969, 12, 31),
                Instant.parse("1969-12-31T23:59:59.999999Z"),
                new byte[0],
                Row.of(null, null),
                Arrays.asList(null, 4),
                map("k", null),
                List.of()),
            Row.of(
                null, null, null, null, null, null, null, null, null, null, null, null, null,
                null));
    String path = dir.resolve("types").toString();
    t.createDataFrame(rows, schema).write().format("delta").save(path);

    JsonNode answer = spark.read(path, null, null);

    assertThat(answer.get("schema").asText())
        .isEqualTo(
            "i INT,l BIGINT,d DOUBLE,f FLOAT,dec DECIMAL(12,3),s STRING,b BOOLEAN,dt DATE,"
                + "ts TIMESTAMP,bin BINARY,st STRUCT<x: INT, y: STRING>,arr ARRAY<INT>,"
                + "m MAP<STRING, BIGINT>,nested ARRAY<STRUCT<k: STRING, v: ARRAY<DOUBLE>>>");
    assertThat(Rows.ofSpark(answer.get("rows"), schema))
        .containsExactlyElementsOf(Rows.ofTideline(rows, schema));
  }

  @Test
  void partitionedBatchWrite_sparkReadsThePartitionValues() {
    StructType schema = StructType.fromDDL("id BIGINT, p STRING, n INT, dt DATE");
    List<Row> rows =
        List.of(
            Row.of(1L, "a", 1, LocalDate.of(2024, 1, 1)),
            Row.of(2L, "a", 2, LocalDate.of(2024, 1, 2)),
            Row.of(3L, "b c/d", 1, LocalDate.of(2024, 1, 1)),
            Row.of(4L, null, null, null));
    String path = dir.resolve("partitioned").toString();
    t.createDataFrame(rows, schema).write().format("delta").partitionBy("p", "n", "dt").save(path);

    JsonNode answer = spark.read(path, null, null);

    assertThat(answer.get("schema").asText()).isEqualTo("id BIGINT,p STRING,n INT,dt DATE");
    assertThat(Rows.ofSpark(answer.get("rows"), schema))
        .containsExactlyElementsOf(Rows.ofTideline(rows, schema));
    JsonNode history = spark.history(path).get("history");
    assertThat(operations(history)).containsExactly("CREATE TABLE", "WRITE");
    assertThat(history.get(0).get("operationParameters").get("partitionBy").asText())
        .isEqualTo("[\"p\",\"n\",\"dt\"]");
  }

  @Test
  void batchCommits_sparkReadsEveryVersionAndTimestamp_andListsEachCommitInHistory() {
    StructType schema = StructType.fromDDL("id BIGINT, tag STRING");
    String path = dir.resolve("versions").toString();
    List<List<Row>> expected = new ArrayList<>();
    List<Row> current = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      List<Row> batch = List.of(Row.of((long) i, "v" + i), Row.of(100L + i, "w" + i));
      t.createDataFrame(batch, schema).write().format("delta").mode("append").save(path);
      current.addAll(batch);
      expected.add(List.copyOf(current));
    }
    List<Row> replacement = List.of(Row.of(9L, "overwrite"));
    t.createDataFrame(replacement, schema).write().format("delta").mode("overwrite").save(path);
    expected.add(replacement);

    JsonNode history = spark.history(path);
    assertThat(operations(history.get("history")))
        .containsExactly("CREATE TABLE", "WRITE", "WRITE", "WRITE", "WRITE");
    for (JsonNode commit : history.get("history")) {
      assertThat(commit.get("engineInfo").asText()).contains("Tideline");
    }
    // Version 0 creates the table in a commit of its own; version v > 0 is write v - 1.
    assertThat(Rows.ofSpark(spark.read(path, 0L, null).get("rows"), schema)).isEmpty();
    for (int v = 1; v <= expected.size(); v++) {
      List<String> want = Rows.ofTideline(expected.get(v - 1), schema);
      assertThat(Rows.ofSpark(spark.read(path, (long) v, null).get("rows"), schema))
          .as("versionAsOf %d", v)
          .containsExactlyElementsOf(want);
      assertThat(
              Rows.ofSpark(
                  spark.read(path, null, timestampOf(history.get("history").get(v))).get("rows"),
                  schema))
          .as("timestampAsOf version %d", v)
          .containsExactlyElementsOf(want);
      assertThat(
              Rows.ofTideline(
                  t.read().format("delta").option("versionAsOf", v).load(path).collectAsList(),
                  schema))
          .as("Tideline's own versionAsOf %d", v)
          .containsExactlyElementsOf(want);
    }
    assertThat(Rows.ofSpark(spark.read(path, null, null).get("rows"), schema))
        .containsExactlyElementsOf(Rows.ofTideline(replacement, schema));
  }

  @Test
  void streamingSink_appendCompleteAndUpdate_sparkReadsEveryBatchVersion() throws Exception {
    StructType schema = StructType.fromDDL("k STRING, v BIGINT");
    List<List<Row>> batches =
        List.of(
            List.of(Row.of("a", 1L), Row.of("b", 2L)),
            List.of(Row.of("a", 3L)),
            List.of(Row.of("c", 4L), Row.of("b", 5L)));
    for (String mode : List.of("append", "complete", "update")) {
      String path = dir.resolve(mode).toString();
      MemoryStream input = MemoryStream.of(t, schema);
      DataFrame df =
          mode.equals("append")
              ? input.toDF()
              : input.toDF().groupBy("k").agg(io.tideline.functions.sum("v").alias("total"));
      StreamingQuery q =
          df.writeStream()
              .format("delta")
              .outputMode(mode)
              .option("checkpointLocation", dir.resolve("cp-" + mode).toString())
              .start(path);
      List<List<String>> perVersion = new ArrayList<>();
      StructType outSchema = null;
      try {
        for (List<Row> batch : batches) {
          input.addData(batch);
          q.processAllAvailable();
          DataFrame table = t.read().format("delta").load(path);
          outSchema = table.schema();
          perVersion.add(Rows.ofTideline(table.collectAsList(), outSchema));
        }
      } finally {
        q.stop();
      }
      JsonNode history = spark.history(path);
      for (int batch = 0; batch < batches.size(); batch++) {
        assertThat(Rows.ofSpark(spark.read(path, batch + 1L, null).get("rows"), outSchema))
            .as("%s mode, versionAsOf batch %d", mode, batch)
            .containsExactlyElementsOf(perVersion.get(batch));
        String timestamp = timestampOf(history.get("history").get(batch + 1));
        assertThat(Rows.ofSpark(spark.read(path, null, timestamp).get("rows"), outSchema))
            .as("%s mode, timestampAsOf batch %d", mode, batch)
            .containsExactlyElementsOf(perVersion.get(batch));
      }
      assertThat(Rows.ofSpark(spark.read(path, null, null).get("rows"), outSchema))
          .as("%s mode, latest", mode)
          .containsExactlyElementsOf(perVersion.get(batches.size() - 1));
      if (!mode.equals("append")) {
        assertThat(perVersion.get(2))
            .as("%s mode, final table", mode)
            .containsExactly("[\"a\",4]", "[\"b\",7]", "[\"c\",4]");
      }
      assertThat(operations(history.get("history")))
          .containsExactly(
              "CREATE TABLE", "STREAMING UPDATE", "STREAMING UPDATE", "STREAMING UPDATE");
      // The last batch's transaction id: application id = query id, version = batch id.
      assertThat(history.get("transactions").get(q.id().toString()).asLong()).isEqualTo(2L);
    }
  }

  @Test
  void streamReads_ofATidelineTable_sparkAndTidelineReadTheSameBatches() throws Exception {
    StructType schema = StructType.fromDDL("id BIGINT, tag STRING");
    Path table = dir.resolve("streamed");
    for (int i = 0; i < 3; i++) {
      t.createDataFrame(List.of(Row.of((long) i, "a" + i), Row.of(10L + i, "b" + i)), schema)
          .write()
          .format("delta")
          .mode("append")
          .save(table.toString());
    }
    // What Delta's streaming source reads for maxFilesPerTrigger=1: one file a batch, the
    // snapshot's files by modification time then path.
    List<List<String>> expected = new ArrayList<>();
    for (DeltaLogFiles.Added file :
        DeltaLogFiles.inSnapshotStreamOrder(DeltaLogFiles.added(table))) {
      expected.add(
          Rows.ofTideline(
              t.read().parquet(table.resolve(file.path()).toString()).collectAsList(), schema));
    }
    assertThat(expected).hasSizeGreaterThanOrEqualTo(3);
    Map<String, String> options = Map.of("maxFilesPerTrigger", "1");

    assertThat(StreamReads.spark(spark, table, options, schema, dir.resolve("spark-cp")))
        .as("Spark's stream read")
        .containsExactlyElementsOf(expected);
    assertThat(StreamReads.tideline(t, table, options, schema, dir.resolve("tideline-cp")))
        .as("Tideline's stream read")
        .containsExactlyElementsOf(expected);
  }

  private static List<String> operations(JsonNode history) {
    List<String> out = new ArrayList<>();
    for (int v = 0; v < history.size(); v++) {
      assertThat(history.get(v).get("version").asLong()).isEqualTo(v);
      out.add(history.get(v).get("operation").asText());
    }
    return out;
  }

  private static String timestampOf(JsonNode commit) {
    return TIMESTAMP.format(Instant.parse(commit.get("timestamp").asText()));
  }
}
