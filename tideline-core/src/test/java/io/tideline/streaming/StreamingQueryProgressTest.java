package io.tideline.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StreamingQueryProgressTest {

  private static final UUID ID = UUID.fromString("ce011fdc-8762-4dcb-84eb-a77333e28109");
  private static final UUID RUN_ID = UUID.fromString("88e2ff94-ede0-45a8-b687-6316fbef529a");

  /** Spark's documented example: a Kafka source, a 5 s windowed count with watermark, batch 3. */
  private static StreamingQueryProgress sparksExample() {
    Map<String, Long> durations = new LinkedHashMap<>();
    durations.put("triggerExecution", 1204L);
    durations.put("walCommit", 34L);
    durations.put("addBatch", 1011L);
    durations.put("latestOffset", 12L);
    durations.put("getBatch", 0L);
    durations.put("queryPlanning", 105L);
    durations.put("commitOffsets", 27L);
    return StreamingQueryProgress.builder(ID, RUN_ID)
        .name("windowedCounts")
        .timestamp(Instant.parse("2024-05-15T21:57:50.782Z"))
        .batchId(3)
        .batchDuration(1204)
        .durationMs(durations)
        .eventTime(
            Map.of(
                "watermark", "2024-05-15T21:57:30.000Z",
                "min", "2024-05-15T21:57:30.000Z",
                "max", "2024-05-15T21:57:49.000Z",
                "avg", "2024-05-15T21:57:41.500Z"))
        .stateOperators(
            List.of(
                StateOperatorProgress.builder("stateStoreSave")
                    .numRowsTotal(4)
                    .numRowsUpdated(2)
                    .allUpdatesTimeMs(48)
                    .numRowsRemoved(1)
                    .allRemovalsTimeMs(3)
                    .commitTimeMs(66)
                    .memoryUsedBytes(90584)
                    .numRowsDroppedByWatermark(1)
                    .numShufflePartitions(200)
                    .numStateStoreInstances(200)
                    .customMetrics(
                        Map.of(
                            "stateOnCurrentVersionSizeBytes", 22136L,
                            "loadedMapCacheMissCount", 0L,
                            "loadedMapCacheHitCount", 400L))
                    .build()))
        .sources(
            List.of(
                new SourceProgress(
                    "KafkaV2[Subscribe[events]]",
                    "{\"events\":{\"0\":40,\"1\":35}}",
                    "{\"events\":{\"0\":45,\"1\":40}}",
                    "{\"events\":{\"0\":45,\"1\":40}}",
                    10,
                    120.0,
                    10 / 1.204,
                    Map.of(
                        "minOffsetsBehindLatest", "0",
                        "maxOffsetsBehindLatest", "0",
                        "avgOffsetsBehindLatest", "0.0"))))
        .sink(new SinkProgress("MemorySink", 1))
        .build();
  }

  @Test
  void prettyJson_sparksDocumentedExample_matchesFieldOrderTypesAndLayout() {
    assertThat(sparksExample().prettyJson())
        .isEqualTo(
            String.join(
                "\n",
                "{",
                "  \"id\" : \"ce011fdc-8762-4dcb-84eb-a77333e28109\",",
                "  \"runId\" : \"88e2ff94-ede0-45a8-b687-6316fbef529a\",",
                "  \"name\" : \"windowedCounts\",",
                "  \"timestamp\" : \"2024-05-15T21:57:50.782Z\",",
                "  \"batchId\" : 3,",
                "  \"batchDuration\" : 1204,",
                "  \"numInputRows\" : 10,",
                "  \"inputRowsPerSecond\" : 120.0,",
                "  \"processedRowsPerSecond\" : 8.3,",
                "  \"durationMs\" : {",
                "    \"addBatch\" : 1011,",
                "    \"commitOffsets\" : 27,",
                "    \"getBatch\" : 0,",
                "    \"latestOffset\" : 12,",
                "    \"queryPlanning\" : 105,",
                "    \"triggerExecution\" : 1204,",
                "    \"walCommit\" : 34",
                "  },",
                "  \"eventTime\" : {",
                "    \"avg\" : \"2024-05-15T21:57:41.500Z\",",
                "    \"max\" : \"2024-05-15T21:57:49.000Z\",",
                "    \"min\" : \"2024-05-15T21:57:30.000Z\",",
                "    \"watermark\" : \"2024-05-15T21:57:30.000Z\"",
                "  },",
                "  \"stateOperators\" : [ {",
                "    \"operatorName\" : \"stateStoreSave\",",
                "    \"numRowsTotal\" : 4,",
                "    \"numRowsUpdated\" : 2,",
                "    \"allUpdatesTimeMs\" : 48,",
                "    \"numRowsRemoved\" : 1,",
                "    \"allRemovalsTimeMs\" : 3,",
                "    \"commitTimeMs\" : 66,",
                "    \"memoryUsedBytes\" : 90584,",
                "    \"numRowsDroppedByWatermark\" : 1,",
                "    \"numShufflePartitions\" : 200,",
                "    \"numStateStoreInstances\" : 200,",
                "    \"customMetrics\" : {",
                "      \"loadedMapCacheHitCount\" : 400,",
                "      \"loadedMapCacheMissCount\" : 0,",
                "      \"stateOnCurrentVersionSizeBytes\" : 22136",
                "    }",
                "  } ],",
                "  \"sources\" : [ {",
                "    \"description\" : \"KafkaV2[Subscribe[events]]\",",
                "    \"startOffset\" : {",
                "      \"events\" : {",
                "        \"0\" : 40,",
                "        \"1\" : 35",
                "      }",
                "    },",
                "    \"endOffset\" : {",
                "      \"events\" : {",
                "        \"0\" : 45,",
                "        \"1\" : 40",
                "      }",
                "    },",
                "    \"latestOffset\" : {",
                "      \"events\" : {",
                "        \"0\" : 45,",
                "        \"1\" : 40",
                "      }",
                "    },",
                "    \"numInputRows\" : 10,",
                "    \"inputRowsPerSecond\" : 120.0,",
                "    \"processedRowsPerSecond\" : 8.3,",
                "    \"metrics\" : {",
                "      \"avgOffsetsBehindLatest\" : \"0.0\",",
                "      \"maxOffsetsBehindLatest\" : \"0\",",
                "      \"minOffsetsBehindLatest\" : \"0\"",
                "    }",
                "  } ],",
                "  \"sink\" : {",
                "    \"description\" : \"MemorySink\",",
                "    \"numOutputRows\" : 1",
                "  }",
                "}"));
  }

  @Test
  void json_firstBatchOfAnUnnamedQuery_writesNullsAndOmitsEmptyMapsAndNaNRates() {
    StreamingQueryProgress progress =
        StreamingQueryProgress.builder(ID, RUN_ID)
            .timestamp(Instant.parse("2026-11-25T21:00:00Z"))
            .batchId(0)
            .batchDuration(7)
            .durationMs(Map.of("triggerExecution", 7L, "latestOffset", 1L))
            .sources(
                List.of(
                    new SourceProgress(
                        "MemoryStream[value#1]",
                        null,
                        "0",
                        "0",
                        1,
                        Double.NaN,
                        142.85714,
                        Map.of())))
            .sink(new SinkProgress("ForeachBatchSink", SinkProgress.UNKNOWN_NUM_OUTPUT_ROWS))
            .build();

    assertThat(progress.json())
        .isEqualTo(
            "{\"id\":\"ce011fdc-8762-4dcb-84eb-a77333e28109\","
                + "\"runId\":\"88e2ff94-ede0-45a8-b687-6316fbef529a\","
                + "\"name\":null,"
                + "\"timestamp\":\"2026-11-25T21:00:00.000Z\","
                + "\"batchId\":0,"
                + "\"batchDuration\":7,"
                + "\"numInputRows\":1,"
                + "\"processedRowsPerSecond\":142.9,"
                + "\"durationMs\":{\"latestOffset\":1,\"triggerExecution\":7},"
                + "\"stateOperators\":[],"
                + "\"sources\":[{\"description\":\"MemoryStream[value#1]\","
                + "\"startOffset\":null,\"endOffset\":0,\"latestOffset\":0,"
                + "\"numInputRows\":1,\"processedRowsPerSecond\":142.9}],"
                + "\"sink\":{\"description\":\"ForeachBatchSink\",\"numOutputRows\":-1}}");
  }

  @Test
  void prettyJson_emptyArrays_printAsSparkPrintsThem() {
    StreamingQueryProgress progress =
        StreamingQueryProgress.builder(ID, RUN_ID)
            .timestamp(Instant.EPOCH)
            .sink(new SinkProgress("MemorySink", 0))
            .build();

    assertThat(progress.prettyJson())
        .contains("  \"numInputRows\" : 0,\n  \"inputRowsPerSecond\" : 0.0,")
        .contains("  \"stateOperators\" : [ ],\n  \"sources\" : [ ],");
  }

  @Test
  void rates_areRoundedToOneDecimalHalfUpAsSpark() {
    assertThat(sourceRateJson(0.05)).isEqualTo("0.1");
    assertThat(sourceRateJson(0.15)).isEqualTo("0.2");
    assertThat(sourceRateJson(2.25)).isEqualTo("2.3");
    assertThat(sourceRateJson(8.349)).isEqualTo("8.3");
    assertThat(sourceRateJson(0.0)).isEqualTo("0.0");
    assertThat(sourceRateJson(12_345_678.96)).isEqualTo("12345679.0");
    assertThat(sourceRateJson(Double.POSITIVE_INFINITY)).isNull();
  }

  private static String sourceRateJson(double rate) {
    String json = new SourceProgress("s", null, null, null, 0, rate, Double.NaN, Map.of()).json();
    String key = "\"inputRowsPerSecond\":";
    int at = json.indexOf(key);
    if (at < 0) {
      return null;
    }
    int end = json.indexOf(',', at);
    return json.substring(at + key.length(), end < 0 ? json.indexOf('}', at) : end);
  }

  @Test
  void sourceProgress_offsetThatIsNotJson_isWrittenAsAString() {
    SourceProgress source =
        new SourceProgress("files", "not json {", "[1,2]", null, 0, 0, 0, Map.of());

    assertThat(source.json())
        .isEqualTo(
            "{\"description\":\"files\",\"startOffset\":\"not json {\",\"endOffset\":[1,2],"
                + "\"latestOffset\":null,\"numInputRows\":0,\"inputRowsPerSecond\":0.0,"
                + "\"processedRowsPerSecond\":0.0}");
  }

  @Test
  void getters_sumSourcesAndExposeSparksFields() {
    StreamingQueryProgress progress =
        StreamingQueryProgress.builder(ID, RUN_ID)
            .name("q")
            .timestamp(Instant.parse("2024-05-15T21:57:50.782Z"))
            .batchId(9)
            .sources(
                List.of(
                    new SourceProgress("a", null, "1", "1", 10, 1.5, 2.0, Map.of()),
                    new SourceProgress("b", null, "2", "2", 5, 0.5, 1.0, Map.of())))
            .sink(new SinkProgress("MemorySink", 15))
            .build();

    assertThat(progress.id()).isEqualTo(ID);
    assertThat(progress.runId()).isEqualTo(RUN_ID);
    assertThat(progress.name()).isEqualTo("q");
    assertThat(progress.timestamp()).isEqualTo("2024-05-15T21:57:50.782Z");
    assertThat(progress.batchId()).isEqualTo(9);
    assertThat(progress.numInputRows()).isEqualTo(15);
    assertThat(progress.inputRowsPerSecond()).isEqualTo(2.0);
    assertThat(progress.processedRowsPerSecond()).isEqualTo(3.0);
    assertThat(progress.sink().numOutputRows()).isEqualTo(15);
    assertThat(progress.stateOperators()).isEmpty();
    assertThat(progress.eventTime()).isEmpty();
    assertThat(progress.toString()).isEqualTo(progress.prettyJson());
  }

  @Test
  void progress_isImmutable() {
    StreamingQueryProgress progress = sparksExample();

    assertThatThrownBy(() -> progress.durationMs().put("x", 1L))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> progress.sources().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> progress.stateOperators().get(0).customMetrics().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void observedMetrics_areWrittenLastAsJsonObjects() {
    StreamingQueryProgress progress =
        StreamingQueryProgress.builder(ID, RUN_ID)
            .timestamp(Instant.EPOCH)
            .sink(new SinkProgress("MemorySink", 0))
            .observedMetrics(Map.of("checks", "{\"rows\":3,\"bad\":0}"))
            .build();

    assertThat(progress.json())
        .endsWith(
            "\"sink\":{\"description\":\"MemorySink\",\"numOutputRows\":0},"
                + "\"observedMetrics\":{\"checks\":{\"rows\":3,\"bad\":0}}}");
  }

  @Test
  void status_json_isSparks() {
    StreamingQueryStatus status =
        new StreamingQueryStatus("Waiting for data to arrive", false, false);

    assertThat(status.json())
        .isEqualTo(
            "{\"message\":\"Waiting for data to arrive\",\"isDataAvailable\":false,"
                + "\"isTriggerActive\":false}");
    assertThat(status.prettyJson())
        .isEqualTo(
            "{\n  \"message\" : \"Waiting for data to arrive\",\n  \"isDataAvailable\" : false,\n"
                + "  \"isTriggerActive\" : false\n}");
    assertThat(new StreamingQueryStatus("Processing new data", true, true).isTriggerActive())
        .isTrue();
  }
}
