package io.tideline.bench.delta;

import static io.tideline.functions.col;
import static io.tideline.functions.count;
import static io.tideline.functions.from_json;
import static io.tideline.functions.lit;
import static io.tideline.functions.max;
import static io.tideline.functions.min;
import static io.tideline.functions.sum;
import static io.tideline.functions.when;

import io.tideline.Column;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.bench.ProcessCpu;
import io.tideline.bench.TidelineOrdersEngine;
import io.tideline.bench.TidelineSessions;
import io.tideline.streaming.DataStreamReader;
import io.tideline.streaming.StreamingQuery;
import io.tideline.streaming.StreamingQueryException;
import io.tideline.streaming.StreamingQueryProgress;
import io.tideline.streaming.Trigger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tideline's side of the Delta benchmark, written against the public API as a user would, in the
 * harness's JVM with one session for every run. The queries mirror tideline-spark's {@code
 * DeltaBenchServe}; keep the two in step.
 */
final class TidelineDeltaEngine implements DeltaEngine {
  private static final String NAME = "tideline";
  private static final long TIMEOUT_SECONDS = 1800;

  private final Tideline t;
  private final double sessionStartSeconds;

  private TidelineDeltaEngine(Tideline t, double sessionStartSeconds) {
    this.t = t;
    this.sessionStartSeconds = sessionStartSeconds;
  }

  /** Starts a session whose warehouse lies in {@code workDir}, so nothing lands elsewhere. */
  static TidelineDeltaEngine start(Path workDir) {
    TidelineSessions.Started session = TidelineSessions.start("delta-bench", workDir);
    return new TidelineDeltaEngine(session.tideline(), session.startSeconds());
  }

  /** The session, for the ceiling measurement that shares it. */
  Tideline session() {
    return t;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String version() {
    return TidelineSessions.version();
  }

  @Override
  public double sessionStartSeconds() {
    return sessionStartSeconds;
  }

  @Override
  public BronzeRun bronze(
      String bootstrapServers,
      String topic,
      long maxOffsetsPerTrigger,
      Path checkpoint,
      Path table) {
    long cpu0 = ProcessCpu.nanos();
    long t0 = System.nanoTime();
    DataStreamReader reader =
        t.readStream()
            .format("kafka")
            .option("kafka.bootstrap.servers", bootstrapServers)
            .option("subscribe", topic)
            .option("startingOffsets", "earliest");
    if (maxOffsetsPerTrigger > 0) {
      reader = reader.option("maxOffsetsPerTrigger", maxOffsetsPerTrigger);
    }
    StreamingQuery query =
        reader
            .load()
            .selectExpr("CAST(value AS STRING) AS json", "timestamp")
            .select(
                from_json(col("json"), TidelineOrdersEngine.ORDER_SCHEMA).alias("data"),
                col("timestamp").alias("kafka_timestamp"))
            .select("data.*", "kafka_timestamp")
            .writeStream()
            .format("delta")
            .outputMode("append")
            .trigger(Trigger.AvailableNow())
            .option("checkpointLocation", checkpoint.toString())
            .start(table.toString());
    try {
      if (!query.awaitTermination(TIMEOUT_SECONDS * 1000)) {
        throw DeltaBenchErrors.queryFailed(
            NAME, "bronze query", "it did not end within " + TIMEOUT_SECONDS + " s");
      }
    } catch (StreamingQueryException e) {
      throw DeltaBenchErrors.queryFailed(NAME, "bronze query", e);
    } finally {
      query.stop();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpuSeconds = (ProcessCpu.nanos() - cpu0) / 1e9;
    StreamingQueryProgress last = query.lastProgress();
    Map<String, Long> durations = new TreeMap<>();
    for (StreamingQueryProgress p : query.recentProgress()) {
      p.durationMs().forEach((phase, ms) -> durations.merge(phase, ms, Long::sum));
    }
    return new BronzeRun(seconds, cpuSeconds, last == null ? 0 : last.batchId() + 1, durations);
  }

  @Override
  public TableChecksum checksum(Path table) {
    Row r =
        t.read()
            .format("delta")
            .load(table.toString())
            .agg(
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
                max(col("kafka_timestamp")))
            .collectAsList()
            .get(0);
    return new TableChecksum(
        r.getLong(0),
        r.isNullAt(1) ? 0 : r.getLong(1),
        r.isNullAt(2) ? 0 : r.getDouble(2),
        r.getLong(3),
        r.getLong(4),
        r.getLong(5),
        r.getLong(6),
        r.getLong(7),
        r.getLong(8),
        instant(r, 9),
        instant(r, 10),
        instant(r, 11),
        instant(r, 12));
  }

  private static Column nulls(String column) {
    return count(lit(1)).minus(count(col(column)));
  }

  private static String instant(Row r, int i) {
    Instant value = r.isNullAt(i) ? null : r.getInstant(i);
    return value == null ? null : value.toString();
  }

  @Override
  public void close() {
    t.close();
  }
}
