package io.tideline.bench;

import java.util.Arrays;
import java.util.Locale;

/** Order statistics of a handful of runs. */
public final class Stats {
  private Stats() {}

  /** The median; the mean of the middle two for an even count. */
  public static double median(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("Bug in Tideline: the median of no values");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** The best value: the smallest where lower is better, else the largest. */
  public static double best(double[] values, boolean lowerIsBetter) {
    if (values.length == 0) {
      throw new IllegalArgumentException("Bug in Tideline: the best of no values");
    }
    double best = values[0];
    for (double v : values) {
      best = lowerIsBetter ? Math.min(best, v) : Math.max(best, v);
    }
    return best;
  }

  /** {@code best / median} of {@code values} in {@code format}, or "–" without values. */
  public static String bestAndMedian(double[] values, String format, boolean lowerIsBetter) {
    if (values.length == 0) {
      return "–";
    }
    return String.format(Locale.ROOT, format, best(values, lowerIsBetter))
        + " / "
        + String.format(Locale.ROOT, format, median(values));
  }

  /**
   * One Markdown row comparing Tideline's runs {@code t} with Spark's {@code s}: both engines' best
   * / median, their ratios in {@code ratioFormat} (best to best, median to median), a goal and a
   * verdict.
   */
  public static void comparisonRow(
      StringBuilder out,
      String figure,
      double[] t,
      double[] s,
      String format,
      String ratioFormat,
      boolean lowerIsBetter,
      String goal,
      String verdict) {
    String ratio = "–";
    if (t.length > 0 && s.length > 0) {
      ratio =
          String.format(
              Locale.ROOT,
              ratioFormat + "× / " + ratioFormat + "×",
              best(t, lowerIsBetter) / best(s, lowerIsBetter),
              median(t) / median(s));
    }
    out.append("| ")
        .append(figure)
        .append(" | ")
        .append(bestAndMedian(t, format, lowerIsBetter))
        .append(" | ")
        .append(bestAndMedian(s, format, lowerIsBetter))
        .append(" | ")
        .append(ratio)
        .append(" | ")
        .append(goal)
        .append(" | ")
        .append(verdict)
        .append(" |\n");
  }
}
