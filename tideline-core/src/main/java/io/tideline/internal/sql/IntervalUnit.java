package io.tideline.internal.sql;

import java.util.Locale;

/** The units of interval literals and types, with their size in months or microseconds. */
enum IntervalUnit {
  YEAR(true, 12),
  MONTH(true, 1),
  WEEK(false, 7L * 86_400_000_000L),
  DAY(false, 86_400_000_000L),
  HOUR(false, 3_600_000_000L),
  MINUTE(false, 60_000_000L),
  SECOND(false, 1_000_000L),
  MILLISECOND(false, 1_000L),
  MICROSECOND(false, 1L);

  private final boolean yearMonth;
  private final long size;

  IntervalUnit(boolean yearMonth, long size) {
    this.yearMonth = yearMonth;
    this.size = size;
  }

  /** True for YEAR and MONTH, counted in months; the others count microseconds. */
  boolean yearMonth() {
    return yearMonth;
  }

  /** Months (year-month units) or microseconds (day-time units) in one unit. */
  long size() {
    return size;
  }

  /**
   * The unit named by token {@code i}, singular or plural, or null; {@code fieldsOnly} limits it to
   * the fields of interval types (YEAR, MONTH, DAY, HOUR, MINUTE, SECOND, singular).
   */
  static IntervalUnit at(SqlLexer lx, int i, boolean fieldsOnly) {
    if (lx.kind(i) != SqlLexer.IDENT) {
      return null;
    }
    String word = lx.tokenText(i).toUpperCase(Locale.ROOT);
    if (!fieldsOnly && word.endsWith("S")) {
      word = word.substring(0, word.length() - 1);
    }
    IntervalUnit u;
    try {
      u = valueOf(word);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (fieldsOnly && (u == WEEK || u == MILLISECOND || u == MICROSECOND)) {
      return null;
    }
    return u;
  }

  static IntervalUnit fieldAt(SqlLexer lx, int i) {
    return at(lx, i, true);
  }
}
