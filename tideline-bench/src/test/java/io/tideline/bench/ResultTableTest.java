package io.tideline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {
  private static final List<ProductTotals> ROWS = List.of(new ProductTotals("phone", 1, 1));

  @Test
  void render_bothEngines_printsRowsAndRatioOfBestThroughputs() {
    EngineMeasurement tideline =
        new EngineMeasurement(
            "tideline",
            "dev",
            2_000_000,
            List.of(0.30, 0.20, 0.25),
            List.of(0.5, 0.4, 0.45),
            Double.NaN,
            ROWS);
    EngineMeasurement spark =
        new EngineMeasurement(
            "spark", "4.2.0", 2_000_000, List.of(1.0, 2.0, 3.0), List.of(2.0, 3.0, 4.0), 4.5, ROWS);

    String table = ResultTable.render(List.of(tideline, spark), 250_000_000);

    assertThat(table.lines().toList())
        .hasSize(4)
        .satisfies(
            lines -> {
              assertThat(lines.get(1))
                  .startsWith("tideline")
                  .contains("0.200", "0.250", "10000000", "1250.0", " 0.20 ")
                  .endsWith("-");
              assertThat(lines.get(2))
                  .startsWith("spark")
                  .contains("2000000", "250.0", " 1.00 ")
                  .endsWith("4.50");
              assertThat(lines.get(3))
                  .isEqualTo(
                      "ratio tideline/spark: 5.00x (best runs), 8.00x (medians), 5.00x (CPU per"
                          + " record)");
            });
  }

  @Test
  void render_oneEngine_printsNoRatio() {
    EngineMeasurement spark =
        new EngineMeasurement("spark", "4.2.0", 100, List.of(1.0), List.of(), 4.5, ROWS);

    String table = ResultTable.render(List.of(spark), 1000);

    assertThat(table).doesNotContain("ratio");
    assertThat(spark.cpuSecondsPerMillionRecords()).isNaN();
  }

  @Test
  void measurement_medianOfEvenRuns_isMeanOfMiddleTwo() {
    EngineMeasurement m =
        new EngineMeasurement(
            "x", "v", 10, List.of(4.0, 1.0, 3.0, 2.0), List.of(0.5, 0.00002), Double.NaN, ROWS);

    assertThat(m.medianSeconds()).isEqualTo(2.5);
    assertThat(m.bestSeconds()).isEqualTo(1.0);
    assertThat(m.bestRecordsPerSecond()).isEqualTo(10.0);
    assertThat(m.cpuSecondsPerMillionRecords())
        .isCloseTo(2.0, org.assertj.core.api.Assertions.within(1e-9));
  }
}
