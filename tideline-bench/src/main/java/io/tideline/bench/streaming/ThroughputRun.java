package io.tideline.bench.streaming;

/**
 * One run of the throughput measurement.
 *
 * @param seconds from just before {@code start()} until the AvailableNow query ended
 * @param cpuSeconds CPU seconds the engine's JVM spent meanwhile, or negative if unknown
 * @param rows rows counted over all batches
 * @param batches batches the query ran
 */
record ThroughputRun(double seconds, double cpuSeconds, long rows, long batches) {
  double recordsPerSecond() {
    return rows / seconds;
  }
}
