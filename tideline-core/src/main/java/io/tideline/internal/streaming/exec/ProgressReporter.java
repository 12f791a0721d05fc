package io.tideline.internal.streaming.exec;

import io.tideline.internal.streaming.Clock;
import io.tideline.streaming.SinkProgress;
import io.tideline.streaming.SourceProgress;
import io.tideline.streaming.StateOperatorProgress;
import io.tideline.streaming.StreamingQueryListener;
import io.tideline.streaming.StreamingQueryProgress;
import io.tideline.streaming.StreamingQueryStatus;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Measures each trigger of one query run and turns it into Spark's progress: phase durations
 * ({@code durationMs}), rates, per-source and sink figures. Keeps the status, the last progress and
 * the recent ones, and posts progress and idle events to the listener bus.
 *
 * <p>Timing follows Spark: a trigger's rate of arrival is its rows over the time since the start of
 * the previous trigger that ran a batch (0 for the first); the processing rate is its rows over the
 * trigger's duration (at least 1 ms). A trigger that finds no data posts an idle event (and records
 * an idle progress) at most once per {@code tideline.sql.streaming.noDataProgressEventInterval} (10
 * s), counted from the last batch or idle event.
 *
 * <p>Written by the stream thread; read from any thread (status and progress are volatile or
 * synchronized).
 */
final class ProgressReporter {

  /** What one source did in a batch. */
  record SourceBatch(
      String description,
      String startOffset,
      String endOffset,
      String latestOffset,
      long numInputRows,
      Map<String, String> metrics) {}

  private final UUID id;
  private final UUID runId;
  private final String name;
  private final Clock clock;
  private final ListenerBus bus;
  private final int numRecent;
  private final long idleEventIntervalMs;

  private final ArrayDeque<StreamingQueryProgress> recent = new ArrayDeque<>();
  private volatile StreamingQueryStatus status =
      new StreamingQueryStatus("Initializing StreamExecution", false, false);

  private long triggerStartMs = -1;
  private final Map<String, Long> durations = new LinkedHashMap<>();
  private long lastTriggerStartMs = -1;
  private long lastIdleEventMs = Long.MIN_VALUE;
  private Map<String, String> eventTime = Map.of();

  ProgressReporter(
      UUID id,
      UUID runId,
      String name,
      Clock clock,
      ListenerBus bus,
      int numRecent,
      long idleEventIntervalMs) {
    this.id = id;
    this.runId = runId;
    this.name = name;
    this.clock = clock;
    this.bus = bus;
    this.numRecent = Math.max(1, numRecent);
    this.idleEventIntervalMs = idleEventIntervalMs;
  }

  StreamingQueryStatus status() {
    return status;
  }

  void setMessage(String message) {
    StreamingQueryStatus s = status;
    status = new StreamingQueryStatus(message, s.isDataAvailable(), s.isTriggerActive());
  }

  void setStatus(String message, boolean dataAvailable, boolean triggerActive) {
    status = new StreamingQueryStatus(message, dataAvailable, triggerActive);
  }

  /** The query's name and ids as every log line of the query starts. */
  String logPrefix() {
    return "[query=" + name + " id=" + id + " run=" + runId + "]";
  }

  /** Progress' {@code eventTime} for the trigger being finished; cleared by the next trigger. */
  void setEventTime(Map<String, String> value) {
    eventTime = Map.copyOf(value);
  }

  void startTrigger() {
    eventTime = Map.of();
    lastTriggerStartMs = triggerStartMs;
    triggerStartMs = clock.nowMs();
    durations.clear();
    StreamingQueryStatus s = status;
    status = new StreamingQueryStatus(s.message(), s.isDataAvailable(), true);
  }

  /**
   * Runs {@code body}, adding its duration to phase {@code key}. Measured on the query's clock, as
   * the trigger itself, so the phases of a trigger never add up to more than its duration.
   */
  <T> T time(String key, Supplier<T> body) {
    long start = clock.nowMs();
    try {
      return body.get();
    } finally {
      durations.merge(key, clock.nowMs() - start, Long::sum);
    }
  }

  void time(String key, Runnable body) {
    time(
        key,
        () -> {
          body.run();
          return null;
        });
  }

