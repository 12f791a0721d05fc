package io.tideline.internal.streaming;

/** What one trigger of a query did, as reported by its {@link BatchRunner}. */
public enum TriggerOutcome {
  /** A micro-batch ran (possibly a no-data batch); the next trigger may follow at once. */
  RAN_BATCH,
  /** Nothing to do: no source had new data and no state needed cleaning up. */
  NO_DATA,
  /** The query stops: it was stopped, failed, or its trigger has done all it will do. */
  STOP
}
