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
 * and reads its one result line.
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
  public EngineMeasurement measure(OrdersDataset data, int warmupRuns, int measuredRuns) {
    String workload = "json-orders-agg";
    JsonNode result =
        run(
            List.of(
                workload,
                data.dir().toAbsolutePath().toString(),
                "--warmup",
                Integer.toString(warmupRuns),
                "--runs",
                Integer.toString(measuredRuns),
                "--records",
                Long.toString(data.records())));
    List<Double> seconds = new ArrayList<>();
    result.get("runSeconds").forEach(s -> seconds.add(s.asDouble()));
    List<Double> cpuSeconds = new ArrayList<>();
    result.path("runCpuSeconds").forEach(s -> cpuSeconds.add(s.asDouble()));
    List<ProductTotals> rows = new ArrayList<>();
    for (JsonNode row : result.get("rows")) {
      rows.add(
          new ProductTotals(
              row.get("product").asText(),
              row.get("sum_amount").asDouble(),
              row.get("count").asLong()));
    }
    return new EngineMeasurement(
        name(),
        result.path("engineVersion").asText("?"),
        result.get("records").asLong(),
        seconds,
        cpuSeconds,
        result.path("sessionStartSeconds").asDouble(Double.NaN),
        rows);
  }

  /**
   * Runs one peer workload and returns its result object.
   *
   * @throws io.tideline.internal.errors.TidelineException {@code BENCH_PEER_FAILED} when the peer
   *     exits non-zero or prints no result
   */
  public JsonNode run(List<String> peerArgs) {
    String workload = peerArgs.get(0);
    Path logDir = repo.resolve("tideline-bench/target/bench-logs");
    Path log = logDir.resolve("spark-peer-" + workload + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + System.getProperty("tideline.bench.sparkHeap", "4g"));
    command.add("-cp");
    command.add(classpath());
    command.add(PEER_MAIN);
    command.addAll(peerArgs);
    try {
      Files.createDirectories(logDir);
      ProcessBuilder pb = new ProcessBuilder(command).redirectError(log.toFile());
      // Belt and braces with spark.driver.host: Spark otherwise picks a non-loopback interface.
      pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
      Process process = pb.start();
      process.getOutputStream().close();
      String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exitCode = process.waitFor();
      JsonNode result = lastJsonLine(stdout);
      if (exitCode != 0 || result == null || result.has("error")) {
        String reason =
            result != null && result.has("error")
                ? result.get("error").path("condition").asText("?")
                    + ": "
                    + result.get("error").path("message").asText()
                : "no result line on standard output";
        throw BenchErrors.peerFailed(workload, exitCode, reason, log);
      }
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the Spark peer: " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the Spark peer", e);
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
