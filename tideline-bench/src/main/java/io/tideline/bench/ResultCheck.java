package io.tideline.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares an engine's answer with the expected one: counts exactly, sums within a relative
 * tolerance, because engines may add the same doubles in different orders.
 */
final class ResultCheck {
  /** The relative tolerance on sums. */
  static final double SUM_TOLERANCE = 1e-6;

  private ResultCheck() {}

  /** Returns one line per difference; empty when the answers agree. */
  static List<String> differences(List<ProductTotals> expected, List<ProductTotals> actual) {
    Map<String, ProductTotals> want = byProduct(expected);
    Map<String, ProductTotals> got = byProduct(actual);
    List<String> out = new ArrayList<>();
    if (actual.size() != got.size()) {
      out.add("  the answer holds a product more than once: " + actual);
    }
    for (ProductTotals w : want.values()) {
      ProductTotals g = got.get(w.product());
      if (g == null) {
        out.add("  missing product '" + w.product() + "'");
        continue;
      }
      if (g.count() != w.count()) {
        out.add(
            String.format(
                Locale.ROOT, "  '%s': count %d, expected %d", w.product(), g.count(), w.count()));
      }
      if (!sumsAgree(w.sumAmount(), g.sumAmount())) {
        out.add(
            String.format(
                Locale.ROOT,
                "  '%s': sum %.6f, expected %.6f (relative tolerance %.0e)",
                w.product(),
                g.sumAmount(),
                w.sumAmount(),
                SUM_TOLERANCE));
      }
    }
    for (String product : got.keySet()) {
      if (!want.containsKey(product)) {
        out.add("  unexpected product '" + product + "'");
      }
    }
    return out;
  }

  static boolean sumsAgree(double expected, double actual) {
    return Math.abs(actual - expected) <= SUM_TOLERANCE * Math.max(Math.abs(expected), 1e-300);
  }

  private static Map<String, ProductTotals> byProduct(List<ProductTotals> rows) {
    Map<String, ProductTotals> map = new TreeMap<>();
    for (ProductTotals row : rows) {
      map.put(row.product(), row);
    }
    return map;
  }
}
