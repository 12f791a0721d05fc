package io.tideline.internal.exec;

/**
 * A stage boundary: a node whose input is computed completely, by its own tasks, before any task
 * reads its output. The driver calls {@link #materialize} once, bottom-up, before running the stage
 * above.
 */
public abstract class ExchangeExec extends ExecNode {

  /** Runs the child's partitions on the scheduler and keeps their output; idempotent. */
  public abstract void materialize(StageScheduler scheduler);
}
