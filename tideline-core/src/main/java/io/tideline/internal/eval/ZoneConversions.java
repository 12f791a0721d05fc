package io.tideline.internal.eval;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * DATE ↔ TIMESTAMP conversions in a session time zone. A fixed-offset zone (UTC included) is pure
 * arithmetic; a region zone consults its rules per value, as daylight saving demands.
 */
final class ZoneConversions {
  static final long MICROS_PER_SECOND = 1_000_000L;
  static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;

  private final ZoneId zone;
  private final ZoneRules rules;
  private final boolean fixed;
  private final long fixedOffsetMicros;

  ZoneConversions(ZoneId zone) {
    this.zone = zone;
    this.rules = zone.getRules();
    this.fixed = rules.isFixedOffset();
    this.fixedOffsetMicros =
        fixed ? rules.getOffset(Instant.EPOCH).getTotalSeconds() * MICROS_PER_SECOND : 0;
  }

  ZoneId zone() {
    return zone;
  }

  /** Midnight at the start of {@code days} in the zone, as microseconds since epoch. */
  long daysToMicros(int days) {
    if (fixed) {
      return days * MICROS_PER_DAY - fixedOffsetMicros;
    }
    return LocalDate.ofEpochDay(days).atStartOfDay(zone).toEpochSecond() * MICROS_PER_SECOND;
  }

  /** The local date in the zone of an instant given in microseconds since epoch. */
  int microsToDays(long micros) {
    long offset = fixed ? fixedOffsetMicros : offsetMicros(micros);
    return (int) Math.floorDiv(micros + offset, MICROS_PER_DAY);
  }

  /** The zone's offset from UTC at an instant, in microseconds. */
  long offsetMicros(long micros) {
    if (fixed) {
      return fixedOffsetMicros;
    }
    ZoneOffset off =
        rules.getOffset(Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND)));
    return off.getTotalSeconds() * MICROS_PER_SECOND;
  }
}
