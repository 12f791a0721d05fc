package io.tideline.bench.streaming;

import io.tideline.streaming.StreamingQuery;
import io.tideline.streaming.StreamingQueryException;
import io.tideline.streaming.StreamingQueryListener;
import io.tideline.streaming.StreamingQueryProgress;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A listener that records, for batches {@code 0 .. expectedBatches-1} of a query run, when their
 * progress arrived and their {@code triggerExecution}, and lets the benchmark wait until all have
 * arrived.
 *
 * <p>Events are kept per run id: the listener bus delivers asynchronously, so a previous query's
 * last events may still arrive after this listener is added, and batch 0's event may arrive before
 * {@code start()} has returned the new query's run id.
 */
final class BatchProgressWaiter extends StreamingQueryListener {
  private final int expectedBatches;
  private final Map<UUID, RunBatches> runs = new ConcurrentHashMap<>();
  private volatile RunBatches awaited;

  BatchProgressWaiter(int expectedBatches) {
    this.expectedBatches = expectedBatches;
  }

  @Override
  public void onQueryStarted(QueryStartedEvent event) {}

  @Override
  public void onQueryProgress(QueryProgressEvent event) {
    long now = System.nanoTime();
    StreamingQueryProgress progress = event.progress();
    runs.computeIfAbsent(progress.runId(), id -> new RunBatches(expectedBatches))
        .record(progress, now);
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
   * Waits until every expected batch of {@code query}'s run has reported, or the query ends, or
   * {@code timeoutSeconds} pass.
   *
   * @throws StreamingQueryException if the query failed
   */
  Outcome await(StreamingQuery query, long timeoutSeconds)
      throws StreamingQueryException, InterruptedException {
    RunBatches run = runs.computeIfAbsent(query.runId(), id -> new RunBatches(expectedBatches));
    awaited = run;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    // The query is checked as well as the latch: a failed query never reports progress.
    while (!run.reported.await(20, TimeUnit.MILLISECONDS)) {
      if (!query.isActive()) {
        query.awaitTermination();
        // Its last events may still have been on their way when it ended.
        return run.reported.await(1, TimeUnit.SECONDS) ? Outcome.REPORTED : Outcome.QUERY_ENDED;
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
    return awaited.arrivedNanos[batch];
  }

  /** Batch {@code batch}'s {@code triggerExecution} in ms, or -1; after {@link #await}. */
  long triggerExecutionMs(int batch) {
    return awaited.triggerExecutionMs[batch];
  }

  /** The batches of one query run; written by the listener thread only. */
  private static final class RunBatches {
    final CountDownLatch reported;
    final long[] arrivedNanos;
    final long[] triggerExecutionMs;
    final boolean[] seen;

    RunBatches(int expected) {
      reported = new CountDownLatch(expected);
      arrivedNanos = new long[expected];
      triggerExecutionMs = new long[expected];
      seen = new boolean[expected];
    }

    void record(StreamingQueryProgress progress, long now) {
      long batch = progress.batchId();
      if (batch >= 0 && batch < seen.length && !seen[(int) batch]) {
        seen[(int) batch] = true;
        arrivedNanos[(int) batch] = now;
        Long trigger = progress.durationMs().get("triggerExecution");
        triggerExecutionMs[(int) batch] = trigger == null ? -1 : trigger;
        // Counting down last publishes the writes above to the thread that awaits the latch.
        reported.countDown();
      }
    }
  }
}
