package io.tideline.internal.streaming.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/** The one JSON mapper of the checkpoint files, and reading helpers that name the file. */
final class CheckpointJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private CheckpointJson() {}

  /** Parses one line that must hold a JSON object. */
  static ObjectNode parseObject(String line, Path file, String what) {
    if (line == null || line.isBlank()) {
      throw CheckpointErrors.malformedLogFile(file, what + " is missing");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw CheckpointErrors.malformedLogFile(
          file, what + " is not valid JSON (" + e.getOriginalMessage() + ")", e);
    }
    if (!(node instanceof ObjectNode object)) {
      throw CheckpointErrors.malformedLogFile(file, what + " is not a JSON object: " + line);
    }
    return object;
  }

  /** A long field, or the default when absent (older writers omit fields). */
  static long longField(ObjectNode object, String field, long defaultValue, Path file) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return defaultValue;
    }
    if (!value.canConvertToLong()) {
      throw CheckpointErrors.malformedLogFile(
          file, "field '" + field + "' must be a whole number, but is " + value);
    }
    return value.longValue();
  }
}
