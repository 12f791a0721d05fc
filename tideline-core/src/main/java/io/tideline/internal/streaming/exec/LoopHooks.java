package io.tideline.internal.streaming.exec;

/**
 * Called by the micro-batch loop at each {@link LoopPoint} (for the test kit). A hook that throws
 * {@link SimulatedCrash} ends the query as a killed process would: nothing more is written, the
 * checkpoint lock is released, and the query terminates with the crash as its cause.
 */
@FunctionalInterface
public interface LoopHooks {

  LoopHooks NONE = (point, batchId) -> {};

  void reached(LoopPoint point, long batchId);

  /** The error a hook throws to crash the query at a loop point. */
  final class SimulatedCrash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SimulatedCrash(LoopPoint point, long batchId) {
      super("Simulated crash at " + point + " of batch " + batchId);
    }
  }
}
