package io.tideline.spark.peer;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;

/**
 * The Kafka benchmark's queries on Spark's own Kafka source and sink ({@code
 * spark-sql-kafka-0-10}), against the broker the harness started.
 *
 * <ul>
 *   <li>{@link #throughput}: {@code from_json(CAST(value AS STRING), orders)}, {@code amount >
 *       100}, counted in {@code foreachBatch}, with {@code Trigger.AvailableNow} from the earliest
 *       offsets; timed from just before {@code start()} until the query ends;
 *   <li>{@link #startPassThrough}: {@code key} and {@code value} from one topic into another with
 *       the default trigger, for the latency measurement, which the harness makes from outside.
 * </ul>
 *
 * <p>Tideline's side (tideline-bench, {@code io.tideline.bench.kafka}) runs the same queries; keep
 * the two in step.
 */
final class KafkaWorkloads {
  private static final long TIMEOUT_SECONDS = 900;

  private KafkaWorkloads() {}

  /** One AvailableNow run over the whole topic. */
  record Throughput(double seconds, double cpuSeconds, long rows, long batches) {}

  /**
   * What a stopped pass-through query did: its batches, and the mean of each {@code durationMs}
   * phase over its recent progress (the last {@code spark.sql.streaming.numRecentProgressUpdates}
   * batches, 100 by default).
   */
  record PassThrough(long batches, Map<String, Double> meanDurationMs) {}

  /**
   * Times one AvailableNow query over every record of {@code topic}; {@code maxOffsetsPerTrigger}
   * of 0 or less means no limit.
   */
  static Throughput throughput(
      SparkSession spark,
      String bootstrapServers,
      String topic,
      long maxOffsetsPerTrigger,
      Path checkpoint)
      throws Exception {
    AtomicLong rows = new AtomicLong();
    AtomicLong batches = new AtomicLong();
    long cpu0 = ProcessCpu.nanos();
    long t0 = System.nanoTime();
    DataStreamReader reader = kafka(spark, bootstrapServers, topic);
    if (maxOffsetsPerTrigger > 0) {
      reader = reader.option("maxOffsetsPerTrigger", maxOffsetsPerTrigger);
    }
    StreamingQuery query =
        reader
            .load()
            .selectExpr("CAST(value AS STRING) AS json")
            .select(from_json(col("json"), JsonOrdersAggregation.ORDER_SCHEMA).as("o"))
            .select("o.*")
            .filter("amount > 100")
            .writeStream()
            .trigger(Trigger.AvailableNow())
            .option("checkpointLocation", checkpoint.toString())
            .foreachBatch(
                (VoidFunction2<Dataset<Row>, Long>)
                    (batch, id) -> {
                      rows.addAndGet(batch.count());
                      batches.incrementAndGet();
                    })
            .start();
    try {
      if (!query.awaitTermination(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS))) {
        throw new IllegalStateException(
            "The Kafka throughput query did not end within " + TIMEOUT_SECONDS + " s");
      }
    } finally {
      query.stop();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpuSeconds = (ProcessCpu.nanos() - cpu0) / 1e9;
    return new Throughput(seconds, cpuSeconds, rows.get(), batches.get());
  }

  /**
   * Starts {@code key, value} from {@code inputTopic} (earliest offsets) into {@code outputTopic}
   * through Spark's Kafka sink, with the default trigger; returns once {@code start()} has.
   */
  static StreamingQuery startPassThrough(
      SparkSession spark,
      String bootstrapServers,
      String inputTopic,
      String outputTopic,
      Path checkpoint)
      throws Exception {
    return kafka(spark, bootstrapServers, inputTopic)
        .load()
        .selectExpr("key", "value")
        .writeStream()
        .format("kafka")
        .option("kafka.bootstrap.servers", bootstrapServers)
        // Kafka 3.9's default already; said out loud because Tideline's side (Kafka 4 clients,
        // whose default is 5 ms) sets it too.
        .option("kafka.linger.ms", "0")
        .option("topic", outputTopic)
        .option("checkpointLocation", checkpoint.toString())
        .start();
  }

  /**
   * Stops a pass-through query and reports how many batches it ran.
   *
   * @throws org.apache.spark.sql.streaming.StreamingQueryException if it had failed
   */
  static PassThrough stopPassThrough(StreamingQuery query) throws Exception {
    query.stop();
    if (query.exception().isDefined()) {
      throw query.exception().get();
    }
    StreamingQueryProgress[] recent = query.recentProgress();
    Map<String, Double> sums = new TreeMap<>();
    for (StreamingQueryProgress p : recent) {
      p.durationMs().forEach((phase, ms) -> sums.merge(phase, (double) ms, Double::sum));
    }
    sums.replaceAll((phase, sum) -> sum / recent.length);
    StreamingQueryProgress last = query.lastProgress();
    return new PassThrough(last == null ? 0 : last.batchId() + 1, sums);
  }

  private static DataStreamReader kafka(SparkSession spark, String bootstrapServers, String topic) {
    return spark
        .readStream()
        .format("kafka")
        .option("kafka.bootstrap.servers", bootstrapServers)
        .option("subscribe", topic)
        .option("startingOffsets", "earliest");
  }
}
