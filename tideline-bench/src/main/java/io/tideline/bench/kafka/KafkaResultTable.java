package io.tideline.bench.kafka;

import io.tideline.bench.Stats;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The Kafka benchmark's figures as a Markdown table, best and median of each engine's runs, with
 * Tideline's ratio to Spark and the verdict against the goals: throughput ≥ 5× Spark
 * (aiming at 10×), latency p99 ≤ 5 ms.
 */
final class KafkaResultTable {
  static final double THROUGHPUT_GOAL = 5;
  static final double THROUGHPUT_AIM = 10;
  static final double P99_GOAL_MS = 5;

  private KafkaResultTable() {}

  /** The table for {@code runs}; a workload no engine ran is left out. */
  static String render(List<KafkaEngineRuns> runs, long records) {
    KafkaEngineRuns tideline = find(runs, "tideline");
    KafkaEngineRuns spark = find(runs, "spark");
    StringBuilder out = new StringBuilder();
    out.append(
        "\n| figure | Tideline best / median | Spark best / median | Tideline/Spark best /"
            + " median | goal | met? |\n|---|---|---|---|---|---|\n");
    if (any(runs, true)) {
      double[] tRate = rates(tideline, records);
      double[] sRate = rates(spark, records);
      String verdict = "";
      if (tRate.length > 0 && sRate.length > 0) {
        double median = Stats.median(tRate) / Stats.median(sRate);
        verdict =
            median >= THROUGHPUT_AIM
                ? "**met, aim met**"
                : median >= THROUGHPUT_GOAL ? "**met**" : "**not met**";
      }
      row(out, "throughput, records/s", tRate, sRate, "%.0f", false, "≥ 5×, aim 10×", verdict);
      row(
          out,
          "CPU s per million records",
          cpuPerMillion(tideline, records),
          cpuPerMillion(spark, records),
          "%.2f",
          true,
          "–",
          "");
    }
    if (any(runs, false)) {
      latencyRow(out, "latency p50, ms", tideline, spark, LatencyStats::p50Ms, "–", null);
      latencyRow(
          out, "latency p99, ms", tideline, spark, LatencyStats::p99Ms, "≤ 5 ms", P99_GOAL_MS);
      latencyRow(out, "latency p99.9, ms", tideline, spark, LatencyStats::p999Ms, "–", null);
      latencyRow(out, "latency max, ms", tideline, spark, LatencyStats::maxMs, "–", null);
      double[] tBatches = batchesPerRun(tideline);
      double[] sBatches = batchesPerRun(spark);
      row(out, "batches per latency run", tBatches, sBatches, "%.0f", false, "–", "");
    }
    for (KafkaEngineRuns r : runs) {
      out.append(
          String.format(
              Locale.ROOT,
              "\n%s %s: session start %.3f s",
              r.engine(),
              r.version(),
              r.sessionStartSeconds()));
    }
    return out.append('\n').toString();
  }

  private static void latencyRow(
      StringBuilder out,
      String figure,
      KafkaEngineRuns tideline,
      KafkaEngineRuns spark,
      ToDoubleFunction<LatencyStats> f,
      String goal,
      Double goalMs) {
    double[] t = latency(tideline, f);
    double[] s = latency(spark, f);
    String verdict = "";
    if (goalMs != null && t.length > 0) {
      verdict = Stats.median(t) <= goalMs ? "**met**" : "**not met**";
    }
    row(out, figure, t, s, "%.2f", true, goal, verdict);
  }

  private static void row(
      StringBuilder out,
      String figure,
      double[] t,
      double[] s,
      String format,
      boolean lowerIsBetter,
      String goal,
      String verdict) {
    Stats.comparisonRow(out, figure, t, s, format, "%.3f", lowerIsBetter, goal, verdict);
  }

  private static boolean any(List<KafkaEngineRuns> runs, boolean throughput) {
    return runs.stream()
        .anyMatch(r -> throughput ? !r.throughput().isEmpty() : !r.latency().isEmpty());
  }

  private static KafkaEngineRuns find(List<KafkaEngineRuns> runs, String engine) {
    return runs.stream().filter(r -> r.engine().equals(engine)).findFirst().orElse(null);
  }

  private static double[] rates(KafkaEngineRuns r, long records) {
    return r == null
        ? new double[0]
        : r.throughput().stream().mapToDouble(t -> records / t.seconds()).toArray();
  }

  private static double[] cpuPerMillion(KafkaEngineRuns r, long records) {
    return r == null
        ? new double[0]
        : r.throughput().stream()
            .filter(t -> t.cpuSeconds() >= 0)
            .mapToDouble(t -> t.cpuSeconds() / (records / 1e6))
            .toArray();
  }

  private static double[] latency(KafkaEngineRuns r, ToDoubleFunction<LatencyStats> f) {
    return r == null
        ? new double[0]
        : r.latency().stream().mapToDouble(l -> f.applyAsDouble(l.stats())).toArray();
  }

  private static double[] batchesPerRun(KafkaEngineRuns r) {
    return r == null ? new double[0] : r.latency().stream().mapToDouble(l -> l.batches()).toArray();
  }
}
