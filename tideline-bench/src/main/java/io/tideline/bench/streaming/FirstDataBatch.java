package io.tideline.bench.streaming;

import io.tideline.streaming.StreamingQueryListener;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A listener that records, per query run, when the progress of its first batch with input rows
 * arrived: that batch had committed.
 */
final class FirstDataBatch extends StreamingQueryListener {
  private final Map<UUID, Long> arrived = new ConcurrentHashMap<>();
  private final Map<UUID, CountDownLatch> latches = new ConcurrentHashMap<>();

  @Override
  public void onQueryStarted(QueryStartedEvent event) {}

  @Override
  public void onQueryProgress(QueryProgressEvent event) {
    long now = System.nanoTime();
    if (event.progress().numInputRows() > 0) {
      UUID run = event.progress().runId();
      if (arrived.putIfAbsent(run, now) == null) {
        latch(run).countDown();
      }
    }
  }

  @Override
  public void onQueryTerminated(QueryTerminatedEvent event) {}

  /**
   * When the first batch with input rows of run {@code runId} reported ({@link System#nanoTime()}),
   * or -1 if none arrived within {@code timeoutSeconds}. The listener bus delivers asynchronously,
   * so a run that has ended may still have its events on the way.
   */
  long arrivedNanos(UUID runId, long timeoutSeconds) throws InterruptedException {
    latch(runId).await(timeoutSeconds, TimeUnit.SECONDS);
    Long at = arrived.get(runId);
    return at == null ? -1 : at;
  }

  private CountDownLatch latch(UUID runId) {
    return latches.computeIfAbsent(runId, id -> new CountDownLatch(1));
  }
}
