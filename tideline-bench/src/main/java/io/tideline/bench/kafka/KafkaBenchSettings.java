package io.tideline.bench.kafka;

import io.tideline.bench.BenchOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Kafka benchmark's options, parsed from its command line.
 *
 * @param records order records in the throughput topic
 * @param warmupRecords order records in the smaller topic every engine reads once before the
 *     measured runs (JIT and caches)
 * @param partitions partitions of every topic
 * @param maxOffsetsPerTrigger the source option for the throughput query, 0 for none
 * @param runs measured throughput runs per engine
 * @param rate records per second the latency producer writes
 * @param latencyWarmupSeconds seconds of producing before latencies count
 * @param latencySeconds seconds of producing whose latencies count
 * @param latencyRuns measured latency runs per engine
 * @param tidelineSink how Tideline's pass-through query writes its output
 * @param engines engine names, in run order
 * @param workloads the workloads to run
 */
record KafkaBenchSettings(
    long records,
    long warmupRecords,
    int partitions,
    long maxOffsetsPerTrigger,
    int runs,
    int rate,
    int latencyWarmupSeconds,
    int latencySeconds,
    int latencyRuns,
    PassThroughSink tidelineSink,
    List<String> engines,
    List<String> workloads) {

  static final String THROUGHPUT = "throughput";
  static final String LATENCY = "latency";

  static final String USAGE =
      "Usage: run-kafka.sh [--small] [--records N] [--warmup-records N] [--partitions P]"
          + " [--max-offsets-per-trigger N] [--runs N] [--rate RECORDS_PER_S]"
          + " [--latency-warmup-seconds S] [--latency-seconds S] [--latency-runs N]"
          + " [--tideline-sink kafka|producer] [--engines tideline,spark]"
          + " [--workloads throughput,latency]";

  private static final List<String> OPTIONS =
      List.of(
          "--records",
          "--warmup-records",
          "--partitions",
          "--max-offsets-per-trigger",
          "--runs",
          "--rate",
          "--latency-warmup-seconds",
          "--latency-seconds",
          "--latency-runs",
          "--tideline-sink",
          "--engines",
          "--workloads");

  /**
   * Parses the command line; {@code --small} (a flag) switches to the quick check's defaults (200
   * 000 records, one run, 5 s of latency), which later options still override.
   */
  static KafkaBenchSettings parse(String[] args) {
    BenchOptions given =
        BenchOptions.parse(args, OPTIONS, Set.of("--small"), KafkaBenchErrors::usage);
    Map<String, String> options = given.values();
    boolean small = given.has("--small");
    long records = number(options, "--records", small ? 200_000 : 5_000_000, 1);
    List<String> engines = List.of(options.getOrDefault("--engines", "tideline,spark").split(","));
    for (String engine : engines) {
      if (!engine.equals("tideline") && !engine.equals("spark")) {
        throw KafkaBenchErrors.usage("Unknown engine '" + engine + "'; use tideline or spark");
      }
    }
    List<String> workloads = new ArrayList<>();
    for (String w : options.getOrDefault("--workloads", THROUGHPUT + "," + LATENCY).split(",")) {
      if (!w.equals(THROUGHPUT) && !w.equals(LATENCY)) {
        throw KafkaBenchErrors.usage("Unknown workload '" + w + "'; use throughput or latency");
      }
      workloads.add(w);
    }
    return new KafkaBenchSettings(
        records,
        number(options, "--warmup-records", Math.min(records, small ? 50_000 : 500_000), 0),
        (int) number(options, "--partitions", 4, 1),
        number(options, "--max-offsets-per-trigger", 0, 0),
        (int) number(options, "--runs", small ? 1 : 3, 1),
        (int) number(options, "--rate", 10_000, 1),
        (int) number(options, "--latency-warmup-seconds", small ? 3 : 10, 0),
        (int) number(options, "--latency-seconds", small ? 5 : 30, 1),
        (int) number(options, "--latency-runs", small ? 1 : 2, 1),
        PassThroughSink.fromCliName(options.getOrDefault("--tideline-sink", "kafka")),
        engines,
        List.copyOf(workloads));
  }

  private static long number(Map<String, String> options, String name, long dflt, long min) {
    String text = options.get(name);
    if (text == null) {
      return dflt;
    }
    long value = BenchOptions.wholeNumber(name, text, KafkaBenchErrors::usage);
    if (value < min) {
      throw KafkaBenchErrors.usage(name + " must be at least " + min + ", got " + value);
    }
    return value;
  }
}
