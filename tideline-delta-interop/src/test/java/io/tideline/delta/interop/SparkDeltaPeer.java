package io.tideline.delta.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Apache Spark with delta-spark in a child JVM: tideline-spark's {@code SparkPeer delta-serve}, one
 * JSON command a line on its standard input, one JSON answer a line on its standard output
 * (tideline-spark/README.md, {@code delta-serve}).
 *
 * <p>Spark's classpath clashes with Tideline's, so nothing here links against Spark: the peer's
 * classes and {@code target/classpath.txt} are found under the repository root ({@code
 * -Dtideline.repo}, else at or above the working folder). The process starts at once and its
 * session starts while the caller prepares tables; the first {@link #call} waits for its {@code
 * ready} line. Spark's log (standard error) goes to {@code target/spark-delta-peer.log}. One test
 * thread at a time.
 */
final class SparkDeltaPeer implements AutoCloseable {
  private static final String PEER_MAIN = "io.tideline.spark.peer.SparkPeer";
  private static final String PEER_CLASS = "io/tideline/spark/peer/DeltaServe.class";

  private final ObjectMapper json = new ObjectMapper();
  private final Process process;
  private final Path log;
  private final BufferedReader out;
  private final Writer in;
  private JsonNode ready;

  private SparkDeltaPeer(Process process, Path log) {
    this.process = process;
    this.log = log;
    this.out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
  }

  /**
   * Why the peer cannot start here (its classes or classpath file are missing), or empty when it is
   * built.
   */
  static Optional<String> missing() {
    return missing(repo());
  }

  /** {@link #missing()} for the repository at {@code repo}. */
  static Optional<String> missing(Path repo) {
    for (Path required :
        List.of(
            repo.resolve("tideline-spark/target/classes").resolve(PEER_CLASS),
            repo.resolve("tideline-spark/target/classpath.txt"))) {
      if (!Files.exists(required)) {
        return Optional.of(
            "the Spark peer is not built ("
                + required
                + " is missing); build it with: mvn -pl tideline-spark compile");
      }
    }
    return Optional.empty();
  }

  /** Starts {@code SparkPeer delta-serve workDir}; relative paths in commands resolve there. */
  static SparkDeltaPeer start(Path workDir) {
    Path repo = repo();
    Path log = repo.resolve("tideline-delta-interop/target/spark-delta-peer.log");
    try {
      String classpath =
          repo.resolve("tideline-spark/target/classes")
              + File.pathSeparator
              + Files.readString(repo.resolve("tideline-spark/target/classpath.txt")).trim();
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Xmx" + System.getProperty("tideline.spark.heap", "1g"));
      command.add("-XX:+UseParallelGC");
      command.add("-cp");
      command.add(classpath);
      command.add(PEER_MAIN);
      command.add("delta-serve");
      command.add(workDir.toAbsolutePath().toString());
      Files.createDirectories(log.getParent());
      ProcessBuilder pb = new ProcessBuilder(command).redirectError(log.toFile());
      // Spark otherwise advertises a non-loopback interface, on top of spark.driver.host.
      pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
      return new SparkDeltaPeer(pb.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the Spark peer; see " + log, e);
    }
  }

  /** A new command named {@code name}, for the caller to add fields to. */
  ObjectNode command(String name) {
    ObjectNode command = json.createObjectNode();
    command.put("command", name);
    return command;
  }

  /**
   * Sends {@code command} and returns Spark's answer.
   *
   * @throws AssertionError naming Spark's error condition and message when Spark answers with an
   *     error, or when the peer died
   */
  JsonNode call(ObjectNode command) {
    JsonNode answer = callForAnswer(command);
    if (answer.path("event").asText().equals("error")) {
      throw new AssertionError(
          "Spark failed "
              + command.get("command").asText()
              + ": "
              + answer.path("error").path("condition").asText("")
              + " "
              + answer.path("error").path("message").asText()
              + " (Spark's log: "
              + log
              + ")");
    }
    return answer;
  }

  /**
   * Spark's read of the table at {@code path}: latest, or at {@code versionAsOf} or {@code
   * timestampAsOf} when not null; the answer holds {@code schema} and {@code rows}.
   */
  JsonNode read(String path, Long versionAsOf, String timestampAsOf) {
    ObjectNode command = command("delta-read");
    command.put("path", path);
    if (versionAsOf != null) {
      command.put("versionAsOf", versionAsOf);
    }
    if (timestampAsOf != null) {
      command.put("timestampAsOf", timestampAsOf);
    }
    return call(command);
  }

  /**
   * Spark's {@code DESCRIBE HISTORY} of the table ({@code history}, oldest first) and the
   * transaction ids it sees ({@code transactions}, application id to version).
   */
  JsonNode history(String path) {
    ObjectNode command = command("delta-history");
    command.put("path", path);
    return call(command);
  }

  /** Sends {@code command} and returns the answer, an {@code error} event included. */
  JsonNode callForAnswer(ObjectNode command) {
    awaitReady();
    try {
      in.write(command.toString());
      in.write('\n');
      in.flush();
    } catch (IOException e) {
      throw died("it stopped reading commands (" + e.getMessage() + ")");
    }
    return next();
  }

  /** The Spark and delta-spark versions the peer reported. */
  String versions() {
    awaitReady();
    return "Spark "
        + ready.path("engineVersion").asText()
        + ", delta-spark "
        + ready.path("deltaVersion").asText();
  }

  private void awaitReady() {
    if (ready == null) {
      ready = next();
      if (!ready.path("event").asText().equals("ready")) {
        throw died("it answered " + ready + " before it was ready");
      }
    }
  }

  /** The next JSON object the peer prints; other lines are skipped. */
  private JsonNode next() {
    try {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("{")) {
          return json.readTree(line);
        }
      }
    } catch (IOException e) {
      throw died("its output broke (" + e.getMessage() + ")");
    }
    throw died("it ended without answering");
  }

  private AssertionError died(String reason) {
    process.destroyForcibly();
    return new AssertionError("The Spark peer failed: " + reason + "; its log is " + log);
  }

  @Override
  public void close() {
    try {
      in.write("quit\n");
      in.close();
    } catch (IOException e) {
      // Gone already; waiting below reaps it either way.
    }
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static Path repo() {
    String configured = System.getProperty("tideline.repo");
    Path start = Path.of(configured != null ? configured : "").toAbsolutePath().normalize();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("tideline-spark"))) {
        return dir;
      }
    }
    return start;
  }
}
