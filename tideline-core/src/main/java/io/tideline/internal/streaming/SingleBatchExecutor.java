package io.tideline.internal.streaming;

/** The executor of {@code Trigger.Once()}: runs one trigger, whatever it finds, then stops. */
public final class SingleBatchExecutor implements TriggerExecutor {

  @Override
  public void execute(BatchRunner runner) {
    runner.runTrigger();
  }
}
