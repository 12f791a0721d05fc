package io.tideline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A running Spark peer in {@code json-orders-agg-serve} mode: one timed run per {@code run} line
 * sent to it, answered by one JSON line (the protocol is documented in tideline-spark's README).
 */
final class SparkPeerSession implements OrdersEngineSession {
  private static final String WORKLOAD = "json-orders-agg-serve";

  private final SparkServeChannel channel;

  SparkPeerSession(Process process, Path log) {
    this.channel = new SparkServeChannel(process, log, new PeerFailures());
  }

  @Override
  public String version() {
    return channel.version();
  }

  @Override
  public double sessionStartSeconds() {
    return channel.sessionStartSeconds();
  }

  @Override
  public RunResult run() {
    JsonNode result = channel.call("run", "run");
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
    channel.close();
  }

  /** This mode's errors: any failure, an error event included, is the peer failing. */
  private static final class PeerFailures implements SparkServeChannel.Failures {
    @Override
    public RuntimeException peerFailed(int exitCode, String reason, Path log) {
      return BenchErrors.peerFailed(WORKLOAD, exitCode, reason, log);
    }

    @Override
    public Optional<RuntimeException> commandFailed(String command, JsonNode error, Path log) {
      return Optional.empty();
    }
  }
}
