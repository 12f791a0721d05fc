package io.tideline.bench.streaming;

import java.nio.file.Path;

/**
 * An engine under the streaming benchmark: a started session that runs one measured query per call,
 * each a fresh query on a fresh checkpoint. Used by one thread; closing stops the session.
 */
interface StreamingEngine extends AutoCloseable {
  /** The engine's short name: {@code tideline} or {@code spark}. */
  String name();

  String version();

  /** Seconds the engine took to start its session, measured once, apart from every run. */
  double sessionStartSeconds();

  /**
   * Starts a query over {@code input} (a folder with one small JSON file) keeping {@code amount >
   * 100}, counted in {@code foreachBatch}, and times it from just before {@code start()} until a
   * listener hears batch 0's progress.
   */
  FirstBatchRun firstBatch(Path input, Path checkpoint);

  /**
   * Runs {@code warmupBatches + batches} batches of one row each through a memory stream, a
   * projection and the memory sink, each driven by {@code addData} and {@code processAllAvailable};
   * returns the figures of the last {@code batches}.
   */
  OverheadRun batchOverhead(int warmupBatches, int batches, Path checkpoint);

  /**
   * Runs the throughput query ({@code text} → {@code from_json} → order fields → {@code amount > 0
   * AND customer_id IS NOT NULL} → {@code foreachBatch} count) once with {@code
   * Trigger.AvailableNow} and {@code maxFilesPerTrigger}, from just before {@code start()} until
   * the query ends.
   */
  ThroughputRun throughput(Path input, int maxFilesPerTrigger, Path checkpoint);

  @Override
  void close();
}
