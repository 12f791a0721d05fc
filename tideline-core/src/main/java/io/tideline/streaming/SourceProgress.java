package io.tideline.streaming;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;

/**
 * What one source of a query did in one trigger, part of a {@link StreamingQueryProgress}.
 *
 * <p>JSON: {@code description}, {@code startOffset}, {@code endOffset}, {@code latestOffset} (each
 * the source's offset JSON nested as JSON, {@code null} when absent, e.g. the start of batch 0),
 * {@code numInputRows}, {@code inputRowsPerSecond}, {@code processedRowsPerSecond} (one decimal,
 * left out when not a number), {@code metrics} (sorted, left out when empty).
 *
 * <p>Secrets never reach progress: callers pass descriptions and offsets already redacted.
 */
public final class SourceProgress {

  private final String description;
  private final String startOffset;
  private final String endOffset;
  private final String latestOffset;
  private final long numInputRows;
  private final double inputRowsPerSecond;
  private final double processedRowsPerSecond;
  private final Map<String, String> metrics;

  /**
   * @param description the source, e.g. {@code KafkaV2[Subscribe[events]]}; already redacted
   * @param startOffset the offset JSON the batch started after, or null (batch 0)
   * @param endOffset the offset JSON the batch ended at, or null
   * @param latestOffset the latest offset JSON available at the source, or null
   * @param numInputRows rows read from this source in the trigger
   * @param inputRowsPerSecond rows per second arriving, NaN when unknown
   * @param processedRowsPerSecond rows per second processed, NaN when unknown
   * @param metrics source-specific metrics
   */
  public SourceProgress(
      String description,
      String startOffset,
      String endOffset,
      String latestOffset,
      long numInputRows,
      double inputRowsPerSecond,
      double processedRowsPerSecond,
      Map<String, String> metrics) {
    this.description = Objects.requireNonNull(description, "description");
    this.startOffset = startOffset;
    this.endOffset = endOffset;
    this.latestOffset = latestOffset;
    this.numInputRows = numInputRows;
    this.inputRowsPerSecond = inputRowsPerSecond;
    this.processedRowsPerSecond = processedRowsPerSecond;
    this.metrics = ProgressJson.sortedCopy(metrics, "Source metrics");
  }

  public String description() {
    return description;
  }

  /** The offset JSON the batch started after; null in batch 0. */
  public String startOffset() {
    return startOffset;
  }

  /** The offset JSON the batch ended at. */
  public String endOffset() {
    return endOffset;
  }

  /** The latest offset JSON available at the source; beyond the end offset under rate limits. */
  public String latestOffset() {
    return latestOffset;
  }

  public long numInputRows() {
    return numInputRows;
  }

  public double inputRowsPerSecond() {
    return inputRowsPerSecond;
  }

  public double processedRowsPerSecond() {
    return processedRowsPerSecond;
  }

  /** Source-specific metrics, sorted by name. */
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
    ProgressJson.putOffset(node, "startOffset", startOffset);
    ProgressJson.putOffset(node, "endOffset", endOffset);
    ProgressJson.putOffset(node, "latestOffset", latestOffset);
    node.put("numInputRows", numInputRows);
    ProgressJson.putRate(node, "inputRowsPerSecond", inputRowsPerSecond);
    ProgressJson.putRate(node, "processedRowsPerSecond", processedRowsPerSecond);
    ProgressJson.putMap(node, "metrics", metrics, (o, k) -> o.put(k, metrics.get(k)));
    return node;
  }

  @Override
  public String toString() {
    return prettyJson();
  }
}
