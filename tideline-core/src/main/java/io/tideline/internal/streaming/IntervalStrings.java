package io.tideline.internal.streaming;

import io.tideline.internal.streaming.StreamingErrors.Condition;
import java.util.Locale;

/**
 * Parses interval strings as Spark's {@code IntervalUtils.stringToInterval} does, e.g. {@code "10
 * seconds"}, {@code "interval 1 minute 30 seconds"}, {@code "500 milliseconds"}, {@code "-1.5
 * seconds"}: case-insensitive, an optional {@code interval} prefix, then groups of a signed number
 * and a unit (year, month, week, day, hour, minute, second, millisecond, microsecond, each also
 * plural). Only seconds may have a fraction, of at most nine digits. Failures carry Spark's {@code
 * INVALID_INTERVAL_FORMAT.*} conditions with the same parameters.
 *
 * <p>The parser is a state machine over the characters, so that every malformed input fails with
 * the same condition and offending word as in Spark.
 */
public final class IntervalStrings {

  /** A parsed interval: calendar months, days, and microseconds, each signed. */
  public record Parsed(int months, int days, long micros) {}

  private static final long MICROS_PER_SECOND = 1_000_000L;
  private static final long MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
  private static final long MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
  private static final long MICROS_PER_DAY = 24 * MICROS_PER_HOUR;
  private static final int INITIAL_FRACTION_SCALE = 100_000_000;

  private enum State {
    PREFIX,
    TRIM_BEFORE_SIGN,
    SIGN,
    TRIM_BEFORE_VALUE,
    VALUE,
    VALUE_FRACTIONAL_PART,
    TRIM_BEFORE_UNIT,
    UNIT_BEGIN,
    UNIT_SUFFIX,
    UNIT_END
  }

  private final String input;
  private final String s;
  private int i;
  private State state = State.PREFIX;
  private long value;
  private boolean negative;
  private int fraction;
  private int fractionScale;
  private boolean pointPrefixed;
  private int months;
  private int days;
  private long micros;

  private IntervalStrings(String input, String normalized) {
    this.input = input;
    this.s = normalized;
  }

  /** Parses an interval string into months, days and microseconds. */
  public static Parsed parse(String input) {
    if (input == null) {
      throw StreamingErrors.invalidInterval(
          Condition.INVALID_INTERVAL_FORMAT_INPUT_IS_NULL, "null");
    }
    String normalized = input.trim().toLowerCase(Locale.ROOT);
    if (normalized.isEmpty()) {
      throw StreamingErrors.invalidInterval(
          Condition.INVALID_INTERVAL_FORMAT_INPUT_IS_EMPTY, input);
    }
    IntervalStrings parser = new IntervalStrings(input, normalized);
    try {
      return parser.run();
    } catch (ArithmeticException e) {
      throw StreamingErrors.invalidInterval(
          Condition.INVALID_INTERVAL_FORMAT_ARITHMETIC_EXCEPTION, input);
    }
  }

  /**
   * Parses a trigger interval into milliseconds, refusing months and years (their length varies)
   * and negative intervals, as Spark's {@code Trigger.ProcessingTime(String)} does. Microseconds
   * round down to the millisecond.
   */
  public static long parseTriggerIntervalMs(String interval) {
    Parsed parsed = parse(interval);
    String shown = interval.trim();
    if (parsed.months() != 0) {
      throw StreamingErrors.monthsInTriggerInterval(shown);
    }
    long totalMicros;
    try {
      totalMicros =
          Math.addExact(parsed.micros(), Math.multiplyExact((long) parsed.days(), MICROS_PER_DAY));
    } catch (ArithmeticException e) {
      throw StreamingErrors.invalidInterval(
          Condition.INVALID_INTERVAL_FORMAT_ARITHMETIC_EXCEPTION, interval);
    }
    long millis = Math.floorDiv(totalMicros, 1000L);
    if (millis < 0) {
      throw StreamingErrors.negativeTriggerInterval(shown);
    }
    return millis;
  }

  private Parsed run() {
    while (i < s.length()) {
      char c = s.charAt(i);
      switch (state) {
        case PREFIX -> prefix();
        case TRIM_BEFORE_SIGN -> skipWhitespace(c, State.SIGN);
        case SIGN -> sign(c);
        case TRIM_BEFORE_VALUE -> skipWhitespace(c, State.VALUE);
        case VALUE -> value(c);
        case VALUE_FRACTIONAL_PART -> fractionalPart(c);
        case TRIM_BEFORE_UNIT -> skipWhitespace(c, State.UNIT_BEGIN);
        case UNIT_BEGIN -> unit(c);
        case UNIT_SUFFIX -> unitSuffix(c);
        case UNIT_END -> unitEnd(c);
      }
    }
    return switch (state) {
      case UNIT_SUFFIX, UNIT_END, TRIM_BEFORE_SIGN -> new Parsed(months, days, micros);
      case TRIM_BEFORE_VALUE -> fail(Condition.INVALID_INTERVAL_FORMAT_MISSING_NUMBER, "word");
      case VALUE, VALUE_FRACTIONAL_PART ->
          fail(Condition.INVALID_INTERVAL_FORMAT_MISSING_UNIT, "word");
      default -> fail(Condition.INVALID_INTERVAL_FORMAT_UNKNOWN_PARSING_ERROR, "word");
    };
  }

