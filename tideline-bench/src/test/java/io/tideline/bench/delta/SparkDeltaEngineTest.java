package io.tideline.bench.delta;

import static io.tideline.bench.ScriptedProcess.READY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tideline.bench.ScriptedProcess;
import io.tideline.internal.errors.TidelineException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The harness's side of the peer's Delta commands, against a scripted process. */
class SparkDeltaEngineTest {
  @Test
  void commands_sendOneJsonLineEach_parseTheAnswers_closeSendsQuit() throws Exception {
    ScriptedProcess process =
        new ScriptedProcess(
            READY
                + "{\"event\":\"delta-bronze\",\"seconds\":95.5,\"cpuSeconds\":160.0,"
                + "\"batches\":1,\"durationMs\":{\"addBatch\":90000,\"latestOffset\":40}}\n"
                + "{\"event\":\"delta-checksum\",\"rows\":5000000,\"over100\":4003748,"
                + "\"sumAmount\":1.25E9,\"nullOrderIds\":0,\"nullCustomerIds\":1,"
                + "\"nullProducts\":2,\"nullAmounts\":3,\"nullOrderTimes\":4,"
                + "\"nullKafkaTimestamps\":5,\"minOrderTime\":\"2024-01-15T00:00:00Z\","
                + "\"maxOrderTime\":\"2024-01-29T11:00:00Z\",\"minKafkaTimestamp\":null,"
                + "\"maxKafkaTimestamp\":\"2026-11-26T04:00:00.123Z\"}\n");
    SparkDeltaEngine spark = new SparkDeltaEngine(process, Path.of("peer.log"));

    DeltaEngine.BronzeRun run =
        spark.bronze("127.0.0.1:9092", "orders", 0, Path.of("/w/r/ck"), Path.of("/w/r/table"));
    TableChecksum checksum = spark.checksum(Path.of("/w/r/table"));
    spark.close();

    assertThat(spark.version()).isEqualTo("4.2.0");
    assertThat(run)
        .isEqualTo(
            new DeltaEngine.BronzeRun(
                95.5, 160.0, 1, Map.of("addBatch", 90_000L, "latestOffset", 40L)));
    assertThat(checksum)
        .isEqualTo(
            new TableChecksum(
                5_000_000,
                4_003_748,
                1.25e9,
                0,
                1,
                2,
                3,
                4,
                5,
                "2024-01-15T00:00:00Z",
                "2024-01-29T11:00:00Z",
                null,
                "2026-11-26T04:00:00.123Z"));
    String[] sent = process.sent().split("\n");
    assertThat(sent).hasSize(3);
    ObjectMapper json = new ObjectMapper();
    JsonNode bronze = json.readTree(sent[0]);
    assertThat(bronze.get("command").asText()).isEqualTo("delta-bronze");
    assertThat(bronze.get("bootstrapServers").asText()).isEqualTo("127.0.0.1:9092");
    assertThat(bronze.get("topic").asText()).isEqualTo("orders");
    assertThat(bronze.get("maxOffsetsPerTrigger").asLong()).isZero();
    assertThat(bronze.get("checkpoint").asText()).isEqualTo("/w/r/ck");
    assertThat(bronze.get("table").asText()).isEqualTo("/w/r/table");
    JsonNode check = json.readTree(sent[1]);
    assertThat(check.get("command").asText()).isEqualTo("delta-checksum");
    assertThat(check.get("table").asText()).isEqualTo("/w/r/table");
    assertThat(sent[2]).isEqualTo("quit");
  }

  @Test
  void peerAnswersWithError_failsAsTheQueryWithItsMessageAndTheLog() {
    ScriptedProcess process =
        new ScriptedProcess(
            READY
                + "{\"event\":\"error\",\"error\":{\"message\":"
                + "\"org.apache.spark.sql.AnalysisException: [DELTA_TABLE_NOT_FOUND]\"}}\n");
    SparkDeltaEngine spark = new SparkDeltaEngine(process, Path.of("peer.log"));

    assertThatThrownBy(() -> spark.checksum(Path.of("/w/none")))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> assertThat(e.getCondition()).isEqualTo("DELTA_BENCH_QUERY_FAILED"))
        .hasMessageContaining("spark's delta-checksum failed")
        .hasMessageContaining("DELTA_TABLE_NOT_FOUND")
        .hasMessageContaining("peer.log");
  }

  @Test
  void peerDiesBeforeReady_failsAsThePeer() {
    assertThatThrownBy(() -> new SparkDeltaEngine(new ScriptedProcess(""), Path.of("peer.log")))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> assertThat(e.getCondition()).isEqualTo("DELTA_BENCH_PEER_FAILED"))
        .hasMessageContaining("it ended without answering");
  }
}
