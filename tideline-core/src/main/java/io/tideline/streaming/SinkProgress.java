package io.tideline.streaming;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;

/**
 * What a query's sink did in one trigger, part of a {@link StreamingQueryProgress}.
 *
 * <p>JSON: {@code description}, {@code numOutputRows}, {@code metrics} (sorted, left out when
 * empty). The description is written as given: callers pass it already redacted.
 */
public final class SinkProgress {

  /** The row count of a sink that cannot count what it wrote, as Spark reports it. */
  public static final long UNKNOWN_NUM_OUTPUT_ROWS = -1L;

  private final String description;
  private final long numOutputRows;
  private final Map<String, String> metrics;

  /**
   * @param description the sink, e.g. {@code MemorySink}; already redacted
   * @param numOutputRows rows written in the trigger, or {@link #UNKNOWN_NUM_OUTPUT_ROWS}
   * @param metrics sink-specific metrics
   */
  public SinkProgress(String description, long numOutputRows, Map<String, String> metrics) {
    this.description = Objects.requireNonNull(description, "description");
    this.numOutputRows = numOutputRows;
    this.metrics = ProgressJson.sortedCopy(metrics, "Sink metrics");
  }

  public SinkProgress(String description, long numOutputRows) {
    this(description, numOutputRows, Map.of());
  }

  public String description() {
    return description;
  }

  /** Rows written in the trigger, or -1 when the sink cannot tell (foreachBatch, files, Delta). */
  public long numOutputRows() {
    return numOutputRows;
  }

  /** Sink-specific metrics, sorted by name. */
  public Map<String, String> metrics() {
    return metrics;
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
    node.put("description", description);
    node.put("numOutputRows", numOutputRows);
    ProgressJson.putMap(node, "metrics", metrics, (o, k) -> o.put(k, metrics.get(k)));
    return node;
  }

  @Override
  public String toString() {
    return prettyJson();
  }
}
