package io.tideline.bench.kafka;

import io.tideline.bench.ProcessCpu;
import io.tideline.internal.errors.TidelineException;
import io.tideline.kafka.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The Kafka benchmark's main: Tideline's Kafka source against Spark's ({@code local[2]}, its own
 * {@code spark-sql-kafka-0-10}) in one command, on one embedded broker this harness starts.
 *
 * <p>Protocol:
 *
 * <ol>
 *   <li>Start an {@link EmbeddedKafkaBroker} (PLAINTEXT, 127.0.0.1) in this JVM and write the
 *       orders once ({@link OrdersTopic}): a warm-up topic and the measured topic.
 *   <li>Start the engines: Tideline in this JVM, Spark in its own ({@link SparkKafkaEngine}).
 *   <li>Throughput: each engine reads the warm-up topic once, then the engines alternate their
 *       measured runs over the measured topic (Tideline, Spark, Tideline, ...), each a fresh
 *       AvailableNow query on a fresh checkpoint; every run's count of orders over 100 must equal
 *       the generator's, so both engines agree or no figures are printed.
 *   <li>Latency: per run and engine, fresh input and output topics; the engine starts its
 *       pass-through query; a {@link LatencyProbe} writes at the set rate and times every record to
 *       the output topic; the query is stopped.
 *   <li>Print the table ({@link KafkaResultTable}). The broker and the work folder are removed.
 * </ol>
 *
 * <p>The broker lives in this JVM, so it shares Tideline's process but not Spark's: Spark pays a
 * loopback hop to another process that Tideline also pays (the broker's threads are not Tideline's,
 * and every byte still goes through a socket), so the comparison stays one of clients.
 */
public final class KafkaBenchmark {

  private KafkaBenchmark() {}

  public static void main(String[] args) {
    try {
      KafkaBenchSettings settings = KafkaBenchSettings.parse(args);
      System.out.println(
          "Command: "
              + System.getProperty("tideline.bench.command", "KafkaBenchmark")
              + (args.length == 0 ? "" : " " + String.join(" ", args)));
      run(settings, System.out);
    } catch (TidelineException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    } catch (RuntimeException e) {
      e.printStackTrace();
      System.exit(1);
    }
    // The session, the broker and Spark's pipes may leave threads behind; the figures are out.
    System.exit(0);
  }

