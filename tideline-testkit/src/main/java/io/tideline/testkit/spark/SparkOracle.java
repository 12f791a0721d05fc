package io.tideline.testkit.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
  private static final String PEER_MAIN = "io.tideline.spark.peer.SparkPeer";

  private final Path repo;
  private final String heap;

  private SparkOracle(Path repo, String heap) {
    this.repo = repo;
    this.heap = heap;
  }

  /**
   * Finds the repository and checks that the peer is built.
   *
   * @throws IllegalStateException naming the missing file and the command that builds it
   */
  public static SparkOracle locate() {
    SparkOracle oracle =
        new SparkOracle(findRepo(), System.getProperty("tideline.spark.heap", "1g"));
    oracle.classpath();
    return oracle;
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

      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Xmx" + heap);
      command.add("-cp");
      command.add(classpath());
      command.add(PEER_MAIN);
      command.add("sql-oracle");
      command.add(specFile.toString());
      ProcessBuilder pb = new ProcessBuilder(command).redirectError(log.toFile());
      // Spark otherwise advertises a non-loopback interface, on top of spark.driver.host.
      pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
      Process process = pb.start();
      process.getOutputStream().close();
      String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exitCode = process.waitFor();
      if (exitCode != 0 || !Files.exists(output)) {
        throw new IllegalStateException(
            "The Spark oracle failed (exit code "
                + exitCode
                + "): "
                + stdout.trim()
                + "; its log is "
                + log);
      }
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
      Optional<OracleAnswer.SparkError> error = Optional.empty();
      if (node.has("error")) {
        JsonNode e = node.get("error");
        Map<String, String> parameters = new LinkedHashMap<>();
        e.path("parameters")
            .fields()
            .forEachRemaining(p -> parameters.put(p.getKey(), p.getValue().asText()));
        List<String> causes = new ArrayList<>();
        e.path("causeConditions").forEach(c -> causes.add(c.asText()));
        JsonNode condition = e.get("condition");
        error =
            Optional.of(
                new OracleAnswer.SparkError(
                    condition == null || condition.isNull()
                        ? Optional.empty()
                        : Optional.of(condition.asText()),
                    parameters,
                    causes,
                    e.path("exception").asText(),
                    e.path("message").asText()));
      }
      List<JsonNode> rows = new ArrayList<>();
      node.path("rows").forEach(rows::add);
      Optional<String> schema =
          node.hasNonNull("schema") ? Optional.of(node.get("schema").asText()) : Optional.empty();
      answers.put(id, new OracleAnswer(id, schema, List.copyOf(rows), error));
    }
    return answers;
  }

  private String classpath() {
    Path classes = repo.resolve("tideline-spark/target/classes");
    Path listFile = repo.resolve("tideline-spark/target/classpath.txt");
    for (Path required :
        List.of(classes.resolve("io/tideline/spark/peer/SparkPeer.class"), listFile)) {
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
