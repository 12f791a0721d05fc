package io.tideline.examples.orders;

import java.util.Map;

/**
 * What a run of the demo left behind.
 *
 * @param tableRows rows per catalog table, in pipeline order; a table no batch has created yet is
 *     absent
 * @param generated orders this run wrote to Kafka
 * @param nextSequence the number of the next order a later run will generate (orders in the topic)
 */
public record DemoResult(Map<String, Long> tableRows, long generated, long nextSequence) {
  public DemoResult {
    tableRows = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tableRows));
  }
}
