package io.tideline.internal.datetime;

import java.util.ArrayList;
import java.util.List;

/**
 * A hand-written parser and printer for the datetime patterns that data mostly uses ({@code
 * yyyy-MM-dd HH:mm:ss}, {@code yyyy-MM-dd'T'HH:mm:ss[.SSS][XXX]}, {@code yyyy-MM-dd}, {@code
 * dd/MM/yyyy HH:mm}, ...), working on UTF-8 bytes without allocating.
 *
 * <p>It only takes patterns made of {@code yyyy}, {@code MM}, {@code MMM}, {@code dd}, {@code HH},
 * {@code mm}, {@code ss}, {@code S..S}, {@code XXX}, ASCII literals and one level of optional
 * sections (plus {@code MMMM}, {@code E..EEEE}, {@code a} and {@code hh}, which it formats but
 * leaves to java.time for parsing), where each field appears once and no variable-width number
 * (year, fraction) is directly followed by another number, so that java.time's adjacent-value
 * parsing never comes into play. Within that set it reproduces what the java.time formatter Spark
 * builds would do (STRICT resolver, case insensitive literals, {@code uuuu} year rules), and it is
 * checked against it by tests. The only input it leaves to java.time is a year with a sign.
 */
final class FastPattern {
  /** {@link #parse} result: let the java.time formatter decide. */
  static final long DEFER = Long.MIN_VALUE + 1;

  private static final int LITERAL = 0;
  private static final int YEAR = 1;
  private static final int MONTH = 2;
  private static final int DAY = 3;
  private static final int HOUR = 4;
  private static final int MINUTE = 5;
  private static final int SECOND = 6;
  private static final int FRACTION = 7;
  private static final int OFFSET = 8;
  private static final int OPTIONAL_START = 9;
  private static final int OPTIONAL_END = 10;

  // Text fields, English as Spark's default locale (Locale.US) prints them; formatting only.
  private static final int MONTH_SHORT = 11;
  private static final int MONTH_FULL = 12;
  private static final int DAY_OF_WEEK_SHORT = 13;
  private static final int DAY_OF_WEEK_FULL = 14;
  private static final int AM_PM = 15;
  private static final int CLOCK_HOUR = 16;

  private static final String[] MONTHS = {
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December"
  };

