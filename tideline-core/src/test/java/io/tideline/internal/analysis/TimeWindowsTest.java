package io.tideline.internal.analysis;

import static io.tideline.internal.analysis.Exprs.attr;
import static io.tideline.internal.analysis.Exprs.col;
import static io.tideline.internal.analysis.Exprs.fn;
import static io.tideline.internal.analysis.Exprs.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Cast;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.ScalarCall;
import io.tideline.types.DataTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeWindowsTest {
  private final Attribute ts = attr("order_time", DataTypes.TimestampType);
  private final Attribute str = attr("s", DataTypes.StringType);
  private final List<Attribute> input = List.of(ts, str);
  private final ExpressionResolver resolver = Exprs.ansi();

  @Test
  void window_tumbling_isAStartEndStructWithDurationsInParams() {
    ScalarCall w =
        (ScalarCall)
            resolver.resolve(fn("window", col("order_time"), lit("10 minutes")), input, false);
    assertThat(w.name()).isEqualTo("window");
    assertThat(w.dataType()).isEqualTo(TimeWindows.WINDOW_TYPE);
    assertThat(w.args()).containsExactly(ts);
    assertThat(w.params()).containsExactly(600_000_000L, 600_000_000L, 0L);
  }

  @Test
  void window_slidingWithStart_keepsAllThreeDurations() {
    ScalarCall w =
        (ScalarCall)
            resolver.resolve(
                fn("window", col("order_time"), lit("1 hour"), lit("15 minutes"), lit("5 minutes")),
                input,
                false);
    assertThat(w.params()).containsExactly(3_600_000_000L, 900_000_000L, 300_000_000L);
  }

  @Test
  void window_ofString_castsToTimestamp() {
    ScalarCall w =
        (ScalarCall) resolver.resolve(fn("window", col("s"), lit("1 day")), input, false);
    assertThat(w.args()).containsExactly(Cast.implicit(str, DataTypes.TimestampType));
  }

  @Test
  void window_isNamedWindow() {
    Expr out =
        resolver
            .resolveNamed(List.of(fn("window", col("order_time"), lit("10 minutes"))), input)
            .get(0);
    assertThat(((Alias) out).name()).isEqualTo("window");
  }

  @Test
  void window_slideLongerThanWindow_isParameterConstraintViolation() {
    assertThatThrownBy(
            () ->
                resolver.resolve(
                    fn("window", col("order_time"), lit("1 minute"), lit("2 minutes")),
                    input,
                    false))
        .hasMessageStartingWith(
            "[DATATYPE_MISMATCH.PARAMETER_CONSTRAINT_VIOLATION] Cannot resolve"
                + " \"window(order_time, 60000000, 120000000, 0)\" due to data type mismatch")
        .hasMessageContaining(
            "The `slide_duration`(120000000L) must be <= the `window_duration`(60000000L)");
  }

  @Test
  void window_startTimeNotShorterThanSlide_isParameterConstraintViolation() {
    assertThatThrownBy(
            () ->
                resolver.resolve(
                    fn(
                        "window",
                        col("order_time"),
                        lit("10 minutes"),
                        lit("5 minutes"),
                        lit("-5 minutes")),
                    input,
                    false))
        .hasMessageContaining(
            "The `abs(start_time)`(300000000L) must be < the `slide_duration`(300000000L)");
  }

  @Test
  void window_zeroDuration_isValueOutOfRange() {
    assertThatThrownBy(
            () -> resolver.resolve(fn("window", col("order_time"), lit("0 seconds")), input, false))
        .hasMessageStartingWith("[DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE]")
        .hasMessageContaining("`window_duration`");
  }

  @Test
  void window_months_areRefused() {
    assertThatThrownBy(
            () -> resolver.resolve(fn("window", col("order_time"), lit("1 month")), input, false))
        .hasMessageStartingWith("[_LEGACY_ERROR_TEMP_3231]")
        .hasMessageContaining("(1 month)");
  }

  @Test
  void window_badDuration_isInvalidIntervalFormat() {
    assertThatThrownBy(
            () ->
                resolver.resolve(
                    fn("window", col("order_time"), lit("10 fortnights")), input, false))
        .hasMessageContaining("INVALID_INTERVAL_FORMAT")
        .hasMessageContaining("fortnights");
  }

  @Test
  void window_durationColumn_isNotALiteral() {
    assertThatThrownBy(
            () -> resolver.resolve(fn("window", col("order_time"), col("s")), input, false))
        .hasMessageStartingWith("[_LEGACY_ERROR_TEMP_1207]");
  }

  @Test
  void window_integerDuration_isMicroseconds() {
    ScalarCall w =
        (ScalarCall)
            resolver.resolve(fn("window", col("order_time"), lit(5_000_000)), input, false);
    assertThat(w.params()).containsExactly(5_000_000L, 5_000_000L, 0L);
  }

  @Test
  void window_ofAWindowColumn_rewindowsItsWindowTime() {
    Attribute w = attr("w", TimeWindows.WINDOW_TYPE);
    ScalarCall call =
        (ScalarCall) resolver.resolve(fn("window", col("w"), lit("2 minutes")), List.of(w), false);
    assertThat(call.args())
        .containsExactly(
            new ScalarCall("window_time", List.of(w), DataTypes.TimestampType, true, List.of()));
  }

  @Test
  void intervalMicros_acceptsSparkUnitsAndCountsADayAs24Hours() {
    assertThat(TimeWindows.intervalMicros("interval 1 hour 30 minutes")).isEqualTo(5_400_000_000L);
    assertThat(TimeWindows.intervalMicros("2 days")).isEqualTo(172_800_000_000L);
    assertThat(TimeWindows.intervalMicros("500 milliseconds")).isEqualTo(500_000L);
    assertThat(TimeWindows.intervalMicros("1 week")).isEqualTo(604_800_000_000L);
    assertThat(TimeWindows.intervalMicros("-1.5 seconds")).isEqualTo(-1_500_000L);
  }

  @Test
  void sessionWindow_literalGap_isParsedIntoParams() {
    ScalarCall w =
        (ScalarCall)
            resolver.resolve(
                fn("session_window", col("order_time"), lit("10 minutes")), input, false);
    assertThat(w.args()).containsExactly(ts);
    assertThat(w.params()).containsExactly(600_000_000L);
  }

  @Test
  void sessionWindow_stringColumnGap_staysAnArgument() {
    ScalarCall w =
        (ScalarCall)
            resolver.resolve(fn("session_window", col("order_time"), col("s")), input, false);
    assertThat(w.args()).containsExactly(ts, str);
    assertThat(w.params()).isEmpty();
  }

  @Test
  void sessionWindow_numericGap_isRefused() {
    assertThatThrownBy(
            () -> resolver.resolve(fn("session_window", col("order_time"), lit(5)), input, false))
        .hasMessageStartingWith("[_LEGACY_ERROR_TEMP_1040]");
  }
}
