package io.tideline.internal.datetime;

import java.time.ZoneId;

/**
 * Spark's conversions between strings and DATE / TIMESTAMP values in their physical form (days
 * since epoch; microseconds since epoch, UTC), as used by {@code CAST}, typed literals and the JSON
 * and CSV readers. Parsers work on UTF-8 bytes so scans need not build Strings.
 */
public final class DateTimeUtils {
  /** Returned by the timestamp parsers for input that is not a valid timestamp. */
  public static final long INVALID_TIMESTAMP = Long.MIN_VALUE;

  /** Returned by the date parsers for input that is not a valid date. */
  public static final int INVALID_DATE = Integer.MIN_VALUE;

  private DateTimeUtils() {}

  /**
   * Parses a timestamp the way {@code CAST(s AS TIMESTAMP)} does in Spark ({@code
   * DateTimeUtils.stringToTimestamp}): {@code yyyy}, {@code yyyy-[m]m}, {@code yyyy-[m]m-[d]d},
   * with an optional time {@code [T| ][h]h:[m]m:[s]s.[ms][ms][ms][us][us][us]} and zone ({@code Z},
   * {@code +hh:mm}, region id); without a zone, {@code zone} applies. Surrounding white space is
   * ignored.
   *
   * @return microseconds since epoch, or {@link #INVALID_TIMESTAMP}
   */
  public static long stringToTimestamp(byte[] utf8, int off, int len, ZoneId zone) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public static long stringToTimestamp(String s, ZoneId zone) {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return stringToTimestamp(b, 0, b.length, zone);
  }

  /**
   * Parses a date the way {@code CAST(s AS DATE)} does: {@code yyyy}, {@code yyyy-[m]m}, {@code
   * yyyy-[m]m-[d]d}, optionally followed by {@code T} or a space and anything.
   *
   * @return days since epoch, or {@link #INVALID_DATE}
   */
  public static int stringToDate(byte[] utf8, int off, int len) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public static int stringToDate(String s) {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return stringToDate(b, 0, b.length);
  }

  /**
   * A timestamp as {@code CAST(ts AS STRING)} prints it in {@code zone}: {@code yyyy-MM-dd
   * HH:mm:ss} followed by the fraction without trailing zeros, e.g. {@code 2024-01-01 10:00:00.5}.
   */
  public static String timestampToString(long micros, ZoneId zone) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** A date as {@code CAST(d AS STRING)} prints it: {@code yyyy-MM-dd}. */
  public static String dateToString(int days) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
