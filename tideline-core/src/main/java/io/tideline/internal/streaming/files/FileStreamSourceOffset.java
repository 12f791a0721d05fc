package io.tideline.internal.streaming.files;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.tideline.connector.Offset;

/**
 * The file stream source's offset: the id of the last batch in its {@link FileStreamSourceLog}.
 * Stored in the offset log as {@code {"logOffset":N}}, as Spark's {@code FileStreamSourceOffset}; a
 * bare number, Spark's oldest form, is read too.
 */
public record FileStreamSourceOffset(long logOffset) implements Offset {

  /** The JSON stored in the offset log. */
  @Override
  public String json() {
    return "{\"logOffset\":" + logOffset + "}";
  }

  /**
   * Parses an offset from the offset log.
   *
   * @throws IllegalArgumentException with the reason if the text is neither form; the caller, who
   *     knows the file, reports it
   */
  public static FileStreamSourceOffset parse(String json) {
    String text = json.trim();
    if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
      return new FileStreamSourceOffset(Long.parseLong(text));
    }
    JsonNode node;
    try {
      node = CompactibleFileStreamLog.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "not a file stream source offset: " + json + " (" + e.getOriginalMessage() + ")", e);
    }
    if (node == null) {
      throw new IllegalArgumentException("not a file stream source offset: " + json);
    }
    return new FileStreamSourceOffset(LogJson.longValue(node, "logOffset"));
  }
}
