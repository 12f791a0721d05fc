package io.tideline.bench.delta;

import io.tideline.bench.Stats;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The Delta benchmark's figures as a Markdown table: best and median of each engine's bronze runs,
 * Tideline's ratio to Spark, the parse-and-encode ceiling, and the verdicts against the issue's
 * goals: Tideline ≥ 5× Spark's records/s, aiming at 70 % of the ceiling.
 */
final class DeltaResultTable {
  static final double RATIO_GOAL = 5;
  static final double CEILING_AIM = 0.70;

  private DeltaResultTable() {}

  /**
   * The table for {@code runs} (an engine that did not run is left out) and the ceiling runs, which
   * may be empty.
   */
  static String render(
      List<DeltaEngineRuns> runs, long records, List<ParseEncodeCeiling.CeilingRun> ceiling) {
    DeltaEngineRuns tideline = find(runs, "tideline");
    DeltaEngineRuns spark = find(runs, "spark");
    double[] tRate = rates(tideline, records);
    double[] sRate = rates(spark, records);
    StringBuilder out = new StringBuilder();
    out.append(
        "\n| figure | Tideline best / median | Spark best / median | Tideline/Spark best /"
            + " median | goal | met? |\n|---|---|---|---|---|---|\n");
    String verdict = "";
    if (tRate.length > 0 && sRate.length > 0) {
      verdict = Stats.median(tRate) / Stats.median(sRate) >= RATIO_GOAL ? "**met**" : "**not met**";
    }
    row(out, "bronze Kafka → Delta, records/s", tRate, sRate, "%.0f", false, "≥ 5×", verdict);
    row(
        out,
        "CPU s per million records",
        cpuPerMillion(tideline, records),
        cpuPerMillion(spark, records),
        "%.2f",
        true,
        "–",
        "");
    row(out, "batches", batches(tideline), batches(spark), "%.0f", true, "–", "");
    if (!ceiling.isEmpty()) {
      double[] cRate = ceiling.stream().mapToDouble(c -> c.rowsPerSecond()).toArray();
      int cores = Runtime.getRuntime().availableProcessors();
      double[] perCore = Arrays.stream(cRate).map(r -> r / cores).toArray();
      double[] perCpu = ceiling.stream().mapToDouble(c -> c.rows() / c.cpuSeconds()).toArray();
      row(out, "ceiling JSON → Parquet, rows/s (machine)", cRate, new double[0], "%.0f", false);
      row(out, "ceiling, rows/s per core", perCore, new double[0], "%.0f", false);
      row(out, "ceiling, rows per CPU second", perCpu, new double[0], "%.0f", false);
      if (tRate.length > 0) {
        double[] share = {
          100 * Stats.best(tRate, false) / Stats.best(cRate, false),
          100 * Stats.median(tRate) / Stats.median(cRate)
        };
        out.append(
            String.format(
                Locale.ROOT,
                "| Tideline bronze, %% of the ceiling | %.1f %% / %.1f %% | – | – | aim ≥ 70 %% |"
                    + " %s |%n",
                share[0],
                share[1],
                share[1] >= 100 * CEILING_AIM ? "**met**" : "**not met**"));
      }
    }
    for (DeltaEngineRuns r : runs) {
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

  private static void row(
      StringBuilder out, String figure, double[] t, double[] s, String format, boolean lower) {
    row(out, figure, t, s, format, lower, "–", "");
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
    if (t.length == 0 && s.length == 0) {
      return;
    }
    Stats.comparisonRow(out, figure, t, s, format, "%.2f", lowerIsBetter, goal, verdict);
  }

  private static DeltaEngineRuns find(List<DeltaEngineRuns> runs, String engine) {
    return runs.stream().filter(r -> r.engine().equals(engine)).findFirst().orElse(null);
  }

  private static double[] rates(DeltaEngineRuns r, long records) {
    return r == null
        ? new double[0]
        : r.bronze().stream().mapToDouble(b -> records / b.seconds()).toArray();
  }

  private static double[] cpuPerMillion(DeltaEngineRuns r, long records) {
    return r == null
        ? new double[0]
        : r.bronze().stream()
            .filter(b -> b.cpuSeconds() >= 0)
            .mapToDouble(b -> b.cpuSeconds() / (records / 1e6))
            .toArray();
  }

  private static double[] batches(DeltaEngineRuns r) {
    return r == null ? new double[0] : r.bronze().stream().mapToDouble(b -> b.batches()).toArray();
  }
}
