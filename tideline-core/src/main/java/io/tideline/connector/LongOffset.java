package io.tideline.connector;

/**
 * An offset that is one number, written as that number: what the memory and rate sources use, as
 * Spark's {@code LongOffset}.
 */
public record LongOffset(long value) implements Offset {

  /** Reads the JSON {@link #json()} writes. */
  public static LongOffset parse(String json) {
    return new LongOffset(Long.parseLong(json.trim()));
  }

  @Override
  public String json() {
    return Long.toString(value);
  }

  @Override
  public String toString() {
    return json();
  }
}
