package io.tideline.internal.datetime;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.internal.vector.Timestamps;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class DateTimeProperties {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  /** Instants from year -290000 to 290000, the range six-digit years can print. */
  private static final long MIN_MICROS = -9_213_000_000_000_000_000L;

  private static final long MAX_MICROS = 9_213_000_000_000_000_000L;

  @Property(tries = 2000)
  void timestampToString_thenStringToTimestamp_roundTripsInUtc(
      @ForAll @LongRange(min = MIN_MICROS, max = MAX_MICROS) long micros) {
    String text = DateTimeUtils.timestampToString(micros, ZoneOffset.UTC);
    assertThat(DateTimeUtils.stringToTimestamp(text, ZoneOffset.UTC)).as(text).isEqualTo(micros);
  }

  @Property(tries = 2000)
  void timestampToString_thenStringToTimestamp_roundTripsInParis(
      @ForAll @LongRange(min = MIN_MICROS, max = MAX_MICROS) long micros) {
    String text = DateTimeUtils.timestampToString(micros, PARIS);
    assertThat(DateTimeUtils.stringToTimestamp(text, PARIS))
        .as(text)
        .isEqualTo(earlierOffsetInstant(micros, PARIS));
  }

  @Property(tries = 300)
  void timestampToString_thenStringToTimestamp_roundTripsAroundParisTransitions(
      @ForAll @IntRange(min = 1900, max = 2500) int year,
      @ForAll @IntRange(min = -7200, max = 7200) int secondsFromTransition,
      @ForAll boolean spring) {
    var transition =
        PARIS
            .getRules()
            .nextTransition(
                LocalDateTime.of(year, spring ? 1 : 7, 1, 0, 0).toInstant(ZoneOffset.UTC));
    long micros = (transition.toEpochSecond() + secondsFromTransition) * 1_000_000L + 7;
    String text = DateTimeUtils.timestampToString(micros, PARIS);
    assertThat(DateTimeUtils.stringToTimestamp(text, PARIS))
        .as(text)
        .isEqualTo(earlierOffsetInstant(micros, PARIS));
  }

  /** Spark's {@code CAST(ts AS STRING)} formatter, rebuilt with java.time as the reference. */
  private static final java.time.format.DateTimeFormatter SPARK_FRACTION_FORMATTER =
      new java.time.format.DateTimeFormatterBuilder()
          .append(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE)
          .appendLiteral(' ')
          .appendValue(java.time.temporal.ChronoField.HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(java.time.temporal.ChronoField.MINUTE_OF_HOUR, 2)
          .appendLiteral(':')
          .appendValue(java.time.temporal.ChronoField.SECOND_OF_MINUTE, 2)
          .appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 0, 9, true)
          .toFormatter(java.util.Locale.US);

  @Property(tries = 3000)
  void timestampToString_matchesSparksFractionFormatter(
      @ForAll long micros, @ForAll("zones") ZoneId zone) {
    String expected = SPARK_FRACTION_FORMATTER.withZone(zone).format(Timestamps.toInstant(micros));
    assertThat(DateTimeUtils.timestampToString(micros, zone)).isEqualTo(expected);
  }

  @Property(tries = 2000)
  void dateToString_matchesIsoLocalDate(@ForAll int days) {
    assertThat(DateTimeUtils.dateToString(days))
        .isEqualTo(
            java.time.format.DateTimeFormatter.ISO_LOCAL_DATE.format(
                java.time.LocalDate.ofEpochDay(days)));
  }

  /**
   * The instant CAST reads back from the wall-clock text of {@code micros}: the same one, unless
   * the wall-clock time is ambiguous, where java.time and Spark take the earlier offset.
   */
  private static long earlierOffsetInstant(long micros, ZoneId zone) {
    Instant instant = Timestamps.toInstant(micros);
    LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
    ZoneRules rules = zone.getRules();
    ZoneOffset earlier = rules.getValidOffsets(local).get(0);
    long seconds = local.toEpochSecond(earlier);
    return seconds * 1_000_000L + Math.floorMod(micros, 1_000_000L);
  }

  @Property(tries = 3000)
  void zoneCalendar_offsets_matchZoneRules(
      @ForAll("zones") ZoneId zone,
      @ForAll @LongRange(min = -5_000_000_000L, max = 20_000_000_000L) long epochSecond) {
    ZoneCalendar calendar = ZoneCalendar.of(zone);
    assertThat(calendar.offsetSecondsAt(epochSecond))
        .isEqualTo(zone.getRules().getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds());
    LocalDateTime local = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
    long expected = ZonedDateTime.of(local, zone).toEpochSecond();
    assertThat(epochSecond - calendar.offsetSecondsForLocal(epochSecond))
        .as("%s in %s", local, zone)
        .isEqualTo(expected);
  }

  @Property(tries = 1000)
  void zoneCalendar_localTimesNearTransitions_matchZonedDateTimeOf(
      @ForAll("zones") ZoneId zone,
      @ForAll @IntRange(min = 1850, max = 2450) int year,
      @ForAll @IntRange(min = -5400, max = 5400) int secondsFromTransition) {
    var transition =
        zone.getRules()
            .nextTransition(LocalDateTime.of(year, 1, 1, 0, 0).toInstant(ZoneOffset.UTC));
    if (transition == null) {
      return;
    }
    long local =
        transition.getDateTimeBefore().toEpochSecond(ZoneOffset.UTC) + secondsFromTransition;
    long expected =
        ZonedDateTime.of(LocalDateTime.ofEpochSecond(local, 0, ZoneOffset.UTC), zone)
            .toEpochSecond();
    assertThat(local - ZoneCalendar.of(zone).offsetSecondsForLocal(local)).isEqualTo(expected);
  }

  @Provide
  Arbitrary<ZoneId> zones() {
    return Arbitraries.of(
        ZoneOffset.UTC,
        ZoneId.of("UTC"),
        ZoneOffset.ofHoursMinutes(5, 45),
        PARIS,
        ZoneId.of("America/Los_Angeles"),
        ZoneId.of("America/Sao_Paulo"),
        ZoneId.of("Australia/Lord_Howe"),
        ZoneId.of("Pacific/Apia"),
        ZoneId.of("Africa/Casablanca"),
        ZoneId.of("Asia/Kolkata"),
        ZoneId.of("Europe/Dublin"));
  }

  @Property(tries = 2000)
  void stringToTimestamp_generatedSparkForms_matchJavaTime(
      @ForAll("localDateTimes") LocalDateTime ldt,
      @ForAll("zones") ZoneId session,
      @ForAll boolean tSeparator,
      @ForAll boolean padded,
      @ForAll @IntRange(min = 0, max = 9) int fractionDigits,
      @ForAll("zoneSuffixes") String zoneSuffix) {
    String fraction = String.format("%09d", ldt.getNano()).substring(0, fractionDigits);
    String text =
        (ldt.getYear() < 0 ? "-" : "")
            + String.format("%04d", Math.abs(ldt.getYear()))
            + "-"
            + two(ldt.getMonthValue(), padded)
            + "-"
            + two(ldt.getDayOfMonth(), padded)
            + (tSeparator ? "T" : " ")
            + two(ldt.getHour(), padded)
            + ":"
            + two(ldt.getMinute(), padded)
            + ":"
            + two(ldt.getSecond(), padded)
            + (fractionDigits > 0 ? "." + fraction : "")
            + zoneSuffix;
    ZoneId zone = zoneSuffix.isEmpty() ? session : expectedZone(zoneSuffix);
    int nanos = fractionDigits == 0 ? 0 : Integer.parseInt(fraction) * pow10(9 - fractionDigits);
    Instant expected = ZonedDateTime.of(ldt.withNano(nanos / 1000 * 1000), zone).toInstant();
    assertThat(DateTimeUtils.stringToTimestamp(text, session))
        .as(text)
        .isEqualTo(Timestamps.fromInstant(expected));
  }

  private static int pow10(int n) {
    int p = 1;
    for (int i = 0; i < n; i++) {
      p *= 10;
    }
    return p;
  }

  private static String two(int v, boolean padded) {
    return padded || v >= 10 ? String.format("%02d", v) : Integer.toString(v);
  }

  private static ZoneId expectedZone(String suffix) {
    String id = suffix.trim();
    return switch (id) {
      case "Z" -> ZoneOffset.UTC;
      case "+5:30" -> ZoneOffset.ofHoursMinutes(5, 30);
      case "-0800" -> ZoneOffset.ofHours(-8);
      default -> ZoneId.of(id, ZoneId.SHORT_IDS);
    };
  }

  @Provide
  Arbitrary<String> zoneSuffixes() {
    return Arbitraries.of(
        "",
        "",
        "",
        "Z",
        "+01:00",
        "+5:30",
        "-0800",
        " UTC",
        "GMT+2",
        " Europe/Paris",
        "CET",
        "EST");
  }

  @Provide
  Arbitrary<LocalDateTime> localDateTimes() {
    return Combinators.combine(
            Arbitraries.integers().between(-9999, 9999),
            Arbitraries.integers().between(1, 12),
            Arbitraries.integers().between(1, 28),
            Arbitraries.integers().between(0, 23),
            Arbitraries.integers().between(0, 59),
            Arbitraries.integers().between(0, 59),
            Arbitraries.integers().between(0, 999_999_999))
        .as(LocalDateTime::of);
  }

  @Property(tries = 2000)
  void stringToDate_generatedDates_matchLocalDate(
      @ForAll @IntRange(min = -999_999, max = 999_999) int year,
      @ForAll @IntRange(min = 1, max = 12) int month,
      @ForAll @IntRange(min = 1, max = 31) int day,
      @ForAll("dateSuffixes") String suffix) {
    String text =
        (year < 0 ? "-" : "") + String.format("%04d-%d-%02d", Math.abs(year), month, day) + suffix;
    int expected;
    try {
      expected = (int) java.time.LocalDate.of(year, month, day).toEpochDay();
    } catch (java.time.DateTimeException e) {
      expected = DateTimeUtils.INVALID_DATE;
    }
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    assertThat(DateTimeUtils.stringToDate(b, 0, b.length)).as(text).isEqualTo(expected);
  }

  @Provide
  Arbitrary<String> dateSuffixes() {
    return Arbitraries.of("", " ", "T", "T10:00:00", " 10:00:00.123 Europe/Paris", " junk");
  }

  @Property(tries = 2000)
  void dateToString_thenStringToDate_roundTrips(@ForAll int days) {
    assertThat(DateTimeUtils.stringToDate(DateTimeUtils.dateToString(days))).isEqualTo(days);
  }

  @Property(tries = 2000)
  void civilDates_matchLocalDate(
      @ForAll @LongRange(min = -400_000_000L, max = 400_000_000L) long days) {
    java.time.LocalDate d = java.time.LocalDate.ofEpochDay(days);
    assertThat(CivilDates.year(days)).isEqualTo(d.getYear());
    assertThat(CivilDates.month(days)).isEqualTo(d.getMonthValue());
    assertThat(CivilDates.dayOfMonth(days)).isEqualTo(d.getDayOfMonth());
    assertThat(CivilDates.dayOfYear(days)).isEqualTo(d.getDayOfYear());
    assertThat(CivilDates.isoDayOfWeek(days)).isEqualTo(d.getDayOfWeek().getValue());
    assertThat(CivilDates.daysFromCivil(d.getYear(), d.getMonthValue(), d.getDayOfMonth()))
        .isEqualTo(days);
    assertThat(CivilDates.quarter(days))
        .isEqualTo(d.get(java.time.temporal.IsoFields.QUARTER_OF_YEAR));
    assertThat(CivilDates.isoWeekOfYear(days))
        .isEqualTo(d.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    assertThat(CivilDates.sparkDayOfWeek(days)).isEqualTo(d.getDayOfWeek().getValue() % 7 + 1);
  }

  @Property(tries = 2000)
  void civilDates_addMonths_matchesPlusMonths(
      @ForAll @LongRange(min = -4_000_000L, max = 4_000_000L) long days,
      @ForAll @IntRange(min = -30_000, max = 30_000) int months) {
    assertThat(CivilDates.addMonths(days, months))
        .isEqualTo(java.time.LocalDate.ofEpochDay(days).plusMonths(months).toEpochDay());
  }
}
