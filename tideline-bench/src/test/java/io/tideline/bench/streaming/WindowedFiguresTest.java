package io.tideline.bench.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.bench.streaming.WindowedFigures.Figure;
import org.junit.jupiter.api.Test;

/** The windowed benchmark's table: best and median per engine, ratios and verdicts. */
class WindowedFiguresTest {

  @Test
  void render_ratioGoal_judgedOnTheMedians() {
    WindowedFigures figures = new WindowedFigures();
    Figure rate =
        figures.figure(
            "(a) rate", "events/s", false, "%.0f", WindowedBenchmark.THROUGHPUT_PARQUET_GOAL);
    for (double v : new double[] {300, 100, 200}) {
      figures.add(rate, "tideline", v);
    }
    for (double v : new double[] {90, 110, 100}) {
      figures.add(rate, "spark", v);
    }

    String table = figures.render();

    assertThat(table).containsPattern("\\(a\\) rate +tideline +3 +300 +200  events/s");
    assertThat(table).containsPattern("spark +3 +110 +100  events/s");
    // Best 300/110, median 200/100: 2x on the medians meets ">= 2x".
    assertThat(table).containsPattern("tideline/spark +2\\.727x +2\\.000x  goal >= 2x Spark: met");
  }

  @Test
  void render_missedGoal_saysNotMet_andLowerIsBetterPicksTheSmallest() {
    WindowedFigures figures = new WindowedFigures();
    Figure rate =
        figures.figure(
            "(b) rate", "events/s", false, "%.0f", WindowedBenchmark.THROUGHPUT_JSON_GOAL);
    figures.add(rate, "tideline", 400);
    figures.add(rate, "spark", 100);
    Figure time = figures.figure("(d) restart", "s", true, "%.1f", null);
    figures.add(time, "tideline", 3);
    figures.add(time, "tideline", 1);
    figures.add(time, "spark", 4);

    String table = figures.render();

    assertThat(table).contains("goal >= 5x Spark: NOT met");
    assertThat(table).containsPattern("\\(d\\) restart +tideline +2 +1\\.0 +2\\.0  s");
    assertThat(table).containsPattern("tideline/spark +0\\.250x +0\\.500x\\R");
  }

  @Test
  void render_tidelineOnlyGoal_isJudgedWithoutAPeer() {
    WindowedFigures figures = new WindowedFigures();
    Figure heap = figures.figure("(c) heap", "bytes", true, "%.1f", WindowedBenchmark.HEAP_GOAL);
    figures.add(heap, "tideline", 250);
    Figure other = figures.figure("(c) heap", "ignored", false, "%.0f", null);

    assertThat(other).isSameAs(heap);
    assertThat(figures.render()).contains("goal <= 200 B/key: NOT met");
  }
}
