package io.tideline.bench.streaming;

import static io.tideline.functions.col;
import static io.tideline.functions.count;
import static io.tideline.functions.from_json;
import static io.tideline.functions.lit;
import static io.tideline.functions.max;
import static io.tideline.functions.sum;
import static io.tideline.functions.window;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.bench.ProcessCpu;
import io.tideline.bench.TidelineSessions;
import io.tideline.internal.state.StateStoreRegistry;
import io.tideline.streaming.StateOperatorProgress;
import io.tideline.streaming.StreamingQuery;
import io.tideline.streaming.StreamingQueryException;
import io.tideline.streaming.StreamingQueryProgress;
import io.tideline.streaming.Trigger;
import io.tideline.types.StructType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Tideline's side of the windowed-aggregation benchmark, through the public API as a user would
 * write it, in the harness's JVM with one session for every run. The query mirrors tideline-spark's
 * {@code WindowedWorkloads}; see {@link WindowedEngine}.
 */
final class TidelineWindowedEngine implements WindowedEngine, HeapMeasuring {
  static final StructType BID_SCHEMA = StructType.fromDDL(BidEvents.DDL);
  private static final String NAME = "tideline";

  private final Tideline t;
  private final double sessionStartSeconds;
  private final long timeoutSeconds;

  private TidelineWindowedEngine(Tideline t, double sessionStartSeconds, long timeoutSeconds) {
    this.t = t;
    this.sessionStartSeconds = sessionStartSeconds;
    this.timeoutSeconds = timeoutSeconds;
  }

