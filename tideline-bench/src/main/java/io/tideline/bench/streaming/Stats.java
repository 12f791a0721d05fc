package io.tideline.bench.streaming;

import java.util.Arrays;

/** Order statistics of a handful of runs. */
final class Stats {
  private Stats() {}

  /** The median; the mean of the middle two for an even count. */
  static double median(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("Bug in Tideline: the median of no values");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** The best value: the smallest where lower is better, else the largest. */
  static double best(double[] values, boolean lowerIsBetter) {
    if (values.length == 0) {
      throw new IllegalArgumentException("Bug in Tideline: the best of no values");
    }
    double best = values[0];
    for (double v : values) {
      best = lowerIsBetter ? Math.min(best, v) : Math.max(best, v);
    }
    return best;
  }
}
