package io.tideline.internal.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class IntervalStringsProperties {

  private static final String[] UNITS = {
    "microsecond", "millisecond", "second", "minute", "hour", "day", "week"
  };
  private static final long[] UNIT_MICROS = {
    1L, 1_000L, 1_000_000L, 60_000_000L, 3_600_000_000L, 86_400_000_000L, 604_800_000_000L
  };

  @Property(tries = 300)
  void parse_groupsOfNumberAndUnit_sumInAnySpellingAndCase(
      @ForAll @LongRange(min = 0, max = 100_000) long first,
      @ForAll @IntRange(min = 0, max = 6) int firstUnit,
      @ForAll @LongRange(min = 0, max = 100_000) long second,
      @ForAll @IntRange(min = 0, max = 6) int secondUnit,
      @ForAll boolean plural,
      @ForAll boolean prefixed,
      @ForAll boolean upperCase,
      @ForAll boolean secondNegative) {
    String text =
        (prefixed ? "interval " : "")
            + first
            + " "
            + UNITS[firstUnit]
            + (plural ? "s" : "")
            + "  "
            + (secondNegative ? "-" : "")
            + second
            + "\t"
            + UNITS[secondUnit];
    if (upperCase) {
      text = text.toUpperCase(Locale.ROOT);
    }
    long firstMicros = first * UNIT_MICROS[firstUnit];
    long secondMicros = (secondNegative ? -1 : 1) * second * UNIT_MICROS[secondUnit];
    long expectedDays =
        (firstUnit >= 5 ? firstMicros / 86_400_000_000L : 0)
            + (secondUnit >= 5 ? secondMicros / 86_400_000_000L : 0);
    long expectedMicros = (firstUnit >= 5 ? 0 : firstMicros) + (secondUnit >= 5 ? 0 : secondMicros);

    IntervalStrings.Parsed parsed = IntervalStrings.parse(text);

    assertThat(parsed.months()).isZero();
    assertThat(parsed.days()).isEqualTo(expectedDays);
    assertThat(parsed.micros()).isEqualTo(expectedMicros);
  }

  @Property(tries = 200)
  void parseTriggerIntervalMs_fractionalSeconds_truncateToMilliseconds(
      @ForAll @LongRange(min = 0, max = 1_000_000) long seconds,
      @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
    String text = seconds + "." + String.format(Locale.ROOT, "%09d", nanos) + " seconds";

    assertThat(IntervalStrings.parseTriggerIntervalMs(text))
        .isEqualTo(seconds * 1_000 + nanos / 1_000_000);
  }
}
