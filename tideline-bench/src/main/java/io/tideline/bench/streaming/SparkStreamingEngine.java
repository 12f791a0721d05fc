package io.tideline.bench.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tideline.bench.SparkServeEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Spark's side of the streaming benchmark: tideline-spark's {@code SparkPeer streaming-serve} in
 * its own JVM, one JSON command a line on its standard input and one JSON answer a line on its
 * standard output (the protocol is documented on tideline-spark's {@code StreamingServe}). Serves
 * both the streaming benchmark and the windowed-aggregation benchmark.
 */
final class SparkStreamingEngine extends SparkServeEngine
    implements StreamingEngine, WindowedEngine {
  SparkStreamingEngine(Process process, Path log) {
    super(process, log, StreamingBenchErrors::peerFailed, StreamingBenchErrors::queryFailed);
  }

  /** Starts the peer with {@code workDir} as its work folder and waits until its session is up. */
  static SparkStreamingEngine start(Path workDir) {
    return SparkServeEngine.start(workDir, SparkStreamingEngine::new);
  }

  @Override
  public FirstBatchRun firstBatch(Path input, Path checkpoint) {
    ObjectNode command = channel().command("first-batch");
    command.put("input", input.toAbsolutePath().toString());
    command.put("checkpoint", checkpoint.toAbsolutePath().toString());
    JsonNode r = channel().call(command);
    return new FirstBatchRun(
        r.get("seconds").asDouble(),
        r.get("startReturnedSeconds").asDouble(),
        r.get("rows").asLong());
  }

  @Override
  public OverheadRun batchOverhead(int warmupBatches, int batches, Path checkpoint) {
    ObjectNode command = channel().command("batch-overhead");
    command.put("warmupBatches", warmupBatches);
    command.put("batches", batches);
    command.put("checkpoint", checkpoint.toAbsolutePath().toString());
    JsonNode r = channel().call(command);
    List<Long> trigger = new ArrayList<>();
    r.get("triggerExecutionMs").forEach(n -> trigger.add(n.asLong()));
    List<Double> wall = new ArrayList<>();
    r.get("wallMs").forEach(n -> wall.add(n.asDouble()));
    return new OverheadRun(trigger, wall, r.get("rows").asLong());
  }

  @Override
  public ThroughputRun throughput(Path input, int maxFilesPerTrigger, Path checkpoint) {
    ObjectNode command = channel().command("throughput");
    command.put("input", input.toAbsolutePath().toString());
    command.put("maxFilesPerTrigger", maxFilesPerTrigger);
    command.put("checkpoint", checkpoint.toAbsolutePath().toString());
    JsonNode r = channel().call(command);
    return new ThroughputRun(
        r.get("seconds").asDouble(),
        r.path("cpuSeconds").asDouble(-1),
        r.get("rows").asLong(),
        r.get("batches").asLong());
  }

  @Override
  public WindowedRun windowed(
      Path input, BidFormat format, String outputMode, int maxFilesPerTrigger, Path checkpoint) {
    ObjectNode command = channel().command("windowed");
    command.put("input", input.toAbsolutePath().toString());
    command.put("format", format.wireName());
    command.put("outputMode", outputMode);
    command.put("maxFilesPerTrigger", maxFilesPerTrigger);
    command.put("checkpoint", checkpoint.toAbsolutePath().toString());
    JsonNode r = channel().call(command);
    return new WindowedRun(
        r.get("seconds").asDouble(),
        r.path("cpuSeconds").asDouble(-1),
        r.get("inputRows").asLong(),
        answer(r.get("answer")));
  }

  @Override
  public RecoveryRun recovery(Path build, Path extra, Path runDir, StateProvider provider) {
    ObjectNode command = channel().command("windowed-recovery");
    command.put("build", build.toAbsolutePath().toString());
    command.put("extra", extra.toAbsolutePath().toString());
    command.put("runDir", runDir.toAbsolutePath().toString());
    command.put("provider", provider.wireName());
    JsonNode r = channel().call(command);
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
}
