package io.tideline.internal.datetime;

import static io.tideline.internal.datetime.DateTimeUtils.INVALID_DATE;
import static io.tideline.internal.datetime.DateTimeUtils.INVALID_TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.errors.ExecutionException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DateTimeUtilsTest {
  private static final ZoneId UTC = ZoneOffset.UTC;
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
  private static final List<ZoneId> SESSION_ZONES =
      List.of(UTC, PARIS, LA, ZoneId.of("Asia/Kolkata"), ZoneId.of("Pacific/Chatham"));

  /** Expected micros computed independently with java.time. */
  private static long micros(String localDateTime, ZoneId zone) {
    Instant i = ZonedDateTime.of(LocalDateTime.parse(localDateTime), zone).toInstant();
    return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
  }

  private static long ts(String s, ZoneId zone) {
    return DateTimeUtils.stringToTimestamp(s, zone);
  }

  @Test
  void stringToTimestamp_sparkAcceptedForms_matchJavaTime() {
    for (ZoneId z : SESSION_ZONES) {
      assertThat(ts("1969-12-31 16:00:00", z)).isEqualTo(micros("1969-12-31T16:00:00", z));
      assertThat(ts("0001", z)).isEqualTo(micros("0001-01-01T00:00:00", z));
      assertThat(ts("2015", z)).isEqualTo(micros("2015-01-01T00:00:00", z));
      assertThat(ts("2015-03", z)).isEqualTo(micros("2015-03-01T00:00:00", z));
      assertThat(ts("2015-3", z)).isEqualTo(micros("2015-03-01T00:00:00", z));
      for (String s : List.of("2015-03-18", "2015-03-18 ", " 2015-03-18", " 2015-03-18 ")) {
        assertThat(ts(s, z)).as(s).isEqualTo(micros("2015-03-18T00:00:00", z));
      }
      assertThat(ts("2015-03-18 12:03:17", z)).isEqualTo(micros("2015-03-18T12:03:17", z));
      assertThat(ts("2015-03-18T12:03:17", z)).isEqualTo(micros("2015-03-18T12:03:17", z));
      assertThat(ts("2015-3-8 1:2:3", z)).isEqualTo(micros("2015-03-08T01:02:03", z));
      assertThat(ts("2015-03-18 12", z)).isEqualTo(micros("2015-03-18T12:00:00", z));
      assertThat(ts("2015-03-18T12:03", z)).isEqualTo(micros("2015-03-18T12:03:00", z));
      assertThat(ts("2015-03-18 12:03:17.123", z)).isEqualTo(micros("2015-03-18T12:03:17.123", z));
      assertThat(ts("2011-05-06 07:08:09.1000", z)).isEqualTo(micros("2011-05-06T07:08:09.100", z));
      assertThat(ts("2015-03-18 12:03:17.", z)).isEqualTo(micros("2015-03-18T12:03:17", z));
      assertThat(ts("\t2015-03-18 12:03:17\n", z)).isEqualTo(micros("2015-03-18T12:03:17", z));
    }
  }

  @Test
  void stringToTimestamp_zoneInString_overridesSessionZone() {
    for (ZoneId z : SESSION_ZONES) {
      long utc = micros("2015-03-18T12:03:17", UTC);
      for (String s :
          List.of(
              "2015-03-18T12:03:17Z",
              "2015-03-18 12:03:17Z",
              "2015-03-18 12:03:17UTC",
              "2015-03-18 12:03:17 UTC",
              "2015-03-18T12:03:17+00:00",
              "2015-03-18T12:03:17+0",
              "2015-03-18T12:03:17 GMT")) {
        assertThat(ts(s, z)).as(s).isEqualTo(utc);
      }
      long minusOne = micros("2015-03-18T12:03:17", ZoneOffset.ofHours(-1));
      for (String s :
          List.of(
              "2015-03-18T12:03:17-1:0",
              "2015-03-18T12:03:17-01:00",
              "2015-03-18T12:03:17-0100",
              "2015-03-18T12:03:17-01",
              "2015-03-18T12:03:17-1",
              "2015-03-18T12:03:17GMT-01:00",
              "2015-03-18T12:03:17 UTC-1")) {
        assertThat(ts(s, z)).as(s).isEqualTo(minusOne);
      }
      long plus0730 = micros("2015-03-18T12:03:17.123121", ZoneOffset.ofHoursMinutes(7, 30));
      assertThat(ts("2015-03-18T12:03:17.123121+7:30", z)).isEqualTo(plus0730);
      assertThat(ts("2015-03-18T12:03:17.123121 GMT+0730", z)).isEqualTo(plus0730);
      assertThat(ts("2015-03-18T12:03:17.123121 UT+07:30", z)).isEqualTo(plus0730);
      assertThat(ts("2015-03-18T12:03:17-13:53", z))
          .isEqualTo(micros("2015-03-18T12:03:17", ZoneOffset.ofHoursMinutes(-13, -53)));
      assertThat(ts("2015-03-18T12:03:17.123456 Europe/Moscow", z))
          .isEqualTo(micros("2015-03-18T12:03:17.123456", ZoneId.of("Europe/Moscow")));
      assertThat(ts("2015-07-18 12:03:17 Europe/Paris", z))
          .isEqualTo(micros("2015-07-18T12:03:17", PARIS));
      assertThat(ts("2015-07-18 12:03:17PST", z)).isEqualTo(micros("2015-07-18T12:03:17", LA));
    }
  }

  @Test
  void stringToTimestamp_fractionBeyondMicros_isTruncated() {
    long expected = micros("2015-03-18T12:03:17.123456", UTC);
    assertThat(ts("2015-03-18T12:03:17.123456789+0:00", PARIS)).isEqualTo(expected);
    assertThat(ts("2015-03-18T12:03:17.123456789 UTC+0", PARIS)).isEqualTo(expected);
    assertThat(ts("2015-03-18T12:03:17.1234567891234GMT+00:00", PARIS)).isEqualTo(expected);
  }

  @Test
  void stringToTimestamp_signedAndLongYears_followSpark() {
    assertThat(ts("+2015-03-18", UTC)).isEqualTo(micros("2015-03-18T00:00:00", UTC));
    assertThat(ts("-0001-01-01 00:00:00", UTC)).isEqualTo(micros("-0001-01-01T00:00:00", UTC));
    assertThat(ts("12345-06-07 08:09:10", UTC)).isEqualTo(micros("+12345-06-07T08:09:10", UTC));
    assertThat(ts("-290308-12-21T19:59:05.224192Z", UTC)).isEqualTo(Long.MIN_VALUE);
    assertThat(ts("+294247-01-10T04:00:54.775807Z", UTC)).isEqualTo(Long.MAX_VALUE);
    assertThat(ts("+294247-01-10T04:00:54.775808Z", UTC)).isEqualTo(INVALID_TIMESTAMP);
    assertThat(ts("999999-01-01", UTC)).isEqualTo(INVALID_TIMESTAMP);
    assertThat(ts("0002020-01-01 00:00:00", UTC)).isEqualTo(INVALID_TIMESTAMP);
    // Up to six year digits, leading zeros included.
    assertThat(ts("00238", UTC)).isEqualTo(micros("0238-01-01T00:00:00", UTC));
    assertThat(ts("02015-03-18", UTC)).isEqualTo(micros("2015-03-18T00:00:00", UTC));
  }

  @Test
  void stringToTimestamp_timeOnly_isTodayInTheZone() {
    ZoneId zone = ZoneId.of("Asia/Tokyo");
    LocalDate before = LocalDate.now(zone);
    long parsed = ts("18:12:15", zone);
    LocalDate after = LocalDate.now(zone);
    LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochSecond(parsed / 1_000_000), zone);
    assertThat(local.toLocalTime().toString()).isEqualTo("18:12:15");
    assertThat(local.toLocalDate()).isBetween(before, after);

    long withZone = ts("T18:12:15.12312+7:30", zone);
    ZonedDateTime z =
        Instant.ofEpochSecond(Math.floorDiv(withZone, 1_000_000L), (withZone % 1_000_000) * 1000)
            .atZone(ZoneOffset.ofHoursMinutes(7, 30));
    assertThat(z.toLocalTime().toString()).isEqualTo("18:12:15.123120");
    assertThat(ts("T1:2", UTC) % 86_400_000_000L).isEqualTo(3_720_000_000L);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "238",
        "2015-03-18 123142",
        "2015-03-18T123123",
        "2015-03-18X",
        "2015-03-18T",
        "2015T",
        "2015/03/18",
        "2015.03.18",
        "20150318",
        "2015-031-8",
        "02015-01-1-8",
        "015-01-18",
        "2015-03-18T12:03.17-20:0",
        "2015-03-18T12:03.17-0:70",
        "2015-03-18T12:03.17-1:0:0",
        "2015-03-18T12:03:17-20:00",
        "2015-03-18T12:03:17+25",
        "1999 08 01",
        "1999-08 01",
        "1999 08",
        "2015-02-29 00:00:00",
        "2015-04-31",
        "2015-13-01",
        "2015-00-01",
        "2015-01-00",
        "2015-03-18 24:00:00",
        "2015-03-18 23:60:00",
        "2015-03-18 23:59:60",
        "2015-03-18 123:00:00",
        "2015-03-18 12:00:00.123.456",
        "2015-03-18 12:00:00 Mars/Olympus",
        "2015-03-18 12:00:00z",
        "2020-10-01Z",
        "2020-01-01+05:30",
        "2020-10-01 UTC",
        "2015-03-18 12:03Z",
        " T12:00:00",
        "+12:00:00",
        "-",
        "2015-03-18 12:00:00\u00e9"
      })
  void stringToTimestamp_sparkRejectedForms_areInvalid(String s) {
    for (ZoneId z : SESSION_ZONES) {
      assertThat(ts(s, z)).as("'%s' in %s", s, z).isEqualTo(INVALID_TIMESTAMP);
    }
  }

  @Test
  void stringToTimestamp_slicesOfALargerBuffer_parseOnlyTheSlice() {
    byte[] buf = "xx2015-03-18 12:03:17yy".getBytes(StandardCharsets.UTF_8);
    assertThat(DateTimeUtils.stringToTimestamp(buf, 2, 19, UTC))
        .isEqualTo(micros("2015-03-18T12:03:17", UTC));
    byte[] time = "xT10:00:00".getBytes(StandardCharsets.UTF_8);
    // 'T' starts a time only at the first byte of the value, not of the buffer.
    assertThat(DateTimeUtils.stringToTimestamp(time, 1, 9, UTC)).isNotEqualTo(INVALID_TIMESTAMP);
  }

  @Test
  void stringToTimestamp_dstGap_movesForwardByTheGap() {
    // Paris skipped 02:00-03:00 on 2024-03-31; java.time (and Spark) map 02:30 to 03:30 CEST.
    assertThat(ts("2024-03-31 02:30:00", PARIS))
        .isEqualTo(micros("2024-03-31T03:30:00", PARIS))
        .isEqualTo(micros("2024-03-31T01:30:00", UTC));
    assertThat(ts("2024-03-10 02:15:00", LA)).isEqualTo(micros("2024-03-10T10:15:00", UTC));
  }

  @Test
  void stringToTimestamp_dstOverlap_takesTheEarlierOffset() {
    // Paris repeated 02:00-03:00 on 2024-10-27; the first pass is CEST (+02:00).
    assertThat(ts("2024-10-27 02:30:00", PARIS)).isEqualTo(micros("2024-10-27T00:30:00", UTC));
    assertThat(ts("2024-10-27 03:00:00", PARIS)).isEqualTo(micros("2024-10-27T02:00:00", UTC));
    assertThat(ts("2024-10-27 01:59:59.999999", PARIS))
        .isEqualTo(micros("2024-10-26T23:59:59.999999", UTC));
    assertThat(ts("2024-11-03 01:30:00", LA)).isEqualTo(micros("2024-11-03T08:30:00", UTC));
  }

  @Test
  void stringToTimestamp_historicalAndFarFutureOffsets_matchJavaTime() {
    // Paris used local mean time (+00:09:21) before 1911; the table must carry it.
    assertThat(ts("1900-06-01 12:00:00", PARIS)).isEqualTo(micros("1900-06-01T12:00:00", PARIS));
    assertThat(ts("2999-07-01 12:00:00", PARIS)).isEqualTo(micros("2999-07-01T12:00:00", PARIS));
    assertThat(ts("2999-03-31 02:30:00", PARIS)).isEqualTo(micros("2999-03-31T02:30:00", PARIS));
  }

  @Test
  void readerFallback_removesGmtBeforeParsing() {
    byte[] b = "2000-01-01T00:00:00GMT+01:00".getBytes(StandardCharsets.UTF_8);
    assertThat(DateTimeUtils.readerFallbackTimestamp(b, 0, b.length, ZoneCalendar.of(LA)))
        .isEqualTo(micros("2000-01-01T00:00:00", ZoneOffset.ofHours(1)));
    byte[] plainGmt = "2000-01-01 10:00:00 GMT".getBytes(StandardCharsets.UTF_8);
    // Without its GMT the text has no zone, so the session zone applies, as in Spark's readers.
    assertThat(
            DateTimeUtils.readerFallbackTimestamp(
                plainGmt, 0, plainGmt.length, ZoneCalendar.of(LA)))
        .isEqualTo(micros("2000-01-01T10:00:00", LA));
    byte[] plain = "2000-01-01 10:00:00".getBytes(StandardCharsets.UTF_8);
    assertThat(DateTimeUtils.readerFallbackTimestamp(plain, 0, plain.length, ZoneCalendar.of(LA)))
        .isEqualTo(micros("2000-01-01T10:00:00", LA));
    byte[] date = "GMT2000-01-02GMT".getBytes(StandardCharsets.UTF_8);
    assertThat(DateTimeUtils.readerFallbackDate(date, 0, date.length)).isEqualTo(days(2000, 1, 2));
  }

  @Test
  void stringToDate_sparkAcceptedForms() {
    assertThat(DateTimeUtils.stringToDate("2015-01-28")).isEqualTo(days(2015, 1, 28));
    assertThat(DateTimeUtils.stringToDate("2015")).isEqualTo(days(2015, 1, 1));
    assertThat(DateTimeUtils.stringToDate("0001")).isEqualTo(days(1, 1, 1));
    assertThat(DateTimeUtils.stringToDate("2015-03")).isEqualTo(days(2015, 3, 1));
    assertThat(DateTimeUtils.stringToDate("2015-3-8")).isEqualTo(days(2015, 3, 8));
    for (String s :
        List.of(
            "2015-03-18",
            "2015-03-18 ",
            " 2015-03-18",
            " 2015-03-18 ",
            "2015-03-18 123142",
            "2015-03-18T123123",
            "2015-03-18T",
            "2015-03-18 12:00:00 anything at all")) {
      assertThat(DateTimeUtils.stringToDate(s)).as(s).isEqualTo(days(2015, 3, 18));
    }
    assertThat(DateTimeUtils.stringToDate("-0001-02-03")).isEqualTo(days(-1, 2, 3));
    assertThat(DateTimeUtils.stringToDate("+1234567-01-01")).isEqualTo(days(1234567, 1, 1));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "2015-03-18X",
        "2015/03/18",
        "2015.03.18",
        "20150318",
        "2015-031-8",
        "02015-03-18x",
        "015-03-18",
        "015",
        "02015x",
        "1999 08 01",
        "1999-08 01",
        "1999 08",
        "2015-02-29",
        "2015-04-31 00:00:00",
        "2015-00-10",
        "12345678-01-01",
        "9999999-01-01",
        "2015-03-1-8"
      })
  void stringToDate_sparkRejectedForms_areInvalid(String s) {
    assertThat(DateTimeUtils.stringToDate(s)).as("'%s'", s).isEqualTo(INVALID_DATE);
  }

  private static int days(int year, int month, int day) {
    return (int) LocalDate.of(year, month, day).toEpochDay();
  }

  @Test
  void timestampToString_printsLikeSparkCast() {
    assertThat(DateTimeUtils.timestampToString(micros("2024-01-01T10:00:00.5", UTC), UTC))
        .isEqualTo("2024-01-01 10:00:00.5");
    assertThat(DateTimeUtils.timestampToString(micros("2024-01-01T10:00:00", UTC), UTC))
        .isEqualTo("2024-01-01 10:00:00");
    assertThat(DateTimeUtils.timestampToString(micros("2019-03-05T15:00:01.1234", UTC), UTC))
        .isEqualTo("2019-03-05 15:00:01.1234");
    assertThat(DateTimeUtils.timestampToString(micros("2019-03-05T15:00:01.000001", UTC), UTC))
        .isEqualTo("2019-03-05 15:00:01.000001");
    assertThat(DateTimeUtils.timestampToString(0, PARIS)).isEqualTo("1970-01-01 01:00:00");
    assertThat(DateTimeUtils.timestampToString(-1, UTC)).isEqualTo("1969-12-31 23:59:59.999999");
    assertThat(DateTimeUtils.timestampToString(micros("-0044-03-15T12:00:00", UTC), UTC))
        .isEqualTo("-0044-03-15 12:00:00");
    assertThat(DateTimeUtils.timestampToString(micros("+12345-01-01T00:00:00", UTC), UTC))
        .isEqualTo("+12345-01-01 00:00:00");
    assertThat(DateTimeUtils.timestampToString(Long.MIN_VALUE, UTC))
        .isEqualTo("-290308-12-21 19:59:05.224192");
    assertThat(DateTimeUtils.timestampToString(Long.MAX_VALUE, UTC))
        .isEqualTo("+294247-01-10 04:00:54.775807");
  }

  @Test
  void dateToString_printsIsoDates() {
    assertThat(DateTimeUtils.dateToString(0)).isEqualTo("1970-01-01");
    assertThat(DateTimeUtils.dateToString(days(2024, 2, 29))).isEqualTo("2024-02-29");
    assertThat(DateTimeUtils.dateToString(days(1, 1, 1))).isEqualTo("0001-01-01");
    assertThat(DateTimeUtils.dateToString(days(0, 12, 31))).isEqualTo("0000-12-31");
    assertThat(DateTimeUtils.dateToString(days(-1, 1, 1))).isEqualTo("-0001-01-01");
    assertThat(DateTimeUtils.dateToString(days(10000, 1, 1))).isEqualTo("+10000-01-01");
    assertThat(DateTimeUtils.dateToString(Integer.MAX_VALUE))
        .isEqualTo(LocalDate.ofEpochDay(Integer.MAX_VALUE).toString());
    assertThat(DateTimeUtils.dateToString(Integer.MIN_VALUE + 1))
        .isEqualTo(LocalDate.ofEpochDay(Integer.MIN_VALUE + 1).toString());
  }

  @Test
  void microsToDays_andDaysToMicros_useTheZone() {
    long lateEveningLa = micros("2024-06-30T23:30:00", LA);
    assertThat(DateTimeUtils.microsToDays(lateEveningLa, LA)).isEqualTo(days(2024, 6, 30));
    assertThat(DateTimeUtils.microsToDays(lateEveningLa, UTC)).isEqualTo(days(2024, 7, 1));
    assertThat(DateTimeUtils.microsToDays(-1, UTC)).isEqualTo(-1);
    assertThat(DateTimeUtils.daysToMicros(days(2024, 6, 30), PARIS))
        .isEqualTo(micros("2024-06-29T22:00:00", UTC));
    // Sao Paulo's 2018 DST started at midnight: the day began at 01:00.
    ZoneId saoPaulo = ZoneId.of("America/Sao_Paulo");
    Instant start = LocalDate.of(2018, 11, 4).atStartOfDay(saoPaulo).toInstant();
    assertThat(DateTimeUtils.daysToMicros(days(2018, 11, 4), saoPaulo))
        .isEqualTo(start.getEpochSecond() * 1_000_000L);
  }

  @Test
  void fieldGetters_matchJavaTime() {
    ZoneCalendar kolkata = ZoneCalendar.of(ZoneId.of("Asia/Kolkata"));
    long m = micros("2015-03-18T13:02:11.654321", UTC);
    assertThat(DateTimeUtils.getYear(m, kolkata)).isEqualTo(2015);
    assertThat(DateTimeUtils.getMonth(m, kolkata)).isEqualTo(3);
    assertThat(DateTimeUtils.getDayOfMonth(m, kolkata)).isEqualTo(18);
    assertThat(DateTimeUtils.getHour(m, kolkata)).isEqualTo(18);
    assertThat(DateTimeUtils.getMinute(m, kolkata)).isEqualTo(32);
    assertThat(DateTimeUtils.getSecond(m, kolkata)).isEqualTo(11);
    assertThat(DateTimeUtils.getMicrosOfSecond(m)).isEqualTo(654321);
    DateTimeFields f = new DateTimeFields().set(m, ZoneCalendar.of(LA));
    assertThat(List.of(f.year, f.month, f.day, f.hour, f.minute, f.second, f.microsOfSecond))
        .containsExactly(2015, 3, 18, 6, 2, 11, 654321);
    assertThat(f.offsetSeconds).isEqualTo(-7 * 3600);
  }

  @Test
  void getZoneId_acceptsSparksZoneNames() {
    assertThat(DateTimeUtils.getZoneId("Europe/Paris")).isEqualTo(PARIS);
    assertThat(DateTimeUtils.getZoneId("+1:30")).isEqualTo(ZoneOffset.ofHoursMinutes(1, 30));
    assertThat(DateTimeUtils.getZoneId("-08:3")).isEqualTo(ZoneOffset.ofHoursMinutes(-8, -3));
    assertThat(DateTimeUtils.getZoneId("PST")).isEqualTo(LA);
    assertThat(DateTimeUtils.getZoneId("GMT+1").getRules().getOffset(Instant.EPOCH))
        .isEqualTo(ZoneOffset.ofHours(1));
    assertThatThrownBy(() -> DateTimeUtils.getZoneId("Mars/Olympus"))
        .isInstanceOf(ExecutionException.class)
        .hasMessageStartingWith("[INVALID_TIMEZONE]")
        .hasMessageContaining("Mars/Olympus");
  }

  @Test
  void dateAddDays_addsAndRefusesOverflow() {
    assertThat(DateTimeUtils.dateAddDays(days(2024, 2, 28), 1)).isEqualTo(days(2024, 2, 29));
    assertThat(DateTimeUtils.dateAddDays(days(2024, 1, 1), -1)).isEqualTo(days(2023, 12, 31));
    assertThatThrownBy(() -> DateTimeUtils.dateAddDays(Integer.MAX_VALUE, 1))
        .isInstanceOf(ExecutionException.class)
        .hasMessageStartingWith("[DATETIME_OVERFLOW]");
  }
}
