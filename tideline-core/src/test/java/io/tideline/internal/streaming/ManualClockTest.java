package io.tideline.internal.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ManualClockTest {

  @Test
  void waitTill_blocksUntilTheClockIsAdvancedToTheTarget() throws Exception {
    ManualClock clock = new ManualClock(100);
    CompletableFuture<Long> woke =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return clock.waitTill(150);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });

    assertThat(clock.awaitWaiter(Duration.ofSeconds(10))).isEqualTo(150);
    clock.advance(30);
    assertThat(clock.awaitWaiter(Duration.ofSeconds(10))).isEqualTo(150);
    assertThat(woke).isNotDone();

    clock.advance(25);

    assertThat(woke.get(10, TimeUnit.SECONDS)).isEqualTo(155);
    assertThat(clock.hasWaiters()).isFalse();
  }

  @Test
  void waitTill_pastTarget_returnsAtOnce() throws InterruptedException {
    ManualClock clock = new ManualClock(100);

    assertThat(clock.waitTill(100)).isEqualTo(100);
    assertThat(clock.waitTill(5)).isEqualTo(100);
  }

  @Test
  void waitTill_interrupted_throws() throws Exception {
    ManualClock clock = new ManualClock();
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    Thread waiter =
        new Thread(
            () -> {
              try {
                clock.waitTill(1_000);
                outcome.complete(null);
              } catch (InterruptedException e) {
                outcome.complete(e);
              }
            });
    waiter.start();
    clock.awaitWaiter(Duration.ofSeconds(10));

    waiter.interrupt();

    assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
  }

  @Test
  void awaitWaiter_nobodyWaits_failsAfterTheTimeout() {
    ManualClock clock = new ManualClock();

    assertThatThrownBy(() -> clock.awaitWaiter(Duration.ofMillis(20)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("No thread waited on the clock");
  }

  @Test
  void setTime_backwards_isRefused() {
    ManualClock clock = new ManualClock(10);

    assertThatThrownBy(() -> clock.setTime(9)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> clock.advance(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(clock.nowMs()).isEqualTo(10);
  }

  @Test
  void systemClock_waitTill_reachesTheTarget() throws InterruptedException {
    SystemClock clock = new SystemClock();
    long target = clock.nowMs() + 5;

    assertThat(clock.waitTill(target)).isGreaterThanOrEqualTo(target);
  }
}
