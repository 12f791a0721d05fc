package io.tideline.bench.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tideline.bench.SparkPeerProcess;
import io.tideline.bench.SparkServeChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Spark's side of the Kafka benchmark: tideline-spark's {@code SparkPeer streaming-serve} in its
 * own JVM, driven with the Kafka commands of that protocol ({@code kafka-throughput}, {@code
 * kafka-passthrough-start}, {@code kafka-passthrough-stop}; see tideline-spark's {@code
 * KafkaServeCommands}), one JSON command a line in and one JSON answer a line out. Spark reads with
 * its own Kafka source ({@code spark-sql-kafka-0-10}) from the harness's broker.
 */
final class SparkKafkaEngine implements KafkaEngine {
  static final String WORKLOAD = "streaming-serve";

  private final SparkServeChannel channel;

  SparkKafkaEngine(Process process, Path log) {
    this.channel = new SparkServeChannel(process, log, new PeerFailures());
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
    return channel.version();
  }

  @Override
  public double sessionStartSeconds() {
    return channel.sessionStartSeconds();
  }

  @Override
  public ThroughputRun throughput(
      String bootstrapServers, String topic, long maxOffsetsPerTrigger, Path checkpoint) {
    ObjectNode command = channel.command("kafka-throughput");
    command.put("bootstrapServers", bootstrapServers);
    command.put("topic", topic);
    command.put("maxOffsetsPerTrigger", maxOffsetsPerTrigger);
    command.put("checkpoint", checkpoint.toAbsolutePath().toString());
    JsonNode r = channel.call(command);
    return new ThroughputRun(
        r.get("seconds").asDouble(),
        r.path("cpuSeconds").asDouble(-1),
        r.get("rows").asLong(),
        r.get("batches").asLong());
  }

  @Override
  public void startPassThrough(
      String bootstrapServers, String inputTopic, String outputTopic, Path checkpoint) {
    ObjectNode command = channel.command("kafka-passthrough-start");
    command.put("bootstrapServers", bootstrapServers);
    command.put("inputTopic", inputTopic);
    command.put("outputTopic", outputTopic);
    command.put("checkpoint", checkpoint.toAbsolutePath().toString());
    channel.call(command);
  }

  @Override
  public PassThroughResult stopPassThrough() {
    JsonNode r = channel.call(channel.command("kafka-passthrough-stop"));
    Map<String, Double> durations = new TreeMap<>();
    r.path("meanDurationMs")
        .fields()
        .forEachRemaining(e -> durations.put(e.getKey(), e.getValue().asDouble()));
    return new PassThroughResult(r.get("batches").asLong(), durations);
  }

  @Override
  public void close() {
    channel.close();
  }

  /** An error event fails the query that was due; anything else is the peer failing. */
  private static final class PeerFailures implements SparkServeChannel.Failures {
    @Override
    public RuntimeException peerFailed(int exitCode, String reason, Path log) {
      return KafkaBenchErrors.peerFailed(exitCode, reason, log);
    }

    @Override
    public Optional<RuntimeException> commandFailed(String command, JsonNode error, Path log) {
      return Optional.of(
          KafkaBenchErrors.queryFailed("spark", command, SparkServeChannel.describe(error, log)));
    }
  }
}