  /** Starts a session whose warehouse lies in {@code workDir}, so nothing lands elsewhere. */
  static TidelineWindowedEngine start(Path workDir, long timeoutSeconds) {
    TidelineSessions.Started session = TidelineSessions.start("windowed-bench", workDir);
    return new TidelineWindowedEngine(session.tideline(), session.startSeconds(), timeoutSeconds);
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

  /** The bids of {@code input} as a stream, {@code maxFilesPerTrigger} files a batch. */
  private DataFrame bids(Path input, BidFormat format, int maxFilesPerTrigger) {
    return switch (format) {
      case PARQUET ->
          t.readStream()
              .schema(BID_SCHEMA)
              .option("maxFilesPerTrigger", maxFilesPerTrigger)
              .parquet(input.toString());
      case JSON ->
          t.readStream()
              .format("text")
              .option("maxFilesPerTrigger", maxFilesPerTrigger)
              .load(input.toString())
              .select(from_json(col("value"), BID_SCHEMA).alias("b"))
              .select(
                  col("b.auction").alias("auction"),
                  col("b.price").alias("price"),
                  col("b.ts").alias("ts"));
    };
  }

  /** The benchmark's aggregation over {@code bids}. */
  static DataFrame windowedCounts(DataFrame bids) {
    return bids.withWatermark("ts", "4 seconds")
        .groupBy(window(col("ts"), "10 seconds"), col("auction"))
        .agg(count(lit(1)).alias("bids"), max(col("price")).alias("max_price"));
  }

  /** The checksum of one output batch: its only action. */
  static WindowedAnswer checksum(DataFrame batch) {
    Row r =
        batch.agg(count(lit(1)), sum(col("bids")), sum(col("max_price"))).collectAsList().get(0);
    return new WindowedAnswer(
        r.getLong(0), r.isNullAt(1) ? 0 : r.getLong(1), r.isNullAt(2) ? 0 : r.getLong(2));
  }

  private StreamingQuery startQuery(
      DataFrame bids,
      String outputMode,
      Trigger trigger,
      Path checkpoint,
      AtomicReference<WindowedAnswer> answer) {
    return windowedCounts(bids)
        .writeStream()
        .outputMode(outputMode)
        .trigger(trigger)
        .option("checkpointLocation", checkpoint.toString())
        .foreachBatch(
            (DataFrame batch, Long id) -> {
              WindowedAnswer a = checksum(batch);
              answer.accumulateAndGet(a, WindowedAnswer::plus);
            })
        .start();
  }

  @Override
  public WindowedRun windowed(
      Path input, BidFormat format, String outputMode, int maxFilesPerTrigger, Path checkpoint) {
    String workload = "windowed-" + format.wireName();
    AtomicReference<WindowedAnswer> answer = new AtomicReference<>(WindowedAnswer.NONE);
    long cpu0 = ProcessCpu.nanos();
    long t0 = System.nanoTime();
    StreamingQuery query =
        startQuery(
            bids(input, format, maxFilesPerTrigger),
            outputMode,
            Trigger.AvailableNow(),
            checkpoint,
            answer);
    awaitEnd(query, workload);
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpuSeconds = (ProcessCpu.nanos() - cpu0) / 1e9;
    long inputRows = 0;
    for (StreamingQueryProgress p : query.recentProgress()) {
      inputRows += p.numInputRows();
    }
    return new WindowedRun(seconds, cpuSeconds, inputRows, answer.get());
  }

  @Override
  public RecoveryRun recovery(Path build, Path extra, Path runDir, StateProvider provider) {
    String workload = "recovery-" + provider.wireName();
    Path input = runDir.resolve("input");
    Path checkpoint = runDir.resolve("checkpoint");
    withProvider(provider);
    try {
      copyInto(build, input, System.currentTimeMillis() - 10_000);
      AtomicReference<WindowedAnswer> first = new AtomicReference<>(WindowedAnswer.NONE);
      long t0 = System.nanoTime();
      StreamingQuery q1 =
          startQuery(
              bids(input, BidFormat.PARQUET, Integer.MAX_VALUE),
              "update",
              Trigger.AvailableNow(),
              checkpoint,
              first);
      awaitEnd(q1, workload);
      double buildSeconds = (System.nanoTime() - t0) / 1e9;
      long stateRows = stateRows(q1.lastProgress());
      copyInto(extra, input, System.currentTimeMillis());
      AtomicReference<WindowedAnswer> second = new AtomicReference<>(WindowedAnswer.NONE);
      FirstDataBatch firstData = new FirstDataBatch();
      t.streams().addListener(firstData);
      try {
        long t1 = System.nanoTime();
        StreamingQuery q2 =
            startQuery(
                bids(input, BidFormat.PARQUET, Integer.MAX_VALUE),
                "update",
                Trigger.AvailableNow(),
                checkpoint,
                second);
        awaitEnd(q2, workload);
        long committed = firstData.arrivedNanos(q2.runId(), 10);
        if (committed < 0) {
          throw StreamingBenchErrors.queryFailed(
              NAME, workload, "the restarted query reported no batch with input rows");
        }
        return new RecoveryRun(buildSeconds, (committed - t1) / 1e9, stateRows, second.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw StreamingBenchErrors.queryFailed(NAME, workload, "interrupted while waiting");
      } finally {
        t.streams().removeListener(firstData);
      }
    } finally {
      t.conf().unset(StateStoreRegistry.PROVIDER_CLASS);
    }
  }

  @Override
  public HeapRun heap(Path input, StateProvider provider, Path checkpoint) {
    String workload = "state-heap-" + provider.wireName();
    withProvider(provider);
    try {
      long before = usedHeapAfterGc();
      long rssBefore = residentBytes();
      AtomicReference<WindowedAnswer> answer = new AtomicReference<>(WindowedAnswer.NONE);
      StreamingQuery query =
          startQuery(
              bids(input, BidFormat.PARQUET, Integer.MAX_VALUE),
              "update",
              Trigger.ProcessingTime(0),
              checkpoint,
              answer);
      long with;
      long rssWith;
      StreamingQueryProgress last;
      try {
        query.processAllAvailable();
        with = usedHeapAfterGc();
        rssWith = residentBytes();
        last = lastDataProgress(query.recentProgress());
      } catch (StreamingQueryException e) {
        throw StreamingBenchErrors.queryFailed(NAME, workload, e);
      } finally {
        query.stop();
      }
      long after = usedHeapAfterGc();
      StateOperatorProgress op = last == null ? null : last.stateOperators().get(0);
      return new HeapRun(
          op == null ? 0 : op.numRowsTotal(),
          before,
          with,
          after,
          rssBefore < 0 || rssWith < 0 ? -1 : rssWith - rssBefore,
          op == null ? 0 : op.memoryUsedBytes());
    } finally {
      t.conf().unset(StateStoreRegistry.PROVIDER_CLASS);
    }
  }

  private void withProvider(StateProvider provider) {
    if (provider == StateProvider.ROCKSDB) {
      t.conf().set(StateStoreRegistry.PROVIDER_CLASS, "rocksdb");
    } else {
      t.conf().unset(StateStoreRegistry.PROVIDER_CLASS);
    }
  }

  private static StreamingQueryProgress lastDataProgress(List<StreamingQueryProgress> progress) {
    StreamingQueryProgress last = null;
    for (StreamingQueryProgress p : progress) {
      if (!p.stateOperators().isEmpty()) {
        last = p;
      }
    }
    return last;
  }

  private static long stateRows(StreamingQueryProgress p) {
    return p == null || p.stateOperators().isEmpty() ? 0 : p.stateOperators().get(0).numRowsTotal();
  }

  private void awaitEnd(StreamingQuery query, String workload) {
    try {
      if (!query.awaitTermination(timeoutSeconds * 1000)) {
        throw StreamingBenchErrors.timeout(NAME, workload, "end", timeoutSeconds);
      }
    } catch (StreamingQueryException e) {
      throw StreamingBenchErrors.queryFailed(NAME, workload, e);
    } finally {
      query.stop();
    }
  }

  /** Copies {@code file} into {@code dir} with the given modification time. */
  static void copyInto(Path file, Path dir, long mtimeMillis) {
    try {
      Files.createDirectories(dir);
      Path target = dir.resolve(file.getFileName());
      Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
      Files.setLastModifiedTime(target, FileTime.fromMillis(mtimeMillis));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not copy " + file + " into " + dir, e);
    }
  }

  /** Heap in use after full collections, settled over a few rounds. */
  static long usedHeapAfterGc() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  /** The process's resident set ({@code VmRSS} of {@code /proc/self/status}), or -1. */
  static long residentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  @Override
  public void close() {
    t.close();
  }
}
