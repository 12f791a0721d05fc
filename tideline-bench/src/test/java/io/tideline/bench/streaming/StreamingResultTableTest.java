package io.tideline.bench.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StreamingResultTableTest {

  @Test
  void render_bothEngines_showsBestMedianRatiosAndGoalVerdicts() {
    EngineRuns tideline = new EngineRuns("tideline", "dev", 0.01);
    tideline.firstBatch().add(new FirstBatchRun(0.05, 0.01, 80));
    tideline.firstBatch().add(new FirstBatchRun(0.07, 0.01, 80));
    tideline.firstBatch().add(new FirstBatchRun(0.06, 0.01, 80));
    tideline.overhead().add(new OverheadRun(List.of(5L, 6L, 7L), List.of(8.0, 9.0, 10.0), 23));
    tideline.throughput().add(new ThroughputRun(0.5, 0.8, 2_000_000, 4));
    EngineRuns spark = new EngineRuns("spark", "4.2.0", 3.0);
    spark.firstBatch().add(new FirstBatchRun(0.5, 0.1, 80));
    spark.firstBatch().add(new FirstBatchRun(0.7, 0.1, 80));
    spark.firstBatch().add(new FirstBatchRun(0.6, 0.1, 80));
    spark.overhead().add(new OverheadRun(List.of(100L, 110L, 120L), List.of(1.0, 1.0, 1.0), 23));
    spark.throughput().add(new ThroughputRun(4.0, 8.0, 2_000_000, 4));

    String table = StreamingResultTable.render(List.of(tideline, spark));

    assertThat(table)
        .contains(
            "(a) start -> first commit        tideline           3        0.050        0.060  s")
        .contains("spark              3        0.500        0.600  s")
        .contains("tideline/spark             0.100x       0.100x  goal <= 0.10x and <= 1 s: met")
        .contains(
            "(b) triggerExecution / batch     tideline           1          6.0          6.0  ms")
        .contains("0.055x       0.055x  goal <= 0.05x (1/20): NOT met")
        .contains("(c) throughput                   tideline           1      4000000      4000000")
        .contains("8.000x       8.000x  goal >= 5x, aim 10x: met")
        .doesNotContain("aim met")
        .contains("session start (once)             tideline           1        0.010");
    // One line per engine and one ratio line per figure, none ending in blanks.
    assertThat(table.lines()).hasSize(1 + 7 * 3).noneMatch(line -> line.endsWith(" "));
  }

  @Test
  void render_oneEngine_printsItsFiguresWithoutRatios() {
    EngineRuns spark = new EngineRuns("spark", "4.2.0", 3.0);
    spark.throughput().add(new ThroughputRun(2.0, -1, 1000, 1));
    spark.throughput().add(new ThroughputRun(1.0, -1, 1000, 1));

    String table = StreamingResultTable.render(List.of(spark));

    assertThat(table)
        .contains("(c) throughput                   spark              2         1000          750")
        .doesNotContain("tideline/spark")
        .doesNotContain("(a)")
        .doesNotContain("CPU per million");
  }
}
