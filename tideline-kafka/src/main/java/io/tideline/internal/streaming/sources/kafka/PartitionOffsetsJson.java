package io.tideline.internal.streaming.sources.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Spark's two JSON shapes for Kafka partitions: offsets per partition {@code
 * {"topicA":{"0":23,"1":-1}}} (offsets, {@code startingOffsets}) and partition lists {@code
 * {"topicA":[0,1]}} ({@code assign}). Parse failures are {@link IllegalArgumentException}s with
 * Spark's "Expected e.g. ..., got ..." text; callers turn them into their own error condition.
 */
final class PartitionOffsetsJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private PartitionOffsetsJson() {}

  static Map<TopicPartition, Long> readOffsets(String json) {
    String expected = "Expected e.g. {\"topicA\":{\"0\":23,\"1\":-1},\"topicB\":{\"0\":-2}}, got ";
    JsonNode root = parse(json, expected);
    Map<TopicPartition, Long> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> topic = it.next();
      if (!topic.getValue().isObject()) {
        throw new IllegalArgumentException(expected + json);
      }
      for (Iterator<Map.Entry<String, JsonNode>> ps = topic.getValue().fields(); ps.hasNext(); ) {
        Map.Entry<String, JsonNode> p = ps.next();
        if (!p.getValue().canConvertToLong() || !p.getValue().isIntegralNumber()) {
          throw new IllegalArgumentException(expected + json);
        }
        out.put(
            new TopicPartition(topic.getKey(), partition(p.getKey(), expected, json)),
            p.getValue().asLong());
      }
    }
    return out;
  }

  static List<TopicPartition> readPartitions(String json) {
    String expected = "Expected e.g. {\"topicA\":[0,1],\"topicB\":[0,1]}, got ";
    JsonNode root = parse(json, expected);
    List<TopicPartition> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> topic = it.next();
      if (!topic.getValue().isArray()) {
        throw new IllegalArgumentException(expected + json);
      }
      for (JsonNode p : topic.getValue()) {
        if (!p.isInt()) {
          throw new IllegalArgumentException(expected + json);
        }
        out.add(new TopicPartition(topic.getKey(), p.asInt()));
      }
    }
    return out;
  }

  /** Writes offsets with topics and partitions in order (partitions numerically). */
  static String write(Map<TopicPartition, Long> offsets) {
    Map<String, TreeMap<Integer, Long>> byTopic = new TreeMap<>();
    for (Map.Entry<TopicPartition, Long> e : offsets.entrySet()) {
      byTopic
          .computeIfAbsent(e.getKey().topic(), t -> new TreeMap<>())
          .put(e.getKey().partition(), e.getValue());
    }
    ObjectNode root = MAPPER.createObjectNode();
    for (Map.Entry<String, TreeMap<Integer, Long>> t : byTopic.entrySet()) {
      ObjectNode parts = root.putObject(t.getKey());
      for (Map.Entry<Integer, Long> p : t.getValue().entrySet()) {
        parts.put(Integer.toString(p.getKey()), p.getValue());
      }
    }
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Bug in Tideline: cannot write kafka offsets as JSON", e);
    }
  }

  private static JsonNode parse(String json, String expected) {
    try {
      JsonNode root = MAPPER.readTree(json);
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException(expected + json);
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(expected + json, e);
    }
  }

  private static int partition(String key, String expected, String json) {
    try {
      return Integer.parseInt(key);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(expected + json, e);
    }
  }
}
