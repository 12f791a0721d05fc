package io.tideline.spark.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Delta interoperability serve loop ({@code SparkPeer delta-serve WORKDIR}): one Spark session
 * with delta-spark answers many commands, so a test class pays Spark's start and its first Delta
 * query (about 18 s cold) once.
 *
 * <p>Protocol, one JSON object a line, as {@link StreamingServe}: first, once a warm-up write and
 * read of a scratch table is done, {@code {"event":"ready", "engineVersion", "deltaVersion",
 * "sessionStartSeconds", "warmupSeconds"}}; then for each command line one answer whose {@code
 * event} repeats the command's name. Paths are absolute or relative to {@code WORKDIR}:
 *
 * <ul>
 *   <li>{@code {"command":"delta-read","path":P,"versionAsOf":N|"timestampAsOf":TS}} → {@code
 *       schema}, {@code rows};
 *   <li>{@code {"command":"delta-history","path":P}} → {@code history} (oldest first), {@code
 *       transactions} (application id to version), {@code tableVersion};
 *   <li>{@code {"command":"delta-stream-read","path":P,"checkpoint":C,"options":{...}}} → {@code
 *       batches} ({@code batchId}, {@code rows});
 *   <li>{@code {"command":"delta-write","path":P,"schema":DDL,"rows":[{...}],"mode":M,
 *       "partitionBy":[...],"options":{"txnAppId":A,"txnVersion":"V"},"conf":{...}}} (or {@code
 *       "sql"} in place of schema and rows; {@code conf}: Spark settings for this write only) →
 *       {@code versionBefore}, {@code version};
 *   <li>{@code {"command":"delta-stream-write","path":P,"checkpoint":C,"schema":DDL,
 *       "batches":[[{...}],...],"partitionBy":[...]}} → {@code queryId}, {@code batches}, {@code
 *       version}.
 * </ul>
 *
 * <p>Rows are encoded as {@link SparkValueEncoder} encodes them and sorted by their JSON text; see
 * {@link DeltaWorkloads}. A failed command is answered with {@code {"event":"error","error":
 * {"condition","message",...}}} (Spark's error condition where it has one) and the loop goes on;
 * {@code quit} or the end of input ends it.
 */
final class DeltaServe {
  static final String NAME = "delta-serve";

  /** The settings delta-spark needs on top of {@link PeerSession}'s. */
  static final Map<String, String> DELTA_CONF =
      Map.of(
          "spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension",
          "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog",
          "spark.databricks.delta.snapshotPartitions", "2");

  private final ObjectMapper json = new ObjectMapper();
  private final ServeProtocol protocol = new ServeProtocol(NAME, this::run, SqlOracle::describe);
  private final PeerSession session;
  private final Path workDir;

  DeltaServe(PeerSession session, Path workDir) {
    if (!Files.isDirectory(workDir)) {
      throw PeerErrors.inputNotFound("Work folder", workDir);
    }
    this.session = session;
    this.workDir = workDir;
  }

  /** The session settings for a Delta peer: {@link #DELTA_CONF}, then {@code extra}. */
  static Map<String, String> conf(Map<String, String> extra) {
    Map<String, String> conf = new LinkedHashMap<>(DELTA_CONF);
    conf.putAll(extra);
    return conf;
  }

  void serve(BufferedReader in, PrintStream out) throws IOException {
    double warmupSeconds = warmUp();
    ObjectNode ready = protocol.ready(session);
    ready.put("deltaVersion", deltaVersion());
    ready.put("warmupSeconds", warmupSeconds);
    protocol.serve(ready, in, out);
  }

  /**
   * Writes, reads and describes a one-row table in a scratch folder and deletes it: Spark's first
   * Delta query costs seconds of class loading and code generation, which the harness overlaps with
   * its own work while it waits for {@code ready}. Returns the seconds it took.
   */
  private double warmUp() throws IOException {
    long t0 = System.nanoTime();
    Path scratch = Files.createTempDirectory(workDir, ".delta-warmup");
    try {
      String path = scratch.resolve("t").toString();
      session.spark().sql("SELECT 1L AS id, 'a' AS tag").write().format("delta").save(path);
      DeltaWorkloads.read(session.spark(), path, Map.of(), json.createObjectNode());
      DeltaWorkloads.history(session.spark(), path, json.createObjectNode());
    } finally {
      try (Stream<Path> files = Files.walk(scratch)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /** delta-spark's version; its holder is a Scala package object, which Java cannot name. */
  private static String deltaVersion() {
    try {
      return String.valueOf(Class.forName("io.delta.package").getMethod("VERSION").invoke(null));
    } catch (ReflectiveOperationException e) {
      return "?";
    }
  }

  /** The answer to one command line; never throws for a bad command or a failed query. */
  ObjectNode answer(String line) {
    return protocol.answer(line);
  }

  private void run(String name, JsonNode command, ObjectNode result) throws Exception {
    switch (name) {
      case "delta-read" -> {
        String path = path(command, "path");
        Map<String, String> options = new LinkedHashMap<>();
        for (String key : List.of("versionAsOf", "timestampAsOf")) {
          if (command.hasNonNull(key)) {
            options.put(key, command.get(key).asText());
          }
        }
        DeltaWorkloads.read(session.spark(), path, options, result);
      }
      case "delta-history" -> {
        String path = path(command, "path");
        DeltaWorkloads.history(session.spark(), path, result);
      }
      case "delta-stream-read" -> {
        String path = path(command, "path");
        Path checkpoint = Path.of(path(command, "checkpoint"));
        DeltaWorkloads.streamRead(
            session.spark(), path, strings(command.get("options")), checkpoint, result);
      }
      case "delta-write" -> {
        String path = path(command, "path");
        if (!command.hasNonNull("sql")) {
          text(command, "schema");
        }
        DeltaWorkloads.write(session.spark(), path, command, result);
      }
      case "delta-stream-write" -> {
        String path = path(command, "path");
        Path checkpoint = Path.of(path(command, "checkpoint"));
        text(command, "schema");
        DeltaWorkloads.streamWrite(session.spark(), path, command, checkpoint, result);
      }
      default ->
          throw PeerErrors.usage(
              "Unknown Delta command '"
                  + name
                  + "'; send delta-read, delta-history, delta-stream-read, delta-write,"
                  + " delta-stream-write or quit");
    }
  }

  /**
   * A JSON object of options as strings (numbers and booleans by their text); empty when absent.
   */
  static Map<String, String> strings(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node != null && node.isObject()) {
      node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }

  /** A JSON array of strings; empty when absent. */
  static List<String> stringList(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node != null) {
      node.forEach(n -> out.add(n.asText()));
    }
    return out;
  }

  static String text(JsonNode command, String field) {
    JsonNode value = command.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw PeerErrors.usage(
          "Command '" + command.path("command").asText() + "' needs a text in '" + field + "'");
    }
    return value.asText();
  }

  private String path(JsonNode command, String field) {
    return workDir.resolve(text(command, field)).toAbsolutePath().toString();
  }
}
