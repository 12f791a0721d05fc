package io.tideline.spark.peer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Delta serve loop's command checks, which answer before Spark is touched. */
class DeltaServeTest {
  @TempDir Path tmp;

  private ObjectNode answer(String line) {
    // No session: every command here fails its checks before it would use one.
    return new DeltaServe(null, tmp).answer(line);
  }

  @Test
  void answer_unknownCommand_isAUsageErrorListingTheCommands() {
    ObjectNode a = answer("{\"command\":\"delta-vacuum\",\"path\":\"t\"}");

    assertThat(a.get("event").asText()).isEqualTo("error");
    assertThat(a.get("error").get("condition").asText()).isEqualTo("PEER_USAGE");
    assertThat(a.get("error").get("message").asText())
        .contains("Unknown Delta command 'delta-vacuum'", "delta-stream-write");
  }

  @Test
  void answer_missingFields_nameTheField() {
    assertThat(answer("{\"command\":\"delta-read\"}").toString())
        .contains("needs a text in 'path'");
    assertThat(answer("{\"command\":\"delta-stream-read\",\"path\":\"t\"}").toString())
        .contains("needs a text in 'checkpoint'");
    assertThat(answer("{\"command\":\"delta-write\",\"path\":\"t\",\"rows\":[]}").toString())
        .contains("needs a text in 'schema'");
    assertThat(
            answer("{\"command\":\"delta-stream-write\",\"path\":\"t\",\"checkpoint\":\"c\"}")
                .toString())
        .contains("needs a text in 'schema'");
  }

  @Test
  void conf_addsDeltasSessionSettings_andLetsTheCallerOverrideThem() {
    assertThat(DeltaServe.conf(java.util.Map.of("spark.databricks.delta.snapshotPartitions", "4")))
        .containsEntry("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .containsEntry(
            "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .containsEntry("spark.databricks.delta.snapshotPartitions", "4");
  }
}
