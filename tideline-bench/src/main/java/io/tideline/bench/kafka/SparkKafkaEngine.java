package io.tideline.bench.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tideline.bench.SparkServeEngine;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Spark's side of the Kafka benchmark: tideline-spark's {@code SparkPeer streaming-serve} in its
 * own JVM, driven with the Kafka commands of that protocol ({@code kafka-throughput}, {@code
 * kafka-passthrough-start}, {@code kafka-passthrough-stop}; see tideline-spark's {@code
 * KafkaServeCommands}), one JSON command a line in and one JSON answer a line out. Spark reads with
 * its own Kafka source ({@code spark-sql-kafka-0-10}) from the harness's broker.
 */
final class SparkKafkaEngine extends SparkServeEngine implements KafkaEngine {
  SparkKafkaEngine(Process process, Path log) {
    super(process, log, KafkaBenchErrors::peerFailed, KafkaBenchErrors::queryFailed);
  }

  /** Starts the peer with {@code workDir} as its work folder and waits until its session is up. */
  static SparkKafkaEngine start(Path workDir) {
    return SparkServeEngine.start(workDir, SparkKafkaEngine::new);
  }

  @Override
  public ThroughputRun throughput(
      String bootstrapServers, String topic, long maxOffsetsPerTrigger, Path checkpoint) {
    ObjectNode command = channel().command("kafka-throughput");
    command.put("bootstrapServers", bootstrapServers);
    command.put("topic", topic);
    command.put("maxOffsetsPerTrigger", maxOffsetsPerTrigger);
    command.put("checkpoint", checkpoint.toAbsolutePath().toString());
    JsonNode r = channel().call(command);
    return new ThroughputRun(
        r.get("seconds").asDouble(),
        r.path("cpuSeconds").asDouble(-1),
        r.get("rows").asLong(),
        r.get("batches").asLong());
  }

  @Override
  public void startPassThrough(
      String bootstrapServers, String inputTopic, String outputTopic, Path checkpoint) {
    ObjectNode command = channel().command("kafka-passthrough-start");
    command.put("bootstrapServers", bootstrapServers);
    command.put("inputTopic", inputTopic);
    command.put("outputTopic", outputTopic);
    command.put("checkpoint", checkpoint.toAbsolutePath().toString());
    channel().call(command);
  }

  @Override
  public PassThroughResult stopPassThrough() {
    JsonNode r = channel().call(channel().command("kafka-passthrough-stop"));
    Map<String, Double> durations = new TreeMap<>();
    r.path("meanDurationMs")
        .fields()
        .forEachRemaining(e -> durations.put(e.getKey(), e.getValue().asDouble()));
    return new PassThroughResult(r.get("batches").asLong(), durations);
  }
}
