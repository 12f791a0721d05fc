package io.tideline.spark.peer;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.window;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.StructType;

/**
 * The windowed-aggregation benchmark's measurements on Spark Structured Streaming (tideline-bench's
 * {@code run-windowed.sh}), each a fresh query in an already started session.
 *
 * <p>The query: bids ({@code auction BIGINT, price BIGINT, ts TIMESTAMP}) → {@code
 * withWatermark("ts", "4 seconds")} → {@code groupBy(window(ts, "10 seconds"), auction)} → {@code
 * count(*) AS bids, max(price) AS max_price} → {@code foreachBatch}, whose only action sums the
 * batch into a checksum (rows, sum of bids, sum of max_price), so the rows are computed and
 * discarded. Tideline's side (tideline-bench, {@code TidelineWindowedEngine}) runs the same query;
 * keep the two in step.
 */
final class WindowedWorkloads {
  static final StructType BID_SCHEMA =
      StructType.fromDDL("auction BIGINT, price BIGINT, ts TIMESTAMP");

  private static final String PROVIDER_CONF = "spark.sql.streaming.stateStore.providerClass";
  private static final String ROCKSDB_PROVIDER =
      "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider";
  private static final long TIMEOUT_SECONDS = 1800;

  private WindowedWorkloads() {}

  /** The checksum of a query's output: rows, the sum of {@code bids}, the sum of max_price. */
  record Answer(long rows, long sumBids, long sumMaxPrice) {
    static final Answer NONE = new Answer(0, 0, 0);

    Answer plus(Answer o) {
      return new Answer(rows + o.rows, sumBids + o.sumBids, sumMaxPrice + o.sumMaxPrice);
    }
  }

  /** One AvailableNow run over the whole folder. */
  record Run(double seconds, double cpuSeconds, long inputRows, Answer answer) {}

  /** A restart over built state. */
  record Recovery(double buildSeconds, double recoverySeconds, long stateRows, Answer firstBatch) {}

  /**
   * Times one {@code Trigger.AvailableNow} run of the query over every file in {@code input}
   * ({@code parquet} files, or {@code json} lines parsed with {@code from_json}), from just before
   * {@code start()} until it ends.
   */
  static Run windowed(
      SparkSession spark,
      Path input,
      String format,
      String outputMode,
      int maxFilesPerTrigger,
      Path checkpoint)
      throws Exception {
    AtomicReference<Answer> answer = new AtomicReference<>(Answer.NONE);
    long cpu0 = ProcessCpu.nanos();
    long t0 = System.nanoTime();
    StreamingQuery query =
        start(bids(spark, input, format, maxFilesPerTrigger), outputMode, checkpoint, answer);
    awaitEnd(query);
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpuSeconds = (ProcessCpu.nanos() - cpu0) / 1e9;
    long inputRows = 0;
    for (StreamingQueryProgress p : query.recentProgress()) {
      inputRows += p.numInputRows();
    }
    return new Run(seconds, cpuSeconds, inputRows, answer.get());
  }

  /**
   * Builds state from the Parquet file {@code build} (copied into {@code runDir/input}) with one
   * AvailableNow run in update mode on {@code runDir/checkpoint} and state store {@code provider}
   * ({@code default}: Spark's HDFS-backed store; {@code rocksdb}); then adds the Parquet file
   * {@code extra} and restarts, timing from just before {@code start()} until the first batch with
   * input rows has reported its progress, which Spark posts after the batch's commit.
   */
  static Recovery recovery(SparkSession spark, Path build, Path extra, Path runDir, String provider)
      throws Exception {
    if (provider.equals("rocksdb")) {
      spark.conf().set(PROVIDER_CONF, ROCKSDB_PROVIDER);
    } else if (provider.equals("default")) {
      spark.conf().unset(PROVIDER_CONF);
    } else {
      throw PeerErrors.usage("Unknown state provider '" + provider + "'; use default or rocksdb");
    }
    Path input = runDir.resolve("input");
    Path checkpoint = runDir.resolve("checkpoint");
    FirstDataBatch firstData = new FirstDataBatch();
    try {
      copyInto(build, input, System.currentTimeMillis() - 10_000);
      long t0 = System.nanoTime();
      StreamingQuery q1 =
          start(
              bids(spark, input, "parquet", 0),
              "update",
              checkpoint,
              new AtomicReference<>(Answer.NONE));
      awaitEnd(q1);
      double buildSeconds = (System.nanoTime() - t0) / 1e9;
      StreamingQueryProgress last = q1.lastProgress();
      long stateRows =
          last == null || last.stateOperators().length == 0
              ? 0
              : last.stateOperators()[0].numRowsTotal();
      copyInto(extra, input, System.currentTimeMillis());
      spark.streams().addListener(firstData);
      AtomicReference<Answer> second = new AtomicReference<>(Answer.NONE);
      long t1 = System.nanoTime();
      StreamingQuery q2 = start(bids(spark, input, "parquet", 0), "update", checkpoint, second);
      awaitEnd(q2);
      long committed = firstData.arrivedNanos(q2.runId(), 10);
      if (committed < 0) {
        throw new IllegalStateException("The restarted query reported no batch with input rows");
      }
      return new Recovery(buildSeconds, (committed - t1) / 1e9, stateRows, second.get());
    } finally {
      spark.streams().removeListener(firstData);
      spark.conf().unset(PROVIDER_CONF);
    }
  }

