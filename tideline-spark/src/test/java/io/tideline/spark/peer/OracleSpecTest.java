package io.tideline.spark.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OracleSpecTest {
  @TempDir Path tmp;

  @Test
  void read_fullSpec_resolvesPathsAgainstTheSpecFolder() throws IOException {
    Path spec =
        write(
            """
            {"ansi": false, "conf": {"spark.sql.caseSensitive": "true"},
             "inputs": [
               {"name": "orders", "path": "data/orders", "schema": "amount DOUBLE",
                "options": {"mode": "FAILFAST"}},
               {"name": "t", "format": "csv", "lines": ["1,a", "2,b"]}],
             "queries": [
               {"id": "q1", "sql": "SELECT 1"},
               {"id": "e1", "input": "t", "select": ["_c0 + 1", "upper(_c1)"], "ansi": false,
                "conf": {"spark.sql.legacy.x": "y"}}],
             "output": "out/results.jsonl"}
            """);

    OracleSpec s = OracleSpec.read(spec, Optional.empty());

    assertThat(s.ansi()).contains(false);
    assertThat(s.conf()).isEqualTo(Map.of("spark.sql.caseSensitive", "true"));
    OracleSpec.Input orders = s.inputs().get(0);
    assertThat(orders.format()).isEqualTo("json");
    assertThat(orders.path()).contains(tmp.resolve("data/orders"));
    assertThat(orders.schemaDdl()).contains("amount DOUBLE");
    assertThat(orders.options()).containsEntry("mode", "FAILFAST");
    assertThat(s.inputs().get(1).lines()).containsExactly("1,a", "2,b");
    assertThat(s.queries())
        .containsExactly(
            new OracleSpec.Query(
                "q1", Optional.of("SELECT 1"), Optional.empty(), List.of(), Map.of()),
            new OracleSpec.Query(
                "e1",
                Optional.empty(),
                Optional.of("t"),
                List.of("_c0 + 1", "upper(_c1)"),
                Map.of("spark.sql.legacy.x", "y", "spark.sql.ansi.enabled", "false")));
    assertThat(s.output()).isEqualTo(tmp.resolve("out/results.jsonl"));
  }

  @Test
  void read_outputOnCommandLine_overridesSpec() throws IOException {
    Path spec = write("{\"queries\": [{\"id\": \"q\", \"sql\": \"SELECT 1\"}]}");

    OracleSpec s = OracleSpec.read(spec, Optional.of(Path.of("/tmp/x.jsonl")));

    assertThat(s.output()).isEqualTo(Path.of("/tmp/x.jsonl"));
    assertThat(s.ansi()).isEmpty();
  }

  @Test
  void read_queryWithBothForms_failsWithInvalidSpec() throws IOException {
    Path spec =
        write(
            "{\"output\": \"o\", \"queries\": [{\"id\": \"q\", \"sql\": \"SELECT 1\","
                + " \"input\": \"t\", \"select\": [\"a\"]}]}");

    assertThatThrownBy(() -> OracleSpec.read(spec, Optional.empty()))
        .isInstanceOfSatisfying(
            PeerException.class,
            e -> assertThat(e.condition()).isEqualTo(PeerErrorCondition.PEER_INVALID_SPEC))
        .hasMessageContaining("query 'q'")
        .hasMessageContaining("README");
  }

  @Test
  void read_inlineLinesInParquet_failsWithInvalidSpec() throws IOException {
    Path spec =
        write(
            "{\"output\": \"o\", \"inputs\": [{\"name\": \"p\", \"format\": \"parquet\","
                + " \"lines\": [\"x\"]}], \"queries\": [{\"id\": \"q\", \"sql\": \"SELECT 1\"}]}");

    assertThatThrownBy(() -> OracleSpec.read(spec, Optional.empty()))
        .isInstanceOf(PeerException.class)
        .hasMessageContaining("inline lines work for json and csv only");
  }

  @Test
  void read_inputWithoutPathOrLines_andMissingOutput_areRejected() throws IOException {
    Path noSource =
        write(
            "{\"output\": \"o\", \"inputs\": [{\"name\": \"t\"}],"
                + " \"queries\": [{\"id\": \"q\", \"sql\": \"SELECT 1\"}]}");
    Path noOutput = write("{\"queries\": [{\"id\": \"q\", \"sql\": \"SELECT 1\"}]}");
    Path notJson = write("{not json");

    assertThatThrownBy(() -> OracleSpec.read(noSource, Optional.empty()))
        .hasMessageContaining("needs exactly one of \"path\" and \"lines\"");
    assertThatThrownBy(() -> OracleSpec.read(noOutput, Optional.empty()))
        .hasMessageContaining("no \"output\"");
    assertThatThrownBy(() -> OracleSpec.read(notJson, Optional.empty()))
        .hasMessageStartingWith("[PEER_INVALID_SPEC]");
  }

  private Path write(String json) throws IOException {
    Path spec = Files.createTempFile(tmp, "spec", ".json");
    Files.writeString(spec, json);
    return spec;
  }
}
