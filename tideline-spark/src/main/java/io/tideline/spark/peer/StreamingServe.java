package io.tideline.spark.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The streaming benchmark's serve loop: runs one {@link StreamingWorkloads} measurement per command
 * line, so the harness can interleave Spark's runs with Tideline's on one warm session.
 *
 * <p>Protocol, one JSON object a line. First the peer prints {@code {"event":"ready",
 * "engineVersion", "sessionStartSeconds"}}. Then for each command read from standard input it
 * prints one answer whose {@code event} repeats the command's name:
 *
 * <ul>
 *   <li>{@code {"command":"first-batch","input":DIR,"checkpoint":DIR}} → {@code seconds}, {@code
 *       startReturnedSeconds}, {@code rows};
 *   <li>{@code {"command":"batch-overhead","warmupBatches":W,"batches":N,"checkpoint":DIR}} →
 *       {@code triggerExecutionMs} and {@code wallMs} (arrays, one entry per measured batch),
 *       {@code rows} (rows in the memory sink, warm-up included);
 *   <li>{@code {"command":"throughput","input":DIR,"maxFilesPerTrigger":K,"checkpoint":DIR}} →
 *       {@code seconds}, {@code cpuSeconds}, {@code rows}, {@code batches};
 *   <li>{@code {"command":"windowed","input":DIR,"format":"parquet"|"json","outputMode":
 *       "update"|"append","maxFilesPerTrigger":K,"checkpoint":DIR}} → {@code seconds}, {@code
 *       cpuSeconds}, {@code inputRows}, {@code answer} ({@code rows}, {@code sumBids}, {@code
 *       sumMaxPrice}): {@link WindowedWorkloads#windowed};
 *   <li>{@code {"command":"windowed-recovery","build":FILE,"extra":FILE,"runDir":DIR,"provider":
 *       "default"|"rocksdb"}} → {@code buildSeconds}, {@code recoverySeconds}, {@code stateRows},
 *       {@code firstBatch} (as {@code answer}): {@link WindowedWorkloads#recovery};
 *   <li>the Kafka benchmark's {@code kafka-throughput}, {@code kafka-passthrough-start} and {@code
 *       kafka-passthrough-stop}, see {@link KafkaServeCommands}.
 * </ul>
 *
 * <p>Relative paths are resolved against the work folder given on the command line. A command that
 * fails is answered with {@code {"event":"error","error":{"condition","message"}}} and the loop
 * goes on; the line {@code quit} or the end of input ends it.
 */
final class StreamingServe {
  static final String NAME = "streaming-serve";

  private final ServeProtocol protocol = new ServeProtocol(NAME, this::run);
  private final PeerSession session;
  private final Path workDir;
  private final KafkaServeCommands kafka;
  private int overheadQueries;

  StreamingServe(PeerSession session, Path workDir) {
    if (!Files.isDirectory(workDir)) {
      throw PeerErrors.inputNotFound("Work folder", workDir);
    }
    this.session = session;
    this.workDir = workDir;
    this.kafka = new KafkaServeCommands(session, workDir);
  }

  void serve(BufferedReader in, PrintStream out) throws IOException {
    protocol.serve(protocol.ready(session), in, out);
  }

  /** The answer to one command line; never throws for a bad command or a failed query. */
  ObjectNode answer(String line) {
    return protocol.answer(line);
  }

  private void run(String name, JsonNode command, ObjectNode result) throws Exception {
    switch (name) {
      case "first-batch" -> firstBatch(command, result);
      case "batch-overhead" -> batchOverhead(command, result);
      case "throughput" -> throughput(command, result);
      case KafkaServeCommands.THROUGHPUT,
          KafkaServeCommands.PASSTHROUGH_START,
          KafkaServeCommands.PASSTHROUGH_STOP ->
          kafka.run(name, command, result);
      case "windowed" -> windowed(command, result);
      case "windowed-recovery" -> windowedRecovery(command, result);
      default ->
          throw PeerErrors.usage(
              "Unknown streaming command '"
                  + name
                  + "'; send first-batch, batch-overhead, throughput, windowed,"
                  + " windowed-recovery, kafka-throughput, kafka-passthrough-start,"
                  + " kafka-passthrough-stop or quit");
    }
  }

  private void firstBatch(JsonNode command, ObjectNode result) throws Exception {
    Path input = inputFolder(command);
    Path checkpoint = path(command, "checkpoint");
    StreamingWorkloads.FirstBatch r =
        StreamingWorkloads.firstBatch(session.spark(), input, checkpoint);
    result.put("seconds", r.seconds());
    result.put("startReturnedSeconds", r.startReturnedSeconds());
    result.put("rows", r.rows());
  }

  private void batchOverhead(JsonNode command, ObjectNode result) throws Exception {
    int warmup = intField(command, "warmupBatches", 0);
    int batches = intField(command, "batches", 1);
    Path checkpoint = path(command, "checkpoint");
    StreamingWorkloads.BatchOverhead r =
        StreamingWorkloads.batchOverhead(
            session.spark(), "bench_overhead_" + (++overheadQueries), warmup, batches, checkpoint);
    ArrayNode trigger = result.putArray("triggerExecutionMs");
    r.triggerExecutionMs().forEach(trigger::add);
    ArrayNode wall = result.putArray("wallMs");
    r.wallMs().forEach(wall::add);
    result.put("rows", r.rows());
  }

  private void throughput(JsonNode command, ObjectNode result) throws Exception {
    Path input = inputFolder(command);
    int maxFiles = intField(command, "maxFilesPerTrigger", 1);
    Path checkpoint = path(command, "checkpoint");
    StreamingWorkloads.Throughput r =
        StreamingWorkloads.throughput(session.spark(), input, maxFiles, checkpoint);
    result.put("seconds", r.seconds());
    result.put("cpuSeconds", r.cpuSeconds());
    result.put("rows", r.rows());
    result.put("batches", r.batches());
  }

  private void windowed(JsonNode command, ObjectNode result) throws Exception {
    Path input = inputFolder(command);
    String format = textField(command, "format");
    String outputMode = textField(command, "outputMode");
    int maxFiles = intField(command, "maxFilesPerTrigger", 1);
    Path checkpoint = path(command, "checkpoint");
    WindowedWorkloads.Run r =
        WindowedWorkloads.windowed(
            session.spark(), input, format, outputMode, maxFiles, checkpoint);
    result.put("seconds", r.seconds());
    result.put("cpuSeconds", r.cpuSeconds());
    result.put("inputRows", r.inputRows());
    answer(result.putObject("answer"), r.answer());
  }

  private void windowedRecovery(JsonNode command, ObjectNode result) throws Exception {
    Path build = path(command, "build");
    Path extra = path(command, "extra");
    Path runDir = path(command, "runDir");
    String provider = textField(command, "provider");
    WindowedWorkloads.Recovery r =
        WindowedWorkloads.recovery(session.spark(), build, extra, runDir, provider);
    result.put("buildSeconds", r.buildSeconds());
    result.put("recoverySeconds", r.recoverySeconds());
    result.put("stateRows", r.stateRows());
    answer(result.putObject("firstBatch"), r.firstBatch());
  }

  private static void answer(ObjectNode node, WindowedWorkloads.Answer a) {
    node.put("rows", a.rows());
    node.put("sumBids", a.sumBids());
    node.put("sumMaxPrice", a.sumMaxPrice());
  }

  private static String textField(JsonNode command, String field) {
    JsonNode value = command.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw PeerErrors.usage(
          "Command '" + command.path("command").asText() + "' needs a word in '" + field + "'");
    }
    return value.asText();
  }

  private Path inputFolder(JsonNode command) {
    Path input = path(command, "input");
    if (!Files.isDirectory(input)) {
      throw PeerErrors.inputNotFound("Input folder", input);
    }
    return input;
  }

  private Path path(JsonNode command, String field) {
    JsonNode value = command.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw PeerErrors.usage(
          "Command '" + command.path("command").asText() + "' needs a path in '" + field + "'");
    }
    return workDir.resolve(value.asText()).toAbsolutePath();
  }

  private static int intField(JsonNode command, String field, int min) {
    JsonNode value = command.get(field);
    if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
      throw PeerErrors.usage(
          "Command '"
              + command.path("command").asText()
              + "' needs a whole number in '"
              + field
              + "'");
    }
    if (value.asInt() < min) {
      throw PeerErrors.usage(field + " must be at least " + min + ", got " + value.asInt());
    }
    return value.asInt();
  }
}
