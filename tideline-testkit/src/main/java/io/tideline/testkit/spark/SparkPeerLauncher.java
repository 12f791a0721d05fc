package io.tideline.testkit.spark;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Starts tideline-spark's {@code SparkPeer} in a child JVM for one oracle run and reads what the
 * oracles share: where the repository and the built peer are, and Spark's error encoding.
 */
final class SparkPeerLauncher {
  private static final String PEER_MAIN = "io.tideline.spark.peer.SparkPeer";

  private final Path repo;
  private final String heap;
  private final String classpath;

  /**
   * Finds the repository and checks that the peer is built, with {@code requiredClass} (a class
   * file path under the peer's classes) among its classes.
   *
   * @throws IllegalStateException naming the missing file and the command that builds it
   */
  SparkPeerLauncher(String requiredClass) {
    this.repo = findRepo();
    this.heap = System.getProperty("tideline.spark.heap", "1g");
    this.classpath = classpath(repo, requiredClass);
  }

  /**
   * Runs {@code SparkPeer <mode> <specFile>} to its end, Spark's log going to {@code log}.
   *
   * @param jvmFlags extra flags for the peer's JVM
   * @param what the oracle's name for messages, e.g. "Spark oracle"
   * @throws IllegalStateException when the peer exits with an error or writes no {@code output}
   */
  void run(List<String> jvmFlags, String mode, Path specFile, Path output, Path log, String what)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    command.addAll(jvmFlags);
    command.add("-cp");
    command.add(classpath);
    command.add(PEER_MAIN);
    command.add(mode);
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
          "The "
              + what
              + " failed (exit code "
              + exitCode
              + "): "
              + stdout.trim()
              + "; its log is "
              + log);
    }
  }

  /** Spark's error as the peer encodes it, or empty for a missing or null node. */
  static Optional<OracleAnswer.SparkError> parseError(JsonNode e) {
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

  private static String classpath(Path repo, String requiredClass) {
    Path classes = repo.resolve("tideline-spark/target/classes");
    Path listFile = repo.resolve("tideline-spark/target/classpath.txt");
    for (Path required : List.of(classes.resolve(requiredClass), listFile)) {
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
