package io.tideline.bench.streaming;

import io.tideline.bench.BenchOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one windowed benchmark command measures and how often.
 *
 * @param events bids of the throughput input
 * @param auctions live auctions (keys per window)
 * @param files files the bids are split over
 * @param maxFilesPerTrigger the throughput query's rate limit
 * @param stateKeys live keys of the heap and recovery measurements
 * @param warmupRuns unmeasured runs of each measurement per engine before the measured ones
 * @param runs measured runs of each measurement per engine
 * @param engines the engines, in the order their runs alternate
 * @param workloads the measurements to run, in order
 * @param outputModes the output modes of the throughput measurements
 * @param timeoutSeconds how long one Tideline query may take before the benchmark gives up
 */
record WindowedSettings(
    long events,
    int auctions,
    int files,
    int maxFilesPerTrigger,
    long stateKeys,
    int warmupRuns,
    int runs,
    List<String> engines,
    List<WindowedWorkload> workloads,
    List<String> outputModes,
    long timeoutSeconds) {

  static final String USAGE =
      "Usage: run-windowed.sh [--small] [--events N] [--auctions N] [--files K]"
          + " [--max-files-per-trigger K] [--state-keys N] [--warmup N] [--runs N]"
          + " [--engines tideline,spark] [--workloads parquet,json,state-heap,recovery]"
          + " [--output-modes update,append] [--timeout SECONDS]";

  /** The sizes. */
  private static final Map<String, String> DEFAULTS =
      Map.ofEntries(
          Map.entry("--events", "20000000"),
          Map.entry("--auctions", "10000"),
          Map.entry("--files", "20"),
          Map.entry("--max-files-per-trigger", "2"),
          Map.entry("--state-keys", "1000000"),
          Map.entry("--warmup", "1"),
          Map.entry("--runs", "3"),
          Map.entry("--engines", "tideline,spark"),
          Map.entry("--workloads", "parquet,json,state-heap,recovery"),
          Map.entry("--output-modes", "update"),
          Map.entry("--timeout", "900"));

  /** {@code --small}: a quick check of the whole command in a minute or two. */
  private static final Map<String, String> SMALL =
      Map.of(
          "--events", "400000",
          "--files", "8",
          "--state-keys", "50000",
          "--warmup", "0",
          "--runs", "1");

  WindowedSettings {
    if (events < files || files < 1 || auctions < 1 || maxFilesPerTrigger < 1) {
      throw usage(
          "--events, --files, --auctions and --max-files-per-trigger must be positive"
              + " and --events at least --files");
    }
    if (stateKeys < 1 || runs < 1 || warmupRuns < 0) {
      throw usage("--state-keys and --runs must be positive and --warmup at least 0");
    }
    if (engines.isEmpty() || workloads.isEmpty() || outputModes.isEmpty()) {
      throw usage("--engines, --workloads and --output-modes must name at least one");
    }
    for (String engine : engines) {
      if (!engine.equals("tideline") && !engine.equals("spark")) {
        throw usage("Unknown engine '" + engine + "'; use tideline and/or spark");
      }
    }
    for (String mode : outputModes) {
      if (!mode.equals("update") && !mode.equals("append")) {
        throw usage("Unknown output mode '" + mode + "'; use update and/or append");
      }
    }
    engines = List.copyOf(engines);
    workloads = List.copyOf(workloads);
    outputModes = List.copyOf(outputModes);
  }

  static WindowedSettings parse(String[] args) {
    BenchOptions given =
        BenchOptions.parse(args, DEFAULTS.keySet(), Set.of("--small"), WindowedSettings::usage);
    Map<String, String> options = new LinkedHashMap<>(DEFAULTS);
    if (given.has("--small")) {
      options.putAll(SMALL);
    }
    // Explicit options win over --small wherever it stands.
    options.putAll(given.values());
    List<WindowedWorkload> workloads = new ArrayList<>();
    for (String name : options.get("--workloads").split(",")) {
      workloads.add(WindowedWorkload.fromCliName(name));
    }
    return new WindowedSettings(
        number(options, "--events"),
        Math.toIntExact(number(options, "--auctions")),
        Math.toIntExact(number(options, "--files")),
        Math.toIntExact(number(options, "--max-files-per-trigger")),
        number(options, "--state-keys"),
        Math.toIntExact(number(options, "--warmup")),
        Math.toIntExact(number(options, "--runs")),
        List.of(options.get("--engines").split(",")),
        workloads,
        List.of(options.get("--output-modes").split(",")),
        number(options, "--timeout"));
  }

  /** Whether a workload that needs the state inputs runs. */
  boolean needsStateInputs() {
    return workloads.contains(WindowedWorkload.STATE_HEAP)
        || workloads.contains(WindowedWorkload.RECOVERY);
  }

  private static long number(Map<String, String> options, String name) {
    return BenchOptions.wholeNumber(name, options.get(name), WindowedSettings::usage);
  }

  private static RuntimeException usage(String problem) {
    return usageError(problem);
  }

  /** A usage error of the windowed benchmark's command. */
  static RuntimeException usageError(String problem) {
    return StreamingBenchErrors.usage(problem, USAGE);
  }
}
