package io.tideline.conformance.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tideline.conformance.Pipeline;
import io.tideline.testkit.spark.OracleAnswer;
import io.tideline.testkit.spark.StreamOracleAnswer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StreamDiffTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final StreamCase CASE =
      StreamCase.builder("c")
          .source("s", "json", "id BIGINT")
          .step("s:f.json")
          .query(Pipeline.from("s"))
          .build();

  private static StreamOracleAnswer.Batch batch(long id, String schema, String... rows)
      throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String r : rows) {
      out.add(JSON.readTree(r));
    }
    return new StreamOracleAnswer.Batch(id, schema, out);
  }

  private static StreamOracleAnswer answer(List<StreamOracleAnswer.Batch> batches) {
    return new StreamOracleAnswer("c", batches, List.of(), Optional.empty(), -1, Optional.empty());
  }

  private static StreamOracleAnswer failed(
      List<StreamOracleAnswer.Batch> batches, long failedBatch, String outer, String... causes) {
    OracleAnswer.SparkError e =
        new OracleAnswer.SparkError(
            Optional.ofNullable(outer),
            Map.of(),
            List.of(causes),
            "E",
            "boom in batch " + failedBatch);
    return new StreamOracleAnswer(
        "c", batches, List.of(), Optional.of(e), failedBatch, Optional.empty());
  }

  @Test
  void batches_sameIdsAndRowsInAnyOrder_agree() throws Exception {
    StreamOracleAnswer spark =
        answer(List.of(batch(0, "id BIGINT", "[1]", "[2]"), batch(1, "id BIGINT")));
    StreamOracleAnswer tideline =
        answer(List.of(batch(0, "id BIGINT NOT NULL", "[2]", "[1]"), batch(1, "id BIGINT")));
    assertThat(StreamDiff.batches(CASE, spark, tideline)).isEmpty();
  }

  @Test
  void batches_rowsInAnotherBatch_differ() throws Exception {
    StreamOracleAnswer spark =
        answer(List.of(batch(0, "id BIGINT", "[1]"), batch(1, "id BIGINT", "[2]")));
    StreamOracleAnswer tideline =
        answer(List.of(batch(0, "id BIGINT", "[1]", "[2]"), batch(1, "id BIGINT")));
    assertThat(StreamDiff.batches(CASE, spark, tideline)).get().asString().startsWith("batch 0:");
  }

  @Test
  void batches_missingBatchId_differs() throws Exception {
    StreamOracleAnswer spark = answer(List.of(batch(0, "id BIGINT"), batch(1, "id BIGINT")));
    StreamOracleAnswer tideline = answer(List.of(batch(0, "id BIGINT")));
    assertThat(StreamDiff.batches(CASE, spark, tideline))
        .get()
        .asString()
        .startsWith("batch ids differ");
  }

  @Test
  void failures_conditionUnderSparksStreamFailedWrapper_agreesWithTheSameBatch() throws Exception {
    List<StreamOracleAnswer.Batch> one = List.of(batch(0, "n INT", "[1]"));
    StreamOracleAnswer spark = failed(one, 1, "STREAM_FAILED", "CAST_INVALID_INPUT");
    assertThat(StreamDiff.batches(CASE, spark, failed(one, 1, null, "CAST_INVALID_INPUT")))
        .isEmpty();
    assertThat(StreamDiff.batches(CASE, spark, failed(one, 2, null, "CAST_INVALID_INPUT")))
        .get()
        .asString()
        .contains("Spark in batch 1 but Tideline's exception names batch 2");
    assertThat(StreamDiff.batches(CASE, spark, failed(one, 1, "ARITHMETIC_OVERFLOW")))
        .get()
        .asString()
        .contains("Tideline with ARITHMETIC_OVERFLOW");
    assertThat(StreamDiff.batches(CASE, spark, answer(one)))
        .get()
        .asString()
        .contains("Tideline's runs through");
  }

  @Test
  void batches_maskedColumn_comparedByTypeButMustBeOneValuePerBatch() throws Exception {
    StreamCase masked =
        StreamCase.builder("m")
            .source("s", "json", "id BIGINT")
            .step("s:f.json")
            .query(Pipeline.from("s"))
            .mask("now")
            .build();
    String schema = "id BIGINT,now TIMESTAMP";
    StreamOracleAnswer spark =
        answer(
            List.of(
                batch(0, schema, "[1,\"2026-01-01T00:00:00Z\"]", "[2,\"2026-01-01T00:00:00Z\"]")));
    StreamOracleAnswer sameInstant =
        answer(
            List.of(
                batch(0, schema, "[1,\"2026-02-02T00:00:00Z\"]", "[2,\"2026-02-02T00:00:00Z\"]")));
    StreamOracleAnswer twoInstants =
        answer(
            List.of(
                batch(0, schema, "[1,\"2026-02-02T00:00:00Z\"]", "[2,\"2026-02-02T00:00:01Z\"]")));
    assertThat(StreamDiff.batches(masked, spark, sameInstant)).isEmpty();
    assertThat(StreamDiff.batches(masked, spark, twoInstants))
        .get()
        .asString()
        .contains("2 values in one batch");
  }

  @Test
  void startErrors_legacySparkCondition_comparesTheKindOfException() {
    OracleAnswer.SparkError spark =
        new OracleAnswer.SparkError(
            Optional.of("_LEGACY_ERROR_TEMP_3102"),
            Map.of(),
            List.of(),
            "org.apache.spark.sql.AnalysisException",
            "Sorting is not supported");
    StreamOracleAnswer s =
        new StreamOracleAnswer("c", List.of(), List.of(), Optional.empty(), -1, Optional.of(spark));
    StreamOracleAnswer analysis =
        new StreamOracleAnswer(
            "c",
            List.of(),
            List.of(),
            Optional.empty(),
            -1,
            Optional.of(
                new OracleAnswer.SparkError(
                    Optional.of("STREAMING_SORT_UNSUPPORTED"),
                    Map.of(),
                    List.of(),
                    "io.tideline.AnalysisException",
                    "no")));
    assertThat(StreamDiff.batches(CASE, s, analysis)).isEmpty();
    assertThat(StreamDiff.batches(CASE, s, answer(List.of())))
        .get()
        .asString()
        .contains("Tideline starts it");
  }

  @Test
  void shape_listsFieldsInOrderWithJsonTypes() throws Exception {
    JsonNode progress =
        JSON.readTree(
            "{\"id\":\"x\",\"name\":null,\"batchId\":0,\"durationMs\":{\"addBatch\":1,\"walCommit\":2},"
                + "\"sources\":[{\"startOffset\":null,\"endOffset\":{\"logOffset\":0}}],"
                + "\"sink\":{\"description\":\"S\",\"numOutputRows\":-1}}");
    assertThat(StreamDiff.shape(progress))
        .containsExactly(
            "id:string",
            "name:null",
            "batchId:number",
            "durationMs:object",
            "sources:array",
            "sink:object",
            "sources[].startOffset:null",
            "sources[].endOffset:object",
            "sink.description:string",
            "sink.numOutputRows:number",
            "durationMs keys [addBatch, walCommit]");
  }

  private static StreamOracleAnswer withProgress(String... progress) throws Exception {
    List<JsonNode> nodes = new ArrayList<>();
    List<StreamOracleAnswer.Batch> batches = new ArrayList<>();
    for (String p : progress) {
      JsonNode node = JSON.readTree(p);
      nodes.add(node);
      batches.add(new StreamOracleAnswer.Batch(node.get("batchId").asLong(), "x INT", List.of()));
    }
    return new StreamOracleAnswer(
        "c", batches, List.copyOf(nodes), Optional.empty(), -1, Optional.empty());
  }

  @Test
  void eventTime_watermarkOfABatchDiffers_namesTheBatchAndBothValues() throws Exception {
    String batch0 =
        "{\"batchId\":0,\"durationMs\":{\"addBatch\":1},"
            + "\"eventTime\":{\"max\":\"2024-01-01T10:00:07.000Z\","
            + "\"watermark\":\"1970-01-01T00:00:00.000Z\"}}";
    StreamOracleAnswer spark =
        withProgress(
            batch0,
            "{\"batchId\":1,\"durationMs\":{\"addBatch\":1},"
                + "\"eventTime\":{\"watermark\":\"2024-01-01T10:00:02.000Z\"}}");
    StreamOracleAnswer tideline =
        withProgress(
            batch0,
            "{\"batchId\":1,\"durationMs\":{\"addBatch\":1},"
                + "\"eventTime\":{\"watermark\":\"2024-01-01T10:00:07.000Z\"}}");

    assertThat(StreamDiff.eventTime(spark, spark)).isEmpty();
    assertThat(StreamDiff.eventTime(spark, tideline))
        .get()
        .asString()
        .isEqualTo(
            "batch 1: eventTime.watermark Spark \"2024-01-01T10:00:02.000Z\""
                + " | Tideline \"2024-01-01T10:00:07.000Z\"");
  }

  @Test
  void eventTime_statisticMissingInTideline_differs() throws Exception {
    StreamOracleAnswer spark =
        withProgress(
            "{\"batchId\":0,\"durationMs\":{\"addBatch\":1},"
                + "\"eventTime\":{\"min\":\"2024-01-01T10:00:01.000Z\"}}");
    StreamOracleAnswer tideline =
        withProgress("{\"batchId\":0,\"durationMs\":{\"addBatch\":1},\"eventTime\":{}}");

    assertThat(StreamDiff.eventTime(spark, tideline)).get().asString().contains("eventTime.min");
  }
}
