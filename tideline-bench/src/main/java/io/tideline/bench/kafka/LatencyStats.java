package io.tideline.bench.kafka;

import java.util.Arrays;

/**
 * Order statistics of one latency run, in milliseconds: nearest-rank percentiles (the smallest
 * latency that at least that share of records did not exceed), so p99 is a latency a record really
 * had.
 *
 * @param records records measured
 * @param p50Ms median
 * @param p90Ms 90th percentile
 * @param p99Ms 99th percentile
 * @param p999Ms 99.9th percentile
 * @param maxMs the largest
 * @param meanMs the mean
 */
record LatencyStats(
    long records,
    double p50Ms,
    double p90Ms,
    double p99Ms,
    double p999Ms,
    double maxMs,
    double meanMs) {

  /** The statistics of the first {@code n} entries of {@code nanos}, which this sorts in place. */
  static LatencyStats of(long[] nanos, int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("Bug in Tideline: latency statistics of no records");
    }
    Arrays.sort(nanos, 0, n);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += nanos[i];
    }
    return new LatencyStats(
        n,
        ms(rank(nanos, n, 0.50)),
        ms(rank(nanos, n, 0.90)),
        ms(rank(nanos, n, 0.99)),
        ms(rank(nanos, n, 0.999)),
        ms(nanos[n - 1]),
        sum / n / 1e6);
  }

  private static long rank(long[] sorted, int n, double quantile) {
    int rank = (int) Math.ceil(quantile * n);
    return sorted[Math.max(0, Math.min(n, rank) - 1)];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
