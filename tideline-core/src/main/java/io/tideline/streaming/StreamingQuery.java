package io.tideline.streaming;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A running (or finished) streaming query, as Spark's {@code StreamingQuery}. Made by {@code
 * writeStream()...start()}; every method is safe to call from any thread.
 */
public interface StreamingQuery {

  /** The query's id: stable across restarts from one checkpoint (kept in its {@code metadata}). */
  UUID id();

  /** The id of this run: new at every start. */
  UUID runId();

  /** The name set with {@code queryName}, or null. */
  String name();

  /** Whether the query runs: true from {@code start()} until it stops, fails or finishes. */
  boolean isActive();

  /** What the query is doing right now. */
  StreamingQueryStatus status();

  /** The progress of the latest batch, or null before the first. */
  StreamingQueryProgress lastProgress();

  /**
   * The progress of the latest batches, oldest first (up to {@code
   * progressReporter.numRecentProgressUpdates}).
   */
  List<StreamingQueryProgress> recentProgress();

  /**
   * Stops the query and waits for its thread to end. A batch in flight is interrupted without being
   * committed; a restart from the checkpoint runs it again with the same offsets. Calling it again,
   * or on an ended query, does nothing.
   */
  void stop();

  /**
   * Waits until the query ends.
   *
   * @throws StreamingQueryException if it ended with an error
   */
  void awaitTermination() throws StreamingQueryException;

  /**
   * Waits up to {@code timeoutMs} for the query to end.
   *
   * @return whether it ended
   * @throws StreamingQueryException if it ended with an error
   */
  boolean awaitTermination(long timeoutMs) throws StreamingQueryException;

  /**
   * Blocks until every source's data available when called has been processed and committed (for
   * tests, as in Spark).
   *
   * @throws StreamingQueryException if the query fails meanwhile
   */
  void processAllAvailable() throws StreamingQueryException;

  /** The error the query ended with, if it failed. */
  Optional<StreamingQueryException> exception();

  /**
   * Prints the physical plan of the latest batch, or {@code No physical plan. Waiting for data.}
   * before the first, as Spark.
   */
  void explain();

  /** As {@link #explain()}; {@code extended} adds the logical plans before the physical one. */
  void explain(boolean extended);

  /** What {@link #explain(boolean)} prints. */
  String explainString(boolean extended);
}
