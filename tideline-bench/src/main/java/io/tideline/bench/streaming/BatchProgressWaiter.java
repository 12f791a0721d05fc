package io.tideline.bench.streaming;

import io.tideline.streaming.StreamingQuery;
import io.tideline.streaming.StreamingQueryException;
import io.tideline.streaming.StreamingQueryListener;
import io.tideline.streaming.StreamingQueryProgress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A listener that records, for batches {@code 0 .. expectedBatches-1}, when their progress arrived
 * and their {@code triggerExecution}, and lets the benchmark wait until all have arrived.
 *
 * <p>Only one query runs at a time in the benchmark, so the events need no filtering by query id,
 * which is not known before {@code start()} returns anyway.
 */
final class BatchProgressWaiter extends StreamingQueryListener {
  private final CountDownLatch reported;
  private final long[] arrivedNanos;
  private final long[] triggerExecutionMs;

  BatchProgressWaiter(int expectedBatches) {
    this.reported = new CountDownLatch(expectedBatches);
    this.arrivedNanos = new long[expectedBatches];
    this.triggerExecutionMs = new long[expectedBatches];
  }

  @Override
  public void onQueryStarted(QueryStartedEvent event) {}

  @Override
  public void onQueryProgress(QueryProgressEvent event) {
    long now = System.nanoTime();
    StreamingQueryProgress progress = event.progress();
    long batch = progress.batchId();
    if (batch >= 0 && batch < arrivedNanos.length && arrivedNanos[(int) batch] == 0) {
      arrivedNanos[(int) batch] = now;
      Long trigger = progress.durationMs().get("triggerExecution");
      triggerExecutionMs[(int) batch] = trigger == null ? -1 : trigger;
      reported.countDown();
    }
  }

  @Override
  public void onQueryTerminated(QueryTerminatedEvent event) {}

  /** How a wait for the expected batches ended. */
  enum Outcome {
    REPORTED,
    QUERY_ENDED,
    TIMED_OUT
  }

  /**
   * Waits until every expected batch has reported, or the query ends, or {@code timeoutSeconds}
   * pass.
   *
   * @throws StreamingQueryException if the query failed
   */
  Outcome await(StreamingQuery query, long timeoutSeconds)
      throws StreamingQueryException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    // The query is checked as well as the latch: a failed query never reports progress.
    while (!reported.await(20, TimeUnit.MILLISECONDS)) {
      if (!query.isActive()) {
        query.awaitTermination();
        // Its last events may still have been on their way when it ended.
        return reported.await(1, TimeUnit.SECONDS) ? Outcome.REPORTED : Outcome.QUERY_ENDED;
      }
      if (System.nanoTime() > deadline) {
        return Outcome.TIMED_OUT;
      }
    }
    return Outcome.REPORTED;
  }

  /**
   * When batch {@code batch}'s progress arrived ({@link System#nanoTime()}); after {@link #await}.
   */
  long arrivedNanos(int batch) {
    return arrivedNanos[batch];
  }

  /** Batch {@code batch}'s {@code triggerExecution} in ms, or -1; after {@link #await}. */
  long triggerExecutionMs(int batch) {
    return triggerExecutionMs[batch];
  }
}
