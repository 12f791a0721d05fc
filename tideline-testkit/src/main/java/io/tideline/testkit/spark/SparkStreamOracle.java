package io.tideline.testkit.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final SparkPeerLauncher peer;

  private SparkStreamOracle(SparkPeerLauncher peer) {
    this.peer = peer;
  }

  /**
   * Finds the repository and checks that the peer is built.
   *
   * @throws IllegalStateException naming the missing file and the command that builds it
   */
  public static SparkStreamOracle locate() {
    return new SparkStreamOracle(
        new SparkPeerLauncher("io/tideline/spark/peer/StreamOracle.class"));
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

      // The peer lives about a minute and runs little data: C2 compilation would burn more CPU
      // than it saves (measured on the 2-core machine: 61 s instead of 106 s for the suite).
      peer.run(
          List.of("-XX:TieredStopAtLevel=1"),
          "stream-oracle",
          specFile,
          output,
          log,
          "Spark stream oracle");
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
              SparkPeerLauncher.parseError(node.get("error")),
              node.path("error").path("batchId").asLong(-1),
              SparkPeerLauncher.parseError(node.get("startError"))));
    }
    return answers;
  }
}
