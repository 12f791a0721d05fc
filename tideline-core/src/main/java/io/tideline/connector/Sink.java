package io.tideline.connector;

import io.tideline.DataFrame;

/**
 * Where a streaming query's batches go, as Spark's micro-batch {@code Sink}.
 *
 * <p>Contract, which the test kit's sink contract suite checks for every implementation: {@link
 * #addBatch} with a batch id it has already completed is a no-op, so the loop can re-deliver the
 * last batch after a crash; a batch is either wholly visible to readers or not at all.
 */
public interface Sink {

  /**
   * Writes batch {@code batchId}. {@code data} is a batch (not streaming) DataFrame; it may be
   * executed more than once. Called on the stream thread, batches in increasing id order, possibly
   * repeating the last one after a restart.
   */
  void addBatch(long batchId, DataFrame data);

  /** What progress calls the sink, e.g. {@code MemorySink}, {@code FileSink[/out]}. */
  String description();

  /**
   * The rows the last {@link #addBatch} wrote, or {@code -1} when the sink does not know (progress
   * {@code sink.numOutputRows}).
   */
  default long lastBatchOutputRows() {
    return -1;
  }

  /** Releases the sink's resources; called once when the query stops. */
  default void stop() {}
}
