package io.tideline.internal.streaming.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.errors.TidelineException;
import io.tideline.internal.plan.EventTimeStats;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatermarkTrackerTest {

  private static EventTimeStats seen(long maxMs) {
    return new EventTimeStats(maxMs, maxMs, maxMs, 1);
  }

  private static WatermarkTracker tracker(String policy) {
    TidelineConf conf = new TidelineConf();
    if (policy != null) {
      conf.set(WatermarkTracker.POLICY_KEY, policy);
    }
    return WatermarkTracker.of(conf);
  }

  @Test
  void update_isMaxMinusDelay_neverBackwards_neverNegative() {
    WatermarkTracker w = tracker(null);
    assertThat(w.update(List.of(seen(5_000)), List.of(10_000L))).isFalse();
    assertThat(w.currentWatermarkMs()).isZero();
    assertThat(w.update(List.of(seen(25_000)), List.of(10_000L))).isTrue();
    assertThat(w.currentWatermarkMs()).isEqualTo(15_000);
    assertThat(w.update(List.of(seen(20_000)), List.of(10_000L))).isFalse();
    assertThat(w.currentWatermarkMs()).isEqualTo(15_000);
    assertThat(w.update(List.of(EventTimeStats.EMPTY), List.of(10_000L))).isFalse();
    assertThat(w.currentWatermarkMs()).isEqualTo(15_000);
  }

  @Test
  void minPolicy_anInputThatNeverSawDataHoldsTheWatermarkAtZero() {
    WatermarkTracker w = tracker("min");
    w.update(List.of(seen(100_000), EventTimeStats.EMPTY), List.of(0L, 0L));
    assertThat(w.currentWatermarkMs()).isZero();
    w.update(List.of(EventTimeStats.EMPTY, seen(50_000)), List.of(0L, 0L));
    assertThat(w.currentWatermarkMs()).isEqualTo(50_000);
    // An idle input still holds the watermark at what it saw last.
    w.update(List.of(seen(200_000), EventTimeStats.EMPTY), List.of(0L, 0L));
    assertThat(w.currentWatermarkMs()).isEqualTo(50_000);
  }

  @Test
  void maxPolicy_followsTheFastestInput() {
    WatermarkTracker w = tracker("MAX");
    w.update(List.of(seen(100_000), EventTimeStats.EMPTY), List.of(0L, 0L));
    assertThat(w.currentWatermarkMs()).isEqualTo(100_000);
  }

  @Test
  void restart_resumesTheGlobalWatermark_operatorsStartAfresh() {
    WatermarkTracker w = tracker(null);
    w.setWatermark(20_000);
    assertThat(w.update(List.of(seen(25_000)), List.of(10_000L))).isFalse();
    assertThat(w.currentWatermarkMs()).isEqualTo(20_000);
  }

  @Test
  void unknownPolicy_isRefusedWithTheValidValues() {
    assertThatThrownBy(() -> tracker("median"))
        .isInstanceOf(TidelineException.class)
        .hasMessageContaining("'min' and 'max'")
        .hasMessageContaining("median");
  }

  @Test
  void eventTimeStats_mergeKeepsAnExactRunningMean() {
    EventTimeStats a = new EventTimeStats(100, 10, 30.0, 6);
    EventTimeStats b = new EventTimeStats(80, 5, 15.0, 4);
    EventTimeStats m = a.merge(b);
    assertThat(m.max()).isEqualTo(100);
    assertThat(m.min()).isEqualTo(5);
    assertThat(m.avg()).isEqualTo(24.0);
    assertThat(m.count()).isEqualTo(10);
    assertThat(EventTimeStats.EMPTY.merge(b)).isEqualTo(b);
  }
}
