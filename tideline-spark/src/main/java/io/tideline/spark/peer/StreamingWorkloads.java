package io.tideline.spark.peer;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.runtime.MemoryStream;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
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
    CountDownLatch committed = new CountDownLatch(1);
    AtomicLong committedAt = new AtomicLong();
    AtomicLong rows = new AtomicLong();
    StreamingQueryListener listener =
        new ProgressListener(
            progress -> {
              if (progress.batchId() == 0) {
                committedAt.set(System.nanoTime());
                committed.countDown();
              }
            });
    spark.streams().addListener(listener);
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
        awaitOrFail(committed, query, "batch 0 of the first-batch query");
      } finally {
        query.stop();
      }
      return new FirstBatch((committedAt.get() - t0) / 1e9, (startReturned - t0) / 1e9, rows.get());
    } finally {
      spark.streams().removeListener(listener);
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
    CountDownLatch reported = new CountDownLatch(total);
    long[] triggerMs = new long[total];
    StreamingQueryListener listener =
        new ProgressListener(
            progress -> {
              long id = progress.batchId();
              if (id >= 0 && id < total) {
                Long ms = progress.durationMs().get("triggerExecution");
                triggerMs[(int) id] = ms == null ? -1 : ms;
                reported.countDown();
              }
            });
    spark.streams().addListener(listener);
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
        awaitOrFail(reported, query, "the progress of every overhead batch");
      } finally {
        query.stop();
      }
      long rows = spark.table(queryName).count();
      spark.catalog().dropTempView(queryName);
      List<Long> measuredTrigger = new ArrayList<>(batches);
      List<Double> measuredWall = new ArrayList<>(batches);
      for (int i = warmupBatches; i < total; i++) {
        // Visible here: the listener wrote each entry before counting down the latch awaited above.
        measuredTrigger.add(triggerMs[i]);
        measuredWall.add(wallMs[i]);
      }
      return new BatchOverhead(measuredTrigger, measuredWall, rows);
    } finally {
      spark.streams().removeListener(listener);
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

  private static void awaitOrFail(CountDownLatch latch, StreamingQuery query, String what)
      throws StreamingQueryException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    // Polling the query as well as the latch: a failed query never reports progress.
    while (!latch.await(50, TimeUnit.MILLISECONDS)) {
      if (!query.isActive()) {
        query.awaitTermination();
        throw new IllegalStateException("The query ended before " + what + " was reported");
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Waited " + TIMEOUT_SECONDS + " s in vain for " + what + " to be reported");
      }
    }
  }

  /** A listener that hands every progress event to one callback. */
  private static final class ProgressListener extends StreamingQueryListener {
    private final Consumer<StreamingQueryProgress> onProgress;

    ProgressListener(Consumer<StreamingQueryProgress> onProgress) {
      this.onProgress = onProgress;
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {}

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
      onProgress.accept(event.progress());
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {}
  }
}
