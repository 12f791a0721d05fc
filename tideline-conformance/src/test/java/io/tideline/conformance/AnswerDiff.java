package io.tideline.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Compares two answers in the peer's JSON encoding: rows as multisets (or in order, for sorted
 * queries), doubles within a tiny relative tolerance, everything else exactly (decimals keep their
 * scale, timestamps are UTC text), map entries in any order.
 */
public final class AnswerDiff {
  private static final double RELATIVE_TOLERANCE = 1e-9;

  private AnswerDiff() {}

  /** Why the answers differ, or empty when they agree. */
  public static Optional<String> rows(
      List<JsonNode> spark, List<JsonNode> tideline, boolean ordered) {
    List<JsonNode> expected = canonical(spark, ordered);
    List<JsonNode> actual = canonical(tideline, ordered);
    boolean same = expected.size() == actual.size();
    for (int i = 0; same && i < expected.size(); i++) {
      same = sameValue(expected.get(i), actual.get(i));
    }
    if (same) {
      return Optional.empty();
    }
    StringBuilder sb =
        new StringBuilder("rows differ (")
            .append(ordered ? "in order" : "as multisets")
            .append("); Spark ")
            .append(expected.size())
            .append(" rows | Tideline ")
            .append(actual.size())
            .append(" rows:\n");
    for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
      String e = i < expected.size() ? expected.get(i).toString() : "";
      String a = i < actual.size() ? actual.get(i).toString() : "";
      boolean rowSame =
          i < expected.size() && i < actual.size() && sameValue(expected.get(i), actual.get(i));
      sb.append(rowSame ? "    " : "  ! ").append(e).append("  |  ").append(a).append('\n');
    }
    return Optional.of(sb.toString());
  }

  /** Sorts rows (unless ordered) and map entries by a key that rounds doubles. */
  private static List<JsonNode> canonical(List<JsonNode> rows, boolean ordered) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode row : rows) {
      out.add(sortMaps(row));
    }
    if (!ordered) {
      out.sort(Comparator.comparing(AnswerDiff::sortKey));
    }
    return out;
  }

  private static JsonNode sortMaps(JsonNode node) {
    // Maps arrive as arrays of [key, value] pairs in no particular order; rows and arrays keep
    // theirs. A pair is told apart from a two-element array by the caller's schema only, so
    // every array of two-element arrays is sorted: harmless for the arrays this corpus produces.
    if (node.isArray()) {
      List<JsonNode> children = new ArrayList<>();
      node.forEach(c -> children.add(sortMaps(c)));
      boolean pairs =
          !children.isEmpty() && children.stream().allMatch(c -> c.isArray() && c.size() == 2);
      if (pairs) {
        children.sort(Comparator.comparing(AnswerDiff::sortKey));
      }
      com.fasterxml.jackson.databind.node.ArrayNode out =
          com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
      children.forEach(out::add);
      return out;
    }
    if (node.isObject()) {
      com.fasterxml.jackson.databind.node.ObjectNode out =
          com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
      node.fields().forEachRemaining(e -> out.set(e.getKey(), sortMaps(e.getValue())));
      return out;
    }
    return node;
  }

  private static String sortKey(JsonNode node) {
    if (node.isFloatingPointNumber()) {
      return String.format("%.8e", node.asDouble());
    }
    if (node.isArray()) {
      StringBuilder sb = new StringBuilder("[");
      node.forEach(c -> sb.append(sortKey(c)).append('\u0001'));
      return sb.append(']').toString();
    }
    if (node.isObject()) {
      StringBuilder sb = new StringBuilder("{");
      node.fields()
          .forEachRemaining(
              e ->
                  sb.append(e.getKey()).append(':').append(sortKey(e.getValue())).append('\u0001'));
      return sb.append('}').toString();
    }
    return node.getNodeType() + ":" + node.asText();
  }

  static boolean sameValue(JsonNode spark, JsonNode tideline) {
    if (spark.isNumber() && tideline.isNumber()) {
      if (spark.isIntegralNumber() && tideline.isIntegralNumber()) {
        return spark.bigIntegerValue().equals(tideline.bigIntegerValue());
      }
      double a = spark.asDouble();
      double b = tideline.asDouble();
      if (a == b) {
        return true;
      }
      return Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
    }
    if (spark.isArray() && tideline.isArray()) {
      if (spark.size() != tideline.size()) {
        return false;
      }
      for (int i = 0; i < spark.size(); i++) {
        if (!sameValue(spark.get(i), tideline.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (spark.isObject() && tideline.isObject()) {
      if (spark.size() != tideline.size()) {
        return false;
      }
      Iterator<String> names = spark.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!tideline.has(name) || !sameValue(spark.get(name), tideline.get(name))) {
          return false;
        }
      }
      return true;
    }
    return spark.equals(tideline);
  }
}
