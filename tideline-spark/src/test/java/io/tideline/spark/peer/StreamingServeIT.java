package io.tideline.spark.peer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three streaming measurements in Spark itself, on tiny inputs; only with {@code -Pspark-it}.
 */
class StreamingServeIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void serve_runsEachMeasurementOnAFreshQuery_andAnswersWithCheckedFigures() throws IOException {
    Path small = Files.createDirectories(tmp.resolve("small"));
    Files.writeString(small.resolve("orders-00000.json"), line(1, "c1", 150.5) + line(2, "c1", 99));
    Path orders = Files.createDirectories(tmp.resolve("orders"));
    for (int f = 0; f < 3; f++) {
      Files.writeString(
          orders.resolve("orders-0000" + f + ".json"),
          line(10 * f, "c" + f, 5) + line(10 * f + 1, "c" + f, 500));
    }
    String commands =
        String.join(
            "\n",
            "{\"command\":\"first-batch\",\"input\":\"small\",\"checkpoint\":\"ck/1\"}",
            "{\"command\":\"batch-overhead\",\"warmupBatches\":1,\"batches\":2,"
                + "\"checkpoint\":\"ck/2\"}",
            "{\"command\":\"throughput\",\"input\":\"orders\",\"maxFilesPerTrigger\":2,"
                + "\"checkpoint\":\"ck/3\"}",
            "quit");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    try (PeerSession session = PeerSession.start("it", Map.of())) {
      new StreamingServe(session, tmp)
          .serve(
              new BufferedReader(new StringReader(commands)),
              new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }

    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(JSON.readTree(lines.get(0)).get("event").asText()).isEqualTo("ready");
    JsonNode first = JSON.readTree(lines.get(1));
    assertThat(first.get("event").asText()).isEqualTo("first-batch");
    assertThat(first.get("rows").asLong()).isEqualTo(1);
    assertThat(first.get("seconds").asDouble())
        .isGreaterThanOrEqualTo(first.get("startReturnedSeconds").asDouble());
    JsonNode overhead = JSON.readTree(lines.get(2));
    assertThat(overhead.get("event").asText()).isEqualTo("batch-overhead");
    assertThat(overhead.get("rows").asLong()).isEqualTo(3);
    assertThat(overhead.get("triggerExecutionMs")).hasSize(2);
    assertThat(overhead.get("wallMs")).hasSize(2);
    JsonNode throughput = JSON.readTree(lines.get(3));
    assertThat(throughput.get("event").asText()).isEqualTo("throughput");
    assertThat(throughput.get("rows").asLong()).isEqualTo(6);
    assertThat(throughput.get("batches").asLong()).isEqualTo(2);
    assertThat(tmp.resolve("ck/3/commits/1")).exists();
  }

  private static String line(int id, String customer, double amount) {
    return "{\"order_id\":\"o-"
        + id
        + "\",\"customer_id\":\""
        + customer
        + "\",\"product\":\"phone\",\"amount\":"
        + amount
        + ",\"order_time\":\"2024-01-15T10:30:00Z\"}\n";
  }
}
