package io.tideline.internal.datetime;

/**
 * The wall-clock fields of one instant in one zone, recomputed in place by {@link #set} so a loop
 * over a column reuses one instance instead of allocating a {@code ZonedDateTime} per row. Not
 * thread-safe: each evaluating thread owns its instance.
 */
public final class DateTimeFields {
  public int year;
  public int month;
  public int day;
  public int hour;
  public int minute;
  public int second;
  public int microsOfSecond;

  /** Days since 1970-01-01 of the local date. */
  public long epochDay;

  /** The zone's offset at the instant, in seconds. */
  public int offsetSeconds;

  /** Fills the fields of {@code micros} (an instant) as seen in {@code zone}; returns this. */
  public DateTimeFields set(long micros, ZoneCalendar zone) {
    long epochSeconds = Math.floorDiv(micros, DateTimeUtils.MICROS_PER_SECOND);
    microsOfSecond = (int) (micros - epochSeconds * DateTimeUtils.MICROS_PER_SECOND);
    offsetSeconds = zone.offsetSecondsAt(epochSeconds);
    long localSeconds = epochSeconds + offsetSeconds;
    epochDay = Math.floorDiv(localSeconds, DateTimeUtils.SECONDS_PER_DAY);
    int secondOfDay = (int) (localSeconds - epochDay * DateTimeUtils.SECONDS_PER_DAY);
    hour = secondOfDay / 3600;
    minute = secondOfDay / 60 % 60;
    second = secondOfDay % 60;
    setDate(epochDay);
    return this;
  }

  /** Fills the date fields of a day since 1970-01-01 and zeroes the time; returns this. */
  public DateTimeFields setDays(long days) {
    epochDay = days;
    hour = 0;
    minute = 0;
    second = 0;
    microsOfSecond = 0;
    offsetSeconds = 0;
    setDate(days);
    return this;
  }

  private void setDate(long days) {
    long ymd = CivilDates.packed(days);
    year = (int) (ymd >> 9);
    month = (int) ((ymd >> 5) & 0xF);
    day = (int) (ymd & 0x1F);
  }
}
