package io.tideline.internal.streaming;

import java.util.concurrent.CompletableFuture;

/** Runs a trigger executor on its own thread, as a query's stream thread would. */
final class TriggerTestSupport {

  private TriggerTestSupport() {}

  /** A started executor thread and how it ended. */
  static final class Running {
    final Thread thread;
    final CompletableFuture<Void> done = new CompletableFuture<>();

    Running(TriggerExecutor executor, BatchRunner runner) {
      thread =
          new Thread(
              () -> {
                try {
                  executor.execute(runner);
                  done.complete(null);
                } catch (Throwable t) {
                  done.completeExceptionally(t);
                }
              },
              "stream-execution-test");
      thread.setDaemon(true);
      thread.start();
    }
  }

  static Running start(TriggerExecutor executor, BatchRunner runner) {
    return new Running(executor, runner);
  }
}
