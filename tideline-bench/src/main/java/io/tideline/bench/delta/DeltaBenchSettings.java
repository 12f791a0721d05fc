package io.tideline.bench.delta;

import io.tideline.bench.BenchOptions;
import java.util.List;
import java.util.Set;

/**
 * The Delta benchmark's options, parsed from its command line.
 *
 * @param records order records in the measured topic
 * @param warmupRecords records in the topic every engine loads once before the measured runs (JIT,
 *     caches, Spark's first Delta query); 0 for no warm-up
 * @param partitions partitions of every topic
 * @param maxOffsetsPerTrigger the Kafka source option, 0 for none (a user who sets nothing)
 * @param runs measured bronze runs per engine
 * @param ceilingRecords JSON lines the ceiling measurement turns into Parquet
 * @param ceilingRuns measured ceiling runs (after one warm-up); 0 skips the ceiling
 * @param engines engine names, in run order
 */
record DeltaBenchSettings(
    long records,
    long warmupRecords,
    int partitions,
    long maxOffsetsPerTrigger,
    int runs,
    long ceilingRecords,
    int ceilingRuns,
    List<String> engines) {

  static final String USAGE =
      "Usage: run-delta.sh [--small] [--records N] [--warmup-records N] [--partitions P]"
          + " [--max-offsets-per-trigger N] [--runs N] [--ceiling-records N] [--ceiling-runs N]"
          + " [--engines tideline,spark]";

  private static final List<String> OPTIONS =
      List.of(
          "--records",
          "--warmup-records",
          "--partitions",
          "--max-offsets-per-trigger",
          "--runs",
          "--ceiling-records",
          "--ceiling-runs",
          "--engines");

  /**
   * Parses the command line; {@code --small} (a flag) switches to the quick check's defaults (200
   * 000 records, one run), which later options still override.
   */
  static DeltaBenchSettings parse(String[] args) {
    BenchOptions given =
        BenchOptions.parse(args, OPTIONS, Set.of("--small"), DeltaBenchErrors::usage);
    boolean small = given.has("--small");
    long records = number(given, "--records", small ? 200_000 : 5_000_000, 1);
    List<String> engines =
        List.of(given.values().getOrDefault("--engines", "tideline,spark").split(","));
    for (String engine : engines) {
      if (!engine.equals("tideline") && !engine.equals("spark")) {
        throw DeltaBenchErrors.usage("Unknown engine '" + engine + "'; use tideline or spark");
      }
    }
    if (Set.copyOf(engines).size() != engines.size()) {
      throw DeltaBenchErrors.usage("--engines names an engine twice: " + engines);
    }
    return new DeltaBenchSettings(
        records,
        number(given, "--warmup-records", Math.min(records, small ? 50_000 : 500_000), 0),
        (int) number(given, "--partitions", 4, 1),
        number(given, "--max-offsets-per-trigger", 0, 0),
        (int) number(given, "--runs", small ? 1 : 3, 1),
        number(given, "--ceiling-records", Math.min(records, 2_000_000), 1),
        (int) number(given, "--ceiling-runs", small ? 1 : 3, 0),
        engines);
  }

  private static long number(BenchOptions given, String name, long dflt, long min) {
    long value = given.number(name, dflt, DeltaBenchErrors::usage);
    if (value < min) {
      throw DeltaBenchErrors.usage(name + " must be at least " + min + ", got " + value);
    }
    return value;
  }
}
