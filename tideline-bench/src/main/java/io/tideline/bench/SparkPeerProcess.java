package io.tideline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Apache Spark as a benchmark peer: starts {@code io.tideline.spark.peer.SparkPeer} in its own JVM
 * and talks to it through its standard input and output.
 *
 * <p>Spark's classpath clashes with Tideline's, so tideline-bench does not depend on
 * tideline-spark; it finds the peer's compiled classes and {@code target/classpath.txt} under the
 * repository root (the folder above the working directory holding {@code tideline-spark/}, or
 * {@code -Dtideline.repo}). The peer's log (standard error) goes to a file under {@code
 * tideline-bench/target/bench-logs/}. System properties: {@code tideline.bench.sparkHeap} (default
 * {@code 4g}) sets the peer's heap.
 */
public final class SparkPeerProcess implements OrdersEngine {
  private static final String PEER_MAIN = "io.tideline.spark.peer.SparkPeer";

  private final Path repo;

  private SparkPeerProcess(Path repo) {
    this.repo = repo;
  }

  /** Locates the repository and checks that the peer is built. */
  public static SparkPeerProcess locate() {
    SparkPeerProcess peer = new SparkPeerProcess(RepoRoot.find());
    peer.classpath();
    return peer;
  }

  @Override
  public String name() {
    return "spark";
  }

  @Override
  public OrdersEngineSession start(OrdersDataset data) {
    Path log = logFile("json-orders-agg-serve");
    Process process =
        startPeer(List.of("json-orders-agg-serve", data.dir().toAbsolutePath().toString()), log);
    return new SparkPeerSession(process, log);
  }

  /**
   * Runs one peer workload and returns its result object.
   *
   * @throws io.tideline.internal.errors.TidelineException {@code BENCH_PEER_FAILED} when the peer
   *     exits non-zero or prints no result
   */
  public JsonNode run(List<String> peerArgs) {
    String workload = peerArgs.get(0);
    Path log = logFile(workload);
    Process process = startPeer(peerArgs, log);
    try {
      process.getOutputStream().close();
      String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exitCode = process.waitFor();
      JsonNode result = lastJsonLine(stdout);
      if (exitCode != 0 || result == null || result.has("error")) {
        throw BenchErrors.peerFailed(workload, exitCode, reason(result), log);
      }
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException("Lost the Spark peer's output; its log is in " + log, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the Spark peer", e);
    }
  }

  static String reason(JsonNode result) {
    if (result == null) {
      return "no result line on standard output";
    }
    if (result.has("error")) {
      return result.get("error").path("condition").asText("?")
          + ": "
          + result.get("error").path("message").asText();
    }
    return "unexpected line " + result;
  }

  /**
   * Starts the peer on {@code peerArgs} with {@code workingDir} as its working folder, so whatever
   * Spark writes by default lands there; its standard error goes to {@link #logFile}. The caller
   * talks to the process and reaps it.
   */
  public Process launch(List<String> peerArgs, Path workingDir) {
    return startPeer(peerArgs, logFile(peerArgs.get(0)), workingDir);
  }

  /** Where the peer's log (standard error) goes for {@code workload}. */
  public Path logFile(String workload) {
    return repo.resolve("tideline-bench/target/bench-logs/spark-peer-" + workload + ".log");
  }

  private Process startPeer(List<String> peerArgs, Path log) {
    return startPeer(peerArgs, log, null);
  }

  private Process startPeer(List<String> peerArgs, Path log, Path workingDir) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + System.getProperty("tideline.bench.sparkHeap", "4g"));
    command.add("-cp");
    command.add(classpath());
    command.add(PEER_MAIN);
    command.addAll(peerArgs);
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder pb = new ProcessBuilder(command).redirectError(log.toFile());
      if (workingDir != null) {
        pb.directory(workingDir.toFile());
      }
      // Belt and braces with spark.driver.host: Spark otherwise picks a non-loopback interface.
      pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
      return pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the Spark peer: " + command, e);
    }
  }

  private String classpath() {
    Path classes = repo.resolve("tideline-spark/target/classes");
    Path listFile = repo.resolve("tideline-spark/target/classpath.txt");
    for (Path required :
        List.of(classes.resolve("io/tideline/spark/peer/SparkPeer.class"), listFile)) {
      if (!Files.exists(required)) {
        throw BenchErrors.peerNotBuilt(required);
      }
    }
    try {
      return classes + File.pathSeparator + Files.readString(listFile).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + listFile, e);
    }
  }

  static JsonNode lastJsonLine(String stdout) throws IOException {
    String[] lines = stdout.split("\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      String line = lines[i].trim();
      if (line.startsWith("{")) {
        return new ObjectMapper().readTree(line);
      }
    }
    return null;
  }
}