  private void prefix() {
    String prefix = "interval";
    if (s.startsWith(prefix)) {
      if (s.length() == prefix.length()) {
        throw StreamingErrors.invalidInterval(
            Condition.INVALID_INTERVAL_FORMAT_INPUT_IS_EMPTY, input);
      }
      if (!isWhitespace(s.charAt(prefix.length()))) {
        fail(Condition.INVALID_INTERVAL_FORMAT_INVALID_PREFIX, "prefix");
      }
      i += prefix.length() + 1;
    }
    state = State.TRIM_BEFORE_SIGN;
  }

  private void skipWhitespace(char c, State next) {
    if (isWhitespace(c)) {
      i++;
    } else {
      state = next;
    }
  }

  private void sign(char c) {
    value = 0;
    fraction = 0;
    // -1 marks "no fraction seen", which the unit check relies on.
    fractionScale = -1;
    pointPrefixed = false;
    state = State.TRIM_BEFORE_VALUE;
    if (c == '-') {
      negative = true;
      i++;
    } else if (c == '+') {
      negative = false;
      i++;
    } else if (isDigit(c)) {
      negative = false;
    } else if (c == '.') {
      // A number such as ".5" that starts with its fraction.
      negative = false;
      fractionScale = INITIAL_FRACTION_SCALE;
      pointPrefixed = true;
      i++;
      state = State.VALUE_FRACTIONAL_PART;
    } else {
      fail(Condition.INVALID_INTERVAL_FORMAT_UNRECOGNIZED_NUMBER, "number");
    }
  }

  private void value(char c) {
    if (isDigit(c)) {
      value = Math.addExact(Math.multiplyExact(10, value), c - '0');
    } else if (isWhitespace(c)) {
      state = State.TRIM_BEFORE_UNIT;
    } else if (c == '.') {
      fractionScale = INITIAL_FRACTION_SCALE;
      state = State.VALUE_FRACTIONAL_PART;
    } else {
      fail(Condition.INVALID_INTERVAL_FORMAT_INVALID_VALUE, "value");
    }
    i++;
  }

  private void fractionalPart(char c) {
    if (isDigit(c) && fractionScale > 0) {
      fraction += (c - '0') * fractionScale;
      fractionScale /= 10;
    } else if (isWhitespace(c) && (!pointPrefixed || fractionScale < INITIAL_FRACTION_SCALE)) {
      // Nanoseconds to microseconds, truncating.
      fraction /= 1000;
      state = State.TRIM_BEFORE_UNIT;
    } else if (isDigit(c)) {
      fail(Condition.INVALID_INTERVAL_FORMAT_INVALID_PRECISION, "value");
    } else {
      fail(Condition.INVALID_INTERVAL_FORMAT_INVALID_VALUE, "value");
    }
    i++;
  }

  private void unit(char c) {
    if (c != 's' && fractionScale >= 0) {
      fail(Condition.INVALID_INTERVAL_FORMAT_INVALID_FRACTION, "unit");
    }
    if (negative) {
      value = -value;
      fraction = -fraction;
    }
    if (matches("year")) {
      months = Math.toIntExact(Math.addExact(months, Math.multiplyExact(12L, value)));
    } else if (matches("week")) {
      days = Math.toIntExact(Math.addExact(days, Math.multiplyExact(7L, value)));
    } else if (matches("day")) {
      days = Math.addExact(days, Math.toIntExact(value));
    } else if (matches("hour")) {
      micros = Math.addExact(micros, Math.multiplyExact(value, MICROS_PER_HOUR));
    } else if (matches("second")) {
      micros =
          Math.addExact(
              Math.addExact(micros, Math.multiplyExact(value, MICROS_PER_SECOND)), fraction);
    } else if (matches("month")) {
      months = Math.addExact(months, Math.toIntExact(value));
    } else if (matches("minute")) {
      micros = Math.addExact(micros, Math.multiplyExact(value, MICROS_PER_MINUTE));
    } else if (matches("millisecond")) {
      micros = Math.addExact(micros, Math.multiplyExact(value, 1000L));
    } else if (matches("microsecond")) {
      micros = Math.addExact(micros, value);
    } else {
      fail(Condition.INVALID_INTERVAL_FORMAT_INVALID_UNIT, "unit");
    }
    state = State.UNIT_SUFFIX;
  }

  private boolean matches(String unit) {
    if (s.startsWith(unit, i)) {
      i += unit.length();
      return true;
    }
    return false;
  }

  private void unitSuffix(char c) {
    if (c == 's') {
      state = State.UNIT_END;
    } else if (isWhitespace(c)) {
      state = State.TRIM_BEFORE_SIGN;
    } else {
      fail(Condition.INVALID_INTERVAL_FORMAT_INVALID_UNIT, "unit");
    }
    i++;
  }

  private void unitEnd(char c) {
    if (!isWhitespace(c)) {
      fail(Condition.INVALID_INTERVAL_FORMAT_INVALID_UNIT, "unit");
    }
    i++;
    state = State.TRIM_BEFORE_SIGN;
  }

  private Parsed fail(Condition condition, String parameter) {
    throw StreamingErrors.invalidInterval(condition, input, parameter, currentWord());
  }

  /**
   * The whitespace-separated word at the cursor, as Spark names it in messages: the word the cursor
   * is in, the word before it when the cursor is on whitespace, the last word at the end.
   */
  private String currentWord() {
    String[] words = s.split("\\s+");
    int wordsFromCursor = s.substring(i).split("\\s+").length;
    return words[words.length - wordsFromCursor];
  }

  /** Whitespace as Spark tests it on UTF-8 bytes: ASCII whitespace only. */
  private static boolean isWhitespace(char c) {
    return c < 128 && Character.isWhitespace(c);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
