package io.tideline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Spark's side of a streaming benchmark: tideline-spark's {@code SparkPeer streaming-serve} in its
 * own JVM behind a {@link SparkServeChannel}. Subclasses add their benchmark's commands; an {@code
 * error} event fails the query that was due with the benchmark's own error, anything else the peer
 * does wrong is the peer failing.
 */
public abstract class SparkServeEngine implements AutoCloseable {
  /** The peer's serve mode every streaming benchmark drives. */
  public static final String WORKLOAD = "streaming-serve";

  /** A benchmark's error for the peer failing ({@link SparkServeChannel.Failures#peerFailed}). */
  @FunctionalInterface
  public interface PeerFailed {
    RuntimeException of(int exitCode, String reason, Path log);
  }

  /** A benchmark's error for {@code engine}'s query {@code workload} failing for {@code reason}. */
  @FunctionalInterface
  public interface QueryFailed {
    RuntimeException of(String engine, String workload, String reason);
  }

  private final SparkServeChannel channel;

  /** Wraps a started peer whose standard error goes to {@code log}; waits for its ready event. */
  protected SparkServeEngine(
      Process process, Path log, PeerFailed peerFailed, QueryFailed queryFailed) {
    this.channel =
        new SparkServeChannel(
            process,
            log,
            new SparkServeChannel.Failures() {
              @Override
              public RuntimeException peerFailed(int exitCode, String reason, Path log) {
                return peerFailed.of(exitCode, reason, log);
              }

              @Override
              public Optional<RuntimeException> commandFailed(
                  String command, JsonNode error, Path log) {
                return Optional.of(
                    queryFailed.of("spark", command, SparkServeChannel.describe(error, log)));
              }
            });
  }

  /**
   * Starts the peer with {@code workDir} as its work folder and makes the engine of its process and
   * log with {@code engine}, which waits until the peer's session is up.
   */
  protected static <E extends SparkServeEngine> E start(
      Path workDir, BiFunction<Process, Path, E> engine) {
    return start(WORKLOAD, workDir, engine);
  }

  /**
   * Starts the peer's serve mode {@code workload} (one that speaks the same protocol as {@link
   * #WORKLOAD}) with {@code workDir} as its work folder, and makes the engine as {@link
   * #start(Path, BiFunction)} does.
   */
  protected static <E extends SparkServeEngine> E start(
      String workload, Path workDir, BiFunction<Process, Path, E> engine) {
    SparkPeerProcess peer = SparkPeerProcess.locate();
    Process process = peer.launch(List.of(workload, workDir.toAbsolutePath().toString()), workDir);
    return engine.apply(process, peer.logFile(workload));
  }

  /** The channel the subclass's commands go through. */
  protected final SparkServeChannel channel() {
    return channel;
  }

  public final String name() {
    return "spark";
  }

  public final String version() {
    return channel.version();
  }

  public final double sessionStartSeconds() {
    return channel.sessionStartSeconds();
  }

  @Override
  public final void close() {
    channel.close();
  }
}
