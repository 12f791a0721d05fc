package io.tideline.internal.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcessingTimeExecutorTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void nextBatchTime_isTheNextMultipleOfTheIntervalSinceEpoch() {
    ProcessingTimeExecutor executor = new ProcessingTimeExecutor(100, new ManualClock(), 10);

    assertThat(executor.nextBatchTime(0)).isEqualTo(100);
    assertThat(executor.nextBatchTime(99)).isEqualTo(100);
    assertThat(executor.nextBatchTime(100)).isEqualTo(200);
    assertThat(executor.nextBatchTime(executor.nextBatchTime(0))).isEqualTo(200);
    assertThat(executor.nextBatchTime(1_234_567)).isEqualTo(1_234_600);
  }

  @Test
  void execute_triggersStartAtMultiplesOfTheIntervalNotAtQueryStart() throws Exception {
    ManualClock clock = new ManualClock(1_234);
    List<Long> starts = new CopyOnWriteArrayList<>();
    BatchRunner runner =
        () -> {
          starts.add(clock.nowMs());
          return starts.size() == 4 ? TriggerOutcome.STOP : TriggerOutcome.RAN_BATCH;
        };
    TriggerTestSupport.Running running =
        TriggerTestSupport.start(new ProcessingTimeExecutor(1_000, clock, 10), runner);

    for (long expected : List.of(2_000L, 3_000L, 4_000L)) {
      assertThat(clock.awaitWaiter(WAIT)).isEqualTo(expected);
      clock.setTime(expected);
    }
    running.done.get(10, TimeUnit.SECONDS);

    assertThat(starts).containsExactly(1_234L, 2_000L, 3_000L, 4_000L);
  }

  @Test
  void execute_batchOverrunsTheInterval_nextStartsAtOnceWithAWarningAndNoCatchUp()
      throws Exception {
    ManualClock clock = new ManualClock(0);
    List<Long> starts = new CopyOnWriteArrayList<>();
    List<Long> fallingBehind = new CopyOnWriteArrayList<>();
    BatchRunner runner =
        () -> {
          starts.add(clock.nowMs());
          if (starts.size() == 1) {
            clock.advance(2_500);
          }
          return starts.size() == 3 ? TriggerOutcome.STOP : TriggerOutcome.RAN_BATCH;
        };
    TriggerTestSupport.Running running =
        TriggerTestSupport.start(
            new ProcessingTimeExecutor(1_000, clock, 10, fallingBehind::add), runner);

    assertThat(clock.awaitWaiter(WAIT)).isEqualTo(3_000);
    assertThat(starts).containsExactly(0L, 2_500L);
    assertThat(fallingBehind).containsExactly(2_500L);
    clock.setTime(3_000);
    running.done.get(10, TimeUnit.SECONDS);

    assertThat(starts).containsExactly(0L, 2_500L, 3_000L);
    assertThat(fallingBehind).containsExactly(2_500L);
  }

  @Test
  void execute_batchTakesExactlyTheInterval_isNotFallingBehind() throws Exception {
    ManualClock clock = new ManualClock(0);
    List<Long> fallingBehind = new CopyOnWriteArrayList<>();
    BatchRunner runner =
        () -> {
          clock.advance(1_000);
          return TriggerOutcome.STOP;
        };

    new ProcessingTimeExecutor(1_000, clock, 10, fallingBehind::add).execute(runner);

    assertThat(fallingBehind).isEmpty();
  }

  @Test
  void execute_noData_waitsForTheNextIntervalWithoutCallingTheRunner() throws Exception {
    ManualClock clock = new ManualClock(500);
    List<Long> starts = new CopyOnWriteArrayList<>();
    BatchRunner runner =
        () -> {
          starts.add(clock.nowMs());
          return starts.size() == 2 ? TriggerOutcome.STOP : TriggerOutcome.NO_DATA;
        };
    TriggerTestSupport.Running running =
        TriggerTestSupport.start(new ProcessingTimeExecutor(10_000, clock, 10), runner);

    assertThat(clock.awaitWaiter(WAIT)).isEqualTo(10_000);
    clock.advance(9_000);
    assertThat(clock.awaitWaiter(WAIT)).isEqualTo(10_000);
    assertThat(starts).containsExactly(500L);
    clock.setTime(10_000);
    running.done.get(10, TimeUnit.SECONDS);

    assertThat(starts).containsExactly(500L, 10_000L);
  }

  @Test
  void execute_intervalZeroWithoutData_pollsOnTheClock() throws Exception {
    ManualClock clock = new ManualClock(0);
    List<Long> starts = new CopyOnWriteArrayList<>();
    BatchRunner runner =
        () -> {
          starts.add(clock.nowMs());
          return starts.size() == 2 ? TriggerOutcome.STOP : TriggerOutcome.NO_DATA;
        };
    TriggerTestSupport.Running running =
        TriggerTestSupport.start(new ProcessingTimeExecutor(0, clock, 10), runner);

    assertThat(clock.awaitWaiter(WAIT)).isEqualTo(10);
    clock.advance(10);
    running.done.get(10, TimeUnit.SECONDS);

    assertThat(starts).containsExactly(0L, 10L);
  }

  @Test
  void execute_runnerStops_returnsWithoutWaiting() throws Exception {
    ManualClock clock = new ManualClock(0);

    new ProcessingTimeExecutor(1_000, clock, 10).execute(() -> TriggerOutcome.STOP);

    assertThat(clock.hasWaiters()).isFalse();
  }

  @Test
  void execute_interruptedWhileWaiting_throwsInterruptedException() throws Exception {
    ManualClock clock = new ManualClock(0);
    TriggerTestSupport.Running running =
        TriggerTestSupport.start(
            new ProcessingTimeExecutor(1_000, clock, 10), () -> TriggerOutcome.RAN_BATCH);
    clock.awaitWaiter(WAIT);

    running.thread.interrupt();

    assertThatThrownBy(() -> running.done.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(InterruptedException.class);
  }

  @Test
  void execute_runnerFails_propagatesTheFailure() {
    ProcessingTimeExecutor executor = new ProcessingTimeExecutor(1_000, new ManualClock(), 10);

    assertThatThrownBy(
            () ->
                executor.execute(
                    () -> {
                      throw new IllegalStateException("batch 7 failed");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("batch 7 failed");
  }
}
