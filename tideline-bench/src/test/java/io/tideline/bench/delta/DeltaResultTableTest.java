package io.tideline.bench.delta;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeltaResultTableTest {
  private static DeltaEngineRuns runs(String engine, double... seconds) {
    DeltaEngineRuns r = new DeltaEngineRuns(engine, "v", 1.5);
    for (double s : seconds) {
      r.bronze().add(new DeltaEngine.BronzeRun(s, s * 2, 1, Map.of()));
    }
    return r;
  }

  @Test
  void render_givesRatiosOfBestAndMedian_andTheVerdicts() {
    String table =
        DeltaResultTable.render(
            List.of(runs("tideline", 10, 8, 12), runs("spark", 100, 90, 80)),
            1_000_000,
            List.of(
                new ParseEncodeCeiling.CeilingRun(1.0, 2.0, 1_000_000),
                new ParseEncodeCeiling.CeilingRun(2.0, 2.0, 1_000_000)));

    // Best 125 000 against 12 500 records/s; medians 100 000 against 11 111.
    assertThat(table)
        .contains(
            "| bronze Kafka → Delta, records/s | 125000 / 100000 | 12500 / 11111 |"
                + " 10.00× / 9.00× | ≥ 5× | **met** |")
        .contains("| CPU s per million records | 16.00 / 20.00 | 160.00 / 180.00 |")
        .contains("| ceiling JSON → Parquet, rows/s (machine) | 1000000 / 750000 | – |")
        .contains("| ceiling, rows per CPU second | 500000 / 500000 |")
        // 125 000 of 1 000 000 best; 100 000 of 750 000 median.
        .contains(
            "| Tideline bronze, % of the ceiling | 12.5 % / 13.3 % | – | – | aim ≥ 70 % |"
                + " **not met** |")
        .contains("spark v: session start 1.500 s");
  }

  @Test
  void render_tidelineAloneWithoutCeiling_hasNoRatioNorVerdict() {
    String table = DeltaResultTable.render(List.of(runs("tideline", 4)), 1_000_000, List.of());

    assertThat(table)
        .contains("| bronze Kafka → Delta, records/s | 250000 / 250000 | – | – | ≥ 5× |  |")
        .doesNotContain("ceiling");
  }
}
