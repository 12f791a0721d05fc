package io.tideline.delta.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tideline.DataFrame;
import io.tideline.Tideline;
import io.tideline.internal.errors.TidelineException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables Apache Spark 4.2 with delta-spark 4.4.0 writes, read by Tideline: each is compared with
 * Spark's own read of the same table and version, so both engines must see the same rows.
 */
@ExtendWith(SparkPeerExtension.class)
class TidelineReadsSparkTablesIT {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private static Tideline t;
  private static SparkDeltaPeer spark;

  @TempDir Path dir;

  @BeforeAll
  static void open(SparkDeltaPeer peer) {
    spark = peer;
    t = Tideline.builder().appName("delta-interop-read").getOrCreate();
  }

  @AfterAll
  static void close() {
    if (t != null) {
      t.close();
    }
  }

  @Test
  void sparkBatchTable_everyColumnType_tidelineReadsTheSameRowsAndSchema() {
    String path = dir.resolve("types").toString();
    ObjectNode write = spark.command("delta-write");
    write.put("path", path);
    write.put(
        "sql",
        "SELECT * FROM VALUES"
            + " (1, 2L, 3.5D, CAST(1.25 AS FLOAT), CAST(12.345 AS DECIMAL(12,3)), 'é – ü', true,"
            + "  DATE'2024-02-29', TIMESTAMP'2024-01-15 10:30:00.000001', X'0102FF',"
            + "  named_struct('x', 7, 'y', 'z'), array(1, 2, 3), map('a', 1L, 'b', 2L)),"
            + " (-2147483648, 9223372036854775807L, -0.0D, CAST(-3.5 AS FLOAT),"
            + "  CAST(-999999999.999 AS DECIMAL(12,3)), '', false, DATE'1969-12-31',"
            + "  TIMESTAMP'1969-12-31 23:59:59.999999', X'', named_struct('x', null, 'y', null),"
            + "  array(null, 4), map('k', null)),"
            + " (null, null, null, null, null, null, null, null, null, null, null, null, null)"
            + " AS v(i, l, d, f, dec, s, b, dt, ts, bin, st, arr, m)");
    spark.call(write);

    DataFrame table = t.read().format("delta").load(path);

    assertThat(table.schema().toDDL())
        .isEqualToIgnoringCase(
            "i INT,l BIGINT,d DOUBLE,f FLOAT,dec DECIMAL(12,3),s STRING,b BOOLEAN,dt DATE,"
                + "ts TIMESTAMP,bin BINARY,st STRUCT<x: INT, y: STRING>,arr ARRAY<INT>,"
                + "m MAP<STRING, BIGINT>");
    assertThat(Rows.ofTideline(table.collectAsList(), table.schema()))
        .hasSize(3)
        .containsExactlyElementsOf(
            Rows.ofSpark(spark.read(path, null, null).get("rows"), table.schema()));
  }

  @Test
  void sparkPartitionedTable_withAnOverwrite_tidelineReadsEveryVersion() {
    String path = dir.resolve("partitioned").toString();
    sparkWrite(
        path,
        "append",
        "[{\"id\":1,\"p\":\"a\",\"n\":1},{\"id\":2,\"p\":\"b c/d\",\"n\":2},{\"id\":3}]");
    sparkWrite(path, "append", "[{\"id\":4,\"p\":\"a\",\"n\":2}]");
    sparkWrite(path, "overwrite", "[{\"id\":5,\"p\":\"z\",\"n\":9}]");

    for (long v = 0; v <= 2; v++) {
      DataFrame table = t.read().format("delta").option("versionAsOf", v).load(path);
      assertThat(table.schema().fieldNames()).containsExactly("id", "p", "n");
      assertThat(Rows.ofTideline(table.collectAsList(), table.schema()))
          .as("versionAsOf %d", v)
          .isNotEmpty()
          .containsExactlyElementsOf(
              Rows.ofSpark(spark.read(path, v, null).get("rows"), table.schema()));
    }
    assertThat(Path.of(path).resolve("p=a")).isDirectory();
  }

