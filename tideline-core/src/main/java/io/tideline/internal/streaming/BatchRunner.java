package io.tideline.internal.streaming;

import java.util.function.BooleanSupplier;

/**
 * One trigger of a streaming query: decide whether a batch is due, run it, report the outcome. A
 * {@link TriggerExecutor} calls it on the query's stream thread, never concurrently.
 */
@FunctionalInterface
public interface BatchRunner {

  /**
   * Runs one trigger. An exception thrown here ends {@link TriggerExecutor#execute} with that
   * exception.
   */
  TriggerOutcome runTrigger();

  /**
   * Adapts Spark's form of a runner, which returns false to stop and does not say whether it found
   * data; every trigger that does not stop counts as having run a batch.
   */
  static BatchRunner ofContinue(BooleanSupplier continueRunning) {
    return () -> continueRunning.getAsBoolean() ? TriggerOutcome.RAN_BATCH : TriggerOutcome.STOP;
  }
}
