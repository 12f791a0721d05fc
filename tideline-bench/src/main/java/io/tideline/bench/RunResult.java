package io.tideline.bench;

import java.util.List;

/**
 * One timed run of the orders query.
 *
 * @param seconds wall-clock seconds from just before the read to after the collect
 * @param cpuSeconds CPU seconds the engine's JVM used meanwhile (all threads), or negative if
 *     unknown
 * @param rows the answer, sorted by product
 */
public record RunResult(double seconds, double cpuSeconds, List<ProductTotals> rows) {
  public RunResult {
    rows = List.copyOf(rows);
  }
}
