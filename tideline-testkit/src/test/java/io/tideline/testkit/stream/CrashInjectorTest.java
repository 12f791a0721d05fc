package io.tideline.testkit.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.streaming.exec.LoopHooks.SimulatedCrash;
import io.tideline.internal.streaming.exec.LoopPoint;
import org.junit.jupiter.api.Test;

class CrashInjectorTest {

  @Test
  void armed_crashesOnceAtThatPointAndBatch_only() {
    CrashInjector hooks = new CrashInjector();
    hooks.arm(LoopPoint.DURING_SINK, 1, 1);
    hooks.reached(LoopPoint.DURING_SINK, 0);
    hooks.reached(LoopPoint.AFTER_COMMIT, 1);
    assertThatThrownBy(() -> hooks.reached(LoopPoint.DURING_SINK, 1))
        .isInstanceOf(SimulatedCrash.class)
        .hasMessageContaining("DURING_SINK")
        .hasMessageContaining("batch 1");
    hooks.reached(LoopPoint.DURING_SINK, 1);
    assertThat(hooks.isArmed()).isFalse();
    assertThat(hooks.fired()).isEqualTo(new CrashInjector.Reached(LoopPoint.DURING_SINK, 1));
    assertThat(hooks.reached()).hasSize(4);
  }

  @Test
  void occurrence_countsRepeatedPointsOfOneBatch() {
    CrashInjector hooks = new CrashInjector();
    hooks.arm(LoopPoint.DURING_CHECKPOINT_RENAME, CrashInjector.ANY_BATCH, 2);
    hooks.reached(LoopPoint.DURING_CHECKPOINT_RENAME, 3);
    assertThatThrownBy(() -> hooks.reached(LoopPoint.DURING_CHECKPOINT_RENAME, 3))
        .isInstanceOf(SimulatedCrash.class);
  }

  @Test
  void disarm_cancelsThePendingCrash() {
    CrashInjector hooks = new CrashInjector();
    hooks.arm(LoopPoint.AFTER_COMMIT, CrashInjector.ANY_BATCH, 1);
    hooks.disarm();
    hooks.reached(LoopPoint.AFTER_COMMIT, 0);
    assertThat(hooks.fired()).isNull();
  }
}
