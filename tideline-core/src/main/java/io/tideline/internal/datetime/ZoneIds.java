package io.tideline.internal.datetime;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Resolves the zone suffix of a timestamp string ({@code Z}, {@code +01:00}, {@code GMT+1}, {@code
 * Europe/Paris}, {@code PST}, ...) the way Spark's {@code getZoneId} does, straight from UTF-8
 * bytes.
 *
 * <p>Data holds few distinct zone suffixes, so resolved suffixes live in a small direct-mapped
 * cache keyed by their bytes: a hit costs a hash and a byte comparison, and only a miss builds a
 * String and asks {@link ZoneId#of(String, java.util.Map)}. Entries are immutable, so racing
 * writers only overwrite each other with equivalent entries.
 */
final class ZoneIds {
  private static final int CACHE_SIZE = 512;

  /** Spark accepts {@code +h:mm} and {@code +hh:m}, which java.time does not; it pads them. */
  private static final Pattern SINGLE_HOUR = Pattern.compile("(\\+|\\-)(\\d):");

  private static final Pattern SINGLE_MINUTE = Pattern.compile("(\\+|\\-)(\\d\\d):(\\d)$");

  private record Entry(byte[] key, ZoneCalendar calendar) {}

  private static final Entry[] CACHE = new Entry[CACHE_SIZE];

  private ZoneIds() {}

  /** The calendar of the zone named by {@code utf8[from, to)}, or null if it names none. */
  static ZoneCalendar resolve(byte[] utf8, int from, int to) {
    if (to - from == 1 && utf8[from] == 'Z') {
      return ZoneCalendar.UTC;
    }
    int hash = 1;
    for (int i = from; i < to; i++) {
      hash = 31 * hash + utf8[i];
    }
    int slot = (hash ^ (hash >>> 16)) & (CACHE_SIZE - 1);
    Entry e = CACHE[slot];
    if (e != null && Arrays.equals(e.key, 0, e.key.length, utf8, from, to)) {
      return e.calendar;
    }
    byte[] key = Arrays.copyOfRange(utf8, from, to);
    ZoneCalendar calendar = lookUp(new String(key, StandardCharsets.UTF_8));
    CACHE[slot] = new Entry(key, calendar);
    return calendar;
  }

  /** Spark's {@code getZoneId} for the zone text of a timestamp string; null if invalid. */
  static ZoneCalendar lookUp(String zoneText) {
    String id = zoneText.trim();
    id = SINGLE_HOUR.matcher(id).replaceFirst("$10$2:");
    id = SINGLE_MINUTE.matcher(id).replaceFirst("$1$2:0$3");
    try {
      return ZoneCalendar.of(ZoneId.of(id, ZoneId.SHORT_IDS));
    } catch (DateTimeException e) {
      return null;
    }
  }
}
