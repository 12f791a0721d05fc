package io.tideline.bench.streaming;

import static io.tideline.functions.col;
import static io.tideline.functions.from_json;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.bench.ProcessCpu;
import io.tideline.bench.TidelineSessions;
import io.tideline.streaming.MemoryStream;
import io.tideline.streaming.StreamingQuery;
import io.tideline.streaming.StreamingQueryException;
import io.tideline.streaming.Trigger;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tideline's side of the streaming benchmark, written against the public API exactly as a user
 * would: {@code readStream()}, {@code writeStream()}, {@code foreachBatch}, {@code Trigger}, a
 * {@link io.tideline.streaming.StreamingQueryListener}. Runs in the harness's JVM with one session
 * for every run; the queries mirror tideline-spark's {@code StreamingWorkloads}.
 */
final class TidelineStreamingEngine implements StreamingEngine {
  /** The seed post's order schema, as in the engine-core benchmark. */
  static final StructType ORDER_SCHEMA =
      StructType.fromDDL(
          "order_id STRING, customer_id STRING, product STRING, amount DOUBLE, order_time"
              + " TIMESTAMP");

  private static final StructType ONE_LONG = new StructType().add("value", DataTypes.LongType);
  private static final String NAME = "tideline";

  private final Tideline t;
  private final double sessionStartSeconds;
  private final long timeoutSeconds;
  private int overheadQueries;

  private TidelineStreamingEngine(Tideline t, double sessionStartSeconds, long timeoutSeconds) {
    this.t = t;
    this.sessionStartSeconds = sessionStartSeconds;
    this.timeoutSeconds = timeoutSeconds;
  }

  /** Starts a session whose warehouse lies in {@code workDir}, so nothing lands elsewhere. */
  static TidelineStreamingEngine start(Path workDir, long timeoutSeconds) {
    TidelineSessions.Started session = TidelineSessions.start("streaming-bench", workDir);
    return new TidelineStreamingEngine(session.tideline(), session.startSeconds(), timeoutSeconds);
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
  public FirstBatchRun firstBatch(Path input, Path checkpoint) {
    Workload workload = Workload.FIRST_BATCH;
    BatchProgressWaiter progress = new BatchProgressWaiter(1);
    AtomicLong rows = new AtomicLong();
    t.streams().addListener(progress);
    try {
      long t0 = System.nanoTime();
      StreamingQuery query =
          t.readStream()
              .schema(ORDER_SCHEMA)
              .json(input.toString())
              .filter(col("amount").gt(100))
              .writeStream()
              .option("checkpointLocation", checkpoint.toString())
              .foreachBatch((DataFrame batch, Long id) -> rows.addAndGet(batch.count()))
              .start();
      long startReturned = System.nanoTime();
      try {
        awaitProgress(progress, query, workload, "report batch 0");
      } finally {
        query.stop();
      }
      return new FirstBatchRun(
          (progress.arrivedNanos(0) - t0) / 1e9, (startReturned - t0) / 1e9, rows.get());
    } finally {
      t.streams().removeListener(progress);
    }
  }

  @Override
  public OverheadRun batchOverhead(int warmupBatches, int batches, Path checkpoint) {
    Workload workload = Workload.BATCH_OVERHEAD;
    int total = warmupBatches + batches;
    BatchProgressWaiter progress = new BatchProgressWaiter(total);
    String table = "bench_overhead_" + (++overheadQueries);
    t.streams().addListener(progress);
    try {
      MemoryStream stream = MemoryStream.of(t, ONE_LONG);
      StreamingQuery query =
          stream
              .toDF()
              .select(col("value").plus(1).alias("next"))
              .writeStream()
              .format("memory")
              .queryName(table)
              .option("checkpointLocation", checkpoint.toString())
              .start();
      double[] wallMs = new double[total];
      try {
        for (int i = 0; i < total; i++) {
          long t0 = System.nanoTime();
          stream.addData(Row.of((long) i));
          query.processAllAvailable();
          wallMs[i] = (System.nanoTime() - t0) / 1e6;
        }
        awaitProgress(progress, query, workload, "report every batch");
      } catch (StreamingQueryException e) {
        throw StreamingBenchErrors.queryFailed(NAME, workload.cliName(), e);
      } finally {
        query.stop();
      }
      long rows = t.table(table).count();
      List<Long> trigger = new ArrayList<>(batches);
      List<Double> wall = new ArrayList<>(batches);
      for (int i = warmupBatches; i < total; i++) {
        trigger.add(progress.triggerExecutionMs(i));
        wall.add(wallMs[i]);
      }
      return new OverheadRun(trigger, wall, rows);
    } finally {
      t.streams().removeListener(progress);
    }
  }

  @Override
  public ThroughputRun throughput(Path input, int maxFilesPerTrigger, Path checkpoint) {
    Workload workload = Workload.THROUGHPUT;
    AtomicLong rows = new AtomicLong();
    AtomicLong batches = new AtomicLong();
    long cpu0 = ProcessCpu.nanos();
    long t0 = System.nanoTime();
    StreamingQuery query =
        t.readStream()
            .format("text")
            .option("maxFilesPerTrigger", maxFilesPerTrigger)
            .load(input.toString())
            .select(from_json(col("value"), ORDER_SCHEMA).alias("o"))
            .select(
                col("o.order_id").alias("order_id"),
                col("o.customer_id").alias("customer_id"),
                col("o.product").alias("product"),
                col("o.amount").alias("amount"))
            .filter("amount > 0 AND customer_id IS NOT NULL")
            .writeStream()
            .trigger(Trigger.AvailableNow())
            .option("checkpointLocation", checkpoint.toString())
            .foreachBatch(
                (DataFrame batch, Long id) -> {
                  rows.addAndGet(batch.count());
                  batches.incrementAndGet();
                })
            .start();
    try {
      if (!query.awaitTermination(timeoutSeconds * 1000)) {
        throw StreamingBenchErrors.timeout(NAME, workload.cliName(), "end", timeoutSeconds);
      }
    } catch (StreamingQueryException e) {
      throw StreamingBenchErrors.queryFailed(NAME, workload.cliName(), e);
    } finally {
      query.stop();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpuSeconds = (ProcessCpu.nanos() - cpu0) / 1e9;
    return new ThroughputRun(seconds, cpuSeconds, rows.get(), batches.get());
  }

  private void awaitProgress(
      BatchProgressWaiter progress, StreamingQuery query, Workload workload, String what) {
    try {
      switch (progress.await(query, timeoutSeconds)) {
        case REPORTED -> {}
        case QUERY_ENDED ->
            throw StreamingBenchErrors.queryFailed(
                NAME, workload.cliName(), "the query ended before it could " + what);
        case TIMED_OUT ->
            throw StreamingBenchErrors.timeout(NAME, workload.cliName(), what, timeoutSeconds);
      }
    } catch (StreamingQueryException e) {
      throw StreamingBenchErrors.queryFailed(NAME, workload.cliName(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw StreamingBenchErrors.queryFailed(NAME, workload.cliName(), "interrupted while waiting");
    }
  }

  @Override
  public void close() {
    t.close();
  }
}
