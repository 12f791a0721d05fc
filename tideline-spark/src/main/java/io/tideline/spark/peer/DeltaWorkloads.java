package io.tideline.spark.peer;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.execution.streaming.runtime.MemoryStream;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Delta Lake through delta-spark 4.4.0: what the interoperability tests ask Spark to read and write
 * (tideline-delta-interop, through {@link DeltaServe}).
 *
 * <p>Rows come back in the {@link SparkValueEncoder} encoding and sorted by their JSON text, so two
 * engines' answers compare as lists whatever order the files were read in. Rows to write come as
 * JSON objects with a DDL schema and go through Spark's JSON reader ({@code from_json} for
 * streams), so values take Spark's JSON forms: decimals as numbers or strings, dates as {@code
 * 2024-02-29}, timestamps as ISO-8601 text with an offset, maps as objects.
 */
final class DeltaWorkloads {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final long TIMEOUT_SECONDS = 300;

  private DeltaWorkloads() {}

  /**
   * Reads the table at {@code path} (latest, or {@code versionAsOf} / {@code timestampAsOf} when
   * given) into {@code result}: {@code schema} (Spark's DDL) and {@code rows}.
   */
  static void read(
      SparkSession spark, String path, Map<String, String> options, ObjectNode result) {
    Dataset<Row> df = spark.read().format("delta").options(options).load(path);
    StructType schema = df.schema();
    result.put("schema", schema.toDDL());
    result.set("rows", sortedRows(df.collectAsList(), schema));
  }

  /**
   * Puts {@code DESCRIBE HISTORY} of the table into {@code result} as {@code history}, oldest first
   * (version, timestamp, operation, operationParameters, readVersion, isBlindAppend, engineInfo),
   * and the transaction ids Spark sees in the latest snapshot as {@code transactions} (application
   * id to version).
   */
  static void history(SparkSession spark, String path, ObjectNode result) {
    Dataset<Row> history =
        spark.sql("DESCRIBE HISTORY delta.`" + path.replace("`", "``") + "`").orderBy("version");
    ArrayNode out = result.putArray("history");
    for (Row row : history.collectAsList()) {
      ObjectNode commit = out.addObject();
      commit.put("version", row.<Long>getAs("version"));
      commit.put("timestamp", String.valueOf(row.<Object>getAs("timestamp")));
      commit.put("operation", row.<String>getAs("operation"));
      ObjectNode parameters = commit.putObject("operationParameters");
      scala.collection.Map<String, String> params = row.getAs("operationParameters");
      if (params != null) {
        new TreeMap<>(CollectionConverters.asJava(params)).forEach(parameters::put);
      }
      Object readVersion = row.getAs("readVersion");
      if (readVersion != null) {
        commit.put("readVersion", (Long) readVersion);
      }
      Object blind = row.getAs("isBlindAppend");
      if (blind != null) {
        commit.put("isBlindAppend", (Boolean) blind);
      }
      commit.put("engineInfo", row.<String>getAs("engineInfo"));
    }
    ObjectNode transactions = result.putObject("transactions");
    Snapshot snapshot =
        DeltaLog.forTable(spark, path).update(false, Option.empty(), Option.empty());
    new TreeMap<>(CollectionConverters.asJava(snapshot.transactions()))
        .forEach((appId, version) -> transactions.put(appId, ((Number) version).longValue()));
    result.put("tableVersion", snapshot.version());
  }

  /**
   * Reads the table as a stream ({@code readStream.format("delta")} with {@code options}, e.g.
   * {@code maxFilesPerTrigger}, {@code startingVersion}) with {@code Trigger.AvailableNow} into
   * {@code foreachBatch}, and puts each batch's id and sorted rows into {@code result} as {@code
   * batches}, in batch order.
   */
  static void streamRead(
      SparkSession spark,
      String path,
      Map<String, String> options,
      Path checkpoint,
      ObjectNode result)
      throws Exception {
    Map<Long, ArrayNode> batches = new TreeMap<>();
    StreamingQuery query =
        spark
            .readStream()
            .format("delta")
            .options(options)
            .load(path)
            .writeStream()
            .trigger(Trigger.AvailableNow())
            .option("checkpointLocation", checkpoint.toString())
            .foreachBatch(
                (VoidFunction2<Dataset<Row>, Long>)
                    (batch, id) -> {
                      ArrayNode rows = sortedRows(batch.collectAsList(), batch.schema());
                      synchronized (batches) {
                        batches.put(id, rows);
                      }
                    })
            .start();
    await(query, "the Delta stream read of " + path);
    ArrayNode out = result.putArray("batches");
    synchronized (batches) {
      batches.forEach(
          (id, rows) -> {
            ObjectNode batch = out.addObject();
            batch.put("batchId", id);
            batch.set("rows", rows);
          });
    }
  }

