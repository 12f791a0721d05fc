package io.tideline.delta.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.streaming.MemoryStream;
import io.tideline.streaming.StreamingQuery;
import io.tideline.types.StructType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delta's transaction ids ({@code txn}: application id and version) honoured across engines: a
 * write whose id the table already records at that version or above is skipped, whichever engine
 * committed it. Spark's side uses the {@code txnAppId}/{@code txnVersion} write options; a
 * streaming query's id is its query id, its version the batch id.
 */
@ExtendWith(SparkPeerExtension.class)
class TransactionIdInteropIT {
  private static final StructType SCHEMA = StructType.fromDDL("id BIGINT, tag STRING");

  private static Tideline t;
  private static SparkDeltaPeer spark;

  @TempDir Path dir;

  @BeforeAll
  static void open(SparkDeltaPeer peer) {
    spark = peer;
    t = Tideline.builder().appName("delta-interop-txn").getOrCreate();
  }

  @AfterAll
  static void close() {
    if (t != null) {
      t.close();
    }
  }

  @Test
  void tidelineStreamingBatch_isSkippedBySparkWritingWithTheQueryIdAndBatchId() throws Exception {
    String path = dir.resolve("tideline-stream").toString();
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    StreamingQuery q =
        input
            .toDF()
            .writeStream()
            .format("delta")
            .option("checkpointLocation", dir.resolve("cp").toString())
            .start(path);
    try {
      input.addData(Row.of(1L, "batch0"));
      q.processAllAvailable();
      input.addData(Row.of(2L, "batch1"));
      q.processAllAvailable();
    } finally {
      q.stop();
    }
    String appId = q.id().toString();

    JsonNode replay = sparkWrite(path, appId, 1, "spark-replay");
    JsonNode next = sparkWrite(path, appId, 2, "spark-next");

    assertThat(replay.get("version").asLong())
        .as("Spark skips batch 1, which Tideline committed")
        .isEqualTo(replay.get("versionBefore").asLong());
    assertThat(next.get("version").asLong()).isEqualTo(next.get("versionBefore").asLong() + 1);
    assertThat(tags(path)).containsExactlyInAnyOrder("batch0", "batch1", "spark-next");
    assertThat(spark.history(path).get("transactions").get(appId).asLong()).isEqualTo(2);
  }

  @Test
  void tidelineBatchWriteWithTxnOptions_isSkippedBySparkWithTheSameIds() {
    String path = dir.resolve("tideline-batch").toString();
    tidelineWrite(path, "etl-job", 5, "tideline-5");

    JsonNode older = sparkWrite(path, "etl-job", 4, "spark-4");
    JsonNode same = sparkWrite(path, "etl-job", 5, "spark-5");
    JsonNode otherApp = sparkWrite(path, "other-job", 5, "other-5");

    assertThat(older.get("version").asLong()).isEqualTo(older.get("versionBefore").asLong());
    assertThat(same.get("version").asLong()).isEqualTo(same.get("versionBefore").asLong());
    assertThat(otherApp.get("version").asLong())
        .isEqualTo(otherApp.get("versionBefore").asLong() + 1);
    assertThat(tags(path)).containsExactlyInAnyOrder("tideline-5", "other-5");
  }

  @Test
  void sparkBatchWriteWithTxnOptions_isSkippedByTidelineWithTheSameIds_tableUnchanged() {
    String path = dir.resolve("spark-batch").toString();
    sparkWrite(path, "nightly", 3, "spark-3");
    long version = spark.history(path).get("tableVersion").asLong();

    tidelineWrite(path, "nightly", 3, "tideline-3");
    tidelineWrite(path, "nightly", 2, "tideline-2");

    assertThat(spark.history(path).get("tableVersion").asLong())
        .as("no commit for a replayed id")
        .isEqualTo(version);
    assertThat(tags(path)).containsExactly("spark-3");

    tidelineWrite(path, "nightly", 4, "tideline-4");
    JsonNode history = spark.history(path);
    assertThat(history.get("tableVersion").asLong()).isEqualTo(version + 1);
    assertThat(history.get("transactions").get("nightly").asLong()).isEqualTo(4);
    assertThat(tags(path)).containsExactlyInAnyOrder("spark-3", "tideline-4");
  }

  @Test
  void sparkStreamingBatch_isSkippedByTidelineWritingWithItsQueryIdAndBatchId() {
    String path = dir.resolve("spark-stream").toString();
    ObjectNode write = spark.command("delta-stream-write");
    write.put("path", path);
    write.put("checkpoint", dir.resolve("spark-cp").toString());
    write.put("schema", "id BIGINT, tag STRING");
    ArrayNode batches = write.putArray("batches");
    batches.addArray().addObject().put("id", 1).put("tag", "spark-batch0");
    batches.addArray().addObject().put("id", 2).put("tag", "spark-batch1");
    JsonNode answer = spark.call(write);
    String queryId = answer.get("queryId").asText();
    long version = answer.get("version").asLong();

    tidelineWrite(path, queryId, 1, "tideline-replay");

    assertThat(spark.history(path).get("tableVersion").asLong()).isEqualTo(version);
    assertThat(tags(path)).containsExactlyInAnyOrder("spark-batch0", "spark-batch1");
  }

  private static void tidelineWrite(String path, String appId, long version, String tag) {
    t.createDataFrame(List.of(Row.of(version, tag)), SCHEMA)
        .write()
        .format("delta")
        .mode("append")
        .option("txnAppId", appId)
        .option("txnVersion", version)
        .save(path);
  }

  private static JsonNode sparkWrite(String path, String appId, long version, String tag) {
    ObjectNode write = spark.command("delta-write");
    write.put("path", path);
    write.put("schema", "id BIGINT, tag STRING");
    write.putArray("rows").addObject().put("id", version).put("tag", tag);
    write.putObject("options").put("txnAppId", appId).put("txnVersion", Long.toString(version));
    return spark.call(write);
  }

  /** The tags in the table as both engines read it; they must agree. */
  private static List<String> tags(String path) {
    DataFrame table = t.read().format("delta").load(path);
    List<String> tideline = Rows.ofTideline(table.collectAsList(), table.schema());
    assertThat(tideline)
        .as("Tideline's and Spark's reads of %s", path)
        .containsExactlyElementsOf(
            Rows.ofSpark(spark.read(path, null, null).get("rows"), table.schema()));
    return table.select("tag").collectAsList().stream().map(r -> r.getString(0)).toList();
  }
}
