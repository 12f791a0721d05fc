package io.tideline.bench;

import io.tideline.internal.errors.TidelineException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The engine-core benchmark: Tideline against Apache Spark on the same JSON order lines.
 *
 * <p>Both engines read the files with the seed's order schema, keep {@code amount > 100}, group by
 * product and compute {@code sum(amount)} and {@code count(*)}. Tideline runs in this JVM; Spark
 * runs in its own JVM through {@link SparkPeerProcess}. Each engine does its own warm-up runs and
 * then its measured runs, timed from just before the read to after the collect. Each answer is
 * checked against the generator's exact totals before any figure is printed, and figures are quoted
 * as a ratio of the two engines measured in the same run.
 *
 * <p>The Tideline side is an {@link OrdersEngine} found through {@link ServiceLoader}; until the
 * public API is merged it lives in {@code src/pending} and this main measures Spark alone, saying
 * so.
 *
 * <p>Options: {@code --records N} (default 2000000), {@code --files K} (8), {@code --data DIR}
 * (default {@code tideline-bench/target/bench-data/orders-N}), {@code --warmup N} (1), {@code
 * --runs N} (3), {@code --engines tideline,spark}.
 */
public final class JsonOrdersBenchmark {
  static final String USAGE =
      "Usage: JsonOrdersBenchmark [--records N] [--files K] [--data DIR] [--warmup N] [--runs N]"
          + " [--engines tideline,spark]";

  private JsonOrdersBenchmark() {}

  public static void main(String[] args) {
    try {
      run(parse(args));
    } catch (TidelineException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    }
  }

  static void run(Map<String, String> options) {
    long records = longOption(options, "--records", 2_000_000);
    int files = (int) longOption(options, "--files", 8);
    int warmup = (int) longOption(options, "--warmup", 1);
    int runs = (int) longOption(options, "--runs", 3);
    if (runs < 1 || warmup < 0 || files < 1 || records < 1) {
      throw BenchErrors.usage(
          "--records, --files and --runs must be positive, --warmup >= 0", USAGE);
    }
    List<String> engineNames =
        List.of(options.getOrDefault("--engines", "tideline,spark").split(","));
    Path dir =
        options.containsKey("--data")
            ? Path.of(options.get("--data"))
            : RepoRoot.find().resolve("tideline-bench/target/bench-data/orders-" + records);

    List<OrdersEngine> engines = engines(engineNames);
    System.out.printf(Locale.ROOT, "Generating or reusing %d order lines in %s%n", records, dir);
    OrdersDataset data = DataGen.ensure(dir, records, files, DataGen.DEFAULT_SEED);
    System.out.printf(
        Locale.ROOT,
        "%d lines, %d files, %.1f MB; %d warm-up and %d measured runs per engine; %d cores%n",
        data.records(),
        data.files(),
        data.bytes() / 1e6,
        warmup,
        runs,
        Runtime.getRuntime().availableProcessors());

    List<EngineMeasurement> measurements = measure(engines, data, warmup, runs);
    if (measurements.size() == 2) {
      List<String> differences =
          ResultCheck.differences(measurements.get(1).rows(), measurements.get(0).rows());
      if (!differences.isEmpty()) {
        throw BenchErrors.resultsDiffer(
            measurements.get(0).engine() + " (against " + measurements.get(1).engine() + ")",
            dir,
            String.join("\n", differences));
      }
    }
    System.out.println("Answers agree with the generator's exact totals.");
    System.out.print(ResultTable.render(measurements, data.bytes()));
    Path file =
        ResultFile.write(
            RepoRoot.find().resolve("tideline-bench/target/bench-results"),
            Instant.now(),
            data,
            measurements);
    System.out.println("Figures written to " + file);
  }

