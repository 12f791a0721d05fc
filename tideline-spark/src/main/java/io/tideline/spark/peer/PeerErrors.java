package io.tideline.spark.peer;

import java.nio.file.Path;

/** The one place where SparkPeer's own failures are worded. */
final class PeerErrors {
  private PeerErrors() {}

  static PeerException usage(String problem) {
    return new PeerException(
        PeerErrorCondition.PEER_USAGE, problem + ".\n" + SparkPeer.USAGE, null);
  }

  static PeerException inputNotFound(String what, Path path) {
    return new PeerException(
        PeerErrorCondition.PEER_INPUT_NOT_FOUND,
        what
            + " '"
            + path.toAbsolutePath()
            + "' does not exist. Generate the data first (io.tideline.bench.DataGen) or fix the"
            + " path.",
        null);
  }

  static PeerException invalidSpec(Path spec, String problem) {
    return invalidSpec(spec, problem, null);
  }

  static PeerException invalidSpec(Path spec, String problem, Throwable cause) {
    return new PeerException(
        PeerErrorCondition.PEER_INVALID_SPEC,
        "Oracle spec '"
            + spec
            + "': "
            + problem
            + ". See tideline-spark/README.md, section 'sql-oracle spec format'.",
        cause);
  }

  static PeerException outputFailed(Path output, Throwable cause) {
    return new PeerException(
        PeerErrorCondition.PEER_OUTPUT_FAILED,
        "Could not write results to '"
            + output
            + "': "
            + cause.getMessage()
            + ". Check that the folder exists and is writable.",
        cause);
  }
}
