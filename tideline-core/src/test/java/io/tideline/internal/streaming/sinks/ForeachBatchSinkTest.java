package io.tideline.internal.streaming.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.AnalysisException;
import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.internal.errors.TidelineException;
import io.tideline.types.StructType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForeachBatchSinkTest {
  private static final StructType SCHEMA = StructType.fromDDL("word STRING, n BIGINT");
  private static Tideline t;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    t = Tideline.builder().appName("foreach-batch-sink-test").getOrCreate();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private static DataFrame rows(Row... rows) {
    return t.createDataFrame(List.of(rows), SCHEMA);
  }

  @Test
  void addBatch_callsTheFunctionWithTheBatchAndItsId() {
    List<Long> ids = new ArrayList<>();
    List<List<Row>> data = new ArrayList<>();
    ForeachBatchSink sink =
        new ForeachBatchSink(
            (batch, id) -> {
              ids.add(id);
              data.add(batch.collectAsList());
            });

    sink.addBatch(4, rows(Row.of("a", 1L)));
    sink.addBatch(5, rows());

    assertThat(ids).containsExactly(4L, 5L);
    assertThat(data).containsExactly(List.of(Row.of("a", 1L)), List.of());
    assertThat(sink.description()).isEqualTo("ForeachBatchSink");
  }

  @Test
  void addBatch_givesABatchDataFrame_onWhichWritesAndActionsWork() {
    Path out = dir.resolve("out");
    List<Boolean> streaming = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    new ForeachBatchSink(
            (batch, id) -> {
              streaming.add(batch.isStreaming());
              counts.add(batch.count());
              batch.write().json(out.toString());
            })
        .addBatch(0, rows(Row.of("a", 1L), Row.of("b", 2L)));

    assertThat(streaming).containsExactly(false);
    assertThat(counts).containsExactly(2L);
    assertThat(t.read().schema(SCHEMA).json(out.toString()).collectAsList())
        .containsExactlyInAnyOrder(Row.of("a", 1L), Row.of("b", 2L));
  }

  @Test
  void addBatch_functionThrows_failsWithTheCauseAndTheBatchId() {
    IOException cause = new IOException("disk full");
    ForeachBatchSink sink =
        new ForeachBatchSink(
            (batch, id) -> {
              throw cause;
            });

    assertThatThrownBy(() -> sink.addBatch(9, rows()))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("FOREACH_BATCH_USER_FUNCTION_ERROR");
              assertThat(e.parameters()).containsEntry("batchId", "9");
            })
        .hasMessageContaining("disk full")
        .hasCause(cause);
  }

  @Test
  void addBatch_functionThrowsATidelineError_passesItThroughUnchanged() {
    ForeachBatchSink sink = new ForeachBatchSink((batch, id) -> batch.select("missing").count());

    assertThatThrownBy(() -> sink.addBatch(0, rows())).isInstanceOf(AnalysisException.class);
  }
}
