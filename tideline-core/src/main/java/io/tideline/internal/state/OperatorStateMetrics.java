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
  private final LongAdder rowsTotal = new LongAdder();
  private final LongAdder rowsUpdated = new LongAdder();
  private final LongAdder rowsRemoved = new LongAdder();
  private final LongAdder storeInstances = new LongAdder();
  private volatile boolean countsRows;

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

  /**
   * Adds one task's own row counts, for an operator whose rows are not its stores' keys (a
   * stream-stream join keeps an index store beside its rows): once any task adds them, progress
   * shows these instead of the sums over the stores.
   */
  public void addStateRows(long total, long updated, long removed, int instances) {
    rowsTotal.add(total);
    rowsUpdated.add(updated);
    rowsRemoved.add(removed);
    storeInstances.add(instances);
    countsRows = true;
  }

  boolean countsRows() {
    return countsRows;
  }

  long rowsTotal() {
    return rowsTotal.sum();
  }

  long rowsUpdated() {
    return rowsUpdated.sum();
  }

  long rowsRemoved() {
    return rowsRemoved.sum();
  }

  int storeInstances() {
    return (int) storeInstances.sum();
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
