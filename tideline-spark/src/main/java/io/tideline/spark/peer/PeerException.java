package io.tideline.spark.peer;

/** A failure of the peer itself (command line, spec, input, output), carrying its condition. */
public final class PeerException extends RuntimeException {
  private final PeerErrorCondition condition;

  PeerException(PeerErrorCondition condition, String message, Throwable cause) {
    super("[" + condition.name() + "] " + message, cause);
    this.condition = condition;
  }

  /** The stable condition of this failure. */
  public PeerErrorCondition condition() {
    return condition;
  }
}
