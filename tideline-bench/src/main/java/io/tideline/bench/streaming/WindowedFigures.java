package io.tideline.bench.streaming;

import io.tideline.bench.Stats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The windowed benchmark's measured figures, each a list of values per engine in run order, and
 * their rendering as the plain-text table the harness prints: per figure and engine the best and
 * median run, then the ratio Tideline/Spark of both and, where the issue sets one, whether the goal
 * is met (judged on the medians).
 */
final class WindowedFigures {
  /** How a goal is judged. */
  enum GoalKind {
    /** Tideline's median over Spark's at least the bound. */
    RATIO_AT_LEAST,
    /** Tideline's median at most the bound, no peer needed. */
    TIDELINE_AT_MOST
  }

  /** A goal of the issue: its kind, bound and wording. */
  record Goal(GoalKind kind, double bound, String text) {}

  /** One figure: how to print and judge it, and its values per engine. */
  static final class Figure {
    final String label;
    final String unit;
    final boolean lowerIsBetter;
    final String format;
    final Goal goal;
    final Map<String, List<Double>> values = new LinkedHashMap<>();

    Figure(String label, String unit, boolean lowerIsBetter, String format, Goal goal) {
      this.label = label;
      this.unit = unit;
      this.lowerIsBetter = lowerIsBetter;
      this.format = format;
      this.goal = goal;
    }

    double[] of(String engine) {
      List<Double> v = values.getOrDefault(engine, List.of());
      return v.stream().mapToDouble(Double::doubleValue).toArray();
    }
  }

  private final Map<String, Figure> figures = new LinkedHashMap<>();

  /** Declares a figure (once; later calls with the same label return the first). */
  Figure figure(String label, String unit, boolean lowerIsBetter, String format, Goal goal) {
    return figures.computeIfAbsent(label, l -> new Figure(l, unit, lowerIsBetter, format, goal));
  }

  void add(Figure figure, String engine, double value) {
    figure.values.computeIfAbsent(engine, e -> new ArrayList<>()).add(value);
  }

  String render() {
    StringBuilder out = new StringBuilder();
    out.append(line("figure", "engine", "runs", "best", "median", "unit"));
    for (Figure f : figures.values()) {
      boolean first = true;
      for (Map.Entry<String, List<Double>> e : f.values.entrySet()) {
        double[] v = f.of(e.getKey());
        if (v.length == 0) {
          continue;
        }
        out.append(
            line(
                first ? f.label : "",
                e.getKey(),
                Integer.toString(v.length),
                format(f.format, Stats.best(v, f.lowerIsBetter)),
                format(f.format, Stats.median(v)),
                f.unit));
        first = false;
      }
      double[] t = f.of("tideline");
      double[] s = f.of("spark");
      if (t.length > 0 && s.length > 0) {
        double bestRatio = Stats.best(t, f.lowerIsBetter) / Stats.best(s, f.lowerIsBetter);
        double medianRatio = Stats.median(t) / Stats.median(s);
        String verdict = "";
        if (f.goal != null && f.goal.kind() == GoalKind.RATIO_AT_LEAST) {
          verdict = verdict(medianRatio >= f.goal.bound(), f.goal.text());
        }
        out.append(
            line(
                "",
                "tideline/spark",
                "",
                format("%.3f", bestRatio) + "x",
                format("%.3f", medianRatio) + "x",
                verdict));
      } else if (t.length > 0 && f.goal != null && f.goal.kind() == GoalKind.TIDELINE_AT_MOST) {
        out.append(
            line("", "", "", "", "", verdict(Stats.median(t) <= f.goal.bound(), f.goal.text())));
      }
    }
    return out.toString();
  }

  private static String line(
      String label, String engine, String runs, String best, String median, String unit) {
    return String.format(
                Locale.ROOT,
                "%-38s %-15s %4s %13s %13s  %s",
                label,
                engine,
                runs,
                best,
                median,
                unit)
            .stripTrailing()
        + System.lineSeparator();
  }

  static String verdict(boolean met, String goal) {
    return goal + ": " + (met ? "met" : "NOT met");
  }

  private static String format(String format, double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, format, value) : "-";
  }
}
