package io.tideline.internal.datetime;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Spark's conversions between strings and DATE / TIMESTAMP values in their physical form (days
 * since epoch; microseconds since epoch, UTC), as used by {@code CAST}, typed literals and the JSON
 * and CSV readers. Parsers work on UTF-8 bytes so scans need not build Strings.
 *
 * <p>The parsers follow Spark's {@code SparkDateTimeUtils.stringToTimestamp} and {@code
 * stringToDate} segment by segment, quirks included (a leading {@code T} means "time only" only at
 * the very first byte; a trailing {@code .} is an empty fraction), and never allocate unless the
 * input carries a zone suffix not seen before or is time-only.
 */
public final class DateTimeUtils {
  /** Returned by the timestamp parsers for input that is not a valid timestamp. */
  public static final long INVALID_TIMESTAMP = Long.MIN_VALUE;

  /** Returned by the date parsers for input that is not a valid date. */
  public static final int INVALID_DATE = Integer.MIN_VALUE;

  public static final long MICROS_PER_SECOND = 1_000_000L;
  public static final long SECONDS_PER_DAY = 86_400L;
  public static final long MICROS_PER_DAY = SECONDS_PER_DAY * MICROS_PER_SECOND;

  /** Epoch seconds whose microseconds certainly fit in a long, with any fraction. */
  private static final long SAFE_SECONDS = Long.MAX_VALUE / MICROS_PER_SECOND - 1;

  private static final int SEG_YEAR = 0;
  private static final int SEG_HOUR = 3;
  private static final int SEG_FRACTION = 6;
  private static final int SEG_ZONE = 7;

  private DateTimeUtils() {}

  /**
   * Parses a timestamp the way {@code CAST(s AS TIMESTAMP)} does in Spark ({@code
   * DateTimeUtils.stringToTimestamp}): {@code [+-]yyyy[y][y]}, {@code yyyy-[m]m}, {@code
   * yyyy-[m]m-[d]d}, with an optional time {@code [T| ][h]h:[m]m:[s]s.[ms][ms][ms][us][us][us]}
   * (more fraction digits are truncated) and zone ({@code Z}, {@code +hh:mm}, {@code GMT+1}, region
   * id, short id); a time alone ({@code [T][h]h:[m]m[:[s]s]}) means today in the zone. Without a
   * zone, {@code zone} applies. Surrounding white space and ISO control characters are ignored.
   *
   * @return microseconds since epoch, or {@link #INVALID_TIMESTAMP}
   */
  public static long stringToTimestamp(byte[] utf8, int off, int len, ZoneId zone) {
    return stringToTimestamp(utf8, off, len, ZoneCalendar.of(zone));
  }

