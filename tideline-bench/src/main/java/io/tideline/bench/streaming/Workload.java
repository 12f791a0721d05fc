package io.tideline.bench.streaming;

import java.util.Locale;

/** The benchmark's three measurements, in the order they run. */
enum Workload {
  /** (a) Time from {@code start()} to the first committed batch. */
  FIRST_BATCH,
  /** (b) Per-batch overhead with one row per batch. */
  BATCH_OVERHEAD,
  /** (c) Throughput of order lines with AvailableNow. */
  THROUGHPUT;

  /** The name on the command line and in messages: {@code first-batch}, ... */
  String cliName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static Workload fromCliName(String name) {
    for (Workload w : values()) {
      if (w.cliName().equals(name.trim())) {
        return w;
      }
    }
    throw StreamingBenchErrors.usage(
        "Unknown workload '" + name + "'; use first-batch, batch-overhead and/or throughput");
  }
}
