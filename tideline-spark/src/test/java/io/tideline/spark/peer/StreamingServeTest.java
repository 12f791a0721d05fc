package io.tideline.spark.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming serve loop's command checks, which answer before Spark is touched. */
class StreamingServeTest {
  @TempDir Path tmp;

  private ObjectNode answer(String line) {
    // No session: every command here fails its checks before it would use one.
    return new StreamingServe(null, tmp).answer(line);
  }

  @Test
  void answer_unknownCommand_isAUsageErrorAndTheLoopGoesOn() {
    ObjectNode a = answer("{\"command\":\"latency\"}");

    assertThat(a.get("event").asText()).isEqualTo("error");
    assertThat(a.get("error").get("condition").asText()).isEqualTo("PEER_USAGE");
    assertThat(a.get("error").get("message").asText())
        .contains("Unknown streaming command 'latency'");
  }

  @Test
  void answer_notJson_isAUsageError() {
    ObjectNode a = answer("run");

    assertThat(a.get("error").get("condition").asText()).isEqualTo("PEER_USAGE");
    assertThat(a.get("error").get("message").asText())
        .contains("Expected a JSON object a line, got 'run'");
  }

  @Test
  void answer_missingOrBadFields_nameTheField() throws Exception {
    Files.createDirectories(tmp.resolve("small"));

    assertThat(answer("{\"command\":\"first-batch\",\"input\":\"small\"}").toString())
        .contains("needs a path in 'checkpoint'");
    assertThat(
            answer("{\"command\":\"batch-overhead\",\"batches\":\"many\",\"warmupBatches\":1}")
                .toString())
        .contains("needs a whole number in 'batches'");
    assertThat(
            answer("{\"command\":\"batch-overhead\",\"batches\":0,\"warmupBatches\":1}").toString())
        .contains("batches must be at least 1, got 0");
  }

  @Test
  void answer_windowedCommands_nameTheirMissingFields() throws Exception {
    Files.createDirectories(tmp.resolve("bids"));

    assertThat(
            answer(
                    "{\"command\":\"windowed\",\"input\":\"bids\",\"outputMode\":\"update\","
                        + "\"maxFilesPerTrigger\":2,\"checkpoint\":\"ck\"}")
                .toString())
        .contains("needs a word in 'format'");
    assertThat(
            answer(
                    "{\"command\":\"windowed\",\"input\":\"bids\",\"format\":\"json\","
                        + "\"outputMode\":\"update\",\"maxFilesPerTrigger\":0,"
                        + "\"checkpoint\":\"ck\"}")
                .toString())
        .contains("maxFilesPerTrigger must be at least 1, got 0");
    assertThat(
            answer(
                    "{\"command\":\"windowed-recovery\",\"extra\":\"e.parquet\","
                        + "\"runDir\":\"r\",\"provider\":\"rocksdb\"}")
                .toString())
        .contains("needs a path in 'build'");
    assertThat(
            answer(
                    "{\"command\":\"windowed-recovery\",\"build\":\"b.parquet\","
                        + "\"extra\":\"e.parquet\",\"runDir\":\"r\"}")
                .toString())
        .contains("needs a word in 'provider'");
  }

  @Test
  void answer_missingInputFolder_isInputNotFound() {
    ObjectNode a =
        answer(
            "{\"command\":\"throughput\",\"input\":\"nope\",\"maxFilesPerTrigger\":5,"
                + "\"checkpoint\":\"ck\"}");

    assertThat(a.get("error").get("condition").asText()).isEqualTo("PEER_INPUT_NOT_FOUND");
    assertThat(a.get("error").get("message").asText()).contains(tmp.resolve("nope").toString());
  }

  @Test
  void new_missingWorkFolder_failsBeforeServing() {
    assertThatThrownBy(() -> new StreamingServe(null, tmp.resolve("gone")))
        .isInstanceOfSatisfying(
            PeerException.class,
            e -> assertThat(e.condition()).isEqualTo(PeerErrorCondition.PEER_INPUT_NOT_FOUND));
  }
}
