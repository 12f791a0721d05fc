package io.tideline.testkit.stream;

import io.tideline.Row;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A check of what a sink received against what the sources were given, for crash and restart tests:
 * nothing lost, nothing duplicated, and, for sinks that keep arrival order, each key's rows in the
 * order they were given.
 *
 * @param lost input rows missing from the output (as many times as missing)
 * @param duplicated output rows beyond their count in the input
 * @param unexpected output rows that were never input
 * @param outOfOrder per key, a description of the first row that arrived before an earlier one
 */
public record DeliveryHistory(
    List<Row> lost, List<Row> duplicated, List<Row> unexpected, List<String> outOfOrder) {

  /** Compares {@code output} with {@code input} as multisets only (for unordered sinks). */
  public static DeliveryHistory check(List<Row> input, List<Row> output) {
    return check(input, output, null);
  }

  /**
   * Compares {@code output} with {@code input}; when {@code key} is given, also checks that the
   * rows of each key arrive in input order (of their first arrival, so a duplicate does not count
   * twice).
   */
  public static DeliveryHistory check(
      List<Row> input, List<Row> output, Function<Row, Object> key) {
    Map<Row, Integer> expected = counts(input);
    Map<Row, Integer> actual = counts(output);
    List<Row> lost = new ArrayList<>();
    List<Row> duplicated = new ArrayList<>();
    List<Row> unexpected = new ArrayList<>();
    expected.forEach(
        (row, n) -> {
          for (int i = actual.getOrDefault(row, 0); i < n; i++) {
            lost.add(row);
          }
        });
    actual.forEach(
        (row, n) -> {
          int want = expected.getOrDefault(row, 0);
          for (int i = want; i < n; i++) {
            (want == 0 ? unexpected : duplicated).add(row);
          }
        });
    List<String> outOfOrder = key == null ? List.of() : orderViolations(input, output, key);
    return new DeliveryHistory(lost, duplicated, unexpected, outOfOrder);
  }

  /** Whether the output is exactly the input (and in order per key, if checked). */
  public boolean isExactlyOnce() {
    return lost.isEmpty() && duplicated.isEmpty() && unexpected.isEmpty() && outOfOrder.isEmpty();
  }

  /** The findings, one kind per line, for an assertion message. */
  public String describe() {
    return "lost: "
        + Rows.inline(lost)
        + "\nduplicated: "
        + Rows.inline(duplicated)
        + "\nunexpected: "
        + Rows.inline(unexpected)
        + "\nout of order: "
        + (outOfOrder.isEmpty() ? "(none)" : String.join("; ", outOfOrder));
  }

  private static Map<Row, Integer> counts(List<Row> rows) {
    Map<Row, Integer> out = new LinkedHashMap<>();
    for (Row r : rows) {
      out.merge(r, 1, Integer::sum);
    }
    return out;
  }

  private static List<String> orderViolations(
      List<Row> input, List<Row> output, Function<Row, Object> key) {
    Map<Row, Integer> position = new HashMap<>();
    for (int i = 0; i < input.size(); i++) {
      position.putIfAbsent(input.get(i), i);
    }
    Map<Object, Integer> lastPositionByKey = new HashMap<>();
    Map<Object, Row> lastRowByKey = new HashMap<>();
    Map<Row, Boolean> seen = new HashMap<>();
    List<String> out = new ArrayList<>();
    for (Row r : output) {
      Integer at = position.get(r);
      if (at == null || seen.put(r, Boolean.TRUE) != null) {
        continue;
      }
      Object k = key.apply(r);
      Integer before = lastPositionByKey.get(k);
      if (before != null && at < before) {
        out.add("key " + k + ": " + r + " arrived after " + lastRowByKey.get(k));
      } else {
        lastPositionByKey.put(k, at);
        lastRowByKey.put(k, r);
      }
    }
    return out;
  }
}
