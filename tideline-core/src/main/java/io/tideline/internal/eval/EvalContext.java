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

  /** A context for a query starting now. */
  public static EvalContext of(TidelineConf conf) {
    java.time.Instant now = java.time.Instant.now();
    long micros =
        Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1000);
    return new EvalContext(conf.ansiEnabled(), conf.sessionTimeZone(), micros, conf);
  }
}
