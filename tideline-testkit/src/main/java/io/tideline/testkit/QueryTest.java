package io.tideline.testkit;

import io.tideline.DataFrame;
import io.tideline.Row;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.opentest4j.AssertionFailedError;

/**
 * Answer checks for DataFrame tests, in the manner of Spark's {@code QueryTest.checkAnswer}:
 * results are compared as multisets (row order is unspecified unless the query sorts), and a
 * failure prints the schema, the physical plan and both answers side by side.
 */
public final class QueryTest {
  private QueryTest() {}

  /** Asserts that {@code df} returns exactly {@code expected}, in any order. */
  public static void checkAnswer(DataFrame df, Row... expected) {
    checkAnswer(df, Arrays.asList(expected));
  }

  public static void checkAnswer(DataFrame df, List<Row> expected) {
    List<Row> actual = df.collectAsList();
    if (!sameMultiset(actual, expected)) {
      fail(df, expected, actual, "Results do not match (compared in any order)");
    }
  }

  /**
   * Asserts that {@code df} returns exactly {@code expected} in this order (for sorted queries).
   */
  public static void checkAnswerInOrder(DataFrame df, Row... expected) {
    List<Row> actual = df.collectAsList();
    if (!actual.equals(Arrays.asList(expected))) {
      fail(df, Arrays.asList(expected), actual, "Results do not match (compared in order)");
    }
  }

  private static boolean sameMultiset(List<Row> a, List<Row> b) {
    if (a.size() != b.size()) {
      return false;
    }
    List<Row> rest = new ArrayList<>(b);
    for (Row r : a) {
      if (!rest.remove(r)) {
        return false;
      }
    }
    return true;
  }

  private static void fail(DataFrame df, List<Row> expected, List<Row> actual, String what) {
    StringBuilder sb = new StringBuilder(what).append('\n');
    sb.append("== Schema ==\n").append(df.schema().treeString());
    try {
      sb.append(df.explainString(false));
    } catch (RuntimeException e) {
      sb.append("(no plan: ").append(e.getMessage()).append(")\n");
    }
    List<String> exp = sorted(expected);
    List<String> act = sorted(actual);
    sb.append("== Expected (")
        .append(expected.size())
        .append(" rows) | Actual (")
        .append(actual.size())
        .append(" rows) ==\n");
    for (int i = 0; i < Math.max(exp.size(), act.size()); i++) {
      String e = i < exp.size() ? exp.get(i) : "";
      String a = i < act.size() ? act.get(i) : "";
      sb.append(Objects.equals(e, a) ? "  " : "! ")
          .append(e)
          .append("  |  ")
          .append(a)
          .append('\n');
    }
    throw new AssertionFailedError(sb.toString(), exp, act);
  }

  private static List<String> sorted(List<Row> rows) {
    List<String> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(r.toString());
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }
}
