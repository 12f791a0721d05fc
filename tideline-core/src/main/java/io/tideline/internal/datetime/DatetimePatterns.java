package io.tideline.internal.datetime;

import java.text.SimpleDateFormat;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Spark's rules for datetime patterns ({@code DateTimeFormatterHelper}): which letters and lengths
 * it refuses, how it rewrites a pattern for java.time ({@code y} becomes {@code u} so negative
 * years work, unless an era {@code G} is present), and how it builds the java.time formatters (case
 * insensitive, ISO chronology, STRICT resolver, and for parsing a seconds fraction of one up to the
 * pattern's number of {@code S} digits).
 */
final class DatetimePatterns {
  static final Locale LOCALE = Locale.US;

  /** Week-based fields: confusing to mix with other fields, and refused since Spark 3.0. */
  private static final String WEEK_BASED_LETTERS = "YWwuec";

  /** {@code B} (day period) is refused to keep Java 8's behaviour; the others have no meaning. */
  private static final String UNSUPPORTED_LETTERS = "ABnNp";

  /** Day-of-week and quarter fields resolve inconsistently when parsing. */
  private static final String UNSUPPORTED_FOR_PARSING = "EFqQ";

  /** Narrow text forms and years longer than six digits. */
  private static final String[] UNSUPPORTED_LENGTHS = {
    "GGGGG", "MMMMM", "LLLLL", "EEEEE", "QQQQQ", "qqqqq", "yyyyyyy"
  };

  private DatetimePatterns() {}

  /**
   * Checks {@code pattern} against Spark's refusals and rewrites it for java.time.
   *
   * @throws DateTimePatternException as Spark would for this pattern
   */
  static String convert(String pattern, boolean forParsing) {
    boolean hasEra = false;
    for (String part : unquotedParts(pattern)) {
      hasEra |= part.indexOf('G') >= 0;
    }
    for (String part : unquotedParts(pattern)) {
      for (int i = 0; i < part.length(); i++) {
        char c = part.charAt(i);
        if (WEEK_BASED_LETTERS.indexOf(c) >= 0) {
          throw DateTimeErrors.weekBased(c, pattern);
        }
      }
      for (int i = 0; i < part.length(); i++) {
        char c = part.charAt(i);
        if (UNSUPPORTED_LETTERS.indexOf(c) >= 0
            || (forParsing && UNSUPPORTED_FOR_PARSING.indexOf(c) >= 0)) {
          throw DateTimeErrors.illegalCharacter(c, pattern);
        }
      }
      for (String letters : UNSUPPORTED_LENGTHS) {
        if (part.contains(letters)) {
          throw DateTimeErrors.tooManyLetters(letters, pattern);
        }
      }
    }
    if (hasEra) {
      return pattern;
    }
    StringBuilder converted = new StringBuilder(pattern.length());
    boolean quoted = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      }
      converted.append(!quoted && c == 'y' ? 'u' : c);
    }
    return converted.toString();
  }

  /** The parts of a pattern outside quotes, as Spark sees them when it splits on quotes. */
  private static java.util.List<String> unquotedParts(String pattern) {
    java.util.List<String> parts = new java.util.ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\'') {
        if (!quoted) {
          parts.add(current.toString());
          current.setLength(0);
        }
        quoted = !quoted;
      } else if (!quoted) {
        current.append(c);
      }
    }
    parts.add(current.toString());
    return parts;
  }

  /** The formatter Spark formats with: the converted pattern as java.time reads it. */
  static DateTimeFormatter printer(String converted) {
    return finish(new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(converted));
  }

  /**
   * The formatter Spark parses with: like {@link #printer}, except that a run of {@code S} accepts
   * one up to that many fraction digits. Spark decides this on the whole pattern, quotes included.
   */
  static DateTimeFormatter parser(String converted) {
    if (converted.indexOf('S') < 0) {
      return printer(converted);
    }
    DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder().parseCaseInsensitive();
    // Split on quotes the way Spark does, with Java's split (trailing empty parts dropped).
    String[] parts = converted.split("'");
    for (int idx = 0; idx < parts.length; idx++) {
      String part = parts[idx];
      if (part.isEmpty() && idx != 0) {
        builder.appendLiteral("'");
      } else if (idx % 2 == 0) {
        appendWithVariableFraction(builder, part);
      } else {
        builder.appendLiteral(part);
      }
    }
    return finish(builder);
  }

  private static void appendWithVariableFraction(DateTimeFormatterBuilder builder, String part) {
    int i = 0;
    while (i < part.length()) {
      int s = part.indexOf('S', i);
      if (s < 0) {
        builder.appendPattern(part.substring(i));
        return;
      }
      builder.appendPattern(part.substring(i, s));
      int e = s;
      while (e < part.length() && part.charAt(e) == 'S') {
        e++;
      }
      builder.appendFraction(ChronoField.NANO_OF_SECOND, 1, e - s, false);
      i = e;
    }
  }

  private static DateTimeFormatter finish(DateTimeFormatterBuilder builder) {
    return builder
        .toFormatter(LOCALE)
        .withChronology(IsoChronology.INSTANCE)
        .withResolverStyle(ResolverStyle.STRICT);
  }

  /**
   * Spark's answer to a pattern java.time or its own checks refuse: if the pre-3.0 parser ({@code
   * SimpleDateFormat}) accepted it, the user is told the pattern changed meaning; otherwise the
   * original refusal stands.
   */
  static DateTimePatternException refusal(String pattern, IllegalArgumentException e) {
    try {
      new SimpleDateFormat(pattern, LOCALE);
    } catch (IllegalArgumentException legacyRefusal) {
      return e instanceof DateTimePatternException dpe
          ? dpe
          : DateTimeErrors.unrecognized(pattern, e);
    }
    return DateTimeErrors.validBeforeSpark3(pattern, e);
  }
}
