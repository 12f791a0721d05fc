package io.tideline.internal.streaming.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.errors.TidelineException;
import org.junit.jupiter.api.Test;

class TimeStringsTest {

  @Test
  void toMs_unitsAsSpark_noUnitMeansMilliseconds() {
    assertThat(TimeStrings.toMs("o", "250")).isEqualTo(250);
    assertThat(TimeStrings.toMs("o", "1500us")).isEqualTo(1);
    assertThat(TimeStrings.toMs("o", "100ms")).isEqualTo(100);
    assertThat(TimeStrings.toMs("o", "50s")).isEqualTo(50_000);
    assertThat(TimeStrings.toMs("o", "2m")).isEqualTo(120_000);
    assertThat(TimeStrings.toMs("o", "2min")).isEqualTo(120_000);
    assertThat(TimeStrings.toMs("o", " 3H ")).isEqualTo(10_800_000);
    assertThat(TimeStrings.toMs("o", "7d")).isEqualTo(604_800_000);
  }

  @Test
  void toMs_malformed_failsNamingTheOption() {
    for (String bad : new String[] {"", "d", "1.5h", "7 days", "10y"}) {
      assertThatThrownBy(() -> TimeStrings.toMs("maxFileAge", bad))
          .isInstanceOfSatisfying(
              TidelineException.class,
              e -> {
                assertThat(e.getCondition()).isEqualTo("INVALID_FILE_STREAM_OPTION");
                assertThat(e.parameters()).containsEntry("option", "maxFileAge");
              });
    }
  }
}
