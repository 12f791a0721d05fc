package io.tideline.internal.datetime;

/**
 * Arithmetic between days since 1970-01-01 and (year, month, day) in the proleptic Gregorian
 * calendar, the calendar of Spark 3+ and of java.time, without allocating a {@code LocalDate}.
 *
 * <p>The conversions use the era-based method of Howard Hinnant's "chrono-Compatible Low-Level Date
 * Algorithms": an era is 400 years (146 097 days) and years start on March 1st, so the leap day is
 * the last day of a year and the month lengths follow a linear formula.
 */
public final class CivilDates {
  private static final int DAYS_PER_ERA = 146_097;

  /** Days from 0000-03-01 to 1970-01-01. */
  private static final int EPOCH_SHIFT = 719_468;

  private CivilDates() {}

  /** Days since 1970-01-01 of a valid date; the caller has checked the fields. */
  public static long daysFromCivil(long year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yearOfEra = y - era * 400;
    int shiftedMonth = month > 2 ? month - 3 : month + 9;
    long dayOfYear = (153L * shiftedMonth + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * DAYS_PER_ERA + dayOfEra - EPOCH_SHIFT;
  }

  /** The year of a day since 1970-01-01. */
  public static int year(long days) {
    return (int) (packed(days) >> 9);
  }

  /** The month (1 to 12) of a day since 1970-01-01. */
  public static int month(long days) {
    return (int) ((packed(days) >> 5) & 0xF);
  }

  /** The day of month (1 to 31) of a day since 1970-01-01. */
  public static int dayOfMonth(long days) {
    return (int) (packed(days) & 0x1F);
  }

  /**
   * Year, month and day of a day since 1970-01-01 in one long: {@code year << 9 | month << 5 |
   * day}, so a caller that needs all three converts once.
   */
  public static long packed(long days) {
    long z = days + EPOCH_SHIFT;
    long era = Math.floorDiv(z, DAYS_PER_ERA);
    long dayOfEra = z - era * DAYS_PER_ERA;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long shiftedMonth = (5 * dayOfYear + 2) / 153;
    int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
    int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    return (year << 9) | ((long) month << 5) | day;
  }

  /** Day of year, 1 to 366. */
  public static int dayOfYear(long days) {
    int year = year(days);
    return (int) (days - daysFromCivil(year, 1, 1)) + 1;
  }

  /** ISO day of week: 1 is Monday, 7 is Sunday. */
  public static int isoDayOfWeek(long days) {
    // 1970-01-01 was a Thursday (4).
    return (int) Math.floorMod(days + 3, 7L) + 1;
  }

  /** Spark's {@code dayofweek}: 1 is Sunday, 7 is Saturday. */
  public static int sparkDayOfWeek(long days) {
    // 1970-01-01 was a Thursday (5 in this numbering).
    return (int) Math.floorMod(days + 4, 7L) + 1;
  }

  /** Quarter of the year, 1 to 4. */
  public static int quarter(long days) {
    return (month(days) + 2) / 3;
  }

  /**
   * ISO-8601 week of the week-based year, 1 to 53, as Spark's {@code weekofyear}: weeks start on
   * Monday and week 1 is the one holding the year's first Thursday.
   */
  public static int isoWeekOfYear(long days) {
    long thursday = days - isoDayOfWeek(days) + 4;
    int weekYear = year(thursday);
    return (int) ((thursday - daysFromCivil(weekYear, 1, 1)) / 7) + 1;
  }

  /**
   * {@code add_months}: the same day of month {@code months} later, clamped to the last day of a
   * shorter month ({@code LocalDate.plusMonths}).
   */
  public static long addMonths(long days, int months) {
    long ymd = packed(days);
    long monthIndex = (ymd >> 9) * 12 + ((ymd >> 5) & 0xF) - 1 + months;
    long year = Math.floorDiv(monthIndex, 12);
    int month = (int) Math.floorMod(monthIndex, 12) + 1;
    int day = (int) Math.min(ymd & 0x1F, lengthOfMonth(year, month));
    return daysFromCivil(year, month, day);
  }

  public static boolean isLeapYear(long year) {
    return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
  }

  /** Number of days in {@code month} of {@code year}. */
  public static int lengthOfMonth(long year, int month) {
    switch (month) {
      case 2:
        return isLeapYear(year) ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  /** Whether (year, month, day) names a real date; the year is assumed to be in range. */
  public static boolean isValidDate(long year, int month, int day) {
    return month >= 1 && month <= 12 && day >= 1 && day <= lengthOfMonth(year, month);
  }
}
