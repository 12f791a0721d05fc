package io.tideline.streaming;

import io.tideline.internal.streaming.StreamingErrors;
import java.util.Locale;

/**
 * What a streaming query writes to its sink each batch, as in Spark:
 *
 * <ul>
 *   <li>{@link #Append()}: only rows added to the result since the last batch, each exactly once.
 *       An aggregation can use it only with a watermark, emitting a window once it can no longer
 *       change.
 *   <li>{@link #Complete()}: the whole result table every batch; aggregations only.
 *   <li>{@link #Update()}: the result rows that changed since the last batch.
 * </ul>
 *
 * <p>Which modes a query may use is checked when it starts, with Spark's rules.
 */
public enum OutputMode {
  APPEND("Append"),
  COMPLETE("Complete"),
  UPDATE("Update");

  private final String displayName;

  OutputMode(String displayName) {
    this.displayName = displayName;
  }

  /** Only new rows, each written once. */
  public static OutputMode Append() {
    return APPEND;
  }

  /** The whole result every batch. */
  public static OutputMode Complete() {
    return COMPLETE;
  }

  /** The changed rows every batch. */
  public static OutputMode Update() {
    return UPDATE;
  }

  /**
   * The mode named {@code "append"}, {@code "complete"} or {@code "update"}, in any case, as {@code
   * writeStream().outputMode(String)} accepts it.
   *
   * @throws io.tideline.internal.errors.TidelineException {@code STREAMING_OUTPUT_MODE.INVALID} for
   *     any other name
   */
  public static OutputMode fromString(String outputMode) {
    if (outputMode != null) {
      switch (outputMode.toLowerCase(Locale.ROOT)) {
        case "append":
          return APPEND;
        case "complete":
          return COMPLETE;
        case "update":
          return UPDATE;
        default:
          break;
      }
    }
    throw StreamingErrors.invalidOutputMode(outputMode);
  }

  /** Spark's name of the mode: {@code Append}, {@code Complete} or {@code Update}. */
  @Override
  public String toString() {
    return displayName;
  }
}