  /**
   * Writes rows into the table with {@code df.write.format("delta")}: {@code schema} (DDL) and
   * {@code rows} (JSON objects), or {@code sql} (a query whose result is written); {@code mode}
   * (default {@code append}), {@code partitionBy} (column names) and {@code options} (e.g. {@code
   * txnAppId}, {@code txnVersion}); {@code conf} sets Spark settings for this write only (e.g.
   * {@code spark.databricks.delta.properties.defaults.*} for a new table's properties). Puts the
   * table's version before and after into {@code result} ({@code versionBefore} is -1 for a new
   * table), so the caller sees whether Spark skipped the write.
   */
  static void write(SparkSession spark, String path, JsonNode command, ObjectNode result) {
    long before = latestVersion(spark, path);
    Map<String, String> conf = DeltaServe.strings(command.get("conf"));
    Map<String, String> previous = new LinkedHashMap<>();
    conf.forEach(
        (key, value) -> {
          previous.put(key, spark.conf().get(key, null));
          spark.conf().set(key, value);
        });
    try {
      Dataset<Row> data = data(spark, command);
      DataFrameWriter<Row> writer =
          data.write()
              .format("delta")
              .mode(command.path("mode").asText("append"))
              .options(DeltaServe.strings(command.get("options")));
      List<String> partitionBy = DeltaServe.stringList(command.get("partitionBy"));
      if (!partitionBy.isEmpty()) {
        writer = writer.partitionBy(partitionBy.toArray(String[]::new));
      }
      writer.save(path);
    } finally {
      previous.forEach(
          (key, value) -> {
            if (value == null) {
              spark.conf().unset(key);
            } else {
              spark.conf().set(key, value);
            }
          });
    }
    result.put("versionBefore", before);
    result.put("version", latestVersion(spark, path));
  }

  /**
   * Runs one streaming query into the table ({@code writeStream.format("delta")}, append mode,
   * optional {@code partitionBy}): a {@code MemoryStream} of JSON lines parsed with {@code
   * from_json} and {@code schema}, one micro-batch per entry of {@code batches} (each a list of
   * JSON objects). Puts {@code queryId} (the transaction application id Delta records), the number
   * of {@code batches} and the table's {@code version} into {@code result}.
   */
  static void streamWrite(
      SparkSession spark, String path, JsonNode command, Path checkpoint, ObjectNode result)
      throws Exception {
    StructType schema = StructType.fromDDL(DeltaServe.text(command, "schema"));
    MemoryStream<String> input = MemoryStream.apply(Encoders.STRING(), spark);
    DataStreamWriter<Row> writer =
        input
            .toDF()
            .select(from_json(col("value"), schema).as("r"))
            .select("r.*")
            .writeStream()
            .format("delta")
            .outputMode("append")
            .option("checkpointLocation", checkpoint.toString());
    List<String> partitionBy = DeltaServe.stringList(command.get("partitionBy"));
    if (!partitionBy.isEmpty()) {
      writer = writer.partitionBy(partitionBy.toArray(String[]::new));
    }
    StreamingQuery query = writer.start(path);
    int batches = 0;
    try {
      for (JsonNode batch : command.path("batches")) {
        List<String> lines = new ArrayList<>();
        batch.forEach(row -> lines.add(row.toString()));
        input.addData(CollectionConverters.asScala(lines));
        query.processAllAvailable();
        batches++;
      }
    } finally {
      query.stop();
    }
    if (query.exception().isDefined()) {
      throw query.exception().get();
    }
    result.put("queryId", query.id().toString());
    result.put("batches", batches);
    result.put("version", latestVersion(spark, path));
  }

  private static Dataset<Row> data(SparkSession spark, JsonNode command) {
    if (command.hasNonNull("sql")) {
      return spark.sql(command.get("sql").asText());
    }
    StructType schema = StructType.fromDDL(DeltaServe.text(command, "schema"));
    List<String> lines = new ArrayList<>();
    command.path("rows").forEach(row -> lines.add(row.toString()));
    return spark
        .read()
        .schema(schema)
        .option("mode", "FAILFAST")
        .json(spark.createDataset(lines, Encoders.STRING()));
  }

  /** The table's latest version as Spark sees it, or -1 when there is no Delta table there. */
  private static long latestVersion(SparkSession spark, String path) {
    DeltaLog log = DeltaLog.forTable(spark, path);
    Snapshot snapshot = log.update(false, Option.empty(), Option.empty());
    return snapshot.version();
  }

  private static ArrayNode sortedRows(List<Row> rows, StructType schema) {
    List<ArrayNode> encoded = new ArrayList<>(rows.size());
    for (Row row : rows) {
      encoded.add(SparkValueEncoder.encodeRow(row, schema));
    }
    encoded.sort(Comparator.comparing(ArrayNode::toString));
    ArrayNode out = JSON.arrayNode(encoded.size());
    out.addAll(encoded);
    return out;
  }

  private static void await(StreamingQuery query, String what) throws Exception {
    try {
      if (!query.awaitTermination(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS))) {
        throw new IllegalStateException(what + " did not end within " + TIMEOUT_SECONDS + " s");
      }
    } finally {
      query.stop();
    }
  }
}
