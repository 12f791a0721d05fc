package io.tideline.bench.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tideline.bench.SparkPeerProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Spark's side of the streaming benchmark: tideline-spark's {@code SparkPeer streaming-serve} in
 * its own JVM, one JSON command a line on its standard input and one JSON answer a line on its
 * standard output (the protocol is documented on tideline-spark's {@code StreamingServe}). Serves
 * both the streaming benchmark and the windowed-aggregation benchmark.
 */
final class SparkStreamingEngine implements StreamingEngine, WindowedEngine {
  static final String WORKLOAD = "streaming-serve";

  private final ObjectMapper json = new ObjectMapper();
  private final Process process;
  private final Path log;
  private final BufferedReader out;
  private final Writer in;
  private final String version;
  private final double sessionStartSeconds;

  SparkStreamingEngine(Process process, Path log) {
    this.process = process;
    this.log = log;
    this.out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    JsonNode ready = next("ready");
    this.version = ready.path("engineVersion").asText("?");
    this.sessionStartSeconds = ready.path("sessionStartSeconds").asDouble(Double.NaN);
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
    return version;
  }

  @Override
  public double sessionStartSeconds() {
    return sessionStartSeconds;
  }

  @Override
  public FirstBatchRun firstBatch(Path input, Path checkpoint) {
    ObjectNode command = command("first-batch");
    command.put("input", input.toAbsolutePath().toString());
    command.put("checkpoint", checkpoint.toAbsolutePath().toString());
    JsonNode r = call(command);
    return new FirstBatchRun(
        r.get("seconds").asDouble(),
        r.get("startReturnedSeconds").asDouble(),
        r.get("rows").asLong());
  }

  @Override
  public OverheadRun batchOverhead(int warmupBatches, int batches, Path checkpoint) {
    ObjectNode command = command("batch-overhead");
    command.put("warmupBatches", warmupBatches);
    command.put("batches", batches);
    command.put("checkpoint", checkpoint.toAbsolutePath().toString());
    JsonNode r = call(command);
    List<Long> trigger = new ArrayList<>();
    r.get("triggerExecutionMs").forEach(n -> trigger.add(n.asLong()));
    List<Double> wall = new ArrayList<>();
    r.get("wallMs").forEach(n -> wall.add(n.asDouble()));
    return new OverheadRun(trigger, wall, r.get("rows").asLong());
  }

  @Override
  public ThroughputRun throughput(Path input, int maxFilesPerTrigger, Path checkpoint) {
    ObjectNode command = command("throughput");
    command.put("input", input.toAbsolutePath().toString());
    command.put("maxFilesPerTrigger", maxFilesPerTrigger);
    command.put("checkpoint", checkpoint.toAbsolutePath().toString());
    JsonNode r = call(command);
    return new ThroughputRun(
        r.get("seconds").asDouble(),
        r.path("cpuSeconds").asDouble(-1),
        r.get("rows").asLong(),
        r.get("batches").asLong());
  }

  @Override
  public WindowedRun windowed(
      Path input, BidFormat format, String outputMode, int maxFilesPerTrigger, Path checkpoint) {
    ObjectNode command = command("windowed");
    command.put("input", input.toAbsolutePath().toString());
    command.put("format", format.wireName());
    command.put("outputMode", outputMode);
    command.put("maxFilesPerTrigger", maxFilesPerTrigger);
    command.put("checkpoint", checkpoint.toAbsolutePath().toString());
    JsonNode r = call(command);
    return new WindowedRun(
        r.get("seconds").asDouble(),
        r.path("cpuSeconds").asDouble(-1),
        r.get("inputRows").asLong(),
        answer(r.get("answer")));
  }

  @Override
  public RecoveryRun recovery(Path build, Path extra, Path runDir, StateProvider provider) {
    ObjectNode command = command("windowed-recovery");
    command.put("build", build.toAbsolutePath().toString());
    command.put("extra", extra.toAbsolutePath().toString());
    command.put("runDir", runDir.toAbsolutePath().toString());
    command.put("provider", provider.wireName());
    JsonNode r = call(command);
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
    try {
      in.write("quit\n");
      in.close();
    } catch (IOException e) {
      // The peer is gone already; waiting below reaps it either way.
    }
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private ObjectNode command(String name) {
    ObjectNode command = json.createObjectNode();
    command.put("command", name);
    return command;
  }

  private JsonNode call(ObjectNode command) {
    String name = command.get("command").asText();
    try {
      in.write(command.toString());
      in.write('\n');
      in.flush();
    } catch (IOException e) {
      throw failed("it stopped reading commands (" + e.getMessage() + ")");
    }
    return next(name);
  }

  /** Reads lines until the next JSON object, which must be the {@code expected} event. */
  private JsonNode next(String expected) {
    try {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("{")) {
          JsonNode node = json.readTree(line);
          String event = node.path("event").asText();
          if (event.equals(expected)) {
            return node;
          }
          if (event.equals("error")) {
            throw StreamingBenchErrors.queryFailed(
                "spark",
                expected,
                node.path("error").path("condition").asText("")
                    + " "
                    + node.path("error").path("message").asText()
                    + " (the peer's log is in "
                    + log
                    + ")");
          }
          throw failed("it answered " + line + " where " + expected + " was due");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Lost the Spark peer's output; its log is in " + log, e);
    }
    throw failed("it ended without answering");
  }

  private RuntimeException failed(String reason) {
    int exitCode = -1;
    try {
      if (process.waitFor(5, TimeUnit.SECONDS)) {
        exitCode = process.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.destroyForcibly();
    return StreamingBenchErrors.peerFailed(exitCode, reason, log);
  }
}
