package io.tideline.bench.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.errors.TidelineException;
import org.junit.jupiter.api.Test;

class DeltaBenchSettingsTest {

  @Test
  void parse_noOptions_givesTheIssuesSizes() {
    DeltaBenchSettings s = DeltaBenchSettings.parse(new String[0]);

    assertThat(s.records()).isEqualTo(5_000_000);
    assertThat(s.warmupRecords()).isEqualTo(500_000);
    assertThat(s.partitions()).isEqualTo(4);
    assertThat(s.maxOffsetsPerTrigger()).isZero();
    assertThat(s.runs()).isEqualTo(3);
    assertThat(s.ceilingRecords()).isEqualTo(2_000_000);
    assertThat(s.ceilingRuns()).isEqualTo(3);
    assertThat(s.engines()).containsExactly("tideline", "spark");
  }

  @Test
  void parse_small_shrinksTheSizesButLaterOptionsStillWin() {
    DeltaBenchSettings s =
        DeltaBenchSettings.parse(
            new String[] {"--small", "--records", "1_000", "--ceiling-runs", "0"});

    assertThat(s.records()).isEqualTo(1_000);
    assertThat(s.warmupRecords()).isEqualTo(1_000);
    assertThat(s.ceilingRecords()).isEqualTo(1_000);
    assertThat(s.runs()).isEqualTo(1);
    assertThat(s.ceilingRuns()).isZero();
  }

  @Test
  void parse_unknownEngineOrZeroRuns_isAUsageErrorNamingTheProblem() {
    assertThatThrownBy(() -> DeltaBenchSettings.parse(new String[] {"--engines", "flink"}))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> assertThat(e.getCondition()).isEqualTo("DELTA_BENCH_USAGE"))
        .hasMessageContaining("Unknown engine 'flink'")
        .hasMessageContaining("Usage: run-delta.sh");
    assertThatThrownBy(() -> DeltaBenchSettings.parse(new String[] {"--runs", "0"}))
        .hasMessageContaining("--runs must be at least 1, got 0");
    assertThatThrownBy(
            () -> DeltaBenchSettings.parse(new String[] {"--engines", "tideline,tideline"}))
        .hasMessageContaining("names an engine twice");
  }
}
