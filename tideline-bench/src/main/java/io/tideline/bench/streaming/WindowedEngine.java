package io.tideline.bench.streaming;

import java.nio.file.Path;

/**
 * An engine under the windowed-aggregation benchmark: a started session that runs one measured
 * query per call. Used by one thread; closing stops the session.
 *
 * <p>The query, in both engines: bids ({@link BidEvents#DDL}) → {@code withWatermark("ts", "4
 * seconds")} → {@code groupBy(window(ts, "10 seconds"), auction)} → {@code count(*) AS bids,
 * max(price) AS max_price} → {@code foreachBatch}, whose only action sums the batch into a {@link
 * WindowedAnswer}, so the rows are computed and discarded.
 */
interface WindowedEngine extends AutoCloseable {
  /** The engine's short name: {@code tideline} or {@code spark}. */
  String name();

  String version();

  /** Seconds the engine took to start its session, measured once, apart from every run. */
  double sessionStartSeconds();

  /**
   * Runs the query once with {@code Trigger.AvailableNow} over every file in {@code input}, read
   * {@code maxFilesPerTrigger} files a batch, and times it from just before {@code start()} until
   * the query ends.
   */
  WindowedRun windowed(
      Path input, BidFormat format, String outputMode, int maxFilesPerTrigger, Path checkpoint);

  /**
   * Measures a restart over existing state: copies the Parquet file {@code build} into {@code
   * runDir/input} and runs the query (update mode, AvailableNow, state store {@code provider}) on
   * the checkpoint {@code runDir/checkpoint}; then adds the Parquet file {@code extra} and starts
   * the query again, timing from just before {@code start()} until the first batch with input rows
   * has committed (its progress arrived).
   */
  RecoveryRun recovery(Path build, Path extra, Path runDir, StateProvider provider);

  @Override
  void close();
}
