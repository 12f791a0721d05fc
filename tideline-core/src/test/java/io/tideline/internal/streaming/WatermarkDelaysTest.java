package io.tideline.internal.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.errors.TidelineException;
import org.junit.jupiter.api.Test;

class WatermarkDelaysTest {
  private static final long DAY_MS = 86_400_000L;

  @Test
  void parseMs_usesSparksArithmetic_aMonthIs31Days() {
    assertThat(WatermarkDelays.parseMs("ts", "10 seconds")).isEqualTo(10_000);
    assertThat(WatermarkDelays.parseMs("ts", "interval 1 day 2 hours"))
        .isEqualTo(DAY_MS + 7_200_000);
    assertThat(WatermarkDelays.parseMs("ts", "1 month")).isEqualTo(31 * DAY_MS);
    assertThat(WatermarkDelays.parseMs("ts", "1 year")).isEqualTo(372 * DAY_MS);
    assertThat(WatermarkDelays.parseMs("ts", "1500 microseconds")).isEqualTo(1);
    assertThat(WatermarkDelays.parseMs("ts", "0 seconds")).isZero();
  }

  @Test
  void parseMs_refusesNegativeAndMalformedDelays() {
    assertThatThrownBy(() -> WatermarkDelays.parseMs("ts", "1 hour -2 hours"))
        .isInstanceOf(TidelineException.class)
        .hasMessageContaining("should not be negative")
        .hasMessageContaining("`ts`")
        .extracting(e -> ((TidelineException) e).getCondition())
        .isEqualTo("INVALID_WATERMARK_DELAY.NEGATIVE");
    assertThatThrownBy(() -> WatermarkDelays.parseMs("ts", "ten minutes"))
        .isInstanceOf(TidelineException.class)
        .extracting(e -> ((TidelineException) e).getCondition())
        .asString()
        .startsWith("INVALID_INTERVAL_FORMAT");
  }
}