  @Test
  void sparkStreamingTable_withACheckpointAfterTenCommits_tidelineReadsItLikeSpark()
      throws Exception {
    String path = dir.resolve("streamed").toString();
    ObjectNode write = spark.command("delta-stream-write");
    write.put("path", path);
    write.put("checkpoint", dir.resolve("spark-checkpoint").toString());
    write.put("schema", "id BIGINT, tag STRING");
    ArrayNode batches = write.putArray("batches");
    for (int b = 0; b < 12; b++) {
      ArrayNode rows = batches.addArray();
      rows.addObject().put("id", b).put("tag", "b" + b);
      rows.addObject().put("id", 100 + b).put("tag", "c" + b);
    }
    assertThat(spark.call(write).get("version").asLong()).isEqualTo(11);
    // Spark writes a checkpoint every 10 commits: Tideline must read from it plus the JSON after.
    assertThat(Path.of(path, "_delta_log", "00000000000000000010.checkpoint.parquet")).exists();

    DataFrame latest = t.read().format("delta").load(path);
    assertThat(Rows.ofTideline(latest.collectAsList(), latest.schema()))
        .hasSize(24)
        .containsExactlyElementsOf(
            Rows.ofSpark(spark.read(path, null, null).get("rows"), latest.schema()));

    JsonNode history = spark.history(path).get("history");
    for (long v : List.of(0L, 5L, 10L, 11L)) {
      List<String> sparkRows = Rows.ofSpark(spark.read(path, v, null).get("rows"), latest.schema());
      assertThat(sparkRows).hasSize(2 * (int) (v + 1));
      assertThat(
              Rows.ofTideline(
                  t.read().format("delta").option("versionAsOf", v).load(path).collectAsList(),
                  latest.schema()))
          .as("versionAsOf %d", v)
          .containsExactlyElementsOf(sparkRows);
      String timestamp =
          TIMESTAMP.format(Instant.parse(history.get((int) v).get("timestamp").asText()));
      assertThat(
              Rows.ofTideline(
                  t.read()
                      .format("delta")
                      .option("timestampAsOf", timestamp)
                      .load(path)
                      .collectAsList(),
                  latest.schema()))
          .as("timestampAsOf %s (version %d)", timestamp, v)
          .containsExactlyElementsOf(sparkRows);
    }

    // Both engines' streaming sources read the table in the same batches: the snapshot at start,
    // four files at a time.
    Map<String, String> options = Map.of("maxFilesPerTrigger", "4");
    List<List<String>> sparkBatches =
        StreamReads.spark(spark, Path.of(path), options, latest.schema(), dir.resolve("s-cp"));
    assertThat(sparkBatches).hasSizeGreaterThanOrEqualTo(3);
    assertThat(
            StreamReads.tideline(t, Path.of(path), options, latest.schema(), dir.resolve("t-cp")))
        .containsExactlyElementsOf(sparkBatches);
  }

  @Test
  void sparkTableWithColumnMapping_isRefusedByTidelineNamingTheFeature() {
    String path = dir.resolve("column-mapping").toString();
    ObjectNode write = spark.command("delta-write");
    write.put("path", path);
    write.put("sql", "SELECT 1L AS id, 'a' AS tag");
    write
        .putObject("conf")
        .put("spark.databricks.delta.properties.defaults.columnMapping.mode", "name");
    spark.call(write);

    // Spark reads it; Tideline's reader does not map physical column names yet.
    assertThat(spark.read(path, null, null).get("rows")).hasSize(1);
    TidelineException e =
        catchThrowableOfType(
            () -> t.read().format("delta").load(path).collectAsList(), TidelineException.class);
    assertThat(e.getCondition()).isEqualTo("DELTA_UNSUPPORTED_TABLE_FEATURE");
    assertThat(e.getMessage()).contains("column mapping", path);
  }

  private static void sparkWrite(String path, String mode, String rows) {
    ObjectNode write = spark.command("delta-write");
    write.put("path", path);
    write.put("mode", mode);
    write.put("schema", "id BIGINT, p STRING, n INT");
    write.putArray("partitionBy").add("p").add("n");
    try {
      write.set("rows", new com.fasterxml.jackson.databind.ObjectMapper().readTree(rows));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    spark.call(write);
  }
}
