package io.tideline.bench.streaming;

/**
 * One run of the windowed throughput measurement.
 *
 * @param seconds from just before {@code start()} until the AvailableNow query ended
 * @param cpuSeconds CPU seconds the engine's JVM spent meanwhile, or negative if unknown
 * @param inputRows the rows the query read, summed over its progress reports
 * @param answer the checksum of every batch's output
 */
record WindowedRun(double seconds, double cpuSeconds, long inputRows, WindowedAnswer answer) {
  double eventsPerSecond() {
    return inputRows / seconds;
  }
}
