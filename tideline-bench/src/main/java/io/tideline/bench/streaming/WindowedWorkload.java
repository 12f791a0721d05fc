package io.tideline.bench.streaming;

import java.util.Locale;

/** The windowed benchmark's measurements, in the order they run. */
enum WindowedWorkload {
  /** (a) Events per second of the windowed aggregation over Parquet bids. */
  PARQUET,
  /** (b) The same over JSON lines parsed with {@code from_json}. */
  JSON,
  /** (c) Heap bytes per live key of Tideline's state stores (Tideline only). */
  STATE_HEAP,
  /** (d) Time to restart over a checkpoint with the live keys in state. */
  RECOVERY;

  /** The name on the command line and in messages: {@code parquet}, {@code state-heap}, ... */
  String cliName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static WindowedWorkload fromCliName(String name) {
    for (WindowedWorkload w : values()) {
      if (w.cliName().equals(name.trim())) {
        return w;
      }
    }
    throw StreamingBenchErrors.usage(
        "Unknown workload '" + name + "'; use parquet, json, state-heap and/or recovery",
        WindowedSettings.USAGE);
  }
}
