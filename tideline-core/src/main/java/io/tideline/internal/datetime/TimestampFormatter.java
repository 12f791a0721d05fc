package io.tideline.internal.datetime;

import java.nio.charset.StandardCharsets;
import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Spark datetime pattern ({@code yyyy-MM-dd HH:mm:ss.SSS}, {@code yyyy-MM-dd'T'HH:mm:ssXXX}, ...;
 * Spark's "Datetime Patterns" page) compiled once for a zone, used by {@code to_timestamp}, {@code
 * date_format}, {@code to_date} and the JSON and CSV readers and writers. Thread-safe.
 *
 * <p>Parsing and formatting go through the java.time formatters Spark builds ({@link
 * DatetimePatterns}), except for patterns a {@link FastPattern} covers, which are parsed and
 * formatted straight from and to bytes. Parse failures return a sentinel rather than throw, so a
 * column of bad input costs no exceptions on the fast path; the caller turns the sentinel into
 * null, or under ANSI into {@link DateTimeErrors#cannotParseTimestamp}.
 *
 * <p>Spark refuses some letters only for parsing ({@code E}, {@code F}, {@code q}, {@code Q}): such
 * a formatter formats, and its parse methods throw the refusal. Use {@link #forParsing} to get the
 * refusal up front.
 */
public final class TimestampFormatter {
  private static final int CACHE_LIMIT = 256;
  private static final ConcurrentHashMap<Key, TimestampFormatter> CACHE = new ConcurrentHashMap<>();

  private record Key(String pattern, ZoneId zone) {}

  private final String pattern;
  private final ZoneId zone;
  private final ZoneCalendar calendar;
  private final DateTimeFormatter printer;

  /** Spark formats dates with a formatter that has no zone. */
  private final DateTimeFormatter datePrinter;

  private final DateTimeFormatter parser;
  private final DateTimePatternException parseRefusal;
  private final FastPattern fast;

  private TimestampFormatter(String pattern, ZoneId zone) {
    this.pattern = pattern;
    this.zone = zone;
    this.calendar = ZoneCalendar.of(zone);
    this.datePrinter = build(pattern, false);
    this.printer = datePrinter.withZone(zone);
    DateTimeFormatter parsing = null;
    DateTimePatternException refusal = null;
    try {
      parsing = build(pattern, true);
    } catch (DateTimePatternException e) {
      refusal = e;
    }
    this.parser = parsing;
    this.parseRefusal = refusal;
    this.fast = FastPattern.compile(pattern);
  }

  private static DateTimeFormatter build(String pattern, boolean forParsing) {
    try {
      String converted = DatetimePatterns.convert(pattern, forParsing);
      return forParsing ? DatetimePatterns.parser(converted) : DatetimePatterns.printer(converted);
    } catch (IllegalArgumentException e) {
      throw DatetimePatterns.refusal(pattern, e);
    }
  }

  /**
   * Compiles {@code pattern}.
   *
   * @throws IllegalArgumentException naming the pattern and the offending letter when the pattern
   *     is invalid in Spark (a {@link DateTimePatternException} carrying Spark's error condition)
   */
  public static TimestampFormatter of(String pattern, ZoneId zone) {
    Key key = new Key(pattern, zone);
    TimestampFormatter cached = CACHE.get(key);
    if (cached != null) {
      return cached;
    }
    TimestampFormatter created = new TimestampFormatter(pattern, zone);
    if (CACHE.size() >= CACHE_LIMIT) {
      // Patterns are few in practice; a query generating many just rebuilds some formatters.
      CACHE.clear();
    }
    TimestampFormatter raced = CACHE.putIfAbsent(key, created);
    return raced != null ? raced : created;
  }

  /**
   * Compiles {@code pattern} for parsing, refusing also the letters Spark refuses only when
   * parsing.
   *
   * @throws IllegalArgumentException as {@link #of}
   */
  public static TimestampFormatter forParsing(String pattern, ZoneId zone) {
    TimestampFormatter f = of(pattern, zone);
    if (f.parseRefusal != null) {
      throw f.parseRefusal;
    }
    return f;
  }

  public String pattern() {
    return pattern;
  }

  public ZoneId zone() {
    return zone;
  }

  /**
   * Parses a whole string against the pattern, as {@code to_timestamp(s, pattern)} does.
   *
   * @return microseconds since epoch, or {@link DateTimeUtils#INVALID_TIMESTAMP}
   * @throws IllegalArgumentException when Spark refuses the pattern for parsing
   */
  public long parse(byte[] utf8, int off, int len) {
    if (fast != null) {
      long micros = fast.parse(utf8, off, len, calendar);
      if (micros != FastPattern.DEFER) {
        return micros;
      }
    }
    return parseWithJavaTime(new String(utf8, off, len, StandardCharsets.UTF_8));
  }

  public long parse(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return parse(b, 0, b.length);
  }

  /** The java.time path of {@link #parse}, also the reference the fast path is tested against. */
  long parseWithJavaTime(String text) {
    if (parseRefusal != null) {
      throw parseRefusal;
    }
    try {
      // An unresolved parse reports a mismatch without an exception; only matching text resolves.
      ParsePosition position = new ParsePosition(0);
      TemporalAccessor unresolved = parser.parseUnresolved(text, position);
      if (unresolved == null
          || position.getErrorIndex() >= 0
          || position.getIndex() != text.length()) {
        return DateTimeUtils.INVALID_TIMESTAMP;
      }
      return toMicros(parser.parse(text));
    } catch (DateTimeException | ArithmeticException e) {
      return DateTimeUtils.INVALID_TIMESTAMP;
    }
  }

  private long toMicros(TemporalAccessor parsed) {
    ZoneId parsedZone = parsed.query(TemporalQueries.zone());
    ZonedDateTime zdt =
        ZonedDateTime.of(
            toLocalDate(parsed), toLocalTime(parsed), parsedZone != null ? parsedZone : zone);
    long micros = DateTimeUtils.secondsToMicros(zdt.toEpochSecond(), zdt.getNano() / 1000);
    return micros;
  }

  /** Spark's defaults for missing date fields: 1970, January, the 1st. */
  private static LocalDate toLocalDate(TemporalAccessor parsed) {
    LocalDate date = parsed.query(TemporalQueries.localDate());
    if (date != null) {
      return date;
    }
    int year = getOrDefault(parsed, ChronoField.YEAR, 1970);
    if (parsed.isSupported(ChronoField.DAY_OF_YEAR)) {
      LocalDate d = LocalDate.ofYearDay(year, parsed.get(ChronoField.DAY_OF_YEAR));
      verify(parsed, ChronoField.MONTH_OF_YEAR, d);
      verify(parsed, ChronoField.DAY_OF_MONTH, d);
      return d;
    }
    return LocalDate.of(
        year,
        getOrDefault(parsed, ChronoField.MONTH_OF_YEAR, 1),
        getOrDefault(parsed, ChronoField.DAY_OF_MONTH, 1));
  }

  private static void verify(TemporalAccessor parsed, ChronoField field, LocalDate derived) {
    if (parsed.isSupported(field) && parsed.get(field) != derived.get(field)) {
      throw new DateTimeException(
          field + " " + parsed.get(field) + " differs from " + derived.get(field));
    }
  }

  /** Spark's defaults for missing time fields: zero, except that a lone PM means 12:00. */
  private static LocalTime toLocalTime(TemporalAccessor parsed) {
    LocalTime time = parsed.query(TemporalQueries.localTime());
    if (time != null) {
      return time;
    }
    int hour;
    if (parsed.isSupported(ChronoField.HOUR_OF_DAY)) {
      hour = parsed.get(ChronoField.HOUR_OF_DAY);
    } else if (parsed.isSupported(ChronoField.HOUR_OF_AMPM)) {
      // Without an AM/PM marker the hour is taken as AM.
      hour = parsed.get(ChronoField.HOUR_OF_AMPM);
    } else if (parsed.isSupported(ChronoField.AMPM_OF_DAY)
        && parsed.get(ChronoField.AMPM_OF_DAY) == 1) {
      hour = 12;
    } else {
      hour = 0;
    }
    return LocalTime.of(
        hour,
        getOrDefault(parsed, ChronoField.MINUTE_OF_HOUR, 0),
        getOrDefault(parsed, ChronoField.SECOND_OF_MINUTE, 0),
        getOrDefault(parsed, ChronoField.NANO_OF_SECOND, 0));
  }

  private static int getOrDefault(TemporalAccessor parsed, ChronoField field, int dflt) {
    return parsed.isSupported(field) ? parsed.get(field) : dflt;
  }

  /** Formats as {@code date_format(ts, pattern)} does. */
  public String format(long micros) {
    if (fast != null) {
      byte[] buf = new byte[fast.maxLength()];
      int n = fast.format(micros, calendar, new DateTimeFields(), buf);
      return new String(buf, 0, n, StandardCharsets.ISO_8859_1);
    }
    return formatWithJavaTime(micros);
  }

  /** The java.time path of {@link #format}, also the reference the fast path is tested against. */
  String formatWithJavaTime(long micros) {
    Instant instant =
        Instant.ofEpochSecond(
            Math.floorDiv(micros, DateTimeUtils.MICROS_PER_SECOND),
            Math.floorMod(micros, DateTimeUtils.MICROS_PER_SECOND) * 1000L);
    return printer.format(instant);
  }

  /**
   * Parses a date (days since epoch), as {@code to_date(s, pattern)} does: the string is parsed as
   * a timestamp, which then falls on a date in the formatter's zone.
   *
   * @return days since epoch, or {@link DateTimeUtils#INVALID_DATE}
   */
  public int parseDate(byte[] utf8, int off, int len) {
    long micros = parse(utf8, off, len);
    return micros == DateTimeUtils.INVALID_TIMESTAMP
        ? DateTimeUtils.INVALID_DATE
        : DateTimeUtils.microsToDays(micros, calendar);
  }

  /**
   * Parses a date the way Spark's {@code DateFormatter} does for the {@code dateFormat} option of
   * the CSV and JSON readers: only the date fields of the pattern count, time and zone are ignored.
   *
   * @return days since epoch, or {@link DateTimeUtils#INVALID_DATE}
   */
  public int parseLocalDate(byte[] utf8, int off, int len) {
    if (fast != null) {
      long days = fast.parseLocalDate(utf8, off, len);
      if (days != FastPattern.DEFER) {
        return days == DateTimeUtils.INVALID_TIMESTAMP ? DateTimeUtils.INVALID_DATE : (int) days;
      }
    }
    return parseLocalDateWithJavaTime(new String(utf8, off, len, StandardCharsets.UTF_8));
  }

  /** The java.time path of {@link #parseLocalDate}, also the reference of its fast path. */
  int parseLocalDateWithJavaTime(String text) {
    if (parseRefusal != null) {
      throw parseRefusal;
    }
    try {
      ParsePosition position = new ParsePosition(0);
      TemporalAccessor unresolved = parser.parseUnresolved(text, position);
      if (unresolved == null
          || position.getErrorIndex() >= 0
          || position.getIndex() != text.length()) {
        return DateTimeUtils.INVALID_DATE;
      }
      long days = toLocalDate(parser.parse(text)).toEpochDay();
      return (int) days == days ? (int) days : DateTimeUtils.INVALID_DATE;
    } catch (DateTimeException e) {
      return DateTimeUtils.INVALID_DATE;
    }
  }

  /**
   * Formats a date (days since epoch), as the CSV and JSON writers' {@code dateFormat} does.
   *
   * @throws DateTimeException when the pattern asks for a time or zone field
   */
  public String formatDate(int days) {
    return datePrinter.format(LocalDate.ofEpochDay(days));
  }

  @Override
  public String toString() {
    return "TimestampFormatter[" + pattern + ", " + zone + "]";
  }
}
