package io.tideline.spark.peer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kafka commands of the streaming serve loop: their checks, which answer before Spark. */
class KafkaServeCommandsTest {
  @TempDir Path tmp;

  private ObjectNode answer(String line) {
    // No session: every command here fails its checks before it would use one.
    return new StreamingServe(null, tmp).answer(line);
  }

  @Test
  void throughput_withoutBootstrapServersOrTopic_namesTheMissingField() {
    ObjectNode a =
        answer("{\"command\":\"kafka-throughput\",\"topic\":\"t\",\"checkpoint\":\"ck\"}");

    assertThat(a.get("error").get("condition").asText()).isEqualTo("PEER_USAGE");
    assertThat(a.get("error").get("message").asText())
        .contains("Command 'kafka-throughput' needs a text in 'bootstrapServers'");
    assertThat(
            answer(
                    "{\"command\":\"kafka-throughput\",\"bootstrapServers\":\"127.0.0.1:1\","
                        + "\"checkpoint\":\"ck\"}")
                .toString())
        .contains("needs a text in 'topic'");
  }

  @Test
  void passThroughStart_withoutOutputTopic_namesIt() {
    ObjectNode a =
        answer(
            "{\"command\":\"kafka-passthrough-start\",\"bootstrapServers\":\"127.0.0.1:1\","
                + "\"inputTopic\":\"in\",\"checkpoint\":\"ck\"}");

    assertThat(a.get("event").asText()).isEqualTo("error");
    assertThat(a.get("error").get("message").asText()).contains("needs a text in 'outputTopic'");
  }

  @Test
  void passThroughStop_withNoQueryRunning_isAUsageErrorAndTheLoopGoesOn() {
    ObjectNode a = answer("{\"command\":\"kafka-passthrough-stop\"}");

    assertThat(a.get("error").get("condition").asText()).isEqualTo("PEER_USAGE");
    assertThat(a.get("error").get("message").asText())
        .contains("No pass-through query is running; send kafka-passthrough-start");
  }
}
