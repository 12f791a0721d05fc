package io.tideline.internal.eval;

import io.tideline.internal.conf.TidelineConf;
import java.time.ZoneId;

/**
 * What an evaluator needs from its query besides the data: ANSI mode, the session time zone, and
 * the query's current timestamp ({@code current_timestamp()} is one value for a whole query, and
 * for a whole micro-batch in streaming, as in Spark).
 */
public record EvalContext(
    boolean ansi, ZoneId zone, long currentTimestampMicros, TidelineConf conf) {

  /**
   * The timestamp every query started on this thread sees while a streaming micro-batch hands its
   * data to a sink: the batch timestamp, so a re-run batch computes the same values.
   */
  private static final ThreadLocal<Long> BATCH_TIMESTAMP_MICROS = new ThreadLocal<>();

  /** A context for a query starting now (or in the current micro-batch, see {@link #atBatch}). */
  public static EvalContext of(TidelineConf conf) {
    Long fixed = BATCH_TIMESTAMP_MICROS.get();
    if (fixed != null) {
      return new EvalContext(conf.ansiEnabled(), conf.sessionTimeZone(), fixed, conf);
    }
    java.time.Instant now = java.time.Instant.now();
    long micros =
        Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1000);
    return new EvalContext(conf.ansiEnabled(), conf.sessionTimeZone(), micros, conf);
  }

  /**
   * Runs {@code body} with {@code current_timestamp()} fixed to {@code batchTimestampMs} for every
   * query the calling thread starts meanwhile: how a streaming micro-batch gives its sink (which
   * runs the batch's DataFrame itself, on this thread) the timestamp recorded in {@code offsets/N}.
   */
  public static void atBatch(long batchTimestampMs, Runnable body) {
    Long previous = BATCH_TIMESTAMP_MICROS.get();
    BATCH_TIMESTAMP_MICROS.set(Math.multiplyExact(batchTimestampMs, 1000L));
    try {
      body.run();
    } finally {
      if (previous == null) {
        BATCH_TIMESTAMP_MICROS.remove();
      } else {
        BATCH_TIMESTAMP_MICROS.set(previous);
      }
    }
  }
}
