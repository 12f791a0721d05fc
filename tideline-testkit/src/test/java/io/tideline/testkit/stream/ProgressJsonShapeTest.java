package io.tideline.testkit.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.internal.streaming.ManualClock;
import io.tideline.streaming.MemoryStream;
import io.tideline.streaming.OutputMode;
import io.tideline.streaming.StreamingQueryProgress;
import io.tideline.streaming.Trigger;
import io.tideline.types.StructType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress JSON of real batches has Spark's field names, order and value types, so a Spark
 * user's dashboards read it unchanged.
 */
class ProgressJsonShapeTest {
  private static final StructType SCHEMA = StructType.fromDDL("id BIGINT");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> PROGRESS_FIELDS =
      List.of(
          "id",
          "runId",
          "name",
          "timestamp",
          "batchId",
          "batchDuration",
          "numInputRows",
          "inputRowsPerSecond",
          "processedRowsPerSecond",
          "durationMs",
          "stateOperators",
          "sources",
          "sink");
  private static final List<String> SOURCE_FIELDS =
      List.of(
          "description",
          "startOffset",
          "endOffset",
          "latestOffset",
          "numInputRows",
          "inputRowsPerSecond",
          "processedRowsPerSecond");
  private static Tideline t;
  @TempDir Path dir;

  @BeforeAll
  static void open() {
    t =
        Tideline.builder()
            .appName("progress-json-shape-test")
            .config("tideline.shuffle.partitions", "2")
            .getOrCreate();
  }

  @AfterAll
  static void close() {
    t.close();
  }

  @Test
  void memorySourceToMemorySink_secondBatch() {
    ManualClock clock = new ManualClock(0);
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    input.addData(Row.of(1L));
    StreamScript.of(t, input.toDF(), OutputMode.Append())
        .queryName("progress_shape")
        .output(w -> w.format("memory"), () -> t.table("progress_shape").collectAsList())
        .start(Trigger.ProcessingTime("1 second"), clock)
        .checkAnswer(Row.of(1L))
        .addData(input, Row.of(2L), Row.of(3L), Row.of(4L))
        .advanceClock(clock, 1_000)
        .checkAnswer(Row.of(1L), Row.of(2L), Row.of(3L), Row.of(4L))
        .assertProgress(
            p -> {
              JsonNode root = commonShape(p);
              assertThat(root.get("name").asText()).isEqualTo("progress_shape");
              assertThat(root.get("timestamp").asText()).isEqualTo("1970-01-01T00:00:01.000Z");
              assertThat(root.get("batchId").asLong()).isEqualTo(1);
              assertThat(root.get("numInputRows").asLong()).isEqualTo(3);
              // 3 rows over the 1 s since the previous trigger started, as Spark computes it.
              assertThat(root.get("inputRowsPerSecond").asDouble()).isEqualTo(3.0);
              JsonNode source = root.get("sources").get(0);
              assertThat(source.get("startOffset").isNumber()).isTrue();
              assertThat(source.get("endOffset").isNumber()).isTrue();
              assertThat(source.get("numInputRows").asLong()).isEqualTo(3);
              assertThat(root.get("sink").get("description").asText()).isEqualTo("MemorySink");
            })
        .run();
  }

  @Test
  void fileSourceToFileSink_firstBatch() throws IOException {
    Path in = Files.createDirectories(dir.resolve("in"));
    Path staging = Files.createDirectories(dir.resolve("staging"));
    Path file = Files.writeString(staging.resolve("a.json"), "{\"id\":1}\n{\"id\":2}\n");
    Files.move(file, in.resolve("a.json"), StandardCopyOption.ATOMIC_MOVE);
    Path out = dir.resolve("out");
    StreamScript.of(t, t.readStream().schema(SCHEMA).json(in.toString()), OutputMode.Append())
        .output(
            w -> w.format("json").option("path", out.toString()),
            () -> t.read().schema(SCHEMA).json(out.toString()).collectAsList())
        .checkAnswer(Row.of(1L), Row.of(2L))
        .execute(
            "progress of batch 0",
            q -> {
              StreamingQueryProgress p = firstBatchProgress(q.recentProgress());
              JsonNode root = commonShape(p);
              assertThat(root.get("name").isNull()).isTrue();
              assertThat(root.get("batchId").asLong()).isEqualTo(0);
              assertThat(root.get("inputRowsPerSecond").asDouble()).isEqualTo(0.0);
              JsonNode source = root.get("sources").get(0);
              assertThat(source.get("description").asText()).startsWith("FileStreamSource[");
              assertThat(source.get("startOffset").isNull()).isTrue();
              assertThat(source.get("endOffset").isObject()).isTrue();
              assertThat(source.get("endOffset").get("logOffset").asLong()).isEqualTo(0);
              assertThat(root.get("sink").get("description").asText()).startsWith("FileSink[");
            })
        .run();
  }

