package io.tideline.bench.streaming;

import java.nio.file.Path;

/** An engine that can measure the heap its running query's state holds: Tideline, in-process. */
interface HeapMeasuring {
  /**
   * Starts the windowed query (update mode, the default trigger) over the Parquet bids in {@code
   * input} with state store {@code provider}, waits until everything is processed, and measures the
   * heap with the query idle over its state and after its stop.
   */
  HeapRun heap(Path input, StateProvider provider, Path checkpoint);
}
