package io.tideline.testkit.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SparkOracleTest {
  @Test
  void parseAnswers_readsRowsAndErrorsInSpecOrder() throws Exception {
    Map<String, OracleAnswer> answers =
        SparkOracle.parseAnswers(
            List.of(
                "{\"id\":\"ok\",\"schema\":\"a INT,s STRING\",\"rows\":[[1,\"x\"],[null,\"y\"]]}",
                "",
                "{\"id\":\"div0\",\"error\":{\"condition\":\"DIVIDE_BY_ZERO\",\"sqlState\":\"22012\","
                    + "\"parameters\":{\"config\":\"ansi\"},\"exception\":\"E\",\"message\":\"m\","
                    + "\"causeConditions\":[\"INNER\"]}}",
                "{\"id\":\"plain\",\"error\":{\"condition\":null,\"exception\":\"X\",\"message\":\"boom\","
                    + "\"causeConditions\":[]}}"));

    assertThat(answers.keySet()).containsExactly("ok", "div0", "plain");
    OracleAnswer ok = answers.get("ok");
    assertThat(ok.failed()).isFalse();
    assertThat(ok.schemaDdl()).contains("a INT,s STRING");
    assertThat(ok.rows()).hasSize(2);
    assertThat(ok.rows().get(1).get(0).isNull()).isTrue();
    assertThat(ok.rows().get(1).get(1).asText()).isEqualTo("y");

    OracleAnswer.SparkError div0 = answers.get("div0").error().orElseThrow();
    assertThat(div0.condition()).contains("DIVIDE_BY_ZERO");
    assertThat(div0.parameters()).containsEntry("config", "ansi");
    assertThat(div0.causeConditions()).containsExactly("INNER");
    assertThat(answers.get("div0").schemaDdl()).isEmpty();

    assertThat(answers.get("plain").error().orElseThrow().condition()).isEmpty();
  }

  @Test
  void specJson_carriesInputsQueriesAndPerQueryAnsi() throws Exception {
    OracleSpec spec =
        new OracleSpec()
            .conf("spark.sql.adaptive.enabled", "false")
            .input(
                new OracleSpec.Input(
                    "t",
                    "csv",
                    Path.of("/data/t.csv"),
                    Optional.of("a INT"),
                    Map.of("header", "true")))
            .query(new OracleSpec.Query("q1", "SELECT * FROM t", Optional.of(false)))
            .query(new OracleSpec.Query("q2", "SELECT 1", Optional.empty()));

    JsonNode json = new ObjectMapper().readTree(spec.toJson(Path.of("/out/answers.jsonl")));

    assertThat(json.get("conf").get("spark.sql.adaptive.enabled").asText()).isEqualTo("false");
    JsonNode input = json.get("inputs").get(0);
    assertThat(input.get("name").asText()).isEqualTo("t");
    assertThat(input.get("format").asText()).isEqualTo("csv");
    assertThat(input.get("path").asText()).isEqualTo("/data/t.csv");
    assertThat(input.get("schema").asText()).isEqualTo("a INT");
    assertThat(input.get("options").get("header").asText()).isEqualTo("true");
    assertThat(json.get("queries").get(0).get("ansi").asBoolean(true)).isFalse();
    assertThat(json.get("queries").get(1).has("ansi")).isFalse();
    assertThat(json.get("output").asText()).isEqualTo("/out/answers.jsonl");
  }
}