  /**
   * Starts every engine, lets each warm up, then interleaves their measured runs (A, B, A, B, ...)
   * so that load from elsewhere on the machine falls on all engines alike; every run's answer is
   * checked.
   */
  static List<EngineMeasurement> measure(
      List<OrdersEngine> engines, OrdersDataset data, int warmup, int runs) {
    List<OrdersEngineSession> sessions = new ArrayList<>();
    try {
      for (OrdersEngine engine : engines) {
        System.out.printf(Locale.ROOT, "Starting %s...%n", engine.name());
        sessions.add(engine.start(data));
      }
      for (int e = 0; e < engines.size(); e++) {
        for (int i = 0; i < warmup; i++) {
          check(engines.get(e), data, sessions.get(e).run());
        }
      }
      List<List<RunResult>> results = new ArrayList<>();
      engines.forEach(e -> results.add(new ArrayList<>()));
      for (int i = 0; i < runs; i++) {
        for (int e = 0; e < engines.size(); e++) {
          // Other work on the machine inflates wall time; the load average says how far to
          // trust it.
          double load = ProcessCpu.loadAverage();
          RunResult r = check(engines.get(e), data, sessions.get(e).run());
          results.get(e).add(r);
          System.out.printf(
              Locale.ROOT,
              "  run %d %-9s %7.3f s  %7.3f CPU s  (load average %.2f)%n",
              i + 1,
              engines.get(e).name(),
              r.seconds(),
              r.cpuSeconds(),
              load);
        }
      }
      List<EngineMeasurement> measurements = new ArrayList<>();
      for (int e = 0; e < engines.size(); e++) {
        List<RunResult> rs = results.get(e);
        measurements.add(
            new EngineMeasurement(
                engines.get(e).name(),
                sessions.get(e).version(),
                data.records(),
                rs.stream().map(RunResult::seconds).toList(),
                rs.stream().map(RunResult::cpuSeconds).filter(c -> c >= 0).toList(),
                sessions.get(e).sessionStartSeconds(),
                rs.get(rs.size() - 1).rows()));
      }
      return measurements;
    } finally {
      sessions.forEach(OrdersEngineSession::close);
    }
  }

  private static RunResult check(OrdersEngine engine, OrdersDataset data, RunResult run) {
    List<String> differences = ResultCheck.differences(data.expected(), run.rows());
    if (!differences.isEmpty()) {
      throw BenchErrors.resultsDiffer(engine.name(), data.dir(), String.join("\n", differences));
    }
    return run;
  }

  private static List<OrdersEngine> engines(List<String> names) {
    Map<String, OrdersEngine> available = new LinkedHashMap<>();
    for (OrdersEngine engine : ServiceLoader.load(OrdersEngine.class)) {
      available.put(engine.name(), engine);
    }
    List<OrdersEngine> engines = new ArrayList<>();
    for (String name : names) {
      switch (name) {
        case "spark" -> engines.add(SparkPeerProcess.locate());
        case "tideline" -> {
          OrdersEngine tideline = available.get("tideline");
          if (tideline == null) {
            System.out.println(
                "Note: the Tideline engine is not on the classpath yet (its class is in"
                    + " tideline-bench/src/pending until the public API is merged); measuring the"
                    + " other engines only.");
          } else {
            engines.add(tideline);
          }
        }
        default ->
            throw BenchErrors.usage(
                "Unknown engine '" + name + "'; use tideline and/or spark", USAGE);
      }
    }
    return engines;
  }

  static Map<String, String> parse(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!List.of("--records", "--files", "--data", "--warmup", "--runs", "--engines")
              .contains(args[i])
          || i + 1 >= args.length) {
        throw BenchErrors.usage("Unexpected argument '" + args[i] + "'", USAGE);
      }
      options.put(args[i], args[i + 1]);
    }
    return options;
  }

  private static long longOption(Map<String, String> options, String name, long defaultValue) {
    String text = options.get(name);
    if (text == null) {
      return defaultValue;
    }
    try {
      return Long.parseLong(text.replace("_", ""));
    } catch (NumberFormatException e) {
      throw BenchErrors.usage(name + " takes a whole number, got '" + text + "'", USAGE);
    }
  }
}
