package io.tideline.internal.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.streaming.Trigger;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MultiBatchExecutorTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void execute_noData_waitsThePollingDelayOnTheClockInsteadOfSpinning() throws Exception {
    ManualClock clock = new ManualClock(0);
    AtomicInteger calls = new AtomicInteger();
    BatchRunner runner =
        () -> calls.incrementAndGet() == 3 ? TriggerOutcome.STOP : TriggerOutcome.NO_DATA;
    TriggerTestSupport.Running running =
        TriggerTestSupport.start(new MultiBatchExecutor(clock, 10), runner);

    assertThat(clock.awaitWaiter(WAIT)).isEqualTo(10);
    assertThat(calls).hasValue(1);
    clock.advance(5);
    assertThat(clock.awaitWaiter(WAIT)).isEqualTo(10);
    assertThat(calls).hasValue(1);

    clock.advance(5);
    assertThat(clock.awaitWaiter(WAIT)).isEqualTo(20);
    assertThat(calls).hasValue(2);

    clock.advance(10);
    running.done.get(10, TimeUnit.SECONDS);
    assertThat(calls).hasValue(3);
  }

  @Test
  void execute_batchesWithData_runBackToBackWithoutTheClockMoving() throws Exception {
    ManualClock clock = new ManualClock(0);
    AtomicInteger calls = new AtomicInteger();

    new MultiBatchExecutor(clock, 10)
        .execute(
            () -> calls.incrementAndGet() == 6 ? TriggerOutcome.STOP : TriggerOutcome.RAN_BATCH);

    assertThat(calls).hasValue(6);
    assertThat(clock.nowMs()).isZero();
  }

  @Test
  void singleBatchExecutor_runsOneTriggerWhateverItReturns() {
    AtomicInteger calls = new AtomicInteger();

    new SingleBatchExecutor()
        .execute(
            () -> {
              calls.incrementAndGet();
              return TriggerOutcome.RAN_BATCH;
            });

    assertThat(calls).hasValue(1);
  }

  @Test
  @SuppressWarnings("deprecation")
  void forTrigger_picksSparksExecutorForEachTrigger() {
    ManualClock clock = new ManualClock();

    assertThat(TriggerExecutors.forTrigger(Trigger.Default(), clock, 10))
        .isInstanceOf(MultiBatchExecutor.class);
    assertThat(TriggerExecutors.forTrigger(Trigger.ProcessingTime(0), clock, 10))
        .isInstanceOf(MultiBatchExecutor.class);
    assertThat(TriggerExecutors.forTrigger(Trigger.AvailableNow(), clock, 10))
        .isInstanceOf(MultiBatchExecutor.class);
    assertThat(TriggerExecutors.forTrigger(Trigger.ProcessingTime("1 second"), clock, 10))
        .isInstanceOf(ProcessingTimeExecutor.class);
    assertThat(TriggerExecutors.forTrigger(Trigger.Once(), clock, 10))
        .isInstanceOf(SingleBatchExecutor.class);
  }

  @Test
  void forTrigger_pollingDelayComesFromTheConf() throws Exception {
    ManualClock clock = new ManualClock(0);
    TidelineConf conf = new TidelineConf().set("spark.sql.streaming.pollingDelay", "250");
    AtomicInteger calls = new AtomicInteger();
    TriggerTestSupport.Running running =
        TriggerTestSupport.start(
            TriggerExecutors.forTrigger(Trigger.Default(), clock, conf),
            () -> calls.incrementAndGet() == 2 ? TriggerOutcome.STOP : TriggerOutcome.NO_DATA);

    assertThat(clock.awaitWaiter(WAIT)).isEqualTo(250);
    clock.advance(250);
    running.done.get(10, TimeUnit.SECONDS);
    assertThat(calls).hasValue(2);
  }

  @Test
  void ofContinue_adaptsSparksBooleanRunner() {
    AtomicInteger calls = new AtomicInteger();
    BatchRunner runner = BatchRunner.ofContinue(() -> calls.incrementAndGet() < 3);

    assertThat(runner.runTrigger()).isEqualTo(TriggerOutcome.RAN_BATCH);
    assertThat(runner.runTrigger()).isEqualTo(TriggerOutcome.RAN_BATCH);
    assertThat(runner.runTrigger()).isEqualTo(TriggerOutcome.STOP);
  }
}
