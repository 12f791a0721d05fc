package io.tideline.internal.sql;

import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape check of DATE and TIMESTAMP literal strings, so that {@code DATE '2024-13-01'} fails at
 * parse time with INVALID_TYPED_LITERAL as in Spark. The value itself is computed later, when the
 * analyser folds the cast the parser builds, by the same code as {@code CAST(s AS DATE)}.
 */
final class TypedLiteralCheck {
  // Spark's date forms: yyyy, yyyy-[m]m, yyyy-[m]m-[d]d, then optionally ' ' or 'T' and anything.
  private static final Pattern DATE =
      Pattern.compile("[+-]?(\\d{4,7})(?:-(\\d{1,2})(?:-(\\d{1,2})(?:[ T].*)?)?)?", Pattern.DOTALL);
  // The same date forms, then an optional time [h]h:[m]m[:[s]s[.fraction]] and an optional zone.
  private static final Pattern TIMESTAMP =
      Pattern.compile(
          "[+-]?(\\d{4,7})(?:-(\\d{1,2})(?:-(\\d{1,2})"
              + "(?:[ T](?:(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.\\d{0,9})?)?)?"
              + "\\s*(?:Z|UTC|GMT|UT|[+-]\\d{1,2}(?::?\\d{2}(?::?\\d{2})?)?"
              + "|(?:UTC|GMT|UT)[+-]\\d{1,2}(?::?\\d{2})?|[A-Za-z][A-Za-z0-9_/+-]*)?)?)?)?");

  private TypedLiteralCheck() {}

  /** True when {@code value} has the shape of a DATE (or TIMESTAMP) string with valid fields. */
  static boolean plausible(String value, boolean date) {
    Matcher m = (date ? DATE : TIMESTAMP).matcher(value.strip());
    if (!m.matches()) {
      return false;
    }
    int month = group(m, 2, 1);
    int day = group(m, 3, 1);
    if (month < 1 || month > 12 || day < 1) {
      return false;
    }
    String year = m.group(1);
    boolean negative = value.strip().startsWith("-");
    int y = Integer.parseInt(year) * (negative ? -1 : 1);
    if (day > YearMonth.of(y, month).lengthOfMonth()) {
      return false;
    }
    if (!date) {
      return group(m, 4, 0) <= 23 && group(m, 5, 0) <= 59 && group(m, 6, 0) <= 59;
    }
    return true;
  }

  private static int group(Matcher m, int group, int absent) {
    String g = group <= m.groupCount() ? m.group(group) : null;
    return g == null ? absent : Integer.parseInt(g);
  }
}
