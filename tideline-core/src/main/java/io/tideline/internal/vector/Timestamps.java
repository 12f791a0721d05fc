package io.tideline.internal.vector;

import java.time.Instant;

/** Conversions between TIMESTAMP's physical form (microseconds since epoch, UTC) and Java. */
public final class Timestamps {
  private Timestamps() {}

  public static Instant toInstant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  /** Truncates sub-microsecond digits, as Spark does. */
  public static long fromInstant(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
  }
}