  /** Runs the whole benchmark with the real engines. */
  static List<KafkaEngineRuns> run(KafkaBenchSettings settings, PrintStream out) {
    Path workDir;
    try {
      workDir = Files.createTempDirectory("tideline-kafka-bench-");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not make a temporary work folder", e);
    }
    Thread cleanup = new Thread(() -> deleteRecursively(workDir), "kafka-bench-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      return run(
          settings,
          out,
          workDir,
          name ->
              name.equals("spark")
                  ? SparkKafkaEngine.start(workDir)
                  : TidelineKafkaEngine.start(workDir, settings.tidelineSink()));
    } finally {
      deleteRecursively(workDir);
      Runtime.getRuntime().removeShutdownHook(cleanup);
    }
  }

  /**
   * Runs the benchmark with engines from {@code startEngine}; checkpoints go under {@code workDir}.
   */
  static List<KafkaEngineRuns> run(
      KafkaBenchSettings settings,
      PrintStream out,
      Path workDir,
      Function<String, KafkaEngine> startEngine) {
    try (EmbeddedKafkaBroker broker = BenchBroker.start(out)) {
      boolean throughput = settings.workloads().contains(KafkaBenchSettings.THROUGHPUT);
      OrdersTopic warmup = null;
      OrdersTopic orders = null;
      if (throughput) {
        if (settings.warmupRecords() > 0) {
          warmup = produce(broker, "orders-warmup", settings.warmupRecords(), settings, out);
        }
        orders = produce(broker, "orders", settings.records(), settings, out);
      }
      List<KafkaEngine> engines = new ArrayList<>();
      try {
        List<KafkaEngineRuns> runs = new ArrayList<>();
        for (String name : settings.engines()) {
          out.printf(Locale.ROOT, "Starting %s...%n", name);
          KafkaEngine engine = startEngine.apply(name);
          engines.add(engine);
          runs.add(
              new KafkaEngineRuns(engine.name(), engine.version(), engine.sessionStartSeconds()));
          out.printf(
              Locale.ROOT,
              "  %s %s: session started in %.3f s%n",
              engine.name(),
              engine.version(),
              engine.sessionStartSeconds());
        }
        Checkpoints checkpoints = new Checkpoints(workDir.resolve("checkpoints"));
        if (throughput) {
          for (KafkaEngine engine : engines) {
            if (warmup != null) {
              throughputOnce(broker, engine, warmup, settings, checkpoints, out, "warm-up", null);
            }
          }
          for (int i = 0; i < settings.runs(); i++) {
            for (int e = 0; e < engines.size(); e++) {
              throughputOnce(
                  broker,
                  engines.get(e),
                  orders,
                  settings,
                  checkpoints,
                  out,
                  "run " + (i + 1),
                  runs.get(e));
            }
          }
        }
        if (settings.workloads().contains(KafkaBenchSettings.LATENCY)) {
          LatencyProbe probe =
              new LatencyProbe(
                  broker.bootstrapServers(),
                  settings.rate(),
                  settings.latencyWarmupSeconds(),
                  settings.latencySeconds(),
                  120);
          for (int i = 0; i < settings.latencyRuns(); i++) {
            for (int e = 0; e < engines.size(); e++) {
              latencyOnce(
                  broker, engines.get(e), probe, settings, checkpoints, out, i + 1, runs.get(e));
            }
          }
        }
        out.print(KafkaResultTable.render(runs, settings.records()));
        return runs;
      } finally {
        for (KafkaEngine engine : engines) {
          engine.close();
        }
      }
    }
  }

  private static OrdersTopic produce(
      EmbeddedKafkaBroker broker,
      String topic,
      long records,
      KafkaBenchSettings settings,
      PrintStream out) {
    long t0 = System.nanoTime();
    OrdersTopic written = OrdersTopic.produce(broker, topic, records, settings.partitions());
    out.printf(
        Locale.ROOT,
        "Wrote %s in %.1f s; %d orders over 100%n",
        written,
        (System.nanoTime() - t0) / 1e9,
        written.over100());
    return written;
  }

  private static void throughputOnce(
      EmbeddedKafkaBroker broker,
      KafkaEngine engine,
      OrdersTopic topic,
      KafkaBenchSettings settings,
      Checkpoints checkpoints,
      PrintStream out,
      String label,
      KafkaEngineRuns into) {
    double load = ProcessCpu.loadAverage();
    KafkaEngine.ThroughputRun r =
        engine.throughput(
            broker.bootstrapServers(),
            topic.name(),
            settings.maxOffsetsPerTrigger(),
            checkpoints.next(engine.name(), KafkaBenchSettings.THROUGHPUT));
    if (r.rows() != topic.over100()) {
      throw KafkaBenchErrors.wrongAnswer(
          engine.name(),
          KafkaBenchSettings.THROUGHPUT,
          "the count of orders over 100 in topic " + topic.name(),
          r.rows(),
          topic.over100());
    }
    out.printf(
        Locale.ROOT,
        "  throughput %-8s %-8s %.3f s, %.0f records/s, %.2f CPU s, %d batches (load average"
            + " %.2f)%n",
        label,
        engine.name(),
        r.seconds(),
        topic.records() / r.seconds(),
        r.cpuSeconds(),
        r.batches(),
        load);
    if (into != null) {
      into.throughput().add(r);
    }
  }

  private static void latencyOnce(
      EmbeddedKafkaBroker broker,
      KafkaEngine engine,
      LatencyProbe probe,
      KafkaBenchSettings settings,
      Checkpoints checkpoints,
      PrintStream out,
      int run,
      KafkaEngineRuns into) {
    double load = ProcessCpu.loadAverage();
    String in = "latency-in-" + engine.name() + "-" + run;
    String outTopic = "latency-out-" + engine.name() + "-" + run;
    broker.createTopic(in, settings.partitions());
    broker.createTopic(outTopic, settings.partitions());
    engine.startPassThrough(
        broker.bootstrapServers(),
        in,
        outTopic,
        checkpoints.next(engine.name(), KafkaBenchSettings.LATENCY));
    LatencyStats stats;
    try {
      stats = probe.run(engine.name(), in, outTopic, settings.partitions());
    } catch (RuntimeException e) {
      try {
        engine.stopPassThrough();
      } catch (RuntimeException queryFailure) {
        // The query's own failure explains the lost records better than the probe's count.
        queryFailure.addSuppressed(e);
        throw queryFailure;
      }
      throw e;
    }
    KafkaEngine.PassThroughResult result = engine.stopPassThrough();
    long batches = result.batches();
    out.printf(
        Locale.ROOT,
        "  latency    run %-4d %-8s p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms over %d"
            + " records, %d batches (load average %.2f)%n",
        run,
        engine.name(),
        stats.p50Ms(),
        stats.p99Ms(),
        stats.p999Ms(),
        stats.maxMs(),
        stats.records(),
        batches,
        load);
    out.printf(Locale.ROOT, "             mean durationMs per batch: %s%n", means(result));
    into.latency().add(new KafkaEngineRuns.LatencyRun(stats, batches));
  }

  private static String means(KafkaEngine.PassThroughResult result) {
    StringBuilder s = new StringBuilder();
    result
        .meanDurationMs()
        .forEach(
            (phase, ms) ->
                s.append(s.length() == 0 ? "" : ", ")
                    .append(phase)
                    .append(' ')
                    .append(String.format(Locale.ROOT, "%.2f", ms)));
    return s.toString();
  }

  /** Hands out a fresh checkpoint folder per run: {@code <engine>-<workload>-<n>}. */
  private static final class Checkpoints {
    private final Path root;
    private int n;

    Checkpoints(Path root) {
      this.root = root;
    }

    Path next(String engine, String workload) {
      return root.resolve(engine + "-" + workload + "-" + (++n));
    }
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      System.err.println("Could not delete the work folder " + root + ": " + e);
    }
  }
}
