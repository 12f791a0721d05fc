package io.tideline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A running Spark peer in {@code json-orders-agg-serve} mode: one timed run per {@code run} line
 * sent to it, answered by one JSON line (the protocol is documented in tideline-spark's README).
 */
final class SparkPeerSession implements OrdersEngineSession {
  private static final String WORKLOAD = "json-orders-agg-serve";

  private final ObjectMapper json = new ObjectMapper();
  private final Process process;
  private final Path log;
  private final BufferedReader out;
  private final Writer in;
  private final String version;
  private final double sessionStartSeconds;

  SparkPeerSession(Process process, Path log) {
    this.process = process;
    this.log = log;
    this.out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    JsonNode ready = next("ready");
    this.version = ready.path("engineVersion").asText("?");
    this.sessionStartSeconds = ready.path("sessionStartSeconds").asDouble(Double.NaN);
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public double sessionStartSeconds() {
    return sessionStartSeconds;
  }

  @Override
  public RunResult run() {
    try {
      in.write("run\n");
      in.flush();
    } catch (IOException e) {
      throw failed("it stopped reading commands (" + e.getMessage() + ")");
    }
    JsonNode result = next("run");
    List<ProductTotals> rows = new ArrayList<>();
    for (JsonNode row : result.get("rows")) {
      rows.add(
          new ProductTotals(
              row.get("product").asText(),
              row.get("sum_amount").asDouble(),
              row.get("count").asLong()));
    }
    return new RunResult(
        result.get("seconds").asDouble(), result.path("cpuSeconds").asDouble(-1), rows);
  }

  @Override
  public void close() {
    try {
      in.write("quit\n");
      in.close();
    } catch (IOException e) {
      // The peer is gone already; waiting below reaps it either way.
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

  /** Reads lines until the next JSON object, which must be the {@code expected} event. */
  private JsonNode next(String expected) {
    try {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("{")) {
          JsonNode node = json.readTree(line);
          if (!expected.equals(node.path("event").asText())) {
            throw failed(SparkPeerProcess.reason(node));
          }
          return node;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Lost the Spark peer's output; its log is in " + log, e);
    }
    throw failed("it ended without answering");
  }

  private RuntimeException failed(String reason) {
    int exitCode = -1;
    try {
      if (process.waitFor(5, TimeUnit.SECONDS)) {
        exitCode = process.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.destroyForcibly();
    return BenchErrors.peerFailed(WORKLOAD, exitCode, reason, log);
  }
}
