package io.tideline.bench.kafka;

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

/** The harness's side of the peer's Kafka commands, against a scripted process. */
class SparkKafkaEngineTest {
  @Test
  void commands_sendOneJsonLineEach_parseTheAnswers_closeSendsQuit() throws Exception {
    ScriptedProcess process =
        new ScriptedProcess(
            "log noise\n"
                + READY
                + "{\"event\":\"kafka-throughput\",\"seconds\":90.5,\"cpuSeconds\":150.0,"
                + "\"rows\":4000000,\"batches\":1}\n"
                + "{\"event\":\"kafka-passthrough-start\",\"startSeconds\":0.2}\n"
                + "{\"event\":\"kafka-passthrough-stop\",\"batches\":42,"
                + "\"meanDurationMs\":{\"addBatch\":120.5,\"walCommit\":30.0}}\n");
    SparkKafkaEngine spark = new SparkKafkaEngine(process, Path.of("peer.log"));

    KafkaEngine.ThroughputRun throughput =
        spark.throughput("127.0.0.1:9092", "orders", 0, Path.of("/w/ck/1"));
    spark.startPassThrough("127.0.0.1:9092", "in-1", "out-1", Path.of("/w/ck/2"));
    KafkaEngine.PassThroughResult stopped = spark.stopPassThrough();
    spark.close();

    assertThat(spark.version()).isEqualTo("4.2.0");
    assertThat(spark.sessionStartSeconds()).isEqualTo(4.5);
    assertThat(throughput).isEqualTo(new KafkaEngine.ThroughputRun(90.5, 150.0, 4_000_000, 1));
    assertThat(stopped)
        .isEqualTo(
            new KafkaEngine.PassThroughResult(42, Map.of("addBatch", 120.5, "walCommit", 30.0)));
    String[] sent = process.sent().split("\n");
    assertThat(sent).hasSize(4);
    ObjectMapper json = new ObjectMapper();
    JsonNode c0 = json.readTree(sent[0]);
    assertThat(c0.get("command").asText()).isEqualTo("kafka-throughput");
    assertThat(c0.get("bootstrapServers").asText()).isEqualTo("127.0.0.1:9092");
    assertThat(c0.get("topic").asText()).isEqualTo("orders");
    assertThat(c0.get("maxOffsetsPerTrigger").asLong()).isZero();
    assertThat(c0.get("checkpoint").asText()).isEqualTo("/w/ck/1");
    JsonNode c1 = json.readTree(sent[1]);
    assertThat(c1.get("command").asText()).isEqualTo("kafka-passthrough-start");
    assertThat(c1.get("inputTopic").asText()).isEqualTo("in-1");
    assertThat(c1.get("outputTopic").asText()).isEqualTo("out-1");
    assertThat(json.readTree(sent[2]).get("command").asText()).isEqualTo("kafka-passthrough-stop");
    assertThat(sent[3]).isEqualTo("quit");
  }

  @Test
  void peerAnswersWithError_failsWithItsConditionAndTheLog() {
    ScriptedProcess process =
        new ScriptedProcess(
            READY
                + "{\"event\":\"error\",\"error\":{\"condition\":\"PEER_USAGE\","
                + "\"message\":\"No pass-through query is running\"}}\n");
    SparkKafkaEngine spark = new SparkKafkaEngine(process, Path.of("peer.log"));

    assertThatThrownBy(spark::stopPassThrough)
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> assertThat(e.getCondition()).isEqualTo("KAFKA_BENCH_QUERY_FAILED"))
        .hasMessageContaining("spark's kafka-passthrough-stop query failed")
        .hasMessageContaining("PEER_USAGE No pass-through query is running")
        .hasMessageContaining("peer.log");
  }

  @Test
  void peerDiesBeforeReady_failsSayingSo() {
    assertThatThrownBy(() -> new SparkKafkaEngine(new ScriptedProcess(""), Path.of("peer.log")))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> assertThat(e.getCondition()).isEqualTo("KAFKA_BENCH_PEER_FAILED"))
        .hasMessageContaining("it ended without answering");
  }
}
