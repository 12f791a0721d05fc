package io.tideline.examples.orders;

import io.tideline.streaming.StreamingQueryProgress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run of the demo left behind.
 *
 * @param tableRows rows per catalog table, in pipeline order; a table no batch has created yet is
 *     absent
 * @param progress the progress of each stage's batches in this run, by table, in pipeline order
 *     (the last 100, as {@code recentProgress()} keeps them)
 * @param generated orders this run wrote to Kafka
 * @param nextSequence the number of the next order a later run will generate (orders in the topic)
 */
public record DemoResult(
    Map<String, Long> tableRows,
    Map<String, List<StreamingQueryProgress>> progress,
    long generated,
    long nextSequence) {
  public DemoResult {
    tableRows = Collections.unmodifiableMap(new LinkedHashMap<>(tableRows));
    progress = Collections.unmodifiableMap(new LinkedHashMap<>(progress));
  }
}
