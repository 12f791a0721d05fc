package io.tideline.bench.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyStatsTest {

  @Test
  void of_thousandLatencies_givesNearestRankPercentiles() {
    long[] nanos = new long[1000];
    // 1..1000 µs in reverse order: the statistics must not depend on arrival order.
    for (int i = 0; i < nanos.length; i++) {
      nanos[i] = (1000 - i) * 1_000L;
    }

    LatencyStats s = LatencyStats.of(nanos, nanos.length);

    assertThat(s.records()).isEqualTo(1000);
    assertThat(s.p50Ms()).isEqualTo(0.500);
    assertThat(s.p90Ms()).isEqualTo(0.900);
    assertThat(s.p99Ms()).isEqualTo(0.990);
    assertThat(s.p999Ms()).isEqualTo(0.999);
    assertThat(s.maxMs()).isEqualTo(1.000);
    assertThat(s.meanMs()).isCloseTo(0.5005, within(1e-9));
  }

  @Test
  void of_onlyTheFirstEntries_ignoresTheUnusedTail() {
    long[] nanos = {3_000_000, 1_000_000, 2_000_000, 0, 0};

    LatencyStats s = LatencyStats.of(nanos, 3);

    assertThat(s.records()).isEqualTo(3);
    assertThat(s.p50Ms()).isEqualTo(2.0);
    assertThat(s.p99Ms()).isEqualTo(3.0);
    assertThat(s.maxMs()).isEqualTo(3.0);
  }

  @Test
  void of_oneSlowRecordInAHundred_isP99ButNotP90() {
    long[] nanos = new long[100];
    java.util.Arrays.fill(nanos, 1_000_000);
    nanos[42] = 80_000_000;

    LatencyStats s = LatencyStats.of(nanos, nanos.length);

    assertThat(s.p90Ms()).isEqualTo(1.0);
    assertThat(s.p99Ms()).isEqualTo(1.0);
    assertThat(s.p999Ms()).isEqualTo(80.0);
  }
}
