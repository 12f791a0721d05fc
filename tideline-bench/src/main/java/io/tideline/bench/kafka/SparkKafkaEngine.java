package io.tideline.bench.kafka;

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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Spark's side of the Kafka benchmark: tideline-spark's {@code SparkPeer streaming-serve} in its
 * own JVM, driven with the Kafka commands of that protocol ({@code kafka-throughput}, {@code
 * kafka-passthrough-start}, {@code kafka-passthrough-stop}; see tideline-spark's {@code
 * KafkaServeCommands}), one JSON command a line in and one JSON answer a line out. Spark reads with
 * its own Kafka source ({@code spark-sql-kafka-0-10}) from the harness's broker.
 */
final class SparkKafkaEngine implements KafkaEngine {
  static final String WORKLOAD = "streaming-serve";

  private final ObjectMapper json = new ObjectMapper();
  private final Process process;
  private final Path log;
  private final BufferedReader out;
  private final Writer in;
  private final String version;
  private final double sessionStartSeconds;

  SparkKafkaEngine(Process process, Path log) {
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
  static SparkKafkaEngine start(Path workDir) {
    SparkPeerProcess peer = SparkPeerProcess.locate();
    Process process = peer.launch(List.of(WORKLOAD, workDir.toAbsolutePath().toString()), workDir);
    return new SparkKafkaEngine(process, peer.logFile(WORKLOAD));
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
  public ThroughputRun throughput(
      String bootstrapServers, String topic, long maxOffsetsPerTrigger, Path checkpoint) {
    ObjectNode command = command("kafka-throughput");
    command.put("bootstrapServers", bootstrapServers);
    command.put("topic", topic);
    command.put("maxOffsetsPerTrigger", maxOffsetsPerTrigger);
    command.put("checkpoint", checkpoint.toAbsolutePath().toString());
    JsonNode r = call(command);
    return new ThroughputRun(
        r.get("seconds").asDouble(),
        r.path("cpuSeconds").asDouble(-1),
        r.get("rows").asLong(),
        r.get("batches").asLong());
  }

  @Override
  public void startPassThrough(
      String bootstrapServers, String inputTopic, String outputTopic, Path checkpoint) {
    ObjectNode command = command("kafka-passthrough-start");
    command.put("bootstrapServers", bootstrapServers);
    command.put("inputTopic", inputTopic);
    command.put("outputTopic", outputTopic);
    command.put("checkpoint", checkpoint.toAbsolutePath().toString());
    call(command);
  }

  @Override
  public PassThroughResult stopPassThrough() {
    JsonNode r = call(command("kafka-passthrough-stop"));
    Map<String, Double> durations = new TreeMap<>();
    r.path("meanDurationMs")
        .fields()
        .forEachRemaining(e -> durations.put(e.getKey(), e.getValue().asDouble()));
    return new PassThroughResult(r.get("batches").asLong(), durations);
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
            throw KafkaBenchErrors.queryFailed(
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
    return KafkaBenchErrors.peerFailed(exitCode, reason, log);
  }
}
