package io.tideline.spark.peer;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;

/**
 * The Delta benchmark's serve loop ({@code SparkPeer delta-bench-serve WORKDIR}): Spark with
 * delta-spark's session extensions runs the seed's bronze query into a Delta table, and reads any
 * Delta table back into a checksum, one command a line, so the harness (tideline-bench's {@code
 * run-delta.sh}) can interleave Spark's runs with Tideline's on one warm session.
 *
 * <p>Protocol, one JSON object a line. First {@code {"event":"ready","engineVersion",
 * "sessionStartSeconds"}}; then for each command one answer whose {@code event} repeats its name:
 *
 * <ul>
 *   <li>{@code {"command":"delta-bronze","bootstrapServers":S,"topic":T,"maxOffsetsPerTrigger":M,
 *       "checkpoint":DIR,"table":DIR}}: {@code format("kafka")} from the earliest offsets (and
 *       {@code maxOffsetsPerTrigger} M unless 0) → {@code from_json(CAST(value AS STRING), orders)}
 *       → {@code data.*} plus {@code timestamp AS kafka_timestamp} → {@code format("delta")},
 *       append, {@code Trigger.AvailableNow}; answers {@code seconds} (from just before {@code
 *       start()} until the query ended), {@code cpuSeconds}, {@code batches};
 *   <li>{@code {"command":"delta-checksum","table":DIR}}: {@code read.format("delta").load(DIR)}
 *       aggregated into {@link #CHECKSUM_FIELDS}; answers them, timestamps as ISO-8601 text.
 * </ul>
 *
 * <p>Relative paths resolve against the work folder. A failed command is answered with {@code
 * {"event":"error","error":{"condition","message"}}} and the loop goes on; {@code quit} or the end
 * of input ends it. Tideline's side is tideline-bench's {@code io.tideline.bench.delta}; keep the
 * two queries in step.
 */
final class DeltaBenchServe {
  static final String NAME = "delta-bench-serve";
  static final String BRONZE = "delta-bronze";
  static final String CHECKSUM = "delta-checksum";

  /** The checksum's fields, in the order the harness compares them. */
  static final String[] CHECKSUM_FIELDS = {
    "rows",
    "over100",
    "sumAmount",
    "nullOrderIds",
    "nullCustomerIds",
    "nullProducts",
    "nullAmounts",
    "nullOrderTimes",
    "nullKafkaTimestamps",
    "minOrderTime",
    "maxOrderTime",
    "minKafkaTimestamp",
    "maxKafkaTimestamp"
  };

  private static final long TIMEOUT_SECONDS = 1800;

  private final ServeProtocol protocol = new ServeProtocol(NAME, this::run);
  private final PeerSession session;
  private final Path workDir;

  DeltaBenchServe(PeerSession session, Path workDir) {
    if (!Files.isDirectory(workDir)) {
      throw PeerErrors.inputNotFound("Work folder", workDir);
    }
    this.session = session;
    this.workDir = workDir;
  }

  /**
   * The session settings of this workload: Delta's ({@link DeltaServe#conf}), then the caller's.
   */
  static Map<String, String> sessionConf(Map<String, String> extra) {
    return DeltaServe.conf(extra);
  }

  void serve(BufferedReader in, PrintStream out) throws IOException {
    ObjectNode ready = protocol.ready(session);
    protocol.serve(ready, in, out);
  }

  /** The answer to one command line; never throws for a bad command or a failed query. */
  ObjectNode answer(String line) {
    return protocol.answer(line);
  }

  private void run(String name, JsonNode command, ObjectNode result) throws Exception {
    switch (name) {
      case BRONZE -> bronze(command, result);
      case CHECKSUM -> checksum(path(command, "table"), result);
      default ->
          throw PeerErrors.usage(
              "Unknown Delta benchmark command '"
                  + name
                  + "'; send "
                  + BRONZE
                  + ", "
                  + CHECKSUM
                  + " or quit");
    }
  }