  private static final String[] DAYS_OF_WEEK = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
  };

  private static final int MAX_OFFSET_SECONDS = 18 * 3600;

  /** {@link #parseOffset} result for an offset java.time throws on rather than rejects. */
  private static final int OFFSET_OUT_OF_RANGE = -2;

  private static final int[] POW10 = {1, 10, 100, 1000, 10_000, 100_000};

  private static final int SHAPE_GENERIC = 0;
  private static final int SHAPE_DATE = 1;
  private static final int SHAPE_DATE_TIME = 2;
  private static final int SHAPE_ISO = 3;

  private final int[] kinds;

  /**
   * A straight-line parser for the most used patterns, tried before the token loop: it only answers
   * for input in the canonical form and leaves everything else to the loop, so the loop's semantics
   * (tested against java.time) stay the definition.
   */
  private final int shape;

  /** The literal between date and time for {@link #SHAPE_DATE_TIME} and {@link #SHAPE_ISO}. */
  private final byte separator;

  /** The literal byte of a LITERAL token, the digit count of a FRACTION token. */
  private final int[] args;

  /** For OPTIONAL_START, the index of its OPTIONAL_END. */
  private final int[] sectionEnds;

  /** False when a token is one the parser does not handle; such patterns parse with java.time. */
  private final boolean parsable;

  private FastPattern(int[] kinds, int[] args, int[] sectionEnds, String pattern) {
    this.kinds = kinds;
    this.args = args;
    this.sectionEnds = sectionEnds;
    boolean allParsable = true;
    for (int kind : kinds) {
      allParsable &= kind <= MONTH_SHORT;
    }
    this.parsable = allParsable;
    switch (pattern) {
      case "yyyy-MM-dd" -> {
        shape = SHAPE_DATE;
        separator = 0;
      }
      case "yyyy-MM-dd HH:mm:ss" -> {
        shape = SHAPE_DATE_TIME;
        separator = ' ';
      }
      case "yyyy-MM-dd'T'HH:mm:ss" -> {
        shape = SHAPE_DATE_TIME;
        separator = 'T';
      }
      case "yyyy-MM-dd'T'HH:mm:ss[.SSS][XXX]" -> {
        shape = SHAPE_ISO;
        separator = 'T';
      }
      default -> {
        shape = SHAPE_GENERIC;
        separator = 0;
      }
    }
  }

  /** The fast form of a Spark pattern, or null when the pattern is outside the supported set. */
  static FastPattern compile(String pattern) {
    List<int[]> tokens = new ArrayList<>();
    boolean[] seen = new boolean[CLOCK_HOUR + 1];
    int depth = 0;
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      if (c == '\'') {
        int close = pattern.indexOf('\'', i + 1);
        if (close < 0) {
          return null;
        }
        if (close == i + 1) {
          tokens.add(new int[] {LITERAL, '\''});
        } else {
          for (int k = i + 1; k < close; k++) {
            if (!isPlainLiteral(pattern.charAt(k))) {
              return null;
            }
            tokens.add(new int[] {LITERAL, pattern.charAt(k)});
          }
        }
        i = close + 1;
        continue;
      }
      if (c == '[') {
        if (depth > 0) {
          return null;
        }
        depth++;
        tokens.add(new int[] {OPTIONAL_START, 0});
        i++;
        continue;
      }
      if (c == ']') {
        if (depth == 0) {
          return null;
        }
        depth--;
        tokens.add(new int[] {OPTIONAL_END, 0});
        i++;
        continue;
      }
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        int run = i;
        while (run < pattern.length() && pattern.charAt(run) == c) {
          run++;
        }
        int count = run - i;
        int kind = fieldKind(c, count);
        if (kind < 0 || seen[kind]) {
          return null;
        }
        seen[kind] = true;
        tokens.add(new int[] {kind, count});
        i = run;
        continue;
      }
      if (!isPlainLiteral(c) || c == '#' || c == '{' || c == '}') {
        return null;
      }
      tokens.add(new int[] {LITERAL, c});
      i++;
    }
    if (depth != 0) {
      return null;
    }
    int n = tokens.size();
    int[] kinds = new int[n];
    int[] args = new int[n];
    int[] sectionEnds = new int[n];
    int open = -1;
    for (int t = 0; t < n; t++) {
      kinds[t] = tokens.get(t)[0];
      args[t] = tokens.get(t)[1];
      if (kinds[t] == OPTIONAL_START) {
        open = t;
      } else if (kinds[t] == OPTIONAL_END) {
        sectionEnds[open] = t;
      }
    }
    for (int t = 0; t < n; t++) {
      if (kinds[t] == YEAR || kinds[t] == FRACTION) {
        int next = nextConsuming(kinds, t + 1);
        if (next < n && isNumeric(kinds[next])) {
          return null;
        }
        if (kinds[t] == YEAR && t + 1 < n && kinds[t + 1] != LITERAL) {
          return null;
        }
      }
    }
    return new FastPattern(kinds, args, sectionEnds, pattern);
  }

  private static int fieldKind(char c, int count) {
    return switch (c) {
      case 'y' -> count == 4 ? YEAR : -1;
      case 'M' -> count == 2 ? MONTH : count == 3 ? MONTH_SHORT : count == 4 ? MONTH_FULL : -1;
      case 'd' -> count == 2 ? DAY : -1;
      case 'H' -> count == 2 ? HOUR : -1;
      case 'm' -> count == 2 ? MINUTE : -1;
      case 's' -> count == 2 ? SECOND : -1;
      case 'S' -> count <= 9 ? FRACTION : -1;
      case 'X' -> count == 3 ? OFFSET : -1;
      case 'E' -> count <= 3 ? DAY_OF_WEEK_SHORT : count == 4 ? DAY_OF_WEEK_FULL : -1;
      case 'a' -> count == 1 ? AM_PM : -1;
      case 'h' -> count == 2 ? CLOCK_HOUR : -1;
      default -> -1;
    };
  }

  private static boolean isPlainLiteral(char c) {
    return c >= 0x20 && c < 0x7F && (c < '0' || c > '9');
  }

  private static boolean isNumeric(int kind) {
    return (kind >= YEAR && kind <= FRACTION) || kind == CLOCK_HOUR;
  }

  private static int nextConsuming(int[] kinds, int from) {
    int t = from;
    while (t < kinds.length && (kinds[t] == OPTIONAL_START || kinds[t] == OPTIONAL_END)) {
      t++;
    }
    return t;
  }

  /**
   * Parses {@code utf8[off, off + len)} as a whole.
   *
   * @return microseconds since epoch, {@link DateTimeUtils#INVALID_TIMESTAMP}, or {@link #DEFER}
   */
  long parse(byte[] utf8, int off, int len, ZoneCalendar zone) {
    return parse(utf8, off, len, zone, false);
  }

  /**
   * Parses {@code utf8[off, off + len)} as a whole for its date fields only, the way Spark's {@code
   * DateFormatter} reads a {@code dateFormat}: time and offset fields must be valid but do not move
   * the date.
   *
   * @return days since epoch, {@link DateTimeUtils#INVALID_TIMESTAMP}, or {@link #DEFER}
   */
  long parseLocalDate(byte[] utf8, int off, int len) {
    return parse(utf8, off, len, ZoneCalendar.UTC, true);
  }

  private long parse(byte[] utf8, int off, int len, ZoneCalendar zone, boolean localDate) {
    if (!parsable) {
      return DEFER;
    }
    if (shape != SHAPE_GENERIC) {
      long result = parseShape(utf8, off, len, zone, localDate);
      if (result != DEFER) {
        return result;
      }
    }
    return parseTokens(utf8, off, len, zone, localDate);
  }

  /** The straight-line parser of {@link #shape}; {@link #DEFER} for anything not canonical. */
  private long parseShape(byte[] b, int off, int len, ZoneCalendar zone, boolean localDate) {
    int end = off + len;
    if (len < 10
        || !isDigit(b[off])
        || !isDigit(b[off + 1])
        || !isDigit(b[off + 2])
        || !isDigit(b[off + 3])
        || b[off + 4] != '-'
        || !isDigit(b[off + 5])
        || !isDigit(b[off + 6])
        || b[off + 7] != '-'
        || !isDigit(b[off + 8])
        || !isDigit(b[off + 9])) {
      return DEFER;
    }
    int year = twoDigits(b, off) * 100 + twoDigits(b, off + 2);
    int month = twoDigits(b, off + 5);
    int day = twoDigits(b, off + 8);
    int hour = 0;
    int minute = 0;
    int second = 0;
    int micros = 0;
    int offsetSeconds = 0;
    boolean hasOffset = false;
    int pos = off + 10;
    if (shape != SHAPE_DATE) {
      if (len < 19
          || !equalsIgnoreCase(b[pos], separator)
          || !isDigit(b[pos + 1])
          || !isDigit(b[pos + 2])
          || b[pos + 3] != ':'
          || !isDigit(b[pos + 4])
          || !isDigit(b[pos + 5])
          || b[pos + 6] != ':'
          || !isDigit(b[pos + 7])
          || !isDigit(b[pos + 8])) {
        return DEFER;
      }
      hour = twoDigits(b, pos + 1);
      minute = twoDigits(b, pos + 4);
      second = twoDigits(b, pos + 7);
      pos += 9;
      if (shape == SHAPE_ISO) {
        if (pos < end && b[pos] == '.') {
          int digits = countDigits(b, pos + 1, end, 3);
          if (digits == 0) {
            return DEFER;
          }
          for (int k = 0; k < 6; k++) {
            micros = micros * 10 + (k < digits ? b[pos + 1 + k] - '0' : 0);
          }
          pos += 1 + digits;
        }
        if (pos < end) {
          int consumed = parseOffset(b, pos, end);
          if (consumed < 0) {
            return DEFER;
          }
          offsetSeconds = parsedOffset(b, pos, consumed);
          hasOffset = true;
          pos += consumed;
        }
      }
    }
    if (pos != end) {
      return DEFER;
    }
    if (!CivilDates.isValidDate(year, month, day) || hour > 23 || minute > 59 || second > 59) {
      return DateTimeUtils.INVALID_TIMESTAMP;
    }
    if (hasOffset && Math.abs(offsetSeconds) > MAX_OFFSET_SECONDS) {
      return DateTimeUtils.INVALID_TIMESTAMP;
    }
    long days = CivilDates.daysFromCivil(year, month, day);
    if (localDate) {
      return days;
    }
    long localSeconds = days * DateTimeUtils.SECONDS_PER_DAY + hour * 3600L + minute * 60L + second;
    int offset = hasOffset ? offsetSeconds : zone.offsetSecondsForLocal(localSeconds);
    return (localSeconds - offset) * DateTimeUtils.MICROS_PER_SECOND + micros;
  }

  private long parseTokens(byte[] utf8, int off, int len, ZoneCalendar zone, boolean localDate) {
    final int end = off + len;
    int pos = off;
    int year = 1970;
    int month = 1;
    int day = 1;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int micros = 0;
    int offsetSeconds = 0;
    boolean hasOffset = false;
    // State at the start of the open optional section, restored when the section does not match:
    // java.time drops every field a failed section parsed.
    int sectionStart = -1;
    int savedPos = 0;
    int savedYear = 0;
    int savedMonth = 0;
    int savedDay = 0;
    int savedHour = 0;
    int savedMinute = 0;
    int savedSecond = 0;
    int savedMicros = 0;
    int savedOffset = 0;
    boolean savedHasOffset = false;
    int t = 0;
    while (t < kinds.length) {
      int kind = kinds[t];
      boolean ok = true;
      switch (kind) {
        case OPTIONAL_START -> {
          sectionStart = t;
          savedPos = pos;
          savedYear = year;
          savedMonth = month;
          savedDay = day;
          savedHour = hour;
          savedMinute = minute;
          savedSecond = second;
          savedMicros = micros;
          savedOffset = offsetSeconds;
          savedHasOffset = hasOffset;
        }
        case OPTIONAL_END -> sectionStart = -1;
        case LITERAL -> {
          if (pos < end && equalsIgnoreCase(utf8[pos], args[t])) {
            pos++;
          } else {
            ok = false;
          }
        }
        case YEAR -> {
          if (pos < end && (utf8[pos] == '+' || utf8[pos] == '-')) {
            return DEFER;
          }
          int digits = countDigits(utf8, pos, end, 19);
          if (digits != 4) {
            ok = false;
          } else {
            year = readNumber(utf8, pos, 4);
            pos += 4;
          }
        }
        case MONTH_SHORT -> {
          int m = pos + 3 <= end ? shortMonth(utf8, pos) : 0;
          if (m == 0) {
            ok = false;
          } else {
            month = m;
            pos += 3;
          }
        }
        case MONTH, DAY, HOUR, MINUTE, SECOND -> {
          if (pos + 2 <= end && isDigit(utf8[pos]) && isDigit(utf8[pos + 1])) {
            int v = (utf8[pos] - '0') * 10 + (utf8[pos + 1] - '0');
            pos += 2;
            switch (kind) {
              case MONTH -> month = v;
              case DAY -> day = v;
              case HOUR -> hour = v;
              case MINUTE -> minute = v;
              default -> second = v;
            }
          } else {
            ok = false;
          }
        }
        case FRACTION -> {
          int digits = countDigits(utf8, pos, end, args[t]);
          if (digits == 0) {
            ok = false;
          } else {
            int v = 0;
            for (int k = 0; k < 6; k++) {
              v = v * 10 + (k < digits ? utf8[pos + k] - '0' : 0);
            }
            micros = v;
            pos += digits;
          }
        }
        case OFFSET -> {
          int consumed = parseOffset(utf8, pos, end);
          if (consumed == OFFSET_OUT_OF_RANGE) {
            return DateTimeUtils.INVALID_TIMESTAMP;
          }
          if (consumed < 0) {
            ok = false;
          } else {
            offsetSeconds = parsedOffset(utf8, pos, consumed);
            hasOffset = true;
            pos += consumed;
          }
        }
        default -> throw new IllegalStateException("Bug in Tideline: unknown token " + kind);
      }
      if (!ok) {
        if (sectionStart < 0) {
          return DateTimeUtils.INVALID_TIMESTAMP;
        }
        pos = savedPos;
        year = savedYear;
        month = savedMonth;
        day = savedDay;
        hour = savedHour;
        minute = savedMinute;
        second = savedSecond;
        micros = savedMicros;
        offsetSeconds = savedOffset;
        hasOffset = savedHasOffset;
        t = sectionEnds[sectionStart];
        sectionStart = -1;
      }
      t++;
    }
    if (pos != end) {
      return DateTimeUtils.INVALID_TIMESTAMP;
    }
    if (!CivilDates.isValidDate(year, month, day) || hour > 23 || minute > 59 || second > 59) {
      return DateTimeUtils.INVALID_TIMESTAMP;
    }
    if (hasOffset && Math.abs(offsetSeconds) > MAX_OFFSET_SECONDS) {
      return DateTimeUtils.INVALID_TIMESTAMP;
    }
    if (localDate) {
      return CivilDates.daysFromCivil(year, month, day);
    }
    long localSeconds =
        CivilDates.daysFromCivil(year, month, day) * DateTimeUtils.SECONDS_PER_DAY
            + hour * 3600L
            + minute * 60L
            + second;
    int offset = hasOffset ? offsetSeconds : zone.offsetSecondsForLocal(localSeconds);
    return (localSeconds - offset) * DateTimeUtils.MICROS_PER_SECOND + micros;
  }

  /**
   * Length of the {@code XXX} offset at {@code pos} ({@code Z} or {@code +hh:mm}; java.time's
   * {@code +HH:MM} neither parses nor prints seconds), -1 if there is none, or {@link
   * #OFFSET_OUT_OF_RANGE} when java.time would throw for hours or minutes out of range.
   */
  private static int parseOffset(byte[] b, int pos, int end) {
    if (pos >= end) {
      return -1;
    }
    if (b[pos] == 'Z' || b[pos] == 'z') {
      return 1;
    }
    if (b[pos] != '+' && b[pos] != '-') {
      return -1;
    }
    if (!(pos + 6 <= end
        && isDigit(b[pos + 1])
        && isDigit(b[pos + 2])
        && b[pos + 3] == ':'
        && isDigit(b[pos + 4])
        && isDigit(b[pos + 5]))) {
      return -1;
    }
    if (twoDigits(b, pos + 1) > 23 || twoDigits(b, pos + 4) > 59) {
      return OFFSET_OUT_OF_RANGE;
    }
    return 6;
  }

  private static int parsedOffset(byte[] b, int pos, int length) {
    if (length == 1) {
      return 0;
    }
    int seconds = twoDigits(b, pos + 1) * 3600 + twoDigits(b, pos + 4) * 60;
    return b[pos] == '-' ? -seconds : seconds;
  }

  /** The month (1 to 12) whose English short name starts at {@code pos}, in any case; or 0. */
  private static int shortMonth(byte[] b, int pos) {
    for (int m = 0; m < 12; m++) {
      String name = MONTHS[m];
      if (equalsIgnoreCase(b[pos], name.charAt(0))
          && equalsIgnoreCase(b[pos + 1], name.charAt(1))
          && equalsIgnoreCase(b[pos + 2], name.charAt(2))) {
        return m + 1;
      }
    }
    return 0;
  }

  private static int twoDigits(byte[] b, int pos) {
    return (b[pos] - '0') * 10 + (b[pos + 1] - '0');
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  private static int countDigits(byte[] b, int pos, int end, int max) {
    int n = 0;
    while (n < max && pos + n < end && isDigit(b[pos + n])) {
      n++;
    }
    return n;
  }

  private static int readNumber(byte[] b, int pos, int digits) {
    int v = 0;
    for (int k = 0; k < digits; k++) {
      v = v * 10 + (b[pos + k] - '0');
    }
    return v;
  }

  private static boolean equalsIgnoreCase(byte actual, int expected) {
    if (actual == expected) {
      return true;
    }
    int a = actual | 0x20;
    return a >= 'a' && a <= 'z' && a == (expected | 0x20);
  }

  /** Formats an instant; the output is ASCII and at most {@link #maxLength} bytes long. */
  int format(long micros, ZoneCalendar zone, DateTimeFields fields, byte[] dst) {
    fields.set(micros, zone);
    int pos = 0;
    for (int t = 0; t < kinds.length; t++) {
      switch (kinds[t]) {
        case LITERAL -> dst[pos++] = (byte) args[t];
        case YEAR -> pos = DateTimeUtils.writeIsoYear(fields.year, dst, pos);
        case MONTH -> pos = DateTimeUtils.writeTwoDigits(fields.month, dst, pos);
        case DAY -> pos = DateTimeUtils.writeTwoDigits(fields.day, dst, pos);
        case HOUR -> pos = DateTimeUtils.writeTwoDigits(fields.hour, dst, pos);
        case MINUTE -> pos = DateTimeUtils.writeTwoDigits(fields.minute, dst, pos);
        case SECOND -> pos = DateTimeUtils.writeTwoDigits(fields.second, dst, pos);
        case FRACTION -> {
          int v = fields.microsOfSecond;
          for (int k = 0; k < args[t]; k++) {
            int digit = k < 6 ? v / POW10[5 - k] % 10 : 0;
            dst[pos++] = (byte) ('0' + digit);
          }
        }
        case OFFSET -> pos = writeOffset(fields.offsetSeconds, dst, pos);
        case MONTH_SHORT -> pos = writeText(MONTHS[fields.month - 1], 3, dst, pos);
        case MONTH_FULL -> pos = writeText(MONTHS[fields.month - 1], 9, dst, pos);
        case DAY_OF_WEEK_SHORT ->
            pos =
                writeText(DAYS_OF_WEEK[CivilDates.isoDayOfWeek(fields.epochDay) - 1], 3, dst, pos);
        case DAY_OF_WEEK_FULL ->
            pos =
                writeText(DAYS_OF_WEEK[CivilDates.isoDayOfWeek(fields.epochDay) - 1], 9, dst, pos);
        case AM_PM -> pos = writeText(fields.hour < 12 ? "AM" : "PM", 2, dst, pos);
        case CLOCK_HOUR ->
            pos = DateTimeUtils.writeTwoDigits((fields.hour + 11) % 12 + 1, dst, pos);
        default -> {
          // Optional sections print their content: every field is known when formatting.
        }
      }
    }
    return pos;
  }

  private static int writeOffset(int offsetSeconds, byte[] dst, int pos) {
    if (offsetSeconds == 0) {
      dst[pos++] = 'Z';
      return pos;
    }
    // The three-letter X offset prints hours and minutes only; seconds of historical offsets are
    // dropped, not rounded.
    dst[pos++] = (byte) (offsetSeconds < 0 ? '-' : '+');
    int abs = Math.abs(offsetSeconds);
    pos = DateTimeUtils.writeTwoDigits(abs / 3600, dst, pos);
    dst[pos++] = ':';
    return DateTimeUtils.writeTwoDigits(abs / 60 % 60, dst, pos);
  }

  private static int writeText(String text, int maxLength, byte[] dst, int pos) {
    int n = Math.min(text.length(), maxLength);
    for (int i = 0; i < n; i++) {
      dst[pos + i] = (byte) text.charAt(i);
    }
    return pos + n;
  }

  /** An upper bound of the formatted length. */
  int maxLength() {
    int n = 0;
    for (int t = 0; t < kinds.length; t++) {
      n +=
          switch (kinds[t]) {
            case LITERAL -> 1;
            case YEAR -> 8;
            case FRACTION -> args[t];
            case OFFSET -> 6;
            case MONTH_SHORT, DAY_OF_WEEK_SHORT -> 3;
            case MONTH_FULL, DAY_OF_WEEK_FULL -> 9;
            case OPTIONAL_START, OPTIONAL_END -> 0;
            default -> 2;
          };
    }
    return n;
  }
}
