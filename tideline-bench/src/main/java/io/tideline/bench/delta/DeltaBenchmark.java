package io.tideline.bench.delta;

import io.tideline.bench.BenchMain;
import io.tideline.bench.ProcessCpu;
import io.tideline.bench.WorkFolder;
import io.tideline.bench.kafka.BenchBroker;
import io.tideline.bench.kafka.OrdersTopic;
import io.tideline.kafka.EmbeddedKafkaBroker;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The Delta benchmark's main ({@code run-delta.sh}): the seed's bronze query, Kafka JSON → {@code
 * from_json} → Delta append with {@code Trigger.AvailableNow}, in Tideline and in Spark 4.2 with
 * delta-spark 4.4.0 ({@code local[2]}, its own JVM), from one embedded broker, in one command.
 *
 * <p>Protocol:
 *
 * <ol>
 *   <li>Start an {@link EmbeddedKafkaBroker} in this JVM and write the orders once ({@link
 *       OrdersTopic}): a warm-up topic and the measured topic, same partitions for both engines.
 *   <li>Start the engines: Tideline in this JVM, Spark in its own ({@link SparkDeltaEngine}).
 *   <li>Each engine loads the warm-up topic into a table once (JIT, Spark's first Delta query).
 *   <li>The engines alternate their measured runs (Tideline, Spark, Tideline, ...) so load from
 *       elsewhere falls on both; each run is a fresh query on a fresh checkpoint into a fresh
 *       table. With Tideline among the engines, each round ends with a run of the parse-and-encode
 *       ceiling ({@link ParseEncodeCeiling}, warmed up once after the bronze warm-ups), so it too
 *       sees the same load.
 *   <li>Every table, warm-up included, is read back by the engine that wrote it and must hold what
 *       the generator wrote ({@link TableChecksum#problems}); every measured table is also read by
 *       the other engine, whose reading must equal the writer's ({@link TableChecksum#differences})
 *       — so Tideline reads Spark's tables and Spark reads Tideline's. Any mismatch fails the run
 *       before a figure is printed. The table is then deleted.
 *   <li>Print the table ({@link DeltaResultTable}). The broker and the work folder are removed.
 * </ol>
 */
public final class DeltaBenchmark {
  private DeltaBenchmark() {}

  public static void main(String[] args) {
    BenchMain.run("DeltaBenchmark", args, DeltaBenchSettings::parse, DeltaBenchmark::run);
  }

  /** Runs the whole benchmark with the real engines in a temporary work folder. */
  static Result run(DeltaBenchSettings settings, PrintStream out) {
    try (WorkFolder work = WorkFolder.create("delta")) {
      Path dir = work.path();
      return run(
          settings,
          out,
          dir,
          name ->
              name.equals("spark") ? SparkDeltaEngine.start(dir) : TidelineDeltaEngine.start(dir));
    }
  }

  /** What a benchmark run measured: each engine's bronze runs and the ceiling runs. */
  record Result(List<DeltaEngineRuns> engines, List<ParseEncodeCeiling.CeilingRun> ceiling) {}

  /**
   * Runs the benchmark with engines from {@code startEngine}; every file goes under {@code dir}.
   */
  static Result run(
      DeltaBenchSettings settings,
      PrintStream out,
      Path dir,
      Function<String, DeltaEngine> startEngine) {
    try (EmbeddedKafkaBroker broker = BenchBroker.start(out)) {
      OrdersTopic warmup =
          settings.warmupRecords() > 0
              ? produce(broker, "orders-warmup", settings.warmupRecords(), settings, out)
              : null;
      OrdersTopic orders = produce(broker, "orders", settings.records(), settings, out);
      List<DeltaEngine> engines = new ArrayList<>();
      try {
        List<DeltaEngineRuns> runs = new ArrayList<>();
        for (String name : settings.engines()) {
          out.printf(Locale.ROOT, "Starting %s...%n", name);
          DeltaEngine engine = startEngine.apply(name);
          engines.add(engine);
          runs.add(
              new DeltaEngineRuns(engine.name(), engine.version(), engine.sessionStartSeconds()));
          out.printf(
              Locale.ROOT,
              "  %s %s: session started in %.3f s%n",
              engine.name(),
              engine.version(),
              engine.sessionStartSeconds());
        }
        BronzeRunner runner =
            new BronzeRunner(
                broker.bootstrapServers(), settings, engines, dir.resolve("runs"), out);
        ParseEncodeCeiling ceiling = null;
        for (DeltaEngine engine : engines) {
          if (engine instanceof TidelineDeltaEngine tideline && settings.ceilingRuns() > 0) {
            ceiling =
                ParseEncodeCeiling.prepare(
                    tideline.session(), dir.resolve("ceiling-lines"), settings.ceilingRecords());
          }
        }
        if (warmup != null) {
          for (DeltaEngine engine : engines) {
            runner.run(engine, warmup, "warm-up", null);
          }
        }
        if (ceiling != null) {
          ceilingOnce(ceiling, dir, "warm-up", out);
        }
        List<ParseEncodeCeiling.CeilingRun> ceilingRuns = new ArrayList<>();
        int rounds = Math.max(settings.runs(), ceiling == null ? 0 : settings.ceilingRuns());
        for (int i = 0; i < rounds; i++) {
          for (int e = 0; i < settings.runs() && e < engines.size(); e++) {
            runner.run(engines.get(e), orders, "run " + (i + 1), runs.get(e));
          }
          // Between the bronze runs, so the ceiling sees the same load from elsewhere.
          if (ceiling != null && i < settings.ceilingRuns()) {
            ceilingRuns.add(ceilingOnce(ceiling, dir, "run " + (i + 1), out));
          }
        }
        out.print(DeltaResultTable.render(runs, settings.records(), ceilingRuns));
        return new Result(runs, ceilingRuns);
      } finally {
        for (DeltaEngine engine : engines) {
          engine.close();
        }
      }
    }
  }

  private static OrdersTopic produce(
      EmbeddedKafkaBroker broker,
      String topic,
      long records,
      DeltaBenchSettings settings,
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

  private static ParseEncodeCeiling.CeilingRun ceilingOnce(
      ParseEncodeCeiling ceiling, Path dir, String label, PrintStream out) {
    double load = ProcessCpu.loadAverage();
    Path output = dir.resolve("ceiling-parquet");
    ParseEncodeCeiling.CeilingRun r = ceiling.run(output);
    WorkFolder.deleteRecursively(output);
    out.printf(
        Locale.ROOT,
        "  ceiling  %-8s JSON → Parquet %.3f s, %.0f rows/s, %.2f CPU s (load average %.2f)%n",
        label,
        r.seconds(),
        r.rowsPerSecond(),
        r.cpuSeconds(),
        load);
    return r;
  }
}
