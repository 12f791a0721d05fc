package io.tideline.bench.streaming;

import io.tideline.bench.Stats;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Renders the streaming benchmark's runs as the plain-text table the harness prints: per figure and
 * engine the best and median run, then the ratio Tideline/Spark of both and, for the three headline
 * figures, whether the goal is met (judged on the medians).
 */
final class StreamingResultTable {
  /** One figure of the table, taken from each run of an engine. */
  private record Figure(
      String label,
      String unit,
      boolean lowerIsBetter,
      String format,
      Function<EngineRuns, double[]> values,
      Goal goal) {}

  /** A headline figure's goal, judged on the median ratio and Tideline's median. */
  private interface Goal {
    String verdict(double medianRatio, double tidelineMedian);
  }

  private static final List<Figure> FIGURES =
      List.of(
          new Figure(
              "(a) start -> first commit",
              "s",
              true,
              "%.3f",
              r -> r.firstBatch().stream().mapToDouble(FirstBatchRun::seconds).toArray(),
              (ratio, tideline) ->
                  verdict(ratio <= 0.10 && tideline <= 1.0, "goal <= 0.10x and <= 1 s")),
          new Figure(
              "    start() returned",
              "s",
              true,
              "%.3f",
              r ->
                  r.firstBatch().stream()
                      .mapToDouble(FirstBatchRun::startReturnedSeconds)
                      .toArray(),
              null),
          new Figure(
              "(b) triggerExecution / batch",
              "ms",
              true,
              "%.1f",
              r -> r.overhead().stream().mapToDouble(OverheadRun::medianTriggerMs).toArray(),
              (ratio, tideline) -> verdict(ratio <= 0.05, "goal <= 0.05x (1/20)")),
          new Figure(
              "    wall time / batch",
              "ms",
              true,
              "%.1f",
              r -> r.overhead().stream().mapToDouble(OverheadRun::medianWallMs).toArray(),
              null),
          new Figure(
              "(c) throughput",
              "records/s",
              false,
              "%.0f",
              r -> r.throughput().stream().mapToDouble(ThroughputRun::recordsPerSecond).toArray(),
              (ratio, tideline) ->
                  verdict(ratio >= 5, "goal >= 5x, aim 10x") + (ratio >= 10 ? ", aim met" : "")),
          new Figure(
              "    CPU per million records",
              "CPU s",
              true,
              "%.2f",
              r ->
                  r.throughput().stream()
                      .filter(t -> t.cpuSeconds() >= 0)
                      .mapToDouble(t -> t.cpuSeconds() / t.rows() * 1e6)
                      .toArray(),
              null),
          new Figure(
              "session start (once)",
              "s",
              true,
              "%.3f",
              r -> new double[] {r.sessionStartSeconds()},
              null));

  private StreamingResultTable() {}

  static String render(List<EngineRuns> engines) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%-32s %-15s %4s %12s %12s  %s%n",
            "figure",
            "engine",
            "runs",
            "best",
            "median",
            "unit"));
    EngineRuns tideline = find(engines, "tideline");
    EngineRuns spark = find(engines, "spark");
    for (Figure figure : FIGURES) {
      boolean any = false;
      for (EngineRuns e : engines) {
        double[] values = figure.values().apply(e);
        if (values.length == 0 || Double.isNaN(values[0])) {
          continue;
        }
        out.append(
            String.format(
                Locale.ROOT,
                "%-32s %-15s %4d %12s %12s  %s%n",
                any ? "" : figure.label(),
                e.engine(),
                values.length,
                format(figure.format(), Stats.best(values, figure.lowerIsBetter())),
                format(figure.format(), Stats.median(values)),
                figure.unit()));
        any = true;
      }
      if (tideline == null || spark == null) {
        continue;
      }
      double[] t = figure.values().apply(tideline);
      double[] s = figure.values().apply(spark);
      if (t.length == 0 || s.length == 0) {
        continue;
      }
      double bestRatio =
          Stats.best(t, figure.lowerIsBetter()) / Stats.best(s, figure.lowerIsBetter());
      double medianRatio = Stats.median(t) / Stats.median(s);
      String verdict =
          figure.goal() == null ? "" : figure.goal().verdict(medianRatio, Stats.median(t));
      out.append(
              String.format(
                      Locale.ROOT,
                      "%-32s %-15s %4s %11sx %11sx  %s",
                      "",
                      "tideline/spark",
                      "",
                      format("%.3f", bestRatio),
                      format("%.3f", medianRatio),
                      verdict)
                  .stripTrailing())
          .append(System.lineSeparator());
    }
    return out.toString();
  }

  private static String verdict(boolean met, String goal) {
    return goal + ": " + (met ? "met" : "NOT met");
  }

  private static EngineRuns find(List<EngineRuns> engines, String name) {
    for (EngineRuns e : engines) {
      if (e.engine().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static String format(String format, double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, format, value) : "-";
  }
}
