package io.tideline.spark.peer;

/**
 * A stable name for each way a SparkPeer invocation can fail before or around Spark itself.
 *
 * <p>Failures inside Spark (analysis or execution) keep Spark's own condition names; these cover
 * the peer's command line, its spec files and its inputs. The harness matches on {@link #name()}.
 */
public enum PeerErrorCondition {
  PEER_USAGE("Unknown or malformed command line"),
  PEER_INPUT_NOT_FOUND("An input path does not exist"),
  PEER_INVALID_SPEC("The oracle spec file is malformed"),
  PEER_OUTPUT_FAILED("The result could not be written");

  private final String summary;

  PeerErrorCondition(String summary) {
    this.summary = summary;
  }

  /** One line saying what kind of failure this condition stands for. */
  public String summary() {
    return summary;
  }
}
