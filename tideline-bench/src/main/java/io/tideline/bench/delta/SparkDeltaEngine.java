package io.tideline.bench.delta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tideline.bench.SparkServeEngine;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Spark's side of the Delta benchmark: tideline-spark's {@code SparkPeer delta-bench-serve} (Spark
 * 4.2 {@code local[2]} with delta-spark 4.4.0's session extensions) in its own JVM, driven with its
 * {@code delta-bronze} and {@code delta-checksum} commands, one JSON line each way.
 */
final class SparkDeltaEngine extends SparkServeEngine implements DeltaEngine {
  /** The peer's serve mode for this benchmark. */
  static final String WORKLOAD = "delta-bench-serve";

  SparkDeltaEngine(Process process, Path log) {
    super(process, log, DeltaBenchErrors::peerFailed, DeltaBenchErrors::queryFailed);
  }

  /** Starts the peer with {@code workDir} as its work folder and waits until its session is up. */
  static SparkDeltaEngine start(Path workDir) {
    return SparkServeEngine.start(WORKLOAD, workDir, SparkDeltaEngine::new);
  }

  @Override
  public BronzeRun bronze(
      String bootstrapServers,
      String topic,
      long maxOffsetsPerTrigger,
      Path checkpoint,
      Path table) {
    ObjectNode command = channel().command("delta-bronze");
    command.put("bootstrapServers", bootstrapServers);
    command.put("topic", topic);
    command.put("maxOffsetsPerTrigger", maxOffsetsPerTrigger);
    command.put("checkpoint", checkpoint.toAbsolutePath().toString());
    command.put("table", table.toAbsolutePath().toString());
    JsonNode r = channel().call(command);
    Map<String, Long> durations = new TreeMap<>();
    r.path("durationMs")
        .fields()
        .forEachRemaining(e -> durations.put(e.getKey(), e.getValue().asLong()));
    return new BronzeRun(
        r.get("seconds").asDouble(),
        r.path("cpuSeconds").asDouble(-1),
        r.get("batches").asLong(),
        durations);
  }

  @Override
  public TableChecksum checksum(Path table) {
    ObjectNode command = channel().command("delta-checksum");
    command.put("table", table.toAbsolutePath().toString());
    JsonNode r = channel().call(command);
    return new TableChecksum(
        r.get("rows").asLong(),
        r.get("over100").asLong(),
        r.get("sumAmount").asDouble(),
        r.get("nullOrderIds").asLong(),
        r.get("nullCustomerIds").asLong(),
        r.get("nullProducts").asLong(),
        r.get("nullAmounts").asLong(),
        r.get("nullOrderTimes").asLong(),
        r.get("nullKafkaTimestamps").asLong(),
        text(r, "minOrderTime"),
        text(r, "maxOrderTime"),
        text(r, "minKafkaTimestamp"),
        text(r, "maxKafkaTimestamp"));
  }

  private static String text(JsonNode r, String field) {
    JsonNode value = r.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