  private void bronze(JsonNode command, ObjectNode result) throws Exception {
    String bootstrap = text(command, "bootstrapServers");
    String topic = text(command, "topic");
    long maxOffsets = command.path("maxOffsetsPerTrigger").asLong(0);
    Path checkpoint = path(command, "checkpoint");
    Path table = path(command, "table");
    SparkSession spark = session.spark();
    long cpu0 = ProcessCpu.nanos();
    long t0 = System.nanoTime();
    DataStreamReader reader =
        spark
            .readStream()
            .format("kafka")
            .option("kafka.bootstrap.servers", bootstrap)
            .option("subscribe", topic)
            .option("startingOffsets", "earliest");
    if (maxOffsets > 0) {
      reader = reader.option("maxOffsetsPerTrigger", maxOffsets);
    }
    StreamingQuery query =
        reader
            .load()
            .selectExpr("CAST(value AS STRING) AS json", "timestamp")
            .select(
                from_json(col("json"), JsonOrdersAggregation.ORDER_SCHEMA).as("data"),
                col("timestamp").as("kafka_timestamp"))
            .select("data.*", "kafka_timestamp")
            .writeStream()
            .format("delta")
            .outputMode("append")
            .trigger(Trigger.AvailableNow())
            .option("checkpointLocation", checkpoint.toString())
            .start(table.toString());
    try {
      if (!query.awaitTermination(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS))) {
        throw new IllegalStateException(
            "The Delta bronze query did not end within " + TIMEOUT_SECONDS + " s");
      }
    } finally {
      query.stop();
    }
    result.put("seconds", (System.nanoTime() - t0) / 1e9);
    result.put("cpuSeconds", (ProcessCpu.nanos() - cpu0) / 1e9);
    StreamingQueryProgress last = query.lastProgress();
    result.put("batches", last == null ? 0 : last.batchId() + 1);
    Map<String, Long> durations = new TreeMap<>();
    for (StreamingQueryProgress p : query.recentProgress()) {
      p.durationMs().forEach((phase, ms) -> durations.merge(phase, ms, Long::sum));
    }
    ObjectNode phases = result.putObject("durationMs");
    durations.forEach(phases::put);
  }

  private void checksum(Path table, ObjectNode result) {
    Dataset<Row> rows = session.spark().read().format("delta").load(table.toString());
    Column[] aggregates = checksumColumns();
    Row r = rows.agg(aggregates[0], Arrays.copyOfRange(aggregates, 1, aggregates.length)).first();
    result.put(CHECKSUM_FIELDS[0], r.getLong(0));
    result.put(CHECKSUM_FIELDS[1], r.isNullAt(1) ? 0 : r.getLong(1));
    result.put(CHECKSUM_FIELDS[2], r.isNullAt(2) ? 0 : r.getDouble(2));
    for (int i = 3; i <= 8; i++) {
      result.put(CHECKSUM_FIELDS[i], r.getLong(i));
    }
    for (int i = 9; i < CHECKSUM_FIELDS.length; i++) {
      result.put(CHECKSUM_FIELDS[i], r.isNullAt(i) ? null : ((Instant) r.get(i)).toString());
    }
  }

  /** The checksum as aggregates, in the order of {@link #CHECKSUM_FIELDS}. */
  private static Column[] checksumColumns() {
    return new Column[] {
      count(lit(1)),
      sum(when(col("amount").gt(100), 1L).otherwise(0L)),
      sum(col("amount")),
      nulls("order_id"),
      nulls("customer_id"),
      nulls("product"),
      nulls("amount"),
      nulls("order_time"),
      nulls("kafka_timestamp"),
      min(col("order_time")),
      max(col("order_time")),
      min(col("kafka_timestamp")),
      max(col("kafka_timestamp"))
    };
  }

  private static Column nulls(String column) {
    return count(lit(1)).minus(count(col(column)));
  }

  private static String text(JsonNode command, String field) {
    JsonNode value = command.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw PeerErrors.usage(
          "Command '" + command.path("command").asText() + "' needs a text in '" + field + "'");
    }
    return value.asText();
  }

  private Path path(JsonNode command, String field) {
    return workDir.resolve(text(command, field)).toAbsolutePath();
  }
}
