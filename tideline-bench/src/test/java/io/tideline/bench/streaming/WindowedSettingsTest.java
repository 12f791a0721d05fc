package io.tideline.bench.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.errors.TidelineException;
import org.junit.jupiter.api.Test;

/** The windowed benchmark's options. */
class WindowedSettingsTest {

  @Test
  void parse_noOptions_givesTheIssuesSizes() {
    WindowedSettings s = WindowedSettings.parse(new String[0]);

    assertThat(s.events()).isEqualTo(20_000_000);
    assertThat(s.auctions()).isEqualTo(10_000);
    assertThat(s.stateKeys()).isEqualTo(1_000_000);
    assertThat(s.runs()).isEqualTo(3);
    assertThat(s.engines()).containsExactly("tideline", "spark");
    assertThat(s.workloads())
        .containsExactly(
            WindowedWorkload.PARQUET,
            WindowedWorkload.JSON,
            WindowedWorkload.STATE_HEAP,
            WindowedWorkload.RECOVERY);
    assertThat(s.outputModes()).containsExactly("update");
    assertThat(s.needsStateInputs()).isTrue();
  }

  @Test
  void parse_small_shrinksTheSizes_butExplicitOptionsWinWhereverTheyStand() {
    WindowedSettings small = WindowedSettings.parse(new String[] {"--small"});
    WindowedSettings mixed =
        WindowedSettings.parse(new String[] {"--runs", "2", "--small", "--workloads", "json"});

    assertThat(small.events()).isEqualTo(400_000);
    assertThat(small.stateKeys()).isEqualTo(50_000);
    assertThat(small.warmupRuns()).isZero();
    assertThat(mixed.runs()).isEqualTo(2);
    assertThat(mixed.events()).isEqualTo(400_000);
    assertThat(mixed.needsStateInputs()).isFalse();
  }

  @Test
  void parse_badOptions_failWithTheWindowedUsage() {
    assertThatThrownBy(() -> WindowedSettings.parse(new String[] {"--runs", "0"}))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> assertThat(e.getCondition()).isEqualTo("STREAMING_BENCH_USAGE"))
        .hasMessageContaining("--runs")
        .hasMessageContaining("Usage: run-windowed.sh");
    assertThatThrownBy(() -> WindowedSettings.parse(new String[] {"--output-modes", "complete"}))
        .hasMessageContaining("Unknown output mode 'complete'");
    assertThatThrownBy(() -> WindowedSettings.parse(new String[] {"--workloads", "latency"}))
        .hasMessageContaining("Unknown workload 'latency'");
    assertThatThrownBy(() -> WindowedSettings.parse(new String[] {"--events", "lots"}))
        .hasMessageContaining("--events takes a whole number, got 'lots'");
    assertThatThrownBy(() -> WindowedSettings.parse(new String[] {"--records", "5"}))
        .hasMessageContaining("Unknown option '--records'");
  }
}
