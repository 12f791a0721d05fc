package io.tideline.internal.datetime;

import static io.tideline.internal.datetime.DateTimeUtils.INVALID_DATE;
import static io.tideline.internal.datetime.DateTimeUtils.INVALID_TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
import org.junit.jupiter.params.provider.CsvSource;

class TimestampFormatterTest {
  /** A session zone of "UTC" is a region in Spark, not an offset. */
  private static final ZoneId UTC = ZoneId.of("UTC");

  private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  /** 2024-07-04 15:06:07.123456 UTC, a Thursday in a leap year (day 186). */
  private static final long JULY_4TH = micros("2024-07-04T15:06:07.123456", UTC);

  private static long micros(String localDateTime, ZoneId zone) {
    Instant i = ZonedDateTime.of(LocalDateTime.parse(localDateTime), zone).toInstant();
    return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
  }

  private static String format(String pattern, ZoneId zone, long micros) {
    return TimestampFormatter.of(pattern, zone).format(micros);
  }

  private static long parse(String pattern, ZoneId zone, String text) {
    return TimestampFormatter.of(pattern, zone).parse(text);
  }

  @ParameterizedTest(name = "date_format(ts, ''{0}'') = ''{1}''")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "G|AD",
        "GGGG|Anno Domini",
        "y|2024",
        "yy|24",
        "yyy|2024",
        "yyyy|2024",
        "yyyyy|02024",
        "yyyyyy|002024",
        "M|7",
        "MM|07",
        "MMM|Jul",
        "MMMM|July",
        "L|7",
        "LL|07",
        "LLL|Jul",
        "LLLL|July",
        "d|4",
        "dd|04",
        "D|186",
        "DDD|186",
        "Q|3",
        "QQ|03",
        "QQQ|Q3",
        "QQQQ|3rd quarter",
        "q|3",
        "E|Thu",
        "EEE|Thu",
        "EEEE|Thursday",
        "F|4",
        "a|PM",
        "h|3",
        "hh|03",
        "K|3",
        "KK|03",
        "k|15",
        "kk|15",
        "H|15",
        "HH|15",
        "m|6",
        "mm|06",
        "s|7",
        "ss|07",
        "S|1",
        "SSS|123",
        "SSSSSS|123456",
        "SSSSSSSSS|123456000",
        "VV|UTC",
        "z|UTC",
        "O|GMT",
        "X|Z",
        "XX|Z",
        "XXX|Z",
        "x|+00",
        "xx|+0000",
        "xxx|+00:00",
        "Z|+0000",
        "ZZZZ|GMT",
        "ZZZZZ|Z",
        "yyyy-MM-dd HH:mm|2024-07-04 15:06",
        "yyyy-MM-dd'T'HH:mm:ss[.SSS][XXX]|2024-07-04T15:06:07.123Z",
        "EEE, d MMM yyyy hh:mm a|Thu, 4 Jul 2024 03:06 PM",
        "'o''clock' h|o'clock 3",
        "''|'",
        "yyyy[-MM]|2024-07",
        "dd/MM/yyyy HH:mm:ss.SS|04/07/2024 15:06:07.12"
      })
  void format_everyPatternLetter_matchesSparkDateFormat(String pattern, String expected) {
    assertThat(format(pattern, UTC, JULY_4TH)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "date_format(ts, ''{0}'') in Los Angeles = ''{1}''")
  @CsvSource(
      delimiter = '|',
      value = {
        "HH:mm|08:06",
        "VV|America/Los_Angeles",
        "z|PDT",
        "zzzz|Pacific Daylight Time",
        "O|GMT-7",
        "OOOO|GMT-07:00",
        "X|-07",
        "XX|-0700",
        "XXX|-07:00",
        "x|-07",
        "xx|-0700",
        "xxx|-07:00",
        "Z|-0700",
        "ZZZZ|GMT-07:00",
        "ZZZZZ|-07:00",
        "yyyy-MM-dd'T'HH:mm:ss[.SSS][XXX]|2024-07-04T08:06:07.123-07:00"
      })
  void format_zoneLetters_useTheFormattersZone(String pattern, String expected) {
    assertThat(format(pattern, LA, JULY_4TH)).isEqualTo(expected);
  }

  @Test
  void format_yearsOutsideFourDigits_followUuuu() {
    long bc = micros("-0044-03-15T00:00:00", UTC);
    assertThat(format("yyyy-MM-dd", UTC, bc)).isEqualTo("-0044-03-15");
    assertThat(format("y", UTC, bc)).isEqualTo("-44");
    assertThat(format("yyyy G", UTC, bc)).isEqualTo("0045 BC");
    long far = micros("+12345-01-02T00:00:00", UTC);
    assertThat(format("yyyy-MM-dd", UTC, far)).isEqualTo("+12345-01-02");
  }

  @Test
  void parse_sparkDocumentExamples() {
    assertThat(parse("yyyy-MM-dd HH:mm:ss", UTC, "2016-12-31 00:12:00"))
        .isEqualTo(micros("2016-12-31T00:12:00", UTC));
    assertThat(parse("yyyy-MM-dd", LA, "2016-12-31")).isEqualTo(micros("2016-12-31T00:00:00", LA));
    assertThat(parse("dd/MM/yyyy HH:mm", PARIS, "31/12/2016 23:59"))
        .isEqualTo(micros("2016-12-31T23:59:00", PARIS));
    assertThat(parse("yyyy-MM-dd HH:mm:ss", UTC, "2016-12-31 00:12")).isEqualTo(INVALID_TIMESTAMP);
    assertThat(parse("yyyy-MM-dd HH:mm:ss", UTC, "2016-12-31T00:12:00"))
        .isEqualTo(INVALID_TIMESTAMP);
    assertThat(parse("yyyy-MM-dd HH:mm:ss", UTC, "2016-12-31 00:12:00 "))
        .isEqualTo(INVALID_TIMESTAMP);
    assertThat(parse("yyyy-MM-dd HH:mm:ss", UTC, "2016-12-31 0:12:00"))
        .isEqualTo(INVALID_TIMESTAMP);
    assertThat(parse("yyyy-MM-dd", UTC, "2019-02-29")).isEqualTo(INVALID_TIMESTAMP);
    assertThat(parse("yyyy-MM-dd", UTC, "20190-02-20")).isEqualTo(INVALID_TIMESTAMP);
  }

  @Test
  void parse_jsonCsvDefaultPattern_optionalFractionAndOffset() {
    String iso = "yyyy-MM-dd'T'HH:mm:ss[.SSS][XXX]";
    assertThat(parse(iso, PARIS, "2020-01-01T10:00:00"))
        .isEqualTo(micros("2020-01-01T10:00:00", PARIS));
    assertThat(parse(iso, PARIS, "2020-01-01T10:00:00.5"))
        .isEqualTo(micros("2020-01-01T10:00:00.5", PARIS));
    assertThat(parse(iso, PARIS, "2020-01-01T10:00:00.123Z"))
        .isEqualTo(micros("2020-01-01T10:00:00.123", UTC));
    assertThat(parse(iso, PARIS, "2020-01-01t10:00:00z"))
        .isEqualTo(micros("2020-01-01T10:00:00", UTC));
    assertThat(parse(iso, PARIS, "2020-01-01T10:00:00.12+05:30"))
        .isEqualTo(micros("2020-01-01T10:00:00.12", ZoneOffset.ofHoursMinutes(5, 30)));
    for (String bad :
        List.of(
            "2020-01-01T10:00:00.1234",
            "2020-01-01T10:00:00+0530",
            "2020-01-01T10:00:00+05",
            "2020-01-01T10:00:00-01:02:03",
            "2020-01-01T10:00:00+24:00",
            "2020-01-01T10:00:00+19:00",
            "2020-01-01T10:00:00.",
            "2020-01-01 10:00:00",
            "2020-01-01T10:00",
            "2020-01-01T10:00:00ZZ")) {
      assertThat(parse(iso, PARIS, bad)).as(bad).isEqualTo(INVALID_TIMESTAMP);
    }
  }

  @Test
  void parse_failedOptionalSection_dropsTheFieldsItParsed() {
    assertThat(parse("yyyy-MM-dd[ HH:mm]", UTC, "2020-01-01 10:30"))
        .isEqualTo(micros("2020-01-01T10:30:00", UTC));
    assertThat(parse("yyyy-MM-dd[ HH:mm]", UTC, "2020-01-01"))
        .isEqualTo(micros("2020-01-01T00:00:00", UTC));
    // " 10" parses an hour, then ':' is missing: the section fails and the text does not match.
    assertThat(parse("yyyy-MM-dd[ HH:mm]", UTC, "2020-01-01 10")).isEqualTo(INVALID_TIMESTAMP);
    assertThat(parse("yyyy-MM-dd[ HH:mm][ HH]", UTC, "2020-01-01 10"))
        .isEqualTo(micros("2020-01-01T10:00:00", UTC));
  }

  @Test
  void parse_missingFields_takeSparkDefaults() {
    assertThat(parse("HH:mm", PARIS, "10:30")).isEqualTo(micros("1970-01-01T10:30:00", PARIS));
    assertThat(parse("yyyy-MM", UTC, "2020-02")).isEqualTo(micros("2020-02-01T00:00:00", UTC));
    assertThat(parse("MM-dd", UTC, "02-28")).isEqualTo(micros("1970-02-28T00:00:00", UTC));
    assertThat(parse("MM-dd", UTC, "02-29")).isEqualTo(INVALID_TIMESTAMP);
    assertThat(parse("yyyy DDD", UTC, "2020 060")).isEqualTo(micros("2020-02-29T00:00:00", UTC));
    assertThat(parse("yyyy-MM-dd DDD", UTC, "2020-02-29 060"))
        .isEqualTo(micros("2020-02-29T00:00:00", UTC));
    assertThat(parse("yyyy-MM-dd DDD", UTC, "2020-03-01 060")).isEqualTo(INVALID_TIMESTAMP);
    assertThat(parse("hh:mm a", UTC, "03:15 PM")).isEqualTo(micros("1970-01-01T15:15:00", UTC));
    assertThat(parse("hh:mm", UTC, "03:15")).isEqualTo(micros("1970-01-01T03:15:00", UTC));
    assertThat(parse("a", UTC, "pm")).isEqualTo(micros("1970-01-01T12:00:00", UTC));
    assertThat(parse("ss", UTC, "59")).isEqualTo(59_000_000L);
  }

  @Test
  void parse_fraction_acceptsUpToThePatternsDigits() {
    String p = "yyyy-MM-dd HH:mm:ss.SSS";
    assertThat(parse(p, UTC, "2020-01-01 10:00:00.1"))
        .isEqualTo(micros("2020-01-01T10:00:00.1", UTC));
    assertThat(parse(p, UTC, "2020-01-01 10:00:00.123"))
        .isEqualTo(micros("2020-01-01T10:00:00.123", UTC));
    assertThat(parse(p, UTC, "2020-01-01 10:00:00.1234")).isEqualTo(INVALID_TIMESTAMP);
    assertThat(parse(p, UTC, "2020-01-01 10:00:00")).isEqualTo(INVALID_TIMESTAMP);
    assertThat(parse("yyyy-MM-dd HH:mm:ss.SSSSSSSSS", UTC, "2020-01-01 10:00:00.123456789"))
        .isEqualTo(micros("2020-01-01T10:00:00.123456", UTC));
    assertThat(parse("HHmmssSSS", UTC, "101112345"))
        .isEqualTo(micros("1970-01-01T10:11:12.345", UTC));
  }

  @Test
  void parse_zonesInText_overrideTheFormattersZone() {
    assertThat(parse("yyyy-MM-dd HH:mm VV", UTC, "2020-07-01 10:00 Europe/Paris"))
        .isEqualTo(micros("2020-07-01T10:00:00", PARIS));
    assertThat(parse("yyyy-MM-dd HH:mm z", UTC, "2020-07-01 10:00 PDT"))
        .isEqualTo(micros("2020-07-01T10:00:00", LA));
    assertThat(parse("yyyy-MM-dd HH:mm Z", PARIS, "2020-07-01 10:00 -0700"))
        .isEqualTo(micros("2020-07-01T17:00:00", UTC));
    assertThat(parse("yyyy-MM-dd HH:mm O", PARIS, "2020-07-01 10:00 GMT+3"))
        .isEqualTo(micros("2020-07-01T07:00:00", UTC));
  }

  @Test
  void parse_textFields_areCaseInsensitive() {
    assertThat(parse("dd MMM yyyy", UTC, "04 jul 2024"))
        .isEqualTo(micros("2024-07-04T00:00:00", UTC));
    assertThat(parse("dd MMMM yyyy", UTC, "04 JULY 2024"))
        .isEqualTo(micros("2024-07-04T00:00:00", UTC));
  }

  @Test
  void parse_apacheLogTimestamps_withEnglishMonthNames() {
    String p = "dd/MMM/yyyy:HH:mm:ss XXX";
    assertThat(parse(p, UTC, "04/Jul/2024:15:06:07 +02:00"))
        .isEqualTo(micros("2024-07-04T13:06:07", UTC));
    assertThat(parse(p, UTC, "04/JUL/2024:15:06:07 Z"))
        .isEqualTo(micros("2024-07-04T15:06:07", UTC));
    assertThat(parse(p, UTC, "04/July/2024:15:06:07 Z")).isEqualTo(INVALID_TIMESTAMP);
    assertThat(parse(p, UTC, "04/07/2024:15:06:07 Z")).isEqualTo(INVALID_TIMESTAMP);
    assertThat(parse(p, UTC, "31/Jun/2024:15:06:07 Z")).isEqualTo(INVALID_TIMESTAMP);
  }

  @Test
  void parse_signedYear_goesThroughJavaTime() {
    assertThat(parse("yyyy-MM-dd HH:mm:ss", UTC, "+12020-01-01 00:00:00"))
        .isEqualTo(micros("+12020-01-01T00:00:00", UTC));
    assertThat(parse("yyyy-MM-dd", UTC, "-0044-03-15"))
        .isEqualTo(micros("-0044-03-15T00:00:00", UTC));
    assertThat(parse("yyyy-MM-dd", UTC, "+2020-01-01")).isEqualTo(INVALID_TIMESTAMP);
  }

  @Test
  void parse_dstGapAndOverlap_resolveLikeCast() {
    String p = "yyyy-MM-dd HH:mm:ss";
    assertThat(parse(p, PARIS, "2024-03-31 02:30:00"))
        .isEqualTo(DateTimeUtils.stringToTimestamp("2024-03-31 02:30:00", PARIS))
        .isEqualTo(micros("2024-03-31T01:30:00", UTC));
    assertThat(parse(p, PARIS, "2024-10-27 02:30:00"))
        .isEqualTo(micros("2024-10-27T00:30:00", UTC));
    assertThat(parse("yyyy-MM-dd HH:mm", PARIS, "2024-03-31 02:30"))
        .isEqualTo(micros("2024-03-31T01:30:00", UTC));
  }

  @Test
  void parseDate_isToDate_inTheFormattersZone() {
    TimestampFormatter f = TimestampFormatter.of("yyyy-MM-dd HH:mm XXX", LA);
    byte[] late = "2024-07-04 23:30 -07:00".getBytes(StandardCharsets.UTF_8);
    assertThat(f.parseDate(late, 0, late.length))
        .isEqualTo((int) LocalDate.of(2024, 7, 4).toEpochDay());
    TimestampFormatter utc = TimestampFormatter.of("yyyy-MM-dd HH:mm XXX", UTC);
    assertThat(utc.parseDate(late, 0, late.length))
        .isEqualTo((int) LocalDate.of(2024, 7, 5).toEpochDay());
    assertThat(utc.parseLocalDate(late, 0, late.length))
        .isEqualTo((int) LocalDate.of(2024, 7, 4).toEpochDay());
    byte[] bad = "2024-02-30 10:00 Z".getBytes(StandardCharsets.UTF_8);
    assertThat(utc.parseDate(bad, 0, bad.length)).isEqualTo(INVALID_DATE);
    assertThat(utc.parseLocalDate(bad, 0, bad.length)).isEqualTo(INVALID_DATE);
  }

  @Test
  void formatDate_printsTheDateFields() {
    int days = (int) LocalDate.of(2024, 7, 4).toEpochDay();
    assertThat(TimestampFormatter.of("yyyy-MM-dd", LA).formatDate(days)).isEqualTo("2024-07-04");
    assertThat(TimestampFormatter.of("dd MMM yyyy, EEEE", UTC).formatDate(days))
        .isEqualTo("04 Jul 2024, Thursday");
  }

  @Test
  void parse_sliceOfALargerBuffer() {
    byte[] buf = "[2020-01-01 10:00:00]".getBytes(StandardCharsets.UTF_8);
    assertThat(TimestampFormatter.of("yyyy-MM-dd HH:mm:ss", UTC).parse(buf, 1, 19))
        .isEqualTo(micros("2020-01-01T10:00:00", UTC));
    assertThat(TimestampFormatter.of("yyyy-MM-dd HH:mm:ss VV", UTC).parse(buf, 1, 19))
        .isEqualTo(INVALID_TIMESTAMP);
  }

  @ParameterizedTest(name = "''{0}'' -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "yyyy-MM-dd A|INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER",
        "yyyy-MM-dd n|INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER",
        "yyyy-MM-dd N|INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER",
        "yyyy-MM-dd B|INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER",
        "yyyy-MM-dd p|INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER",
        "yyyy-MM-dd e|INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_WEEK_BASED_PATTERN",
        "yyyy-MM-dd c|INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_WEEK_BASED_PATTERN",
        "YYYY-MM-dd|INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION",
        "yyyy ww|INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION",
        "yyyy W|INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION",
        "yyyy-MM-dd u|INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION",
        "MMMMM|INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION",
        "yyyyyyy|INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION",
        "ddd|INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION",
        "QQQQQ|INVALID_DATETIME_PATTERN.LENGTH",
        "yyyy-MM-dd b|INVALID_DATETIME_PATTERN.WITH_SUGGESTION",
        "yyyy-MM-dd T|INVALID_DATETIME_PATTERN.WITH_SUGGESTION",
        "yyyy-MM-dd #|INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION"
      })
  void of_patternsSparkRefuses_throwWithSparksCondition(String pattern, String condition) {
    DateTimePatternException e =
        catchThrowableOfType(
            DateTimePatternException.class, () -> TimestampFormatter.of(pattern, UTC));
    assertThat(e).isInstanceOf(IllegalArgumentException.class);
    assertThat(e.getCondition()).isEqualTo(condition);
    assertThat(e.getMessage()).contains(pattern);
  }

  @Test
  void of_illegalLetter_namesTheLetterAndThePattern() {
    assertThatThrownBy(() -> TimestampFormatter.of("yyyy-MM-dd A", UTC))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'A'")
        .hasMessageContaining("'yyyy-MM-dd A'");
  }

  @Test
  void quotedLetters_areNotRefused() {
    assertThat(format("yyyy 'Week' 'A'", UTC, JULY_4TH)).isEqualTo("2024 Week A");
    assertThat(parse("'Y'yyyy", UTC, "y2024")).isEqualTo(micros("2024-01-01T00:00:00", UTC));
  }

  @Test
  void parseOnlyLetters_formatButRefuseToParse() {
    TimestampFormatter f = TimestampFormatter.of("QQQ yyyy", UTC);
    assertThat(f.format(JULY_4TH)).isEqualTo("Q3 2024");
    DateTimePatternException e =
        catchThrowableOfType(DateTimePatternException.class, () -> f.parse("Q3 2024"));
    assertThat(e.getCondition()).isEqualTo("INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER");
    assertThat(e.parameters()).containsEntry("c", "Q");
    assertThatThrownBy(() -> TimestampFormatter.forParsing("EEE yyyy", UTC))
        .isInstanceOf(DateTimePatternException.class)
        .hasMessageContaining("EEE yyyy");
  }

  @Test
  void roundTrip_formatThenParse_restoresTheInstant() {
    List<String> patterns =
        List.of(
            "yyyy-MM-dd HH:mm:ss.SSSSSS",
            "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX",
            "dd MMM yyyy HH:mm:ss.SSSSSS VV",
            "yyyy DDD hh:mm:ss.SSSSSS a xxx",
            "EEEE MMMM d yyyy HH:mm:ss.SSSSSS O");
    java.util.Random random = new java.util.Random(42);
    for (String pattern : patterns) {
      for (ZoneId zone : List.of(UTC, ZoneId.of("Asia/Kathmandu"), LA)) {
        TimestampFormatter f = TimestampFormatter.of(pattern, zone);
        boolean parsable = pattern.indexOf('E') < 0;
        for (int i = 0; i < 200; i++) {
          long m = random.nextLong() % 300_000_000_000_000_000L;
          m = Math.abs(m) % 253_402_300_799_000_000L;
          String text = f.format(m);
          if (parsable
              && (pattern.contains("X")
                  || pattern.contains("x")
                  || pattern.contains("VV")
                  || zone.equals(UTC))) {
            assertThat(f.parse(text)).as("%s / %s / %s", pattern, zone, text).isEqualTo(m);
          }
        }
      }
    }
  }

  @Test
  void sharedFormatter_givesTheSameAnswersOnManyThreads() throws Exception {
    TimestampFormatter iso = TimestampFormatter.of("yyyy-MM-dd'T'HH:mm:ss[.SSS][XXX]", PARIS);
    TimestampFormatter text = TimestampFormatter.of("EEE, d MMM yyyy HH:mm:ss VV", LA);
    long[] micros = new java.util.Random(7).longs(2000, 0, 4_102_444_800_000_000L).toArray();
    String[] expected = new String[micros.length];
    for (int i = 0; i < micros.length; i++) {
      expected[i] = iso.format(micros[i]) + "|" + text.format(micros[i]);
    }
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(
            pool.submit(
                () -> {
                  int mismatches = 0;
                  for (int i = 0; i < micros.length; i++) {
                    String formatted = iso.format(micros[i]) + "|" + text.format(micros[i]);
                    long millisecondMicros = micros[i] / 1000 * 1000;
                    if (!formatted.equals(expected[i])
                        || iso.parse(iso.format(micros[i])) != millisecondMicros) {
                      mismatches++;
                    }
                  }
                  return mismatches;
                }));
      }
      for (var r : results) {
        assertThat(r.get()).isZero();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void of_isCachedPerPatternAndZone() {
    assertThat(TimestampFormatter.of("yyyy-MM-dd", UTC))
        .isSameAs(TimestampFormatter.of("yyyy-MM-dd", UTC))
        .isNotSameAs(TimestampFormatter.of("yyyy-MM-dd", PARIS));
  }
}