  /** Finishes a trigger that ran batch {@code batchId}: records and posts its progress. */
  StreamingQueryProgress finishBatch(
      long batchId,
      List<SourceBatch> sources,
      SinkProgress sink,
      List<StateOperatorProgress> stateOperators) {
    long endMs = clock.nowMs();
    StreamingQueryProgress progress = build(batchId, sources, sink, stateOperators, endMs);
    lastIdleEventMs = endMs;
    record(progress);
    bus.post(new StreamingQueryListener.QueryProgressEvent(progress));
    StreamingQueryStatus s = status;
    status = new StreamingQueryStatus(s.message(), s.isDataAvailable(), false);
    return progress;
  }

  /**
   * Whether a trigger that found no data now should report it: the last batch or idle event is long
   * enough ago. Asked first, so idle triggers between reports build nothing.
   */
  boolean idleEventDue() {
    return clock.nowMs() - idleEventIntervalMs >= lastIdleEventMs;
  }

  /** Ends a trigger that reports nothing. */
  void endTrigger() {
    StreamingQueryStatus s = status;
    status = new StreamingQueryStatus(s.message(), s.isDataAvailable(), false);
  }

  /**
   * Finishes a trigger that found no data when {@link #idleEventDue()}: records an idle progress
   * ({@code nextBatchId} is the batch still to run) and posts an idle event.
   */
  void finishIdle(
      long nextBatchId,
      List<SourceBatch> sources,
      SinkProgress sink,
      List<StateOperatorProgress> stateOperators) {
    long now = clock.nowMs();
    record(build(nextBatchId, sources, sink, stateOperators, now));
    if (lastIdleEventMs != Long.MIN_VALUE) {
      bus.post(
          new StreamingQueryListener.QueryIdleEvent(
              id, runId, Instant.ofEpochMilli(triggerStartMs).toString()));
    }
    lastIdleEventMs = now;
    endTrigger();
  }

  private StreamingQueryProgress build(
      long batchId,
      List<SourceBatch> sources,
      SinkProgress sink,
      List<StateOperatorProgress> stateOperators,
      long endMs) {
    long durationMs = endMs - triggerStartMs;
    durations.put("triggerExecution", durationMs);
    double processingSec = Math.max(1L, durationMs) / 1000.0;
    double inputSec =
        lastTriggerStartMs >= 0 && triggerStartMs > lastTriggerStartMs
            ? (triggerStartMs - lastTriggerStartMs) / 1000.0
            : Double.POSITIVE_INFINITY;
    List<SourceProgress> sourceProgress = new ArrayList<>(sources.size());
    for (SourceBatch s : sources) {
      sourceProgress.add(
          new SourceProgress(
              s.description(),
              s.startOffset(),
              s.endOffset(),
              s.latestOffset(),
              s.numInputRows(),
              s.numInputRows() / inputSec,
              s.numInputRows() / processingSec,
              s.metrics()));
    }
    return StreamingQueryProgress.builder(id, runId)
        .name(name)
        .timestamp(Instant.ofEpochMilli(triggerStartMs))
        .batchId(batchId)
        .batchDuration(durationMs)
        .durationMs(durations)
        .eventTime(eventTime)
        .stateOperators(stateOperators)
        .sources(sourceProgress)
        .sink(sink)
        .build();
  }

  private synchronized void record(StreamingQueryProgress progress) {
    recent.addLast(progress);
    while (recent.size() > numRecent) {
      recent.removeFirst();
    }
  }

  /**
   * The state operators' progress for a trigger that ran no batch: as Spark reports it, the last
   * batch's figures with nothing updated and nothing dropped by the watermark in this trigger.
   */
  static List<StateOperatorProgress> idleStateProgress(List<StateOperatorProgress> last) {
    List<StateOperatorProgress> out = new ArrayList<>(last.size());
    for (StateOperatorProgress p : last) {
      out.add(
          StateOperatorProgress.builder(p.operatorName())
              .numRowsTotal(p.numRowsTotal())
              .numRowsUpdated(0)
              .allUpdatesTimeMs(p.allUpdatesTimeMs())
              .numRowsRemoved(p.numRowsRemoved())
              .allRemovalsTimeMs(p.allRemovalsTimeMs())
              .commitTimeMs(p.commitTimeMs())
              .memoryUsedBytes(p.memoryUsedBytes())
              .numRowsDroppedByWatermark(0)
              .numShufflePartitions(p.numShufflePartitions())
              .numStateStoreInstances(p.numStateStoreInstances())
              .customMetrics(p.customMetrics())
              .build());
    }
    return out;
  }

  synchronized StreamingQueryProgress lastProgress() {
    return recent.peekLast();
  }

  synchronized List<StreamingQueryProgress> recentProgress() {
    return List.copyOf(recent);
  }
}
