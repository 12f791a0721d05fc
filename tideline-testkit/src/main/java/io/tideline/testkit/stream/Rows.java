package io.tideline.testkit.stream;

import io.tideline.Row;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Row-list comparisons and renderings shared by the stream harness and the contract suites. */
public final class Rows {

  private Rows() {}

  /** Whether {@code a} and {@code b} hold the same rows, each as many times, in any order. */
  public static boolean sameMultiset(List<Row> a, List<Row> b) {
    if (a.size() != b.size()) {
      return false;
    }
    Map<Row, Integer> counts = new HashMap<>();
    for (Row r : a) {
      counts.merge(r, 1, Integer::sum);
    }
    for (Row r : b) {
      Integer left = counts.get(r);
      if (left == null) {
        return false;
      }
      if (left == 1) {
        counts.remove(r);
      } else {
        counts.put(r, left - 1);
      }
    }
    return counts.isEmpty();
  }

  /** The rows that occur more than once in {@code rows}, once each. */
  public static List<Row> duplicates(List<Row> rows) {
    Map<Row, Integer> counts = new HashMap<>();
    for (Row r : rows) {
      counts.merge(r, 1, Integer::sum);
    }
    List<Row> out = new ArrayList<>();
    counts.forEach(
        (r, n) -> {
          if (n > 1) {
            out.add(r);
          }
        });
    return out;
  }

  /** {@code [a,1], [b,2]} on one line; {@code (none)} when empty. */
  public static String inline(List<Row> rows) {
    if (rows.isEmpty()) {
      return "(none)";
    }
    StringBuilder sb = new StringBuilder();
    for (Row r : rows) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(r);
    }
    return sb.toString();
  }

  /**
   * Expected and actual side by side, one row a line, {@code !} on lines that differ; sorted by
   * text unless {@code inOrder}.
   */
  public static String sideBySide(List<Row> expected, List<Row> actual, boolean inOrder) {
    List<String> exp = texts(expected, inOrder);
    List<String> act = texts(actual, inOrder);
    StringBuilder sb = new StringBuilder();
    sb.append("== Expected (")
        .append(expected.size())
        .append(" rows) | Actual (")
        .append(actual.size())
        .append(" rows)")
        .append(inOrder ? ", in order" : ", any order")
        .append(" ==\n");
    for (int i = 0; i < Math.max(exp.size(), act.size()); i++) {
      String e = i < exp.size() ? exp.get(i) : "";
      String a = i < act.size() ? act.get(i) : "";
      sb.append(Objects.equals(e, a) ? "  " : "! ")
          .append(e)
          .append("  |  ")
          .append(a)
          .append('\n');
    }
    return sb.toString();
  }

  private static List<String> texts(List<Row> rows, boolean inOrder) {
    List<String> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      out.add(String.valueOf(r));
    }
    if (!inOrder) {
      out.sort(Comparator.naturalOrder());
    }
    return out;
  }
}