  private static Dataset<Row> bids(
      SparkSession spark, Path input, String format, int maxFilesPerTrigger) {
    if (!Files.isDirectory(input)) {
      throw PeerErrors.inputNotFound("Input folder", input);
    }
    var reader = spark.readStream();
    if (maxFilesPerTrigger > 0) {
      reader = reader.option("maxFilesPerTrigger", maxFilesPerTrigger);
    }
    return switch (format) {
      case "parquet" -> reader.schema(BID_SCHEMA).parquet(input.toString());
      case "json" ->
          reader
              .format("text")
              .load(input.toString())
              .select(from_json(col("value"), BID_SCHEMA).as("b"))
              .select(
                  col("b.auction").as("auction"), col("b.price").as("price"), col("b.ts").as("ts"));
      default -> throw PeerErrors.usage("Unknown bid format '" + format + "'; use parquet or json");
    };
  }

  private static StreamingQuery start(
      Dataset<Row> bids, String outputMode, Path checkpoint, AtomicReference<Answer> answer)
      throws Exception {
    return bids.withWatermark("ts", "4 seconds")
        .groupBy(window(col("ts"), "10 seconds"), col("auction"))
        .agg(count(lit(1)).as("bids"), max(col("price")).as("max_price"))
        .writeStream()
        .outputMode(outputMode)
        .trigger(Trigger.AvailableNow())
        .option("checkpointLocation", checkpoint.toString())
        .foreachBatch(
            (VoidFunction2<Dataset<Row>, Long>)
                (batch, id) -> answer.accumulateAndGet(checksum(batch), Answer::plus))
        .start();
  }

  /** The checksum of one output batch: its only action. */
  private static Answer checksum(Dataset<Row> batch) {
    Row r =
        batch.agg(count(lit(1)), sum(col("bids")), sum(col("max_price"))).collectAsList().get(0);
    return new Answer(
        r.getLong(0), r.isNullAt(1) ? 0 : r.getLong(1), r.isNullAt(2) ? 0 : r.getLong(2));
  }

  private static void awaitEnd(StreamingQuery query) throws Exception {
    try {
      if (!query.awaitTermination(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS))) {
        throw new IllegalStateException(
            "The windowed query did not end within " + TIMEOUT_SECONDS + " s");
      }
    } finally {
      query.stop();
    }
  }

  private static void copyInto(Path file, Path dir, long mtimeMillis) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw PeerErrors.inputNotFound("Input file", file);
    }
    Files.createDirectories(dir);
    Path target = dir.resolve(file.getFileName());
    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(target, FileTime.fromMillis(mtimeMillis));
  }

  /** Records per run when the progress of its first batch with input rows arrived. */
  private static final class FirstDataBatch extends StreamingQueryListener {
    private final Map<UUID, Long> arrived = new ConcurrentHashMap<>();
    private final Map<UUID, CountDownLatch> latches = new ConcurrentHashMap<>();

    @Override
    public void onQueryStarted(QueryStartedEvent event) {}

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
      long now = System.nanoTime();
      if (event.progress().numInputRows() > 0) {
        UUID run = event.progress().runId();
        if (arrived.putIfAbsent(run, now) == null) {
          latch(run).countDown();
        }
      }
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {}

    long arrivedNanos(UUID runId, long timeoutSeconds) throws InterruptedException {
      latch(runId).await(timeoutSeconds, TimeUnit.SECONDS);
      Long at = arrived.get(runId);
      return at == null ? -1 : at;
    }

    private CountDownLatch latch(UUID runId) {
      return latches.computeIfAbsent(runId, id -> new CountDownLatch(1));
    }
  }
}
