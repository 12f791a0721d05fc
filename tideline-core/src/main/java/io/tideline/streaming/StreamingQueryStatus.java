package io.tideline.streaming;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * What a streaming query is doing right now, as {@code StreamingQuery.status()} reports it.
 *
 * <p>JSON: {@code {"message":"Waiting for data to arrive","isDataAvailable":false,
 * "isTriggerActive":false}}.
 *
 * @param message what the query does, e.g. {@code Getting offsets from <source>}, {@code Processing
 *     new data}, {@code Waiting for next trigger}, {@code Stopped}
 * @param isDataAvailable whether a source had new data at the last check
 * @param isTriggerActive whether a trigger is running now
 */
public record StreamingQueryStatus(
    String message, boolean isDataAvailable, boolean isTriggerActive) {

  public StreamingQueryStatus {
    Objects.requireNonNull(message, "message");
  }

  /** The compact JSON of this status. */
  public String json() {
    return ProgressJson.compact(jsonValue());
  }

  /** The indented JSON of this status. */
  public String prettyJson() {
    return ProgressJson.pretty(jsonValue());
  }

  private ObjectNode jsonValue() {
    ObjectNode node = ProgressJson.object();
    node.put("message", message);
    node.put("isDataAvailable", isDataAvailable);
    node.put("isTriggerActive", isTriggerActive);
    return node;
  }

  @Override
  public String toString() {
    return prettyJson();
  }
}
