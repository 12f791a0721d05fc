package io.tideline.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.errors.TidelineException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TriggerTest {

  private static long intervalMs(Trigger trigger) {
    return ((Trigger.ProcessingTimeTrigger) trigger).intervalMs();
  }

  @ParameterizedTest(name = "''{0}'' is {1} ms")
  @CsvSource(
      delimiter = '|',
      value = {
        "10 seconds|10000",
        "1 second|1000",
        "1 minute|60000",
        "interval 10 seconds|10000",
        "INTERVAL 5 SECONDS|5000",
        "500 milliseconds|500",
        "250 millisecond|250",
        "1 hour 30 minutes|5400000",
        "1 day|86400000",
        "2 weeks|1209600000",
        "1 second 1 day|86401000",
        "1 second 1 second|2000",
        "1.5 seconds|1500",
        ".5 seconds|500",
        "5. seconds|5000",
        "+ 5 seconds|5000",
        "0.0015 seconds|1",
        "-0.0000005 seconds|0",
        "999 microseconds|0",
        "0 months|0",
        "0 seconds|0",
        "'  7 seconds  '|7000",
        "'5\tseconds'|5000",
        "'5  seconds'|5000",
      })
  void ProcessingTime_string_parsesAsSpark(String text, long expectedMs) {
    assertThat(intervalMs(Trigger.ProcessingTime(text))).isEqualTo(expectedMs);
  }

  @ParameterizedTest(name = "''{0}'' fails with {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "bogus|INVALID_INTERVAL_FORMAT.UNRECOGNIZED_NUMBER|number|bogus",
        "5 seconds interval|INVALID_INTERVAL_FORMAT.UNRECOGNIZED_NUMBER|number|interval",
        "+ bogus|INVALID_INTERVAL_FORMAT.INVALID_VALUE|value|bogus",
        "- - 5 seconds|INVALID_INTERVAL_FORMAT.INVALID_VALUE|value|-",
        "-bogus|INVALID_INTERVAL_FORMAT.INVALID_VALUE|value|-bogus",
        "+5|INVALID_INTERVAL_FORMAT.MISSING_UNIT|word|+5",
        "- 5|INVALID_INTERVAL_FORMAT.MISSING_UNIT|word|5",
        "1.5|INVALID_INTERVAL_FORMAT.MISSING_UNIT|word|1.5",
        "-|INVALID_INTERVAL_FORMAT.MISSING_NUMBER|word|-",
        "5 seconds +|INVALID_INTERVAL_FORMAT.MISSING_NUMBER|word|+",
        "1.0 minutes|INVALID_INTERVAL_FORMAT.INVALID_FRACTION|unit|minutes",
        "1.5 minute|INVALID_INTERVAL_FORMAT.INVALID_FRACTION|unit|minute",
        "5. days|INVALID_INTERVAL_FORMAT.INVALID_FRACTION|unit|days",
        "5 6 seconds|INVALID_INTERVAL_FORMAT.INVALID_UNIT|unit|6",
        "5 SECS|INVALID_INTERVAL_FORMAT.INVALID_UNIT|unit|secs",
        "5 + seconds|INVALID_INTERVAL_FORMAT.INVALID_UNIT|unit|+",
        "5 secondss|INVALID_INTERVAL_FORMAT.INVALID_UNIT|unit|secondss",
        "intervals 5 seconds|INVALID_INTERVAL_FORMAT.INVALID_PREFIX|prefix|intervals",
        "1.0000000001 seconds|INVALID_INTERVAL_FORMAT.INVALID_PRECISION|value|1.0000000001",
      })
  void ProcessingTime_badString_failsWithSparksConditionAndWord(
      String text, String condition, String parameter, String word) {
    assertThatThrownBy(() -> Trigger.ProcessingTime(text))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo(condition);
              assertThat(e.getSqlState()).isEqualTo("22006");
              assertThat(e.parameters())
                  .containsEntry("input", text)
                  .containsEntry(parameter, word);
            });
  }

  @Test
  void ProcessingTime_badString_messageIsSparks() {
    assertThatThrownBy(() -> Trigger.ProcessingTime("5 SECS"))
        .hasMessage(
            "[INVALID_INTERVAL_FORMAT.INVALID_UNIT] Error parsing '5 SECS' to interval. Please"
                + " ensure that the value provided is in a valid format for defining an interval."
                + " You can reference the documentation for the correct format. Invalid unit"
                + " secs.");
  }

  @Test
  void ProcessingTime_emptyOrPrefixOnly_failsAsEmpty() {
    for (String text : new String[] {"", "   ", "interval", "INTERVAL"}) {
      assertThatThrownBy(() -> Trigger.ProcessingTime(text))
          .isInstanceOfSatisfying(
              TidelineException.class,
              e ->
                  assertThat(e.getCondition()).isEqualTo("INVALID_INTERVAL_FORMAT.INPUT_IS_EMPTY"));
    }
  }

  @Test
  void ProcessingTime_overflow_failsWithArithmeticException() {
    for (String text :
        new String[] {
          "99999999999999999999999 seconds", "99999999999999999999 months", "2147483647 days"
        }) {
      assertThatThrownBy(() -> Trigger.ProcessingTime(text))
          .isInstanceOfSatisfying(
              TidelineException.class,
              e ->
                  assertThat(e.getCondition())
                      .isEqualTo("INVALID_INTERVAL_FORMAT.ARITHMETIC_EXCEPTION"));
    }
  }

  @ParameterizedTest
  @CsvSource({"-5 seconds", "- 5 seconds", "-.5 seconds", "-0.0005 seconds", "1 second -2 seconds"})
  void ProcessingTime_negativeString_isRefused(String text) {
    assertThatThrownBy(() -> Trigger.ProcessingTime(text))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("INVALID_TRIGGER_INTERVAL.NEGATIVE");
              assertThat(e.getMessage()).contains("should not be negative");
            });
  }

  @Test
  void ProcessingTime_negativeNumberOrDuration_isRefused() {
    assertThatThrownBy(() -> Trigger.ProcessingTime(-1))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> assertThat(e.getCondition()).isEqualTo("INVALID_TRIGGER_INTERVAL.NEGATIVE"));
    assertThatThrownBy(() -> Trigger.ProcessingTime(Duration.ofSeconds(-1)))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> assertThat(e.getCondition()).isEqualTo("INVALID_TRIGGER_INTERVAL.NEGATIVE"));
  }

  @ParameterizedTest
  @CsvSource({"1 month", "-1 months", "1 year", "5 seconds 1 month"})
  void ProcessingTime_monthsOrYears_areRefused(String text) {
    assertThatThrownBy(() -> Trigger.ProcessingTime(text))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("INVALID_TRIGGER_INTERVAL.MONTHS_OR_YEARS");
              assertThat(e.getMessage())
                  .contains("Doesn't support month or year interval: " + text);
            });
  }

  @Test
  void ProcessingTime_numericForms_agree() {
    assertThat(Trigger.ProcessingTime(10_000))
        .isEqualTo(Trigger.ProcessingTime(10, TimeUnit.SECONDS))
        .isEqualTo(Trigger.ProcessingTime(Duration.ofSeconds(10)))
        .isEqualTo(Trigger.ProcessingTime("10 seconds"));
    assertThat(((Trigger.ProcessingTimeTrigger) Trigger.ProcessingTime("1 minute")).interval())
        .isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  @SuppressWarnings("deprecation")
  void triggers_otherKinds_areSingletonsAndTheDefaultIsProcessingTimeZero() throws Exception {
    assertThat(Trigger.Default()).isEqualTo(Trigger.ProcessingTime(0));
    assertThat(Trigger.AvailableNow()).isSameAs(Trigger.AvailableNow());
    assertThat(Trigger.Once()).isSameAs(Trigger.Once()).isNotEqualTo(Trigger.AvailableNow());
    assertThat(Trigger.class.getMethod("Once").isAnnotationPresent(Deprecated.class)).isTrue();
  }
}
