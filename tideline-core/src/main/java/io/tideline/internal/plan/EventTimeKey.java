package io.tideline.internal.plan;

/**
 * Which grouping key of a streaming aggregation carries event time, so its state can be evicted and
 * its late rows dropped once the watermark passes: a watermarked TIMESTAMP key compares its own
 * value, a window struct key its {@code end} field (Spark's {@code watermarkExpression}).
 *
 * @param keyIndex the key's position among the grouping keys, or -1 when no key carries event time
 * @param endField the index of {@code end} within a window struct key, or -1 for a TIMESTAMP key
 */
public record EventTimeKey(int keyIndex, int endField) {

  /** No grouping key carries event time: the state can never be evicted. */
  public static final EventTimeKey NONE = new EventTimeKey(-1, -1);

  public boolean isPresent() {
    return keyIndex >= 0;
  }
}
