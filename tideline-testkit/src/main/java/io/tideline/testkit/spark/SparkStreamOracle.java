package io.tideline.testkit.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Apache Spark Structured Streaming as the oracle of streaming differential tests: runs a spec in
 * the {@code stream-oracle} mode of {@code io.tideline.spark.peer.SparkPeer} (its Javadoc, class
 * {@code StreamOracle}, documents the spec) in a child JVM, and returns what Spark delivered per
 * case.
 *
 * <p>Finds the peer as {@link SparkOracle} does (build it with {@code mvn -pl tideline-spark
 * compile}); one {@link #run} is one Spark session, so a suite puts all its cases into one spec.
 * The peer's log goes to {@code spark-stream-oracle.log} in the work folder.
 */
public final class SparkStreamOracle {
  private static final String PEER_MAIN = "io.tideline.spark.peer.SparkPeer";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path repo;
  private final String heap;

  private SparkStreamOracle(Path repo, String heap) {
    this.repo = repo;
    this.heap = heap;
  }

  /**
   * Finds the repository and checks that the peer is built.
   *
   * @throws IllegalStateException naming the missing file and the command that builds it
   */
  public static SparkStreamOracle locate() {
    SparkStreamOracle oracle =
        new SparkStreamOracle(findRepo(), System.getProperty("tideline.spark.heap", "1g"));
    oracle.classpath();
    return oracle;
  }

  /**
   * Runs every case of {@code spec} (its {@code output} is set here) in one Spark session and
   * returns Spark's answers by case id, in spec order.
   *
   * @throws IllegalStateException when the peer itself fails (a failing case is an answer)
   */
  public Map<String, StreamOracleAnswer> run(ObjectNode spec, Path workDir) {
    try {
      Files.createDirectories(workDir);
      Path specFile = workDir.resolve("spark-stream-oracle-spec.json");
      Path output = workDir.resolve("spark-stream-oracle-answers.jsonl");
      Path log = workDir.resolve("spark-stream-oracle.log");
      ObjectNode withOutput = spec.deepCopy();
      withOutput.put("output", output.toAbsolutePath().toString());
      Files.writeString(
          specFile,
          MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(withOutput),
          StandardCharsets.UTF_8);
      Files.deleteIfExists(output);

      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Xmx" + heap);
      // The peer lives about a minute and runs little data: C2 compilation would burn more CPU
      // than it saves (measured on the 2-core machine: 61 s instead of 106 s for the suite).
      command.add("-XX:TieredStopAtLevel=1");
      command.add("-cp");
      command.add(classpath());
      command.add(PEER_MAIN);
      command.add("stream-oracle");
      command.add(specFile.toString());
      ProcessBuilder pb = new ProcessBuilder(command).redirectError(log.toFile());
      pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
      Process process = pb.start();
      process.getOutputStream().close();
      String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exitCode = process.waitFor();
      if (exitCode != 0 || !Files.exists(output)) {
        throw new IllegalStateException(
            "The Spark stream oracle failed (exit code "
                + exitCode
                + "): "
                + stdout.trim()
                + "; its log is "
                + log);
      }
      return parseAnswers(Files.readAllLines(output, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not run the Spark stream oracle in " + workDir, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the Spark stream oracle", e);
    }
  }

  /** Parses the peer's result lines (one JSON object per case). */
  static Map<String, StreamOracleAnswer> parseAnswers(List<String> lines) throws IOException {
    Map<String, StreamOracleAnswer> answers = new LinkedHashMap<>();
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode node = MAPPER.readTree(line);
      String id = node.get("id").asText();
      List<StreamOracleAnswer.Batch> batches = new ArrayList<>();
      for (JsonNode b : node.path("batches")) {
        List<JsonNode> rows = new ArrayList<>();
        b.path("rows").forEach(rows::add);
        batches.add(
            new StreamOracleAnswer.Batch(
                b.get("batchId").asLong(), b.get("schema").asText(), List.copyOf(rows)));
      }
      List<JsonNode> progress = new ArrayList<>();
      node.path("progress").forEach(progress::add);
      answers.put(
          id,
          new StreamOracleAnswer(
              id,
              List.copyOf(batches),
              List.copyOf(progress),
              error(node.get("error")),
              node.path("error").path("batchId").asLong(-1),
              error(node.get("startError"))));
    }
    return answers;
  }

  private static Optional<OracleAnswer.SparkError> error(JsonNode e) {
    if (e == null || e.isNull()) {
      return Optional.empty();
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    e.path("parameters")
        .fields()
        .forEachRemaining(p -> parameters.put(p.getKey(), p.getValue().asText()));
    List<String> causes = new ArrayList<>();
    e.path("causeConditions").forEach(c -> causes.add(c.asText()));
    JsonNode condition = e.get("condition");
    return Optional.of(
        new OracleAnswer.SparkError(
            condition == null || condition.isNull()
                ? Optional.empty()
                : Optional.of(condition.asText()),
            parameters,
            causes,
            e.path("exception").asText(),
            e.path("message").asText()));
  }

  private String classpath() {
    Path classes = repo.resolve("tideline-spark/target/classes");
    Path listFile = repo.resolve("tideline-spark/target/classpath.txt");
    for (Path required :
        List.of(classes.resolve("io/tideline/spark/peer/StreamOracle.class"), listFile)) {
      if (!Files.exists(required)) {
        throw new IllegalStateException(
            "The Spark peer is not built: "
                + required
                + " is missing. Build it with: mvn -pl tideline-spark compile");
      }
    }
    try {
      return classes + File.pathSeparator + Files.readString(listFile).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + listFile, e);
    }
  }

  private static Path findRepo() {
    String configured = System.getProperty("tideline.repo");
    Path start = Path.of(configured != null ? configured : "").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("tideline-spark"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "No tideline-spark folder at or above "
            + start
            + "; run from the repository or set -Dtideline.repo");
  }
}
