package io.tideline.internal.streaming.files;

import java.util.Locale;

/**
 * Spark's time strings for options such as {@code maxFileAge} and {@code retention}: a whole number
 * with an optional unit ({@code us}, {@code ms}, {@code s}, {@code m} or {@code min}, {@code h},
 * {@code d}); no unit means milliseconds.
 */
final class TimeStrings {
  private TimeStrings() {}

  static long toMs(String option, String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    int end = s.startsWith("-") ? 1 : 0;
    while (end < s.length() && Character.isDigit(s.charAt(end))) {
      end++;
    }
    String digits = s.substring(0, end);
    String unit = s.substring(end);
    if (digits.isEmpty() || digits.equals("-")) {
      throw invalid(option, text);
    }
    long value;
    try {
      value = Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw invalid(option, text);
    }
    return switch (unit) {
      case "", "ms" -> value;
      case "us" -> value / 1000;
      case "s" -> Math.multiplyExact(value, 1000L);
      case "m", "min" -> Math.multiplyExact(value, 60_000L);
      case "h" -> Math.multiplyExact(value, 3_600_000L);
      case "d" -> Math.multiplyExact(value, 86_400_000L);
      default -> throw invalid(option, text);
    };
  }

  private static RuntimeException invalid(String option, String text) {
    return FileStreamErrors.invalidOption(
        option,
        text,
        "a time must be a whole number with a unit: microseconds (us), milliseconds (ms), seconds"
            + " (s), minutes (m or min), hours (h) or days (d), e.g. 50s, 100ms or 7d");
  }
}
