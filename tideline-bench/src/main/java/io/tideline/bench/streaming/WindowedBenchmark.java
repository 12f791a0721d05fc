package io.tideline.bench.streaming;

import io.tideline.bench.BenchMain;
import io.tideline.bench.ProcessCpu;
import io.tideline.bench.WorkFolder;
import io.tideline.bench.streaming.WindowedFigures.Figure;
import io.tideline.bench.streaming.WindowedFigures.Goal;
import io.tideline.bench.streaming.WindowedFigures.GoalKind;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The windowed-aggregation benchmark's main (issue 4 item 9): Tideline against Spark (local[2]) in
 * one command, on the same bids.
 *
 * <p>Measurements, each a fresh query on a fresh checkpoint per run: (a) events per second of the
 * windowed query ({@link WindowedEngine}) over Parquet bids with AvailableNow, (b) the same over
 * JSON lines parsed with {@code from_json}, (c) Tideline's heap bytes per live key with the state
 * of {@code --state-keys} keys, in memory and in RocksDB, (d) the time from a restart over that
 * state to its first committed batch, per engine and state store. Each engine starts its session
 * once (reported apart); for (a) and (b) every engine warms up, then the engines alternate their
 * measured runs so load from elsewhere falls on both alike. Every run's answer is checked against
 * the generator's ({@link WindowedAnswer}) and the engines' against each other before its figures
 * count. Data and checkpoints live in a temporary folder that is deleted at the end.
 */
public final class WindowedBenchmark {
  static final Goal THROUGHPUT_PARQUET_GOAL =
      new Goal(GoalKind.RATIO_AT_LEAST, 2, "goal >= 2x Spark");
  static final Goal THROUGHPUT_JSON_GOAL = new Goal(GoalKind.RATIO_AT_LEAST, 5, "goal >= 5x Spark");
  static final Goal HEAP_GOAL = new Goal(GoalKind.TIDELINE_AT_MOST, 200, "goal <= 200 B/key");

  private WindowedBenchmark() {}

  public static void main(String[] args) {
    BenchMain.run("WindowedBenchmark", args, WindowedSettings::parse, WindowedBenchmark::run);
  }

