package io.tideline.bench.streaming;

import io.tideline.bench.BenchMain;
import io.tideline.bench.BenchOptions;
import io.tideline.bench.ProcessCpu;
import io.tideline.bench.WorkFolder;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The streaming benchmark's main: Tideline's Structured Streaming against Spark's (local[2]) in one
 * command, on the same machine and the same data.
 *
 * <p>Three workloads, each a fresh query on a fresh checkpoint per run: (a) from {@code start()} to
 * the first committed batch, (b) the per-batch overhead with one row per batch, (c) the throughput
 * of order lines with AvailableNow. See {@link StreamingEngine} for the exact queries. Each engine
 * starts its session once (reported apart), warms up on every workload, then the engines alternate
 * their measured runs so that load from elsewhere falls on both alike. Data and checkpoints live in
 * a temporary folder that is deleted at the end.
 *
 * <p>Options: {@code --records N} (2000000), {@code --files K} (20), {@code --max-files-per-trigger
 * K} (5), {@code --warmup N} (1), {@code --runs N} (3), {@code --batches N} (200), {@code
 * --warmup-batches N} (20), {@code --engines tideline,spark}, {@code --workloads
 * first-batch,batch-overhead,throughput}, {@code --timeout SECONDS} (600: how long one Tideline
 * query may take; the Spark peer always allows 600 s).
 */
public final class StreamingBenchmark {
  static final String USAGE =
      "Usage: run-streaming.sh [--records N] [--files K] [--max-files-per-trigger K] [--warmup N]"
          + " [--runs N] [--batches N] [--warmup-batches N] [--engines tideline,spark]"
          + " [--workloads first-batch,batch-overhead,throughput] [--timeout SECONDS]";

  private static final List<String> OPTIONS =
      List.of(
          "--records",
          "--files",
          "--max-files-per-trigger",
          "--warmup",
          "--runs",
          "--batches",
          "--warmup-batches",
          "--engines",
          "--workloads",
          "--timeout");

  private StreamingBenchmark() {}

  public static void main(String[] args) {
    BenchMain.run("StreamingBenchmark", args, StreamingBenchmark::parse, StreamingBenchmark::run);
  }