  /** {@link #stringToTimestamp(byte[], int, int, ZoneId)} with the zone's calendar at hand. */
  public static long stringToTimestamp(byte[] utf8, int off, int len, ZoneCalendar zone) {
    int end = off + len;
    int j = off;
    while (j < end && isTrimmable(utf8[j])) {
      j++;
    }
    while (end > j && isTrimmable(utf8[end - 1])) {
      end--;
    }
    if (j == end) {
      return INVALID_TIMESTAMP;
    }
    int year = 1;
    int month = 1;
    int day = 1;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int fraction = 0;
    int fractionDigits = 0;
    int segment = 0;
    int value = 0;
    int digits = 0;
    boolean justTime = false;
    int yearSign = 0;
    int zoneFrom = -1;
    if (utf8[j] == '-' || utf8[j] == '+') {
      yearSign = utf8[j] == '-' ? -1 : 1;
      j++;
    }
    while (j < end) {
      byte b = utf8[j];
      int digit = b - '0';
      if (digit >= 0 && digit <= 9) {
        if (segment == SEG_FRACTION) {
          fractionDigits++;
        }
        if (segment != SEG_FRACTION || digits < 6) {
          value = value * 10 + digit;
        }
        digits++;
        j++;
        continue;
      }
      if (j == off && b == 'T') {
        // Spark checks the untrimmed position 0, so " T10:00" is not a time.
        justTime = true;
        segment += 3;
      } else if (segment < 2) {
        if (b == '-') {
          if (!isValidTimestampDigits(segment, digits)) {
            return INVALID_TIMESTAMP;
          }
          if (segment == 0) {
            year = value;
          } else {
            month = value;
          }
          value = 0;
          digits = 0;
          segment++;
        } else if (segment == 0 && b == ':' && yearSign == 0) {
          justTime = true;
          if (!isValidTimestampDigits(SEG_HOUR, digits)) {
            return INVALID_TIMESTAMP;
          }
          hour = value;
          value = 0;
          digits = 0;
          segment = 4;
        } else {
          return INVALID_TIMESTAMP;
        }
      } else if (segment == 2) {
        if ((b != ' ' && b != 'T') || !isValidTimestampDigits(segment, digits)) {
          return INVALID_TIMESTAMP;
        }
        day = value;
        value = 0;
        digits = 0;
        segment++;
      } else if (segment == 3 || segment == 4) {
        if (b != ':' || !isValidTimestampDigits(segment, digits)) {
          return INVALID_TIMESTAMP;
        }
        if (segment == 3) {
          hour = value;
        } else {
          minute = value;
        }
        value = 0;
        digits = 0;
        segment++;
      } else if (segment == 5 || segment == 6) {
        if (!isValidTimestampDigits(segment, digits)) {
          return INVALID_TIMESTAMP;
        }
        if (segment == 5) {
          second = value;
        } else {
          fraction = value;
        }
        value = 0;
        digits = 0;
        if (b == '.' && segment == 5) {
          segment = SEG_FRACTION;
        } else {
          // Anything else after the seconds or the fraction starts the zone, up to the end.
          segment = SEG_ZONE;
          zoneFrom = j;
          break;
        }
      } else {
        return INVALID_TIMESTAMP;
      }
      j++;
    }
    if (zoneFrom < 0) {
      if (!isValidTimestampDigits(segment, digits)) {
        return INVALID_TIMESTAMP;
      }
      switch (segment) {
        case 0 -> year = value;
        case 1 -> month = value;
        case 2 -> day = value;
        case 3 -> hour = value;
        case 4 -> minute = value;
        case 5 -> second = value;
        case 6 -> fraction = value;
        default -> {}
      }
    }
    while (fractionDigits < 6) {
      fraction *= 10;
      fractionDigits++;
    }
    if (yearSign != 0) {
      year *= yearSign;
    }
    ZoneCalendar calendar = zone;
    if (zoneFrom >= 0) {
      calendar = ZoneIds.resolve(utf8, zoneFrom, end);
      if (calendar == null) {
        return INVALID_TIMESTAMP;
      }
    }
    if (hour > 23 || minute > 59 || second > 59) {
      return INVALID_TIMESTAMP;
    }
    long days;
    if (justTime) {
      days = LocalDate.now(calendar.zone()).toEpochDay();
    } else {
      if (!CivilDates.isValidDate(year, month, day)) {
        return INVALID_TIMESTAMP;
      }
      days = CivilDates.daysFromCivil(year, month, day);
    }
    long localSeconds = days * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second;
    return secondsToMicros(localSeconds - calendar.offsetSecondsForLocal(localSeconds), fraction);
  }