  static void run(WindowedSettings settings, PrintStream out) {
    try (WorkFolder work = WorkFolder.create("windowed")) {
      Path workDir = work.path();
      out.printf(Locale.ROOT, "Writing the inputs into %s%n", workDir);
      long t0 = System.nanoTime();
      WindowedInputs inputs =
          WindowedInputs.write(
              workDir,
              BidEvents.throughput(settings.events(), settings.auctions()),
              settings.files(),
              settings.needsStateInputs() ? settings.stateKeys() : 0);
      out.printf(
          Locale.ROOT,
          "Inputs (%.1f s): %d bids on %d live auctions in %d files, JSON %.1f MB, Parquet %.1f MB,"
              + " %d files a batch; state: %d keys. %d cores, Java %s%n",
          (System.nanoTime() - t0) / 1e9,
          settings.events(),
          settings.auctions(),
          settings.files(),
          inputs.jsonBytes() / 1e6,
          inputs.parquetBytes() / 1e6,
          settings.maxFilesPerTrigger(),
          settings.needsStateInputs() ? settings.stateKeys() : 0,
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"));
      WindowedFigures figures =
          measure(settings, inputs, workDir.resolve("runs"), engineFactory(workDir, settings), out);
      out.print(figures.render());
    }
  }

  private static Function<String, WindowedEngine> engineFactory(
      Path workDir, WindowedSettings settings) {
    return name ->
        name.equals("spark")
            ? SparkStreamingEngine.start(workDir)
            : TidelineWindowedEngine.start(workDir, settings.timeoutSeconds());
  }

  /**
   * Starts every engine, runs each workload (warm-ups, then the engines' measured runs in turn),
   * checks every answer and collects the figures; closes every engine at the end.
   */
  static WindowedFigures measure(
      WindowedSettings settings,
      WindowedInputs inputs,
      Path runs,
      Function<String, WindowedEngine> startEngine,
      PrintStream out) {
    WindowedFigures figures = new WindowedFigures();
    List<WindowedEngine> engines = new ArrayList<>();
    try {
      Figure sessionStart = figures.figure("session start (once)", "s", true, "%.3f", null);
      for (String name : settings.engines()) {
        out.printf(Locale.ROOT, "Starting %s...%n", name);
        WindowedEngine engine = startEngine.apply(name);
        engines.add(engine);
        out.printf(
            Locale.ROOT,
            "  %s %s: session started in %.3f s%n",
            engine.name(),
            engine.version(),
            engine.sessionStartSeconds());
        figures.add(sessionStart, engine.name(), engine.sessionStartSeconds());
      }
      Runner runner = new Runner(settings, inputs, runs, figures, out);
      for (WindowedWorkload workload : settings.workloads()) {
        switch (workload) {
          case PARQUET, JSON -> {
            for (String mode : settings.outputModes()) {
              runner.throughput(engines, workload, mode);
            }
          }
          case STATE_HEAP -> runner.heap(engines);
          case RECOVERY -> runner.recovery(engines);
        }
      }
      return figures;
    } finally {
      for (WindowedEngine engine : engines) {
        engine.close();
      }
    }
  }

  /** Runs and checks the measurements of one command; hands out a fresh folder per run. */
  private static final class Runner {
    private final WindowedSettings settings;
    private final WindowedInputs inputs;
    private final Path runs;
    private final WindowedFigures figures;
    private final PrintStream out;
    private final Map<String, WindowedAnswer> firstAnswers = new HashMap<>();
    private int n;

    Runner(
        WindowedSettings settings,
        WindowedInputs inputs,
        Path runs,
        WindowedFigures figures,
        PrintStream out) {
      this.settings = settings;
      this.inputs = inputs;
      this.runs = runs;
      this.figures = figures;
      this.out = out;
    }

    private Path next(String engine, String what) {
      return runs.resolve(engine + "-" + what + "-" + (++n));
    }

    void throughput(List<WindowedEngine> engines, WindowedWorkload workload, String mode) {
      BidFormat format = workload == WindowedWorkload.PARQUET ? BidFormat.PARQUET : BidFormat.JSON;
      String what = workload.cliName() + "-" + mode;
      String tag = workload == WindowedWorkload.PARQUET ? "(a)" : "(b)";
      Figure rate =
          figures.figure(
              tag + " " + format.wireName() + ", " + mode + ": events/s",
              "events/s",
              false,
              "%.0f",
              format == BidFormat.PARQUET ? THROUGHPUT_PARQUET_GOAL : THROUGHPUT_JSON_GOAL);
      Figure cpu =
          figures.figure(
              "    " + format.wireName() + ", " + mode + ": CPU per M events",
              "CPU s",
              true,
              "%.2f",
              null);
      List<WindowedAnswer> expected = inputs.expected(settings.maxFilesPerTrigger(), mode);
      Path input = format == BidFormat.PARQUET ? inputs.parquet() : inputs.json();
      for (WindowedEngine engine : engines) {
        for (int i = 0; i < settings.warmupRuns(); i++) {
          throughputOnce(engine, format, mode, what, input, expected, null, null, "warm-up");
        }
      }
      for (int i = 0; i < settings.runs(); i++) {
        for (WindowedEngine engine : engines) {
          throughputOnce(engine, format, mode, what, input, expected, rate, cpu, "run " + (i + 1));
        }
      }
    }

    private void throughputOnce(
        WindowedEngine engine,
        BidFormat format,
        String mode,
        String what,
        Path input,
        List<WindowedAnswer> expected,
        Figure rate,
        Figure cpu,
        String label) {
      double load = ProcessCpu.loadAverage();
      WindowedRun r =
          engine.windowed(
              input, format, mode, settings.maxFilesPerTrigger(), next(engine.name(), what));
      check(engine.name(), what, "the input rows", r.inputRows(), settings.events());
      if (!expected.contains(r.answer())) {
        throw StreamingBenchErrors.wrongAnswer(
            engine.name(),
            what,
            "the output's checksum",
            r.answer(),
            WindowedAnswer.describe(expected));
      }
      // Append mode may end with or without an evicting no-data batch; engines must agree.
      WindowedAnswer first = firstAnswers.putIfAbsent(what, r.answer());
      if (first != null && !first.equals(r.answer())) {
        throw StreamingBenchErrors.wrongAnswer(
            engine.name(),
            what,
            "the output's checksum (against the first run)",
            r.answer(),
            first);
      }
      if (rate != null) {
        figures.add(rate, engine.name(), r.eventsPerSecond());
        if (r.cpuSeconds() >= 0) {
          figures.add(cpu, engine.name(), r.cpuSeconds() / r.inputRows() * 1e6);
        }
      }
      out.printf(
          Locale.ROOT,
          "  %-16s %-8s %-8s %.3f s, %.0f events/s, %.2f CPU s, %d rows out (load average"
              + " %.2f)%n",
          what,
          label,
          engine.name(),
          r.seconds(),
          r.eventsPerSecond(),
          r.cpuSeconds(),
          r.answer().rows(),
          load);
    }

    void heap(List<WindowedEngine> engines) {
      for (WindowedEngine engine : engines) {
        if (!(engine instanceof HeapMeasuring measuring)) {
          continue;
        }
        for (StateProvider provider : StateProvider.values()) {
          String store = provider == StateProvider.DEFAULT ? "in-memory" : "rocksdb";
          Figure heap =
              figures.figure(
                  (provider == StateProvider.DEFAULT ? "(c) " : "    ")
                      + "heap per live key, "
                      + store,
                  "bytes",
                  true,
                  "%.1f",
                  provider == StateProvider.DEFAULT ? HEAP_GOAL : null);
          Figure rss =
              figures.figure(
                  "    RSS growth per key, " + store + " (native)", "bytes", true, "%.1f", null);
          Figure reported =
              figures.figure("    memoryUsedBytes per key, " + store, "bytes", true, "%.1f", null);
          for (int i = 0; i < settings.runs(); i++) {
            double load = ProcessCpu.loadAverage();
            HeapRun r =
                measuring.heap(
                    inputs.stateBuild().getParent(),
                    provider,
                    next(engine.name(), "heap-" + provider.wireName()));
            check(engine.name(), "state-heap", "the state's rows", r.keys(), settings.stateKeys());
            figures.add(heap, engine.name(), r.heapBytesPerKey());
            // The JVM's heap sizing moves its resident set by more than an in-memory state.
            if (provider == StateProvider.ROCKSDB && r.rssDeltaBytes() >= 0) {
              figures.add(rss, engine.name(), (double) r.rssDeltaBytes() / r.keys());
            }
            figures.add(reported, engine.name(), (double) r.memoryUsedBytes() / r.keys());
            out.printf(
                Locale.ROOT,
                "  state-heap       run %d    %-8s %s: %.1f B/key (%.1f since the start), RSS +%.1f"
                    + " MB, memoryUsedBytes %.1f MB (load average %.2f)%n",
                i + 1,
                engine.name(),
                store,
                r.heapBytesPerKey(),
                r.heapBytesPerKeySinceStart(),
                r.rssDeltaBytes() / 1e6,
                r.memoryUsedBytes() / 1e6,
                load);
          }
        }
      }
    }

    void recovery(List<WindowedEngine> engines) {
      WindowedAnswer expected = inputs.expectedRecovery();
      for (StateProvider provider : StateProvider.values()) {
        String store =
            provider == StateProvider.DEFAULT
                ? "default store (tideline in-memory, spark HDFS-backed)"
                : "rocksdb";
        Figure seconds =
            figures.figure(
                (provider == StateProvider.DEFAULT ? "(d) " : "    ")
                    + "restart -> first commit, "
                    + (provider == StateProvider.DEFAULT ? "default store" : "rocksdb"),
                "s",
                true,
                "%.3f",
                null);
        for (int i = 0; i < settings.runs(); i++) {
          for (WindowedEngine engine : engines) {
            double load = ProcessCpu.loadAverage();
            String what = "recovery-" + provider.wireName();
            RecoveryRun r =
                engine.recovery(
                    inputs.stateBuild(), inputs.stateExtra(), next(engine.name(), what), provider);
            check(engine.name(), what, "the state's rows", r.stateRows(), settings.stateKeys());
            if (!r.firstBatch().equals(expected)) {
              throw StreamingBenchErrors.wrongAnswer(
                  engine.name(),
                  what,
                  "the restarted query's first batch",
                  r.firstBatch(),
                  expected);
            }
            figures.add(seconds, engine.name(), r.recoverySeconds());
            out.printf(
                Locale.ROOT,
                "  %-16s run %d    %-8s %s: state built in %.3f s, restart -> first commit %.3f s"
                    + " (load average %.2f)%n",
                what,
                i + 1,
                engine.name(),
                store,
                r.buildSeconds(),
                r.recoverySeconds(),
                load);
          }
        }
      }
    }

    private static void check(
        String engine, String workload, String what, long actual, long expected) {
      if (actual != expected) {
        throw StreamingBenchErrors.wrongAnswer(engine, workload, what, actual, expected);
      }
    }
  }
}