  /** The progress of the first trigger that ran a batch (idle triggers report no addBatch). */
  @Test
  void fileSource_progressCountsTheRowsOfTheBatch() throws IOException {
    Path in = Files.createDirectories(dir.resolve("in"));
    Path staging = Files.createDirectories(dir.resolve("staging"));
    Path file = Files.writeString(staging.resolve("a.json"), "{\"id\":1}\n{\"id\":2}\n");
    Files.move(file, in.resolve("a.json"), StandardCopyOption.ATOMIC_MOVE);
    StreamScript.of(t, t.readStream().schema(SCHEMA).json(in.toString()), OutputMode.Append())
        .checkAnswer(Row.of(1L), Row.of(2L))
        .execute(
            "progress of batch 0",
            q -> {
              StreamingQueryProgress p = firstBatchProgress(q.recentProgress());
              assertThat(p.numInputRows()).as("numInputRows").isEqualTo(2);
              assertThat(p.sources().get(0).numInputRows())
                  .as("sources[0].numInputRows")
                  .isEqualTo(2);
            })
        .run();
  }

  private static StreamingQueryProgress firstBatchProgress(List<StreamingQueryProgress> recent) {
    for (StreamingQueryProgress p : recent) {
      if (p.durationMs().containsKey("addBatch")) {
        return p;
      }
    }
    throw new AssertionError("No progress of a batch among " + recent.size());
  }

  /** Checks what every progress shares: key order and value types. Returns the parsed JSON. */
  private static JsonNode commonShape(StreamingQueryProgress p) {
    JsonNode root;
    try {
      root = JSON.readTree(p.json());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(fieldNames(root)).as(p.json()).containsExactlyElementsOf(PROGRESS_FIELDS);
    assertThat(UUID.fromString(root.get("id").asText())).isEqualTo(p.id());
    assertThat(UUID.fromString(root.get("runId").asText())).isEqualTo(p.runId());
    assertThat(root.get("name").isTextual() || root.get("name").isNull()).isTrue();
    assertThat(root.get("timestamp").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(root.get("batchId").isIntegralNumber()).isTrue();
    assertThat(root.get("batchDuration").isIntegralNumber()).isTrue();
    assertThat(root.get("numInputRows").isIntegralNumber()).isTrue();
    assertThat(root.get("inputRowsPerSecond").isFloatingPointNumber()).isTrue();
    assertThat(root.get("processedRowsPerSecond").isFloatingPointNumber()).isTrue();

    JsonNode durations = root.get("durationMs");
    List<String> phases = fieldNames(durations);
    assertThat(phases).contains("triggerExecution", "addBatch").isSorted();
    durations.forEach(v -> assertThat(v.isIntegralNumber()).isTrue());

    assertThat(root.get("stateOperators").isArray()).isTrue();
    assertThat(root.get("stateOperators")).isEmpty();

    JsonNode sources = root.get("sources");
    assertThat(sources.isArray()).isTrue();
    assertThat(sources).hasSize(1);
    JsonNode source = sources.get(0);
    List<String> sourceFields = fieldNames(source);
    assertThat(sourceFields.subList(0, SOURCE_FIELDS.size()))
        .containsExactlyElementsOf(SOURCE_FIELDS);
    assertThat(sourceFields.subList(SOURCE_FIELDS.size(), sourceFields.size()))
        .isSubsetOf("metrics");
    assertThat(source.get("description").isTextual()).isTrue();
    assertThat(source.get("numInputRows").isIntegralNumber()).isTrue();
    assertThat(source.get("inputRowsPerSecond").isFloatingPointNumber()).isTrue();
    assertThat(source.get("processedRowsPerSecond").isFloatingPointNumber()).isTrue();

    JsonNode sink = root.get("sink");
    List<String> sinkFields = fieldNames(sink);
    assertThat(sinkFields.subList(0, 2)).containsExactly("description", "numOutputRows");
    assertThat(sinkFields.subList(2, sinkFields.size())).isSubsetOf("metrics");
    assertThat(sink.get("numOutputRows").isIntegralNumber()).isTrue();
    return root;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }
}