  public static long stringToTimestamp(String s, ZoneId zone) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return stringToTimestamp(b, 0, b.length, zone);
  }

  /**
   * The JSON and CSV readers' fallback for a timestamp their pattern did not match (Spark's {@code
   * enableDateTimeParsingFallback}): every {@code GMT} is removed, so {@code
   * 2000-01-01T00:00:00GMT+01:00} reads as {@code 2000-01-01T00:00:00+01:00}, and the rest is
   * parsed as {@link #stringToTimestamp} does.
   */
  public static long readerFallbackTimestamp(byte[] utf8, int off, int len, ZoneCalendar zone) {
    int gmt = indexOfGmt(utf8, off, off + len);
    if (gmt < 0) {
      return stringToTimestamp(utf8, off, len, zone);
    }
    byte[] cleaned = withoutGmt(utf8, off, len, gmt);
    return stringToTimestamp(cleaned, 0, cleaned.length, zone);
  }

  /**
   * The readers' fallback for a date their pattern did not match; see {@link
   * #readerFallbackTimestamp}.
   */
  public static int readerFallbackDate(byte[] utf8, int off, int len) {
    int gmt = indexOfGmt(utf8, off, off + len);
    if (gmt < 0) {
      return stringToDate(utf8, off, len);
    }
    byte[] cleaned = withoutGmt(utf8, off, len, gmt);
    return stringToDate(cleaned, 0, cleaned.length);
  }

  private static int indexOfGmt(byte[] b, int from, int end) {
    for (int i = from; i + 2 < end; i++) {
      if (b[i] == 'G' && b[i + 1] == 'M' && b[i + 2] == 'T') {
        return i;
      }
    }
    return -1;
  }

  private static byte[] withoutGmt(byte[] b, int off, int len, int firstGmt) {
    byte[] out = new byte[len];
    int n = 0;
    int end = off + len;
    int i = off;
    int gmt = firstGmt;
    while (gmt >= 0) {
      System.arraycopy(b, i, out, n, gmt - i);
      n += gmt - i;
      i = gmt + 3;
      gmt = indexOfGmt(b, i, end);
    }
    System.arraycopy(b, i, out, n, end - i);
    n += end - i;
    return java.util.Arrays.copyOf(out, n);
  }

  private static boolean isValidTimestampDigits(int segment, int digits) {
    // A long holds timestamps within about 290 thousand years, hence at most six year digits.
    return switch (segment) {
      case SEG_YEAR -> digits >= 4 && digits <= 6;
      case SEG_FRACTION -> true;
      case SEG_ZONE -> digits <= 2;
      default -> digits > 0 && digits <= 2;
    };
  }

  /**
   * The zone a name denotes in Spark ({@code getZoneId}): region ids, offsets ({@code +h}, {@code
   * +hh:mm}, {@code +h:mm} and {@code +hh:m} included), {@code UTC}/{@code GMT}/{@code UT} with an
   * offset, and java.time's short ids such as {@code PST}.
   *
   * @throws io.tideline.internal.errors.ExecutionException INVALID_TIMEZONE for any other name
   */
  public static ZoneId getZoneId(String timeZone) {
    ZoneCalendar calendar = ZoneIds.lookUp(timeZone);
    if (calendar == null) {
      throw DateTimeErrors.invalidTimeZone(timeZone);
    }
    return calendar.zone();
  }

  /**
   * Parses a date the way {@code CAST(s AS DATE)} does: {@code [+-]yyyy[y][y][y]}, {@code
   * yyyy-[m]m}, {@code yyyy-[m]m-[d]d}, the last optionally followed by {@code T} or a space and
   * anything.
   *
   * @return days since epoch, or {@link #INVALID_DATE}
   */
  public static int stringToDate(byte[] utf8, int off, int len) {
    int end = off + len;
    int j = off;
    while (j < end && isTrimmable(utf8[j])) {
      j++;
    }
    while (end > j && isTrimmable(utf8[end - 1])) {
      end--;
    }
    if (j == end) {
      return INVALID_DATE;
    }
    int sign = 1;
    if (utf8[j] == '-' || utf8[j] == '+') {
      sign = utf8[j] == '-' ? -1 : 1;
      j++;
    }
    int year = 1;
    int month = 1;
    int segment = 0;
    int value = 0;
    int digits = 0;
    while (j < end && utf8[j] != ' ' && utf8[j] != 'T') {
      byte b = utf8[j];
      if (segment < 2 && b == '-') {
        if (!isValidDateDigits(segment, digits)) {
          return INVALID_DATE;
        }
        if (segment == 0) {
          year = value;
        } else {
          month = value;
        }
        value = 0;
        digits = 0;
        segment++;
      } else {
        int digit = b - '0';
        if (digit < 0 || digit > 9) {
          return INVALID_DATE;
        }
        value = value * 10 + digit;
        digits++;
      }
      j++;
    }
    if (!isValidDateDigits(segment, digits)) {
      return INVALID_DATE;
    }
    if (segment < 2 && j < end) {
      // "yyyy" and "yyyy-[m]m" must be the whole input.
      return INVALID_DATE;
    }
    int day = 1;
    switch (segment) {
      case 0 -> year = value;
      case 1 -> month = value;
      default -> day = value;
    }
    year *= sign;
    if (!CivilDates.isValidDate(year, month, day)) {
      return INVALID_DATE;
    }
    long days = CivilDates.daysFromCivil(year, month, day);
    return days < Integer.MIN_VALUE || days > Integer.MAX_VALUE ? INVALID_DATE : (int) days;
  }

  public static int stringToDate(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return stringToDate(b, 0, b.length);
  }

  private static boolean isValidDateDigits(int segment, int digits) {
    // An int holds dates within about 5.8 million years, hence at most seven year digits.
    return segment == 0 ? digits >= 4 && digits <= 7 : digits > 0 && digits <= 2;
  }

  /** Spark trims what {@code Character.isWhitespace} or {@code isISOControl} accept, per byte. */
  private static boolean isTrimmable(byte b) {
    return (b >= 0 && b <= ' ') || b == 0x7F;
  }

  /**
   * Microseconds of an instant given as epoch seconds plus microseconds of second, or {@link
   * #INVALID_TIMESTAMP} when they do not fit in a long.
   */
  public static long secondsToMicros(long epochSeconds, long microsOfSecond) {
    if (epochSeconds > -SAFE_SECONDS && epochSeconds < SAFE_SECONDS) {
      return epochSeconds * MICROS_PER_SECOND + microsOfSecond;
    }
    try {
      if (epochSeconds > 0) {
        return Math.addExact(Math.multiplyExact(epochSeconds, MICROS_PER_SECOND), microsOfSecond);
      }
      // One second moves into the fraction so that the least representable second still fits.
      return Math.addExact(
          Math.multiplyExact(epochSeconds + 1, MICROS_PER_SECOND),
          microsOfSecond - MICROS_PER_SECOND);
    } catch (ArithmeticException overflow) {
      return INVALID_TIMESTAMP;
    }
  }

  /**
   * A timestamp as {@code CAST(ts AS STRING)} prints it in {@code zone}: {@code yyyy-MM-dd
   * HH:mm:ss} followed by the fraction without trailing zeros, e.g. {@code 2024-01-01 10:00:00.5}.
   */
  public static String timestampToString(long micros, ZoneId zone) {
    byte[] buf = new byte[40];
    int n = formatTimestamp(micros, ZoneCalendar.of(zone), buf, 0);
    return new String(buf, 0, n, StandardCharsets.ISO_8859_1);
  }

  /**
   * Writes {@link #timestampToString} as ASCII into {@code dst} from {@code pos}, which needs at
   * most 34 bytes of room, and returns the position after it; for writers that fill a byte buffer.
   */
  public static int formatTimestamp(long micros, ZoneCalendar zone, byte[] dst, int pos) {
    long epochSeconds = Math.floorDiv(micros, MICROS_PER_SECOND);
    int microsOfSecond = (int) Math.floorMod(micros, MICROS_PER_SECOND);
    long localSeconds = epochSeconds + zone.offsetSecondsAt(epochSeconds);
    long days = Math.floorDiv(localSeconds, SECONDS_PER_DAY);
    int secondOfDay = (int) Math.floorMod(localSeconds, SECONDS_PER_DAY);
    pos = writeDate(days, dst, pos);
    dst[pos++] = ' ';
    pos = writeTwoDigits(secondOfDay / 3600, dst, pos);
    dst[pos++] = ':';
    pos = writeTwoDigits(secondOfDay / 60 % 60, dst, pos);
    dst[pos++] = ':';
    pos = writeTwoDigits(secondOfDay % 60, dst, pos);
    if (microsOfSecond != 0) {
      dst[pos++] = '.';
      int width = 6;
      int fraction = microsOfSecond;
      while (fraction % 10 == 0) {
        fraction /= 10;
        width--;
      }
      for (int i = width - 1; i >= 0; i--) {
        dst[pos + i] = (byte) ('0' + fraction % 10);
        fraction /= 10;
      }
      pos += width;
    }
    return pos;
  }

  /** A date as {@code CAST(d AS STRING)} prints it: {@code yyyy-MM-dd}. */
  public static String dateToString(int days) {
    byte[] buf = new byte[16];
    int n = formatDate(days, buf, 0);
    return new String(buf, 0, n, StandardCharsets.ISO_8859_1);
  }

  /**
   * Writes {@link #dateToString} as ASCII into {@code dst} from {@code pos}, which needs at most 14
   * bytes of room, and returns the position after it.
   */
  public static int formatDate(int days, byte[] dst, int pos) {
    return writeDate(days, dst, pos);
  }

  private static int writeDate(long days, byte[] dst, int pos) {
    long ymd = CivilDates.packed(days);
    pos = writeIsoYear(ymd >> 9, dst, pos);
    dst[pos++] = '-';
    pos = writeTwoDigits((int) ((ymd >> 5) & 0xF), dst, pos);
    dst[pos++] = '-';
    return writeTwoDigits((int) (ymd & 0x1F), dst, pos);
  }

  /**
   * A year as java.time's ISO formats print it: at least four digits, a sign when negative, and a
   * plus sign when it needs more than four digits.
   */
  static int writeIsoYear(long year, byte[] dst, int pos) {
    if (year >= 0 && year <= 9999) {
      int y = (int) year;
      dst[pos] = (byte) ('0' + y / 1000);
      dst[pos + 1] = (byte) ('0' + y / 100 % 10);
      dst[pos + 2] = (byte) ('0' + y / 10 % 10);
      dst[pos + 3] = (byte) ('0' + y % 10);
      return pos + 4;
    }
    dst[pos++] = (byte) (year < 0 ? '-' : '+');
    long abs = Math.abs(year);
    int width = Math.max(4, Long.toString(abs).length());
    for (int i = width - 1; i >= 0; i--) {
      dst[pos + i] = (byte) ('0' + abs % 10);
      abs /= 10;
    }
    return pos + width;
  }

  static int writeTwoDigits(int v, byte[] dst, int pos) {
    dst[pos] = (byte) ('0' + v / 10);
    dst[pos + 1] = (byte) ('0' + v % 10);
    return pos + 2;
  }

  /** The date in {@code zone} of an instant, as {@code CAST(ts AS DATE)} computes it. */
  public static int microsToDays(long micros, ZoneId zone) {
    return microsToDays(micros, ZoneCalendar.of(zone));
  }

  public static int microsToDays(long micros, ZoneCalendar zone) {
    long epochSeconds = Math.floorDiv(micros, MICROS_PER_SECOND);
    long localSeconds = epochSeconds + zone.offsetSecondsAt(epochSeconds);
    return (int) Math.floorDiv(localSeconds, SECONDS_PER_DAY);
  }

  /**
   * The first instant of a date in {@code zone}, as {@code CAST(d AS TIMESTAMP)} computes it
   * ({@code LocalDate.atStartOfDay(zone)}: when midnight falls in a gap, the day starts at the end
   * of the gap).
   *
   * @return microseconds since epoch, or {@link #INVALID_TIMESTAMP} for dates beyond TIMESTAMP's
   *     range (about 290 thousand years each way), where Spark's conversion overflows
   */
  public static long daysToMicros(int days, ZoneId zone) {
    return daysToMicros(days, ZoneCalendar.of(zone));
  }

  public static long daysToMicros(int days, ZoneCalendar zone) {
    long localSeconds = days * SECONDS_PER_DAY;
    return secondsToMicros(localSeconds - zone.offsetSecondsForLocal(localSeconds), 0);
  }

  /**
   * {@code date_add(start, n)}: {@code start} plus {@code n} days.
   *
   * @throws io.tideline.internal.errors.ExecutionException DATETIME_OVERFLOW when the result leaves
   *     the range of DATE
   */
  public static int dateAddDays(int days, int n) {
    int result = days + n;
    if (((days ^ result) & (n ^ result)) < 0) {
      throw DateTimeErrors.datetimeOverflow("date_add(" + days + ", " + n + ")");
    }
    return result;
  }

  /** The year of an instant in a zone, as {@code year(ts)} computes it. */
  public static int getYear(long micros, ZoneCalendar zone) {
    return CivilDates.year(microsToDays(micros, zone));
  }

  /** The month (1 to 12) of an instant in a zone. */
  public static int getMonth(long micros, ZoneCalendar zone) {
    return CivilDates.month(microsToDays(micros, zone));
  }

  /** The day of month of an instant in a zone. */
  public static int getDayOfMonth(long micros, ZoneCalendar zone) {
    return CivilDates.dayOfMonth(microsToDays(micros, zone));
  }

  /** The hour (0 to 23) of an instant in a zone. */
  public static int getHour(long micros, ZoneCalendar zone) {
    return (int) (localSecondOfDay(micros, zone) / 3600);
  }

  /** The minute (0 to 59) of an instant in a zone. */
  public static int getMinute(long micros, ZoneCalendar zone) {
    return (int) (localSecondOfDay(micros, zone) / 60 % 60);
  }

  /** The second (0 to 59) of an instant in a zone. */
  public static int getSecond(long micros, ZoneCalendar zone) {
    return (int) (localSecondOfDay(micros, zone) % 60);
  }

  /** The microseconds within the second, 0 to 999 999; the same in every zone. */
  public static int getMicrosOfSecond(long micros) {
    return (int) Math.floorMod(micros, MICROS_PER_SECOND);
  }

  private static long localSecondOfDay(long micros, ZoneCalendar zone) {
    long epochSeconds = Math.floorDiv(micros, MICROS_PER_SECOND);
    return Math.floorMod(epochSeconds + zone.offsetSecondsAt(epochSeconds), SECONDS_PER_DAY);
  }
}
