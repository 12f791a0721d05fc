package io.tideline.spark.peer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs both workloads in Spark itself; only with {@code -Pspark-it}. */
class SparkPeerIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void sqlOracle_answersRowsAndSparkErrorConditions() throws IOException {
    Path spec = tmp.resolve("spec.json");
    Files.writeString(
        spec,
        """
        {"ansi": true,
         "inputs": [{"name": "t", "schema": "a INT, s STRING",
                     "lines": ["{\\"a\\":2,\\"s\\":\\"12\\"}", "{\\"a\\":0,\\"s\\":\\"x\\"}"]}],
         "queries": [
           {"id": "ok", "sql": "SELECT a * 2 AS twice, s FROM t ORDER BY a"},
           {"id": "div0", "input": "t", "select": ["10 / a"]},
           {"id": "div0-legacy", "input": "t", "select": ["10 / a"], "ansi": false},
           {"id": "cast", "input": "t", "select": ["CAST(s AS INT)"]},
           {"id": "unresolved", "sql": "SELECT b FROM t"},
           {"id": "ansi-again", "sql": "SET spark.sql.ansi.enabled"}],
         "output": "out/results.jsonl"}
        """);

    ObjectNode summary = SparkPeer.run(new String[] {"sql-oracle", spec.toString()});

    assertThat(summary.get("queries").asInt()).isEqualTo(6);
    assertThat(summary.get("failedQueries").asInt()).isEqualTo(3);
    List<String> lines = new ArrayList<>(Files.readAllLines(tmp.resolve("out/results.jsonl")));
    assertThat(lines).hasSize(6);
    assertThat(JSON.readTree(lines.remove(2)).get("rows").toString()).isEqualTo("[[5.0],[null]]");
    assertThat(JSON.readTree(lines.remove(4)).get("rows").toString())
        .isEqualTo("[[\"spark.sql.ansi.enabled\",\"true\"]]");
    JsonNode ok = JSON.readTree(lines.get(0));
    assertThat(ok.get("schema").asText()).isEqualTo("twice INT,s STRING");
    assertThat(ok.get("rows").toString()).isEqualTo("[[0,\"x\"],[4,\"12\"]]");
    assertThat(JSON.readTree(lines.get(1)).at("/error/condition").asText())
        .isEqualTo("DIVIDE_BY_ZERO");
    JsonNode cast = JSON.readTree(lines.get(2)).get("error");
    assertThat(cast.get("condition").asText()).isEqualTo("CAST_INVALID_INPUT");
    assertThat(cast.at("/parameters/expression").asText()).isEqualTo("'x'");
    assertThat(JSON.readTree(lines.get(3)).at("/error/condition").asText())
        .isEqualTo("UNRESOLVED_COLUMN.WITH_SUGGESTION");
  }

  @Test
  void jsonOrdersAggServe_answersEachRunThenStopsOnQuit() throws IOException {
    Path dir = writeOrders();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    try (PeerSession session = PeerSession.start("it", Map.of())) {
      JsonOrdersAggregation.serve(
          session,
          dir,
          new BufferedReader(new StringReader("run\nwhat\nrun\nquit\nrun\n")),
          new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }

    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(JSON.readTree(lines.get(0)).get("event").asText()).isEqualTo("ready");
    JsonNode run = JSON.readTree(lines.get(1));
    assertThat(run.get("event").asText()).isEqualTo("run");
    assertThat(run.get("rows").toString()).isEqualTo(EXPECTED_ROWS);
    assertThat(JSON.readTree(lines.get(2)).at("/error/condition").asText()).isEqualTo("PEER_USAGE");
    assertThat(JSON.readTree(lines.get(3)).get("rows").toString()).isEqualTo(EXPECTED_ROWS);
  }

  @Test
  void jsonOrdersAgg_sumsAndCountsOrdersOver100PerProduct() throws IOException {
    Path dir = writeOrders();

    ObjectNode result =
        SparkPeer.run(
            new String[] {"json-orders-agg", dir.toString(), "--warmup", "0", "--runs", "2"});

    assertThat(result.get("records").asLong()).isEqualTo(4);
    assertThat(result.get("runSeconds")).hasSize(2);
    assertThat(result.get("runCpuSeconds")).hasSize(2);
    assertThat(result.get("rows").toString()).isEqualTo(EXPECTED_ROWS);
  }

  private static final String EXPECTED_ROWS =
      "[{\"product\":\"laptop\",\"sum_amount\":999.99,\"count\":1},"
          + "{\"product\":\"phone\",\"sum_amount\":350.5,\"count\":2}]";

  private Path writeOrders() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("orders"));
    Files.writeString(
        dir.resolve("part-0.json"),
        """
        {"order_id":"1","customer_id":"c","product":"phone","amount":150.5,"order_time":"2024-01-15T10:30:00Z"}
        {"order_id":"2","customer_id":"c","product":"phone","amount":100.0,"order_time":"2024-01-15T10:31:00Z"}
        {"order_id":"3","customer_id":"d","product":"laptop","amount":999.99,"order_time":"2024-01-15T10:32:00Z"}
        {"order_id":"4","customer_id":"d","product":"phone","amount":200.0,"order_time":"2024-01-15T10:33:00Z"}
        """);
    return dir;
  }
}
