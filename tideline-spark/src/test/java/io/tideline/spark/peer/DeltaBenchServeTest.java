package io.tideline.spark.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Delta benchmark's serve loop: its session settings and the checks that answer before Spark.
 */
class DeltaBenchServeTest {
  @TempDir Path tmp;

  private ObjectNode answer(String line) {
    // No session: every command here fails its checks before it would use one.
    return new DeltaBenchServe(null, tmp).answer(line);
  }

  @Test
  void sessionConf_hasDeltasExtensionAndCatalog_andTheCallersSettingsWin() {
    Map<String, String> conf =
        DeltaBenchServe.sessionConf(Map.of("spark.databricks.delta.snapshotPartitions", "4"));

    assertThat(conf)
        .containsEntry("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .containsEntry(
            "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .containsEntry("spark.databricks.delta.snapshotPartitions", "4");
  }

  @Test
  void bronze_withoutTheTable_namesTheMissingField() {
    ObjectNode a =
        answer(
            "{\"command\":\"delta-bronze\",\"bootstrapServers\":\"127.0.0.1:1\",\"topic\":\"t\","
                + "\"checkpoint\":\"ck\"}");

    assertThat(a.get("event").asText()).isEqualTo("error");
    assertThat(a.get("error").get("condition").asText()).isEqualTo("PEER_USAGE");
    assertThat(a.get("error").get("message").asText())
        .contains("Command 'delta-bronze' needs a text in 'table'");
  }

  @Test
  void unknownCommandOrNotJson_isAUsageErrorListingTheCommands() {
    assertThat(answer("{\"command\":\"delta-merge\"}").get("error").get("message").asText())
        .contains(
            "Unknown Delta benchmark command 'delta-merge'; send delta-bronze,"
                + " delta-checksum or quit");
    assertThat(answer("run").get("error").get("message").asText())
        .contains("Expected a JSON object a line, got 'run'");
  }

  @Test
  void missingWorkFolder_isRefusedAsInputNotFound() {
    Path missing = tmp.resolve("none");

    assertThatThrownBy(() -> new DeltaBenchServe(null, missing))
        .isInstanceOfSatisfying(
            PeerException.class,
            e -> assertThat(e.condition()).isEqualTo(PeerErrorCondition.PEER_INPUT_NOT_FOUND));
  }
}