  static void run(StreamingSettings settings, PrintStream out) {
    try (WorkFolder work = WorkFolder.create("streaming")) {
      Path workDir = work.path();
      out.printf(Locale.ROOT, "Writing the inputs into %s%n", workDir);
      StreamingInputs inputs = StreamingInputs.write(workDir, settings.records(), settings.files());
      out.printf(
          Locale.ROOT,
          "Inputs: %d lines in 1 file for (a); %d lines in %d files, %.1f MB, for (c). %d cores,"
              + " Java %s%n",
          StreamingInputs.SMALL_RECORDS,
          inputs.orders().records(),
          inputs.orders().files(),
          inputs.orders().bytes() / 1e6,
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"));
      List<EngineRuns> runs =
          measure(
              settings,
              inputs,
              workDir.resolve("checkpoints"),
              engineFactory(workDir, settings),
              out);
      out.print(StreamingResultTable.render(runs));
    }
  }

  private static Function<String, StreamingEngine> engineFactory(
      Path workDir, StreamingSettings settings) {
    return name ->
        name.equals("spark")
            ? SparkStreamingEngine.start(workDir)
            : TidelineStreamingEngine.start(workDir, settings.timeoutSeconds());
  }

  /**
   * Starts every engine, then for each workload warms every engine up and alternates their measured
   * runs (A, B, A, B, ...), checking each answer; closes every engine at the end.
   */
  static List<EngineRuns> measure(
      StreamingSettings settings,
      StreamingInputs inputs,
      Path checkpoints,
      Function<String, StreamingEngine> startEngine,
      PrintStream out) {
    List<StreamingEngine> engines = new ArrayList<>();
    try {
      List<EngineRuns> runs = new ArrayList<>();
      for (String name : settings.engines()) {
        out.printf(Locale.ROOT, "Starting %s...%n", name);
        StreamingEngine engine = startEngine.apply(name);
        engines.add(engine);
        runs.add(new EngineRuns(engine.name(), engine.version(), engine.sessionStartSeconds()));
        out.printf(
            Locale.ROOT,
            "  %s %s: session started in %.3f s%n",
            engine.name(),
            engine.version(),
            engine.sessionStartSeconds());
      }
      RunCounter counter = new RunCounter(checkpoints);
      for (Workload workload : settings.workloads()) {
        for (int e = 0; e < engines.size(); e++) {
          for (int i = 0; i < settings.warmupRuns(); i++) {
            runOnce(workload, engines.get(e), settings, inputs, counter, null, out, "warm-up");
          }
        }
        for (int i = 0; i < settings.runs(); i++) {
          for (int e = 0; e < engines.size(); e++) {
            runOnce(
                workload,
                engines.get(e),
                settings,
                inputs,
                counter,
                runs.get(e),
                out,
                "run " + (i + 1));
          }
        }
      }
      return runs;
    } finally {
      for (StreamingEngine engine : engines) {
        engine.close();
      }
    }
  }

  /** Runs one workload once, checks its answer and, unless {@code into} is null, records it. */
  private static void runOnce(
      Workload workload,
      StreamingEngine engine,
      StreamingSettings settings,
      StreamingInputs inputs,
      RunCounter counter,
      EngineRuns into,
      PrintStream out,
      String label) {
    double load = ProcessCpu.loadAverage();
    Path checkpoint = counter.next(engine.name(), workload);
    String name = engine.name();
    String w = workload.cliName();
    String figures;
    switch (workload) {
      case FIRST_BATCH -> {
        FirstBatchRun r = engine.firstBatch(inputs.small(), checkpoint);
        check(name, w, "batch 0's row count", r.rows(), inputs.smallOver100());
        figures = String.format(Locale.ROOT, "first commit after %.3f s", r.seconds());
        if (into != null) {
          into.firstBatch().add(r);
        }
      }
      case BATCH_OVERHEAD -> {
        OverheadRun r =
            engine.batchOverhead(settings.warmupBatches(), settings.batches(), checkpoint);
        check(
            name,
            w,
            "the memory sink's row count",
            r.rows(),
            (long) settings.warmupBatches() + settings.batches());
        figures =
            String.format(
                Locale.ROOT,
                "median triggerExecution %.1f ms, median wall %.1f ms per batch",
                r.medianTriggerMs(),
                r.medianWallMs());
        if (into != null) {
          into.overhead().add(r);
        }
      }
      case THROUGHPUT -> {
        ThroughputRun r =
            engine.throughput(inputs.orders().dir(), settings.maxFilesPerTrigger(), checkpoint);
        check(name, w, "the rows counted", r.rows(), inputs.throughputRows());
        check(
            name,
            w,
            "the number of batches",
            r.batches(),
            inputs.throughputBatches(settings.maxFilesPerTrigger()));
        figures =
            String.format(
                Locale.ROOT,
                "%.3f s, %.0f records/s, %.2f CPU s",
                r.seconds(),
                r.recordsPerSecond(),
                r.cpuSeconds());
        if (into != null) {
          into.throughput().add(r);
        }
      }
      default -> throw new IllegalStateException("Bug in Tideline: workload " + workload);
    }
    out.printf(
        Locale.ROOT, "  %-14s %-8s %-8s %s (load average %.2f)%n", w, label, name, figures, load);
  }

  private static void check(
      String engine, String workload, String what, long actual, long expected) {
    if (actual != expected) {
      throw StreamingBenchErrors.wrongAnswer(engine, workload, what, actual, expected);
    }
  }

  /** Hands out a fresh checkpoint folder per run: {@code <engine>-<workload>-<n>}. */
  private static final class RunCounter {
    private final Path root;
    private int n;

    RunCounter(Path root) {
      this.root = root;
    }

    Path next(String engine, Workload workload) {
      return root.resolve(engine + "-" + workload.cliName() + "-" + (++n));
    }
  }

  static StreamingSettings parse(String[] args) {
    BenchOptions options = BenchOptions.parse(args, OPTIONS, Set.of(), StreamingBenchErrors::usage);
    Map<String, String> values = options.values();
    List<Workload> workloads = new ArrayList<>();
    for (String name :
        values.getOrDefault("--workloads", "first-batch,batch-overhead,throughput").split(",")) {
      workloads.add(Workload.fromCliName(name));
    }
    return new StreamingSettings(
        number(options, "--records", 2_000_000),
        (int) number(options, "--files", 20),
        (int) number(options, "--max-files-per-trigger", 5),
        (int) number(options, "--warmup", 1),
        (int) number(options, "--runs", 3),
        (int) number(options, "--batches", 200),
        (int) number(options, "--warmup-batches", 20),
        List.of(values.getOrDefault("--engines", "tideline,spark").split(",")),
        workloads,
        number(options, "--timeout", 600));
  }

  private static long number(BenchOptions options, String name, long defaultValue) {
    return options.number(name, defaultValue, StreamingBenchErrors::usage);
  }
}
