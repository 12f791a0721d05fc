package io.tideline.internal.json;

import io.tideline.internal.datetime.DateTimeUtils;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Allocation-free parsing and printing of the ISO-8601 forms that dominate JSON data, {@code
 * 2024-01-15T10:30:00[.123456][Z|+01:00]} and {@code 2024-01-15}.
 *
 * <p>Why: these are the JSON reader's defaults and its hottest conversions. The parser accepts only
 * strings that Spark's default formatter and its fallback ({@code stringToTimestamp}) both read to
 * the same value; anything else returns "invalid" and the caller takes the general path, so using
 * it never changes a result.
 */
final class IsoDateTimes {
  static final long NOT_HANDLED = DateTimeUtils.INVALID_TIMESTAMP;
  static final int DATE_NOT_HANDLED = DateTimeUtils.INVALID_DATE;

  private IsoDateTimes() {}

  /**
   * Microseconds since epoch of {@code yyyy-MM-dd(T| )HH:mm:ss[.f{1,6}][Z|±HH:mm]}; without an
   * offset only when {@code zone} is a fixed offset. Otherwise {@link #NOT_HANDLED}.
   */
  static long parseTimestamp(char[] cs, int off, int len, ZoneId zone) {
    // 'T' is what the default pattern reads; ' ' is what the fallback reads, to the same value.
    if (len < 19 || (cs[off + 10] != 'T' && cs[off + 10] != ' ')) {
      return NOT_HANDLED;
    }
    int days = parseDate(cs, off, 10);
    if (days == DATE_NOT_HANDLED || cs[off + 13] != ':' || cs[off + 16] != ':') {
      return NOT_HANDLED;
    }
    int hh = digits2(cs, off + 11);
    int mm = digits2(cs, off + 14);
    int ss = digits2(cs, off + 17);
    if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59) {
      return NOT_HANDLED;
    }
    int p = off + 19;
    int end = off + len;
    long micros = 0;
    if (p < end && cs[p] == '.') {
      p++;
      int n = 0;
      while (p < end && cs[p] >= '0' && cs[p] <= '9') {
        if (++n > 6) {
          return NOT_HANDLED;
        }
        micros = micros * 10 + (cs[p] - '0');
        p++;
      }
      if (n == 0) {
        return NOT_HANDLED;
      }
      for (int k = n; k < 6; k++) {
        micros *= 10;
      }
    }
    int offsetSeconds;
    if (p == end) {
      if (!(zone instanceof ZoneOffset z)) {
        return NOT_HANDLED;
      }
      offsetSeconds = z.getTotalSeconds();
    } else if (cs[p] == 'Z' && p + 1 == end) {
      offsetSeconds = 0;
    } else if ((cs[p] == '+' || cs[p] == '-') && p + 6 == end && cs[p + 3] == ':') {
      int oh = digits2(cs, p + 1);
      int om = digits2(cs, p + 4);
      if (oh < 0 || oh > 18 || om < 0 || om > 59) {
        return NOT_HANDLED;
      }
      offsetSeconds = (oh * 3600 + om * 60) * (cs[p] == '-' ? -1 : 1);
    } else {
      return NOT_HANDLED;
    }
    long seconds = days * 86_400L + hh * 3600L + mm * 60L + ss - offsetSeconds;
    return seconds * 1_000_000L + micros;
  }

  /**
   * Days since epoch of exactly {@code yyyy-MM-dd} (a valid date), else {@link #DATE_NOT_HANDLED}.
   */
  static int parseDate(char[] cs, int off, int len) {
    if (len != 10 || cs[off + 4] != '-' || cs[off + 7] != '-') {
      return DATE_NOT_HANDLED;
    }
    int y1 = digits2(cs, off);
    int y2 = digits2(cs, off + 2);
    int m = digits2(cs, off + 5);
    int d = digits2(cs, off + 8);
    if (y1 < 0 || y2 < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y1 * 100 + y2, m)) {
      return DATE_NOT_HANDLED;
    }
    return (int) epochDay(y1 * 100 + y2, m, d);
  }

  private static int digits2(char[] cs, int at) {
    int a = cs[at] - '0';
    int b = cs[at + 1] - '0';
    return a < 0 || a > 9 || b < 0 || b > 9 ? -1 : a * 10 + b;
  }

  private static int daysInMonth(int y, int m) {
    return switch (m) {
      case 2 -> (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil). */
  static long epochDay(long y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }

  /** Appends {@code yyyy-MM-dd} of a day number to {@code out} at {@code p}; returns the end. */
  static int writeDate(byte[] out, int p, long epochDay) {
    long z = epochDay + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int d = (int) (doy - (153 * mp + 2) / 5 + 1);
    int m = (int) (mp < 10 ? mp + 3 : mp - 9);
    if (m <= 2) {
      y++;
    }
    if (y < 0 || y > 9999) {
      // Years outside 0..9999 are rare; java.time prints them the way Spark's formatter does.
      byte[] s =
          java.time.LocalDate.ofEpochDay(epochDay)
              .toString()
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      System.arraycopy(s, 0, out, p, s.length);
      return p + s.length;
    }
    p = write4(out, p, (int) y);
    out[p++] = '-';
    p = write2(out, p, m);
    out[p++] = '-';
    return write2(out, p, d);
  }

  /**
   * Appends {@code yyyy-MM-dd'T'HH:mm:ss.SSSXXX} of {@code micros} in {@code zone}; returns the
   * end. {@code out} needs 40 free bytes.
   */
  static int writeTimestamp(byte[] out, int p, long micros, ZoneId zone) {
    long epochSecond = Math.floorDiv(micros, 1_000_000L);
    int offset =
        zone instanceof ZoneOffset z
            ? z.getTotalSeconds()
            : zone.getRules()
                .getOffset(java.time.Instant.ofEpochSecond(epochSecond))
                .getTotalSeconds();
    long local = epochSecond + offset;
    long day = Math.floorDiv(local, 86_400L);
    int secOfDay = (int) Math.floorMod(local, 86_400L);
    p = writeDate(out, p, day);
    out[p++] = 'T';
    p = write2(out, p, secOfDay / 3600);
    out[p++] = ':';
    p = write2(out, p, secOfDay / 60 % 60);
    out[p++] = ':';
    p = write2(out, p, secOfDay % 60);
    out[p++] = '.';
    int millis = (int) (Math.floorMod(micros, 1_000_000L) / 1000);
    out[p++] = (byte) ('0' + millis / 100);
    p = write2(out, p, millis % 100);
    if (offset == 0) {
      out[p++] = 'Z';
    } else {
      int abs = Math.abs(offset);
      out[p++] = (byte) (offset < 0 ? '-' : '+');
      p = write2(out, p, abs / 3600);
      out[p++] = ':';
      p = write2(out, p, abs / 60 % 60);
      if (abs % 60 != 0) {
        // The three-letter X offset prints seconds of an offset when it has them, as java.time
        // does.
        out[p++] = ':';
        p = write2(out, p, abs % 60);
      }
    }
    return p;
  }

  private static int write2(byte[] out, int p, int v) {
    out[p] = (byte) ('0' + v / 10);
    out[p + 1] = (byte) ('0' + v % 10);
    return p + 2;
  }

  private static int write4(byte[] out, int p, int v) {
    p = write2(out, p, v / 100);
    return write2(out, p, v % 100);
  }
}
