package io.tideline.internal.streaming.exec;

import static io.tideline.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.internal.errors.TidelineException;
import io.tideline.streaming.MemoryStream;
import io.tideline.streaming.StreamingQuery;
import io.tideline.streaming.StreamingQueryException;
import io.tideline.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MicroBatchExecutionTest {
  private static final StructType SCHEMA = StructType.fromDDL("id BIGINT, name STRING");
  private static Tideline t;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    t =
        Tideline.builder()
            .appName("micro-batch-test")
            .config("tideline.shuffle.partitions", 2)
            .getOrCreate();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private StreamingQuery startQuery(DataFrame df, RecordingSink sink, Path checkpoint) {
    return df.writeStream().sink(sink).option("checkpointLocation", checkpoint.toString()).start();
  }

  @Test
  void memoryStream_filterSelect_reachesTheSink() throws Exception {
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    RecordingSink sink = new RecordingSink();
    DataFrame df = input.toDF().filter(col("id").gt(1)).select(col("name"));
    StreamingQuery q = startQuery(df, sink, dir.resolve("cp"));
    try {
      assertThat(input.addData(Row.of(1L, "a"), Row.of(2L, "b"))).isEqualTo(0);
      q.processAllAvailable();
      assertThat(input.addData(Row.of(3L, "c"))).isEqualTo(1);
      q.processAllAvailable();
      assertThat(sink.allRows()).containsExactly(Row.of("b"), Row.of("c"));
      assertThat(sink.batches().keySet()).containsExactly(0L, 1L);
      assertThat(Files.exists(dir.resolve("cp/offsets/1"))).isTrue();
      assertThat(Files.exists(dir.resolve("cp/commits/1"))).isTrue();
    } finally {
      q.stop();
    }
    assertThat(q.isActive()).isFalse();
    assertThat(q.exception()).isEmpty();
  }

  @Test
  void restart_continuesAfterTheLastCommittedBatch_sameIdNewRunId() throws Exception {
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    RecordingSink sink = new RecordingSink();
    Path cp = dir.resolve("cp");
    StreamingQuery first = startQuery(input.toDF(), sink, cp);
    input.addData(Row.of(1L, "a"));
    first.processAllAvailable();
    first.stop();

    input.addData(Row.of(2L, "b"));
    StreamingQuery second = startQuery(input.toDF(), sink, cp);
    try {
      second.processAllAvailable();
      assertThat(second.id()).isEqualTo(first.id());
      assertThat(second.runId()).isNotEqualTo(first.runId());
      assertThat(sink.allRows()).containsExactly(Row.of(1L, "a"), Row.of(2L, "b"));
      assertThat(sink.deliveries()).containsExactly(0L, 1L);
    } finally {
      second.stop();
    }
  }

  @Test
  void failingBatch_endsTheQueryWithAnExceptionNamingQueryBatchAndCause() {
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    StreamingQuery q =
        input
            .toDF()
            .writeStream()
            .queryName("failing")
            .foreachBatch(
                (batch, id) -> {
                  throw new IllegalStateException("boom in user code");
                })
            .start();
    input.addData(Row.of(1L, "a"));
    assertThatThrownBy(q::awaitTermination)
        .isInstanceOf(StreamingQueryException.class)
        .hasMessageContaining("failing")
        .hasMessageContaining(q.id().toString())
        .hasMessageContaining("batch 0")
        .hasMessageContaining("boom in user code")
        .hasRootCauseInstanceOf(IllegalStateException.class);
    assertThat(q.isActive()).isFalse();
    assertThat(q.exception()).isPresent();
    assertThat(q.exception().get().batchId()).isZero();
    assertThatThrownBy(q::processAllAvailable).isInstanceOf(StreamingQueryException.class);
  }

  @Test
  void batchOnlyCallsOnAStream_areRefused() {
    DataFrame stream = MemoryStream.of(t, SCHEMA).toDF();
    for (Runnable call :
        List.<Runnable>of(stream::collectAsList, stream::count, stream::show, stream::write)) {
      assertThatThrownBy(call::run)
          .isInstanceOfSatisfying(
              TidelineException.class,
              e -> assertThat(e.getCondition()).isEqualTo("CALL_ON_STREAMING_DATASET_UNSUPPORTED"));
    }
  }
}
