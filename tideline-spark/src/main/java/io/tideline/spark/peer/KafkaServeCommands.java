package io.tideline.spark.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * The Kafka benchmark's commands in the {@code streaming-serve} loop ({@link StreamingServe}), run
 * by {@link KafkaWorkloads} against the broker named in each command:
 *
 * <ul>
 *   <li>{@code {"command":"kafka-throughput","bootstrapServers":S,"topic":T,
 *       "maxOffsetsPerTrigger":M,"checkpoint":DIR}} → {@code seconds}, {@code cpuSeconds}, {@code
 *       rows}, {@code batches}; {@code maxOffsetsPerTrigger} 0 means no limit;
 *   <li>{@code {"command":"kafka-passthrough-start","bootstrapServers":S,"inputTopic":T,
 *       "outputTopic":U,"checkpoint":DIR}} → {@code startSeconds}, once {@code start()} returned;
 *       at most one pass-through query runs at a time;
 *   <li>{@code {"command":"kafka-passthrough-stop"}} → {@code batches} and {@code meanDurationMs}
 *       (phase to mean ms over the recent batches), after stopping it.
 * </ul>
 */
final class KafkaServeCommands {
  static final String THROUGHPUT = "kafka-throughput";
  static final String PASSTHROUGH_START = "kafka-passthrough-start";
  static final String PASSTHROUGH_STOP = "kafka-passthrough-stop";

  private final PeerSession session;
  private final Path workDir;
  private StreamingQuery passThrough;

  /** Commands for {@code session}; relative checkpoint paths resolve against {@code workDir}. */
  KafkaServeCommands(PeerSession session, Path workDir) {
    this.session = session;
    this.workDir = workDir;
  }

  /** Runs command {@code name} and puts its figures into {@code result}. */
  void run(String name, JsonNode command, ObjectNode result) throws Exception {
    switch (name) {
      case THROUGHPUT -> {
        String bootstrap = text(command, "bootstrapServers");
        String topic = text(command, "topic");
        long maxOffsets = command.path("maxOffsetsPerTrigger").asLong(0);
        Path checkpoint = workDir.resolve(text(command, "checkpoint")).toAbsolutePath();
        KafkaWorkloads.Throughput r =
            KafkaWorkloads.throughput(session.spark(), bootstrap, topic, maxOffsets, checkpoint);
        result.put("seconds", r.seconds());
        result.put("cpuSeconds", r.cpuSeconds());
        result.put("rows", r.rows());
        result.put("batches", r.batches());
      }
      case PASSTHROUGH_START -> {
        if (passThrough != null) {
          throw PeerErrors.usage(
              "A pass-through query is running already; send kafka-passthrough-stop first");
        }
        String bootstrap = text(command, "bootstrapServers");
        String input = text(command, "inputTopic");
        String output = text(command, "outputTopic");
        Path checkpoint = workDir.resolve(text(command, "checkpoint")).toAbsolutePath();
        long t0 = System.nanoTime();
        passThrough =
            KafkaWorkloads.startPassThrough(session.spark(), bootstrap, input, output, checkpoint);
        result.put("startSeconds", (System.nanoTime() - t0) / 1e9);
      }
      case PASSTHROUGH_STOP -> {
        if (passThrough == null) {
          throw PeerErrors.usage("No pass-through query is running; send " + PASSTHROUGH_START);
        }
        StreamingQuery query = passThrough;
        passThrough = null;
        KafkaWorkloads.PassThrough r = KafkaWorkloads.stopPassThrough(query);
        result.put("batches", r.batches());
        ObjectNode durations = result.putObject("meanDurationMs");
        r.meanDurationMs().forEach(durations::put);
      }
      default -> throw new IllegalStateException("Bug in Tideline: not a Kafka command " + name);
    }
  }

  private static String text(JsonNode command, String field) {
    JsonNode value = command.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw PeerErrors.usage(
          "Command '" + command.path("command").asText() + "' needs a text in '" + field + "'");
    }
    return value.asText();
  }
}
