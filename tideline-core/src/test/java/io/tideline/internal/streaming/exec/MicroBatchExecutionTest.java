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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
  void restart_takesPinnedSettingsFromTheCheckpointNotTheSession() throws Exception {
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    RecordingSink sink = new RecordingSink();
    Path cp = dir.resolve("cp");
    StreamingQuery first = startQuery(input.toDF(), sink, cp);
    input.addData(Row.of(1L, "a"));
    first.processAllAvailable();
    first.stop();
    assertThat(Files.readString(cp.resolve("offsets/0")))
        .contains("\"tideline.shuffle.partitions\":\"2\"");

    t.conf().set("tideline.shuffle.partitions", "7");
    try {
      StreamingQuery second = startQuery(input.toDF(), sink, cp);
      input.addData(Row.of(2L, "b"));
      second.processAllAvailable();
      second.stop();
    } finally {
      t.conf().set("tideline.shuffle.partitions", "2");
    }
    assertThat(Files.readString(cp.resolve("offsets/1")))
        .contains("\"tideline.shuffle.partitions\":\"2\"");
  }

  @Test
  void explain_showsTheLatestBatchPlan() throws Exception {
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    StreamingQuery q =
        startQuery(input.toDF().filter(col("id").gt(1)), new RecordingSink(), dir.resolve("cp"));
    try {
      assertThat(q.explainString(false)).isEqualTo("No physical plan. Waiting for data.");
      input.addData(Row.of(1L, "a"));
      q.processAllAvailable();
      assertThat(q.explainString(false)).startsWith("== Physical Plan ==").contains("Filter");
    } finally {
      q.stop();
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
  void stop_interruptsABatchInFlight_withoutCommittingItOrFailing() throws Exception {
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    CountDownLatch inBatch = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    Path cp = dir.resolve("cp");
    StreamingQuery q =
        input
            .toDF()
            .writeStream()
            .option("checkpointLocation", cp.toString())
            .foreachBatch(
                (batch, id) -> {
                  inBatch.countDown();
                  never.await();
                })
            .start();
    input.addData(Row.of(1L, "a"));
    assertThat(inBatch.await(20, TimeUnit.SECONDS)).isTrue();
    q.stop();
    assertThat(q.isActive()).isFalse();
    assertThat(q.exception()).isEmpty();
    assertThat(Files.exists(cp.resolve("offsets/0"))).isTrue();
    assertThat(Files.exists(cp.resolve("commits/0"))).isFalse();
    assertThat(q.status().message()).isEqualTo("Stopped");
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
