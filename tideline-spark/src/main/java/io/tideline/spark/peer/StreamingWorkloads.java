package io.tideline.spark.peer;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.runtime.MemoryStream;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The streaming benchmark's three measurements on Spark Structured Streaming, each one a fresh
 * query on a fresh checkpoint in an already started session.
 *
 * <ul>
 *   <li>{@link #firstBatch}: from just before {@code start()} until the listener hears batch 0's
 *       progress, which Spark posts after the batch's commit;
 *   <li>{@link #batchOverhead}: one row per batch through a {@code MemoryStream}, a projection and
 *       the memory sink, each batch driven by {@code addData} and {@code processAllAvailable};
 *   <li>{@link #throughput}: order lines read as text, parsed with {@code from_json}, filtered and
 *       counted in {@code foreachBatch}, with {@code Trigger.AvailableNow}.
 * </ul>
 *
 * <p>Tideline's side (tideline-bench, {@code io.tideline.bench.streaming}) runs the same queries
 * through Tideline's API; keep the two in step.
 */
final class StreamingWorkloads {
  private static final long TIMEOUT_SECONDS = 600;

  private StreamingWorkloads() {}

  /** Batch 0's arrival and what it counted. */
  record FirstBatch(double seconds, double startReturnedSeconds, long rows) {}

  /** Per-batch figures of the measured batches, in batch order. */
  record BatchOverhead(List<Long> triggerExecutionMs, List<Double> wallMs, long rows) {}

  /** One AvailableNow run over the whole folder. */
  record Throughput(double seconds, double cpuSeconds, long rows, long batches) {}

  /**
   * Times a fresh query over {@code input} (one small JSON file), {@code amount > 100}, counted in
   * {@code foreachBatch}, from just before {@code start()} until batch 0's progress event.
   */
  static FirstBatch firstBatch(SparkSession spark, Path input, Path checkpoint) throws Exception {
    requireFolder(input);
    AtomicLong rows = new AtomicLong();
    RunProgress progress = new RunProgress(1);
    spark.streams().addListener(progress);
    try {
      long t0 = System.nanoTime();
      StreamingQuery query =
          spark
              .readStream()
              .schema(JsonOrdersAggregation.ORDER_SCHEMA)
              .json(input.toString())
              .filter(col("amount").gt(100))
              .writeStream()
              .option("checkpointLocation", checkpoint.toString())
              .foreachBatch(
                  (VoidFunction2<Dataset<Row>, Long>) (batch, id) -> rows.addAndGet(batch.count()))
              .start();
      long startReturned = System.nanoTime();
      try {
        progress.await(query, TIMEOUT_SECONDS, "batch 0 of the first-batch query");
      } finally {
        query.stop();
      }
      return new FirstBatch(
          (progress.arrivedNanos(0) - t0) / 1e9, (startReturned - t0) / 1e9, rows.get());
    } finally {
      spark.streams().removeListener(progress);
    }
  }

  /**
   * Runs {@code warmupBatches + batches} batches of one row each through a fresh query and returns
   * the figures of the last {@code batches}: Spark's {@code triggerExecution} and the wall time
   * from {@code addData} until {@code processAllAvailable} returns.
   */
  static BatchOverhead batchOverhead(
      SparkSession spark, String queryName, int warmupBatches, int batches, Path checkpoint)
      throws Exception {
    int total = warmupBatches + batches;
    RunProgress progress = new RunProgress(total);
    spark.streams().addListener(progress);
    try {
      MemoryStream<Long> stream = MemoryStream.apply(Encoders.LONG(), spark);
      StreamingQuery query =
          stream
              .toDF()
              .select(col("value").plus(1).as("next"))
              .writeStream()
              .format("memory")
              .queryName(queryName)
              .option("checkpointLocation", checkpoint.toString())
              .start();
      double[] wallMs = new double[total];
      try {
        for (int i = 0; i < total; i++) {
          long t0 = System.nanoTime();
          stream.addData(CollectionConverters.asScala(List.of((long) i)));
          query.processAllAvailable();
          wallMs[i] = (System.nanoTime() - t0) / 1e6;
        }
        progress.await(query, TIMEOUT_SECONDS, "the progress of every overhead batch");
      } finally {
        query.stop();
      }
      long rows = spark.table(queryName).count();
      spark.catalog().dropTempView(queryName);
      List<Long> measuredTrigger = new ArrayList<>(batches);
      List<Double> measuredWall = new ArrayList<>(batches);
      for (int i = warmupBatches; i < total; i++) {
        measuredTrigger.add(progress.triggerExecutionMs(i));
        measuredWall.add(wallMs[i]);
      }
      return new BatchOverhead(measuredTrigger, measuredWall, rows);
    } finally {
      spark.streams().removeListener(progress);
    }
  }

  /**
   * Times one {@code Trigger.AvailableNow} query over every file in {@code input}: text lines,
   * {@code from_json} with the order schema, the order fields, {@code amount > 0 AND customer_id IS
   * NOT NULL}, counted in {@code foreachBatch}; from just before {@code start()} until it ends.
   */
  static Throughput throughput(
      SparkSession spark, Path input, int maxFilesPerTrigger, Path checkpoint) throws Exception {
    requireFolder(input);
    AtomicLong rows = new AtomicLong();
    AtomicLong batches = new AtomicLong();
    long cpu0 = ProcessCpu.nanos();
    long t0 = System.nanoTime();
    StreamingQuery query =
        spark
            .readStream()
            .format("text")
            .option("maxFilesPerTrigger", maxFilesPerTrigger)
            .load(input.toString())
            .select(from_json(col("value"), JsonOrdersAggregation.ORDER_SCHEMA).as("o"))
            .select(
                col("o.order_id").as("order_id"),
                col("o.customer_id").as("customer_id"),
                col("o.product").as("product"),
                col("o.amount").as("amount"))
            .filter("amount > 0 AND customer_id IS NOT NULL")
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
            "The throughput query did not end within " + TIMEOUT_SECONDS + " s");
      }
    } finally {
      query.stop();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpuSeconds = (ProcessCpu.nanos() - cpu0) / 1e9;
    return new Throughput(seconds, cpuSeconds, rows.get(), batches.get());
  }

  private static void requireFolder(Path input) {
    if (!Files.isDirectory(input)) {
      throw PeerErrors.inputNotFound("Input folder", input);
    }
  }
}
