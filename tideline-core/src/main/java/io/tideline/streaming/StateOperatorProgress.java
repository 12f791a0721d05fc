package io.tideline.streaming;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;

/**
 * What one stateful operator of a query did in one trigger, part of a {@link
 * StreamingQueryProgress}. Build with {@link #builder(String)}.
 *
 * <p>JSON, in this order: {@code operatorName}, {@code numRowsTotal}, {@code numRowsUpdated},
 * {@code allUpdatesTimeMs}, {@code numRowsRemoved}, {@code allRemovalsTimeMs}, {@code
 * commitTimeMs}, {@code memoryUsedBytes}, {@code numRowsDroppedByWatermark}, {@code
 * numShufflePartitions}, {@code numStateStoreInstances}, {@code customMetrics} (sorted, left out
 * when empty).
 *
 * <p>{@code numRowsDroppedByWatermark} counts the late rows the operator dropped in this trigger
 * (for an aggregation one per late key and state partition, after partial aggregation, as Spark
 * counts them); a trigger that ran no batch reports 0. Besides the state store's own custom
 * metrics, {@code customMetrics.unboundedStateWarning = 1} marks an operator whose state can never
 * be evicted (no watermarked event time among its keys, or Complete output mode): Tideline's
 * addition, a key Spark's progress readers take as any other custom metric.
 */
public final class StateOperatorProgress {

  private final String operatorName;
  private final long numRowsTotal;
  private final long numRowsUpdated;
  private final long allUpdatesTimeMs;
  private final long numRowsRemoved;
  private final long allRemovalsTimeMs;
  private final long commitTimeMs;
  private final long memoryUsedBytes;
  private final long numRowsDroppedByWatermark;
  private final long numShufflePartitions;
  private final long numStateStoreInstances;
  private final Map<String, Long> customMetrics;

  private StateOperatorProgress(Builder b) {
    this.operatorName = b.operatorName;
    this.numRowsTotal = b.numRowsTotal;
    this.numRowsUpdated = b.numRowsUpdated;
    this.allUpdatesTimeMs = b.allUpdatesTimeMs;
    this.numRowsRemoved = b.numRowsRemoved;
    this.allRemovalsTimeMs = b.allRemovalsTimeMs;
    this.commitTimeMs = b.commitTimeMs;
    this.memoryUsedBytes = b.memoryUsedBytes;
    this.numRowsDroppedByWatermark = b.numRowsDroppedByWatermark;
    this.numShufflePartitions = b.numShufflePartitions;
    this.numStateStoreInstances = b.numStateStoreInstances;
    this.customMetrics = ProgressJson.sortedCopy(b.customMetrics, "State operator custom metrics");
  }

  /** A builder for an operator, e.g. {@code stateStoreSave}, {@code dedupe}. */
  public static Builder builder(String operatorName) {
    return new Builder(operatorName);
  }

  public String operatorName() {
    return operatorName;
  }

  public long numRowsTotal() {
    return numRowsTotal;
  }

  public long numRowsUpdated() {
    return numRowsUpdated;
  }

  public long allUpdatesTimeMs() {
    return allUpdatesTimeMs;
  }

  public long numRowsRemoved() {
    return numRowsRemoved;
  }

  public long allRemovalsTimeMs() {
    return allRemovalsTimeMs;
  }

  public long commitTimeMs() {
    return commitTimeMs;
  }

  public long memoryUsedBytes() {
    return memoryUsedBytes;
  }

  public long numRowsDroppedByWatermark() {
    return numRowsDroppedByWatermark;
  }

  public long numShufflePartitions() {
    return numShufflePartitions;
  }

  public long numStateStoreInstances() {
    return numStateStoreInstances;
  }

  /** Store-specific metrics, sorted by name. */
  public Map<String, Long> customMetrics() {
    return customMetrics;
  }

  /** The compact JSON of this progress. */
  public String json() {
    return ProgressJson.compact(jsonValue());
  }

  /** The indented JSON of this progress. */
  public String prettyJson() {
    return ProgressJson.pretty(jsonValue());
  }

  ObjectNode jsonValue() {
    ObjectNode node = ProgressJson.object();
    node.put("operatorName", operatorName);
    node.put("numRowsTotal", numRowsTotal);
    node.put("numRowsUpdated", numRowsUpdated);
    node.put("allUpdatesTimeMs", allUpdatesTimeMs);
    node.put("numRowsRemoved", numRowsRemoved);
    node.put("allRemovalsTimeMs", allRemovalsTimeMs);
    node.put("commitTimeMs", commitTimeMs);
    node.put("memoryUsedBytes", memoryUsedBytes);
    node.put("numRowsDroppedByWatermark", numRowsDroppedByWatermark);
    node.put("numShufflePartitions", numShufflePartitions);
    node.put("numStateStoreInstances", numStateStoreInstances);
    ProgressJson.putMap(
        node, "customMetrics", customMetrics, (o, k) -> o.put(k, customMetrics.get(k)));
    return node;
  }

  @Override
  public String toString() {
    return prettyJson();
  }

  /** Collects the counters of one operator; every counter defaults to 0. */
  public static final class Builder {
    private final String operatorName;
    private long numRowsTotal;
    private long numRowsUpdated;
    private long allUpdatesTimeMs;
    private long numRowsRemoved;
    private long allRemovalsTimeMs;
    private long commitTimeMs;
    private long memoryUsedBytes;
    private long numRowsDroppedByWatermark;
    private long numShufflePartitions;
    private long numStateStoreInstances;
    private Map<String, Long> customMetrics = Map.of();

    private Builder(String operatorName) {
      this.operatorName = Objects.requireNonNull(operatorName, "operatorName");
    }

    public Builder numRowsTotal(long value) {
      this.numRowsTotal = value;
      return this;
    }

    public Builder numRowsUpdated(long value) {
      this.numRowsUpdated = value;
      return this;
    }

    public Builder allUpdatesTimeMs(long value) {
      this.allUpdatesTimeMs = value;
      return this;
    }

    public Builder numRowsRemoved(long value) {
      this.numRowsRemoved = value;
      return this;
    }

    public Builder allRemovalsTimeMs(long value) {
      this.allRemovalsTimeMs = value;
      return this;
    }

    public Builder commitTimeMs(long value) {
      this.commitTimeMs = value;
      return this;
    }

    public Builder memoryUsedBytes(long value) {
      this.memoryUsedBytes = value;
      return this;
    }

    public Builder numRowsDroppedByWatermark(long value) {
      this.numRowsDroppedByWatermark = value;
      return this;
    }

    public Builder numShufflePartitions(long value) {
      this.numShufflePartitions = value;
      return this;
    }

    public Builder numStateStoreInstances(long value) {
      this.numStateStoreInstances = value;
      return this;
    }

    public Builder customMetrics(Map<String, Long> value) {
      this.customMetrics = Objects.requireNonNull(value, "customMetrics");
      return this;
    }

    public StateOperatorProgress build() {
      return new StateOperatorProgress(this);
    }
  }
}
