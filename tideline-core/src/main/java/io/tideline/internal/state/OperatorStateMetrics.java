package io.tideline.internal.state;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters one stateful operator adds for one batch beyond what its stores measure: rows
 * dropped as late, time spent updating and removing state, and operator-specific custom metrics.
 * Obtained from {@link StateStoreRegistry#operatorMetrics}; thread-safe, so tasks of one batch add
 * to it concurrently. Add once per task (sum locally per batch of rows), not once per row.
 */
public final class OperatorStateMetrics {
  private final LongAdder numRowsDroppedByWatermark = new LongAdder();
  private final LongAdder allUpdatesTimeNs = new LongAdder();
  private final LongAdder allRemovalsTimeNs = new LongAdder();
  private final Map<String, LongAdder> custom = new ConcurrentHashMap<>();

  OperatorStateMetrics() {}

  public void addRowsDroppedByWatermark(long rows) {
    numRowsDroppedByWatermark.add(rows);
  }

  public void addUpdatesTimeNs(long nanos) {
    allUpdatesTimeNs.add(nanos);
  }

  public void addRemovalsTimeNs(long nanos) {
    allRemovalsTimeNs.add(nanos);
  }

  /** Adds to a custom metric shown in progress under {@code customMetrics.<name>}. */
  public void addCustomMetric(String name, long value) {
    custom.computeIfAbsent(name, k -> new LongAdder()).add(value);
  }

  long numRowsDroppedByWatermark() {
    return numRowsDroppedByWatermark.sum();
  }

  long allUpdatesTimeMs() {
    return allUpdatesTimeNs.sum() / 1_000_000;
  }

  long allRemovalsTimeMs() {
    return allRemovalsTimeNs.sum() / 1_000_000;
  }

  /** The custom metrics by name, sorted so progress JSON is stable. */
  Map<String, Long> customMetrics() {
    Map<String, Long> out = new TreeMap<>();
    custom.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
