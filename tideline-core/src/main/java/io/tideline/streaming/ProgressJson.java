package io.tideline.streaming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Renders progress records as Spark renders them: fields in declaration order, rates rounded to one
 * decimal (half up) and left out when NaN or infinite, maps with sorted keys and left out when
 * empty, offsets re-parsed as JSON, and Jackson's default pretty printer for {@code prettyJson}.
 */
final class ProgressJson {

  static final ObjectMapper MAPPER =
      new ObjectMapper().configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

  private static final ObjectWriter PRETTY =
      MAPPER.writer(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private ProgressJson() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static String compact(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Bug in Tideline: rendering progress JSON failed", e);
    }
  }

  static String pretty(JsonNode node) {
    try {
      return PRETTY.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Bug in Tideline: rendering progress JSON failed", e);
    }
  }

  /** Spark's progress timestamp: UTC, milliseconds, {@code Z}. */
  static String formatTimestamp(Instant instant) {
    return TIMESTAMP.format(instant);
  }

  /** A rate as Spark writes it: one decimal, half up; absent when NaN or infinite. */
  static void putRate(ObjectNode node, String field, double rate) {
    if (Double.isNaN(rate) || Double.isInfinite(rate)) {
      return;
    }
    node.put(field, BigDecimal.valueOf(rate).setScale(1, RoundingMode.HALF_UP));
  }

  /** A map with keys sorted; absent when empty. */
  static <V> void putMap(
      ObjectNode node, String field, Map<String, V> map, BiConsumer<ObjectNode, String> putValue) {
    if (map.isEmpty()) {
      return;
    }
    ObjectNode child = node.putObject(field);
    for (String key : new TreeMap<>(map).keySet()) {
      putValue.accept(child, key);
    }
  }

  /**
   * An offset: its JSON parsed so it nests as JSON, or the text as a string when it is not JSON, or
   * null.
   */
  static void putOffset(ObjectNode node, String field, String offsetJson) {
    if (offsetJson == null) {
      node.putNull(field);
      return;
    }
    try {
      node.set(field, MAPPER.readTree(offsetJson));
    } catch (JsonProcessingException e) {
      node.put(field, offsetJson);
    }
  }

  /** An unmodifiable copy with sorted keys and no null keys or values. */
  static <V> Map<String, V> sortedCopy(Map<String, V> map, String what) {
    TreeMap<String, V> copy = new TreeMap<>();
    for (Map.Entry<String, V> e : map.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new IllegalArgumentException(what + " must not hold null keys or values: " + map);
      }
      copy.put(e.getKey(), e.getValue());
    }
    return Collections.unmodifiableMap(copy);
  }
}
