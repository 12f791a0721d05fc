package io.tideline.internal.datetime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/**
 * The hand-written fast paths must agree with the java.time formatter Spark builds, which stays the
 * reference: same instant or same refusal for every input, and the same text for every instant.
 */
class FastPatternConformanceProperties {
  private static final List<String> PATTERNS =
      List.of(
          "yyyy-MM-dd HH:mm:ss",
          "yyyy-MM-dd'T'HH:mm:ss[.SSS][XXX]",
          "yyyy-MM-dd",
          "yyyy-MM-dd HH:mm:ss.SSS",
          "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX",
          "dd/MM/yyyy HH:mm",
          "HH:mm:ss",
          "yyyy/MM/dd'T'HH:mm[:ss]",
          "MM-dd HH",
          "yyyy-MM-dd[ HH:mm]",
          "[yyyy-]MM-dd",
          "EEE, dd MMM yyyy hh:mm:ss a",
          "EEEE MMMM dd yyyy HH:mm",
          "dd/MMM/yyyy:HH:mm:ss XXX",
          "MMM dd yyyy",
          "HHmmss");

  @Example
  void compile_acceptsTheCommonPatterns_andRefusesAmbiguousOnes() {
    for (String p : PATTERNS) {
      assertThat(FastPattern.compile(p)).as(p).isNotNull();
    }
    for (String p :
        List.of(
            "yyyyMMdd",
            "yyyy[MM]",
            "yyyy-MM-dd[[HH]]",
            "yyyy-MM-dd QQQ",
            "yy-MM-dd",
            "ss.SSSyyyy",
            "yyyy-MM-dd HH:mm:ss.SSSHH",
            "yyyy-MM-dd '1'")) {
      assertThat(FastPattern.compile(p)).as(p).isNull();
    }
  }

  @Property(tries = 5000)
  void parse_fastPathAgreesWithJavaTime(
      @ForAll("patterns") String pattern,
      @ForAll("zones") ZoneId zone,
      @ForAll("candidates") String text) {
    TimestampFormatter formatter = TimestampFormatter.of(pattern, zone);
    FastPattern fast = FastPattern.compile(pattern);
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    long fastResult = fast.parse(b, 0, b.length, ZoneCalendar.of(zone));
    if (fastResult != FastPattern.DEFER) {
      assertThat(fastResult)
          .as("'%s' with '%s' in %s", text, pattern, zone)
          .isEqualTo(formatter.parseWithJavaTime(text));
    }
  }

  @Property(tries = 3000)
  void parse_fastPathAgreesWithJavaTime_onFormattedAndMutatedText(
      @ForAll("patterns") String pattern,
      @ForAll("zones") ZoneId zone,
      @ForAll @LongRange(min = -62_135_596_800_000_000L, max = 253_402_300_799_000_000L)
          long micros,
      @ForAll("mutations") int[] mutation) {
    TimestampFormatter formatter = TimestampFormatter.of(pattern, zone);
    StringBuilder text = new StringBuilder(formatter.formatWithJavaTime(micros));
    String alphabet = "0123456789-:T .Z+z/aAjJnNuUlL";
    if (mutation[0] == 0 && pattern.endsWith("[XXX]")) {
      // Offsets the formatter never prints, at and beyond the +-18:00 limit, after the seconds.
      int seconds = text.indexOf("T") + 9;
      if (seconds > 8 && seconds <= text.length()) {
        text.setLength(seconds);
      }
      text.append(mutation[1] % 2 == 0 ? '+' : '-')
          .append(String.format("%02d:%02d", mutation[2] % 25, mutation[1] % 61));
    }
    if (mutation[0] == 1 && text.length() > 0) {
      text.setCharAt(mutation[1] % text.length(), alphabet.charAt(mutation[2] % alphabet.length()));
    } else if (mutation[0] == 2 && text.length() > 0) {
      text.deleteCharAt(mutation[1] % text.length());
    } else if (mutation[0] == 3) {
      text.insert(
          mutation[1] % (text.length() + 1), alphabet.charAt(mutation[2] % alphabet.length()));
    }
    String s = text.toString();
    FastPattern fast = FastPattern.compile(pattern);
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    long fastResult = fast.parse(b, 0, b.length, ZoneCalendar.of(zone));
    if (fastResult != FastPattern.DEFER) {
      assertThat(fastResult)
          .as("'%s' with '%s' in %s", s, pattern, zone)
          .isEqualTo(formatter.parseWithJavaTime(s));
    }
    long fastDays = fast.parseLocalDate(b, 0, b.length);
    if (fastDays != FastPattern.DEFER) {
      int expectedDays = formatter.parseLocalDateWithJavaTime(s);
      assertThat(fastDays)
          .as("date of '%s' with '%s'", s, pattern)
          .isEqualTo(
              expectedDays == DateTimeUtils.INVALID_DATE
                  ? DateTimeUtils.INVALID_TIMESTAMP
                  : (long) expectedDays);
    }
  }

  @Property(tries = 3000)
  void format_fastPathAgreesWithJavaTime(
      @ForAll("patterns") String pattern,
      @ForAll("zones") ZoneId zone,
      @ForAll @LongRange(min = -9_000_000_000_000_000_000L, max = 9_000_000_000_000_000_000L)
          long micros) {
    TimestampFormatter formatter = TimestampFormatter.of(pattern, zone);
    assertThat(formatter.format(micros)).isEqualTo(formatter.formatWithJavaTime(micros));
  }

  @Provide
  Arbitrary<String> patterns() {
    return Arbitraries.of(PATTERNS);
  }

  @Provide
  Arbitrary<ZoneId> zones() {
    return Arbitraries.of(
        ZoneId.of("UTC"),
        ZoneOffset.ofHours(-3),
        ZoneId.of("Europe/Paris"),
        ZoneId.of("America/New_York"),
        ZoneId.of("Asia/Kathmandu"));
  }

  @Provide
  Arbitrary<int[]> mutations() {
    return Arbitraries.integers()
        .between(0, 1000)
        .array(int[].class)
        .ofSize(3)
        .map(a -> new int[] {a[0] % 4, a[1], a[2]});
  }

  @Provide
  Arbitrary<String> candidates() {
    Arbitrary<String> pieces =
        Arbitraries.of(
            "2020",
            "1999",
            "0000",
            "9999",
            "12020",
            "+2020",
            "-0044",
            "-",
            "/",
            ":",
            " ",
            "T",
            "t",
            "01",
            "12",
            "13",
            "00",
            "29",
            "30",
            "31",
            "02",
            "23",
            "24",
            "59",
            "60",
            "7",
            ".",
            ".1",
            ".123",
            ".1234",
            ".123456789",
            "Z",
            "z",
            "+01:00",
            "-05:30",
            "+01:00:30",
            "+0100",
            "+24:00",
            "+18:01",
            "+19:00",
            "[",
            "]",
            "'",
            "x");
    return pieces.list().ofMinSize(1).ofMaxSize(14).map(l -> String.join("", l));
  }
}
