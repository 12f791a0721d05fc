package io.tideline.testkit.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Apache Spark as the oracle of differential tests: runs an {@link OracleSpec} in the {@code
 * sql-oracle} mode of {@code io.tideline.spark.peer.SparkPeer}, in a child JVM, and returns Spark's
 * answers.
 *
 * <p>Spark's classpath clashes with Tideline's, so nothing here links against Spark: the peer's
 * compiled classes and its {@code target/classpath.txt} are found under the repository root (the
 * folder at or above {@code -Dtideline.repo}, default the working directory, that holds {@code
 * tideline-spark/}). Build the peer first with {@code mvn -pl tideline-spark compile} (a reactor
 * build with {@code -am} does it). One {@link #run} is one Spark session start (5–15 s here), so a
 * test suite batches all its queries into one spec. The peer's log goes to {@code spark-oracle.log}
 * next to the spec.
 */
public final class SparkOracle {
  private final SparkPeerLauncher peer;

  private SparkOracle(SparkPeerLauncher peer) {
    this.peer = peer;
  }

  /**
   * Finds the repository and checks that the peer is built.
   *
   * @throws IllegalStateException naming the missing file and the command that builds it
   */
  public static SparkOracle locate() {
    return new SparkOracle(new SparkPeerLauncher("io/tideline/spark/peer/SparkPeer.class"));
  }

  /**
   * Runs every query of {@code spec} in one Spark session and returns the answers by query id, in
   * spec order.
   *
   * @param workDir where the spec, the answers and the peer's log are written
   * @throws IllegalStateException when the peer itself fails (not when a query fails: that is an
   *     answer)
   */
  public Map<String, OracleAnswer> run(OracleSpec spec, Path workDir) {
    try {
      Files.createDirectories(workDir);
      Path specFile = workDir.resolve("spark-oracle-spec.json");
      Path output = workDir.resolve("spark-oracle-answers.jsonl");
      Path log = workDir.resolve("spark-oracle.log");
      Files.writeString(specFile, spec.toJson(output), StandardCharsets.UTF_8);
      Files.deleteIfExists(output);

      peer.run(List.of(), "sql-oracle", specFile, output, log, "Spark oracle");
      return parseAnswers(Files.readAllLines(output, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not run the Spark oracle in " + workDir, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the Spark oracle", e);
    }
  }

  /** Parses the peer's result lines (one JSON object per query). */
  static Map<String, OracleAnswer> parseAnswers(List<String> lines) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    Map<String, OracleAnswer> answers = new LinkedHashMap<>();
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode node = mapper.readTree(line);
      String id = node.get("id").asText();
      Optional<OracleAnswer.SparkError> error = SparkPeerLauncher.parseError(node.get("error"));
      List<JsonNode> rows = new ArrayList<>();
      node.path("rows").forEach(rows::add);
      Optional<String> schema =
          node.hasNonNull("schema") ? Optional.of(node.get("schema").asText()) : Optional.empty();
      answers.put(id, new OracleAnswer(id, schema, List.copyOf(rows), error));
    }
    return answers;
  }
}
