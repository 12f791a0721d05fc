package io.tideline.internal.streaming.files;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading helpers for the JSON records of file stream logs; failures say which field is wrong. */
final class LogJson {
  private LogJson() {}

  static JsonNode field(JsonNode node, String name) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("expected a JSON object, found " + node);
    }
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("field '" + name + "' is missing");
    }
    return value;
  }

  static String text(JsonNode node, String name) {
    JsonNode value = field(node, name);
    if (!value.isTextual()) {
      throw new IllegalArgumentException("field '" + name + "' must be a string, but is " + value);
    }
    return value.textValue();
  }

  static long longValue(JsonNode node, String name) {
    JsonNode value = field(node, name);
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new IllegalArgumentException(
          "field '" + name + "' must be a whole number, but is " + value);
    }
    return value.longValue();
  }

  static boolean bool(JsonNode node, String name) {
    JsonNode value = field(node, name);
    if (!value.isBoolean()) {
      throw new IllegalArgumentException(
          "field '" + name + "' must be true or false, but is " + value);
    }
    return value.booleanValue();
  }
}
