package io.tideline.bench.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tideline.bench.SparkPeerProcess;
import io.tideline.bench.SparkServeChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Spark's side of the streaming benchmark: tideline-spark's {@code SparkPeer streaming-serve} in
 * its own JVM, one JSON command a line on its standard input and one JSON answer a line on its
 * standard output (the protocol is documented on tideline-spark's {@code StreamingServe}). Serves
 * both the streaming benchmark and the windowed-aggregation benchmark.
 */
final class SparkStreamingEngine implements StreamingEngine, WindowedEngine {
  static final String WORKLOAD = "streaming-serve";

  private final SparkServeChannel channel;

  SparkStreamingEngine(Process process, Path log) {
    this.channel = new SparkServeChannel(process, log, new PeerFailures());
  }

  /** Starts the peer with {@code workDir} as its work folder and waits until its session is up. */
  static SparkStreamingEngine start(Path workDir) {
    SparkPeerProcess peer = SparkPeerProcess.locate();
    Process process = peer.launch(List.of(WORKLOAD, workDir.toAbsolutePath().toString()), workDir);
    return new SparkStreamingEngine(process, peer.logFile(WORKLOAD));
  }

  @Override
  public String name() {
    return "spark";
  }

  @Override
  public String version() {
    return channel.version();
  }

  @Override
  public double sessionStartSeconds() {
    return channel.sessionStartSeconds();
  }

  @Override
  public FirstBatchRun firstBatch(Path input, Path checkpoint) {
    ObjectNode command = channel.command("first-batch");
    command.put("input", input.toAbsolutePath().toString());
    command.put("checkpoint", checkpoint.toAbsolutePath().toString());
    JsonNode r = channel.call(command);
    return new FirstBatchRun(
        r.get("seconds").asDouble(),
        r.get("startReturnedSeconds").asDouble(),
        r.get("rows").asLong());
  }

  @Override
  public OverheadRun batchOverhead(int warmupBatches, int batches, Path checkpoint) {
    ObjectNode command = channel.command("batch-overhead");
    command.put("warmupBatches", warmupBatches);
    command.put("batches", batches);
    command.put("checkpoint", checkpoint.toAbsolutePath().toString());
    JsonNode r = channel.call(command);
    List<Long> trigger = new ArrayList<>();
    r.get("triggerExecutionMs").forEach(n -> trigger.add(n.asLong()));
    List<Double> wall = new ArrayList<>();
    r.get("wallMs").forEach(n -> wall.add(n.asDouble()));
    return new OverheadRun(trigger, wall, r.get("rows").asLong());
  }

  @Override
  public ThroughputRun throughput(Path input, int maxFilesPerTrigger, Path checkpoint) {
    ObjectNode command = channel.command("throughput");
    command.put("input", input.toAbsolutePath().toString());
    command.put("maxFilesPerTrigger", maxFilesPerTrigger);
    command.put("checkpoint", checkpoint.toAbsolutePath().toString());
    JsonNode r = channel.call(command);
    return new ThroughputRun(
        r.get("seconds").asDouble(),
        r.path("cpuSeconds").asDouble(-1),
        r.get("rows").asLong(),
        r.get("batches").asLong());
  }

  @Override
  public WindowedRun windowed(
      Path input, BidFormat format, String outputMode, int maxFilesPerTrigger, Path checkpoint) {
    ObjectNode command = channel.command("windowed");
    command.put("input", input.toAbsolutePath().toString());
    command.put("format", format.wireName());
    command.put("outputMode", outputMode);
    command.put("maxFilesPerTrigger", maxFilesPerTrigger);
    command.put("checkpoint", checkpoint.toAbsolutePath().toString());
    JsonNode r = channel.call(command);
    return new WindowedRun(
        r.get("seconds").asDouble(),
        r.path("cpuSeconds").asDouble(-1),
        r.get("inputRows").asLong(),
        answer(r.get("answer")));
  }

  @Override
  public RecoveryRun recovery(Path build, Path extra, Path runDir, StateProvider provider) {
    ObjectNode command = channel.command("windowed-recovery");
    command.put("build", build.toAbsolutePath().toString());
    command.put("extra", extra.toAbsolutePath().toString());
    command.put("runDir", runDir.toAbsolutePath().toString());
    command.put("provider", provider.wireName());
    JsonNode r = channel.call(command);
    return new RecoveryRun(
        r.get("buildSeconds").asDouble(),
        r.get("recoverySeconds").asDouble(),
        r.get("stateRows").asLong(),
        answer(r.get("firstBatch")));
  }

  private static WindowedAnswer answer(JsonNode node) {
    return new WindowedAnswer(
        node.get("rows").asLong(), node.get("sumBids").asLong(), node.get("sumMaxPrice").asLong());
  }

  @Override
  public void close() {
    channel.close();
  }

  /** An error event fails the query that was due; anything else is the peer failing. */
  private static final class PeerFailures implements SparkServeChannel.Failures {
    @Override
    public RuntimeException peerFailed(int exitCode, String reason, Path log) {
      return StreamingBenchErrors.peerFailed(exitCode, reason, log);
    }

    @Override
    public Optional<RuntimeException> commandFailed(String command, JsonNode error, Path log) {
      return Optional.of(
          StreamingBenchErrors.queryFailed(
              "spark", command, SparkServeChannel.describe(error, log)));
    }
  }
}
