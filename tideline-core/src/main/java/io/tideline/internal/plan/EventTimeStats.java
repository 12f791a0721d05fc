package io.tideline.internal.plan;

/**
 * The event times one watermark node saw in one micro-batch, in epoch milliseconds: Spark's {@code
 * EventTimeStats}. A value: {@link #merge} returns a new one.
 *
 * <p>The average is kept as a running mean rather than a sum, so it cannot overflow however many
 * rows a batch holds (Spark does the same).
 *
 * @param max the largest event time, or {@code Long.MIN_VALUE} when {@code count} is 0
 * @param min the smallest event time, or {@code Long.MAX_VALUE} when {@code count} is 0
 * @param avg the mean event time (0 when {@code count} is 0)
 * @param count the number of non-null event times seen
 */
public record EventTimeStats(long max, long min, double avg, long count) {

  /** The stats of no rows. */
  public static final EventTimeStats EMPTY =
      new EventTimeStats(Long.MIN_VALUE, Long.MAX_VALUE, 0.0, 0);

  /** These stats and {@code other} together. */
  public EventTimeStats merge(EventTimeStats other) {
    if (other.count == 0) {
      return this;
    }
    if (count == 0) {
      return other;
    }
    long total = count + other.count;
    double mean = avg + (other.avg - avg) * other.count / total;
    return new EventTimeStats(Math.max(max, other.max), Math.min(min, other.min), mean, total);
  }
}
