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
  void window_slideLongerThanWindow_isValueOutOfRange() {
    assertThatThrownBy(
            () ->
                resolver.resolve(
                    fn("window", col("order_time"), lit("1 minute"), lit("2 minutes")),
                    input,
                    false))
        .hasMessageStartingWith("[DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE]");
  }

  @Test
  void window_badDuration_isInvalidIntervalFormat() {
    assertThatThrownBy(
            () ->
                resolver.resolve(
                    fn("window", col("order_time"), lit("10 fortnights")), input, false))
        .hasMessageStartingWith(
            "[INVALID_INTERVAL_FORMAT.INVALID_UNIT] Error parsing '10 fortnights'");
  }

  @Test
  void parseDuration_acceptsSparkUnitsAndSums() {
    assertThat(TimeWindows.parseDuration("interval 1 hour 30 minutes")).isEqualTo(5_400_000_000L);
    assertThat(TimeWindows.parseDuration("2 days")).isEqualTo(172_800_000_000L);
    assertThat(TimeWindows.parseDuration("500 milliseconds")).isEqualTo(500_000L);
    assertThat(TimeWindows.parseDuration("1 week")).isEqualTo(604_800_000_000L);
    assertThat(TimeWindows.parseDuration("1 month")).isEqualTo(Long.MIN_VALUE);
    assertThat(TimeWindows.parseDuration("ten minutes")).isEqualTo(Long.MIN_VALUE);
    assertThat(TimeWindows.parseDuration("10")).isEqualTo(Long.MIN_VALUE);
  }
}
