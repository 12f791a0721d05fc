package io.tideline.internal.streaming.exec;

import static io.tideline.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.internal.streaming.ManualClock;
import io.tideline.streaming.MemoryStream;
import io.tideline.streaming.StreamingQuery;
import io.tideline.streaming.StreamingQueryListener;
import io.tideline.streaming.StreamingQueryProgress;
import io.tideline.types.StructType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Progress records, status and listener events of a running query. */
class ProgressAndListenerTest {
  private static final StructType SCHEMA = StructType.fromDDL("id BIGINT, name STRING");
  private static Tideline t;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    t = Tideline.builder().appName("progress-listener-test").getOrCreate();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  /** Records event kinds (and the event objects) in delivery order. */
  static final class RecordingListener extends StreamingQueryListener {
    final List<String> kinds = new CopyOnWriteArrayList<>();
    final List<Object> events = new CopyOnWriteArrayList<>();
    final CountDownLatch terminated = new CountDownLatch(1);

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
      kinds.add("started");
      events.add(event);
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
      kinds.add("progress " + event.progress().batchId());
      events.add(event);
    }

    @Override
    public void onQueryIdle(QueryIdleEvent event) {
      kinds.add("idle");
      events.add(event);
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
      kinds.add("terminated");
      events.add(event);
      terminated.countDown();
    }
  }

  @Test
  void progressJson_hasSparksFieldsInOrderWithTheirTypes() throws Exception {
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    StreamingQuery q =
        input
            .toDF()
            .filter(col("id").gt(0))
            .writeStream()
            .queryName("progress_shape")
            .sink(new RecordingSink())
            .option("checkpointLocation", dir.resolve("cp").toString())
            .start();
    try {
      input.addData(Row.of(1L, "a"), Row.of(2L, "b"), Row.of(-3L, "c"));
      q.processAllAvailable();
      StreamingQueryProgress p = q.lastProgress();
      JsonNode json = new ObjectMapper().readTree(p.json());
      List<String> fields = new ArrayList<>();
      json.fieldNames().forEachRemaining(fields::add);
      assertThat(fields)
          .containsExactly(
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
      assertThat(json.get("id").asText()).isEqualTo(q.id().toString());
      assertThat(json.get("runId").asText()).isEqualTo(q.runId().toString());
      assertThat(json.get("name").asText()).isEqualTo("progress_shape");
      assertThat(json.get("timestamp").asText())
          .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
      assertThat(json.get("batchId").isIntegralNumber()).isTrue();
      assertThat(json.get("batchId").asLong()).isZero();
      assertThat(json.get("numInputRows").asLong()).isEqualTo(3);
      assertThat(json.get("inputRowsPerSecond").isNumber()).isTrue();
      assertThat(json.get("processedRowsPerSecond").isNumber()).isTrue();
      List<String> phases = new ArrayList<>();
      json.get("durationMs").fieldNames().forEachRemaining(phases::add);
      assertThat(phases)
          .containsExactly(
              "addBatch",
              "commitOffsets",
              "getBatch",
              "latestOffset",
              "queryPlanning",
              "triggerExecution",
              "walCommit");
      assertThat(json.get("stateOperators").isArray()).isTrue();
      assertThat(json.get("stateOperators")).isEmpty();
      JsonNode source = json.get("sources").get(0);
      assertThat(source.get("description").asText()).isEqualTo("MemoryStream[id,name]");
      assertThat(source.get("startOffset").isNull()).isTrue();
      assertThat(source.get("endOffset").asLong()).isZero();
      assertThat(source.get("latestOffset").asLong()).isZero();
      assertThat(source.get("numInputRows").asLong()).isEqualTo(3);
      assertThat(json.get("sink").get("description").asText()).isEqualTo("RecordingSink");
      assertThat(json.get("sink").get("numOutputRows").asLong()).isEqualTo(2);

      input.addData(Row.of(4L, "d"));
      q.processAllAvailable();
      JsonNode second = new ObjectMapper().readTree(q.lastProgress().json());
      assertThat(second.get("batchId").asLong()).isEqualTo(1);
      assertThat(second.get("sources").get(0).get("startOffset").asLong()).isZero();
      assertThat(second.get("sources").get(0).get("endOffset").asLong()).isEqualTo(1);
    } finally {
      q.stop();
    }
    assertThat(q.status().message()).isEqualTo("Stopped");
    assertThat(q.status().isTriggerActive()).isFalse();
  }

  @Test
  void numInputRows_countsAComputedSourcePlanOnce_evenWhenTheSinkReadsItTwice() throws Exception {
    List<Row> data = new CopyOnWriteArrayList<>();
    for (long i = 0; i < 5; i++) {
      data.add(Row.of(i, "x"));
    }
    StreamingQuery q =
        ListSource.dataFrame(t, SCHEMA, data, 100, true)
            .filter(col("id").gt(1))
            .writeStream()
            .foreachBatch(
                (batch, id) -> {
                  batch.count();
                  batch.collectAsList();
                })
            .start();
    try {
      q.processAllAvailable();
      assertThat(q.lastProgress().numInputRows()).isEqualTo(5);
      assertThat(q.lastProgress().sources().get(0).numInputRows()).isEqualTo(5);
    } finally {
      q.stop();
    }
  }

  @Test
  void recentProgress_keepsTheConfiguredNumberOfLatestBatches() throws Exception {
    t.conf().set("tideline.sql.streaming.numRecentProgressUpdates", "3");
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    StreamingQuery q;
    try {
      q =
          input
              .toDF()
              .writeStream()
              .sink(new RecordingSink())
              .clock(new ManualClock(0))
              .option("checkpointLocation", dir.resolve("cp").toString())
              .start();
    } finally {
      t.conf().set("tideline.sql.streaming.numRecentProgressUpdates", "100");
    }
    try {
      input.addData(Row.of(0L, "x"));
      q.processAllAvailable();
      for (long i = 1; i < 5; i++) {
        input.addData(Row.of(i, "x"));
        q.processAllAvailable();
      }
      assertThat(q.recentProgress())
          .extracting(StreamingQueryProgress::batchId)
          .containsExactly(2L, 3L, 4L);
      assertThat(q.lastProgress().batchId()).isEqualTo(4L);
    } finally {
      q.stop();
    }
  }

  @Test
  void listener_seesStartedProgressIdleTerminated_inOrder_evenWhenAnotherListenerThrows()
      throws Exception {
    RecordingListener listener = new RecordingListener();
    StreamingQueryListener throwing =
        new StreamingQueryListener() {
          @Override
          public void onQueryStarted(QueryStartedEvent event) {
            throw new IllegalStateException("listener bug");
          }

          @Override
          public void onQueryProgress(QueryProgressEvent event) {
            throw new IllegalStateException("listener bug");
          }

          @Override
          public void onQueryTerminated(QueryTerminatedEvent event) {
            throw new IllegalStateException("listener bug");
          }
        };
    t.streams().addListener(throwing);
    t.streams().addListener(listener);
    try {
      MemoryStream input = MemoryStream.of(t, SCHEMA);
      ManualClock clock = new ManualClock(1_000);
      StreamingQuery q =
          input
              .toDF()
              .writeStream()
              .sink(new RecordingSink())
              .clock(clock)
              .option("checkpointLocation", dir.resolve("cp").toString())
              .start();
      assertThat(listener.kinds).containsExactly("started");
      // The first idle trigger of a run is recorded but not announced, as in Spark.
      q.processAllAvailable();
      input.addData(Row.of(1L, "a"));
      q.processAllAvailable();
      // Idle for the whole event interval after the batch: one idle event.
      clock.advance(10_000);
      q.processAllAvailable();
      q.processAllAvailable();
      q.stop();
      assertThat(listener.terminated.await(20, TimeUnit.SECONDS)).isTrue();
      assertThat(listener.kinds).containsExactly("started", "progress 0", "idle", "terminated");
      Iterator<Object> events = listener.events.iterator();
      StreamingQueryListener.QueryStartedEvent started =
          (StreamingQueryListener.QueryStartedEvent) events.next();
      assertThat(started.id()).isEqualTo(q.id());
      assertThat(started.runId()).isEqualTo(q.runId());
      assertThat(started.timestamp()).isEqualTo("1970-01-01T00:00:01Z");
      events.next();
      StreamingQueryListener.QueryIdleEvent idle =
          (StreamingQueryListener.QueryIdleEvent) events.next();
      assertThat(idle.runId()).isEqualTo(q.runId());
      assertThat(idle.timestamp()).isEqualTo("1970-01-01T00:00:11Z");
      StreamingQueryListener.QueryTerminatedEvent end =
          (StreamingQueryListener.QueryTerminatedEvent) events.next();
      assertThat(end.exception()).isNull();
      assertThat(end.errorClassOnException()).isNull();
    } finally {
      t.streams().removeListener(throwing);
      t.streams().removeListener(listener);
    }
  }

  @Test
  void failedQuery_terminatedEventCarriesTheMessageAndCondition() throws Exception {
    RecordingListener listener = new RecordingListener();
    t.streams().addListener(listener);
    try {
      MemoryStream input = MemoryStream.of(t, SCHEMA);
      StreamingQuery q =
          input
              .toDF()
              .select(col("id").divide(0L).cast("bigint").as("boom"))
              .writeStream()
              .sink(new RecordingSink())
              .option("checkpointLocation", dir.resolve("cp").toString())
              .start();
      input.addData(Row.of(1L, "a"));
      assertThat(listener.terminated.await(20, TimeUnit.SECONDS)).isTrue();
      StreamingQueryListener.QueryTerminatedEvent end =
          (StreamingQueryListener.QueryTerminatedEvent)
              listener.events.get(listener.events.size() - 1);
      assertThat(end.exception()).contains("batch 0").contains(q.id().toString());
      assertThat(end.errorClassOnException()).isEqualTo("DIVIDE_BY_ZERO");
      assertThat(q.exception()).isPresent();
    } finally {
      t.streams().removeListener(listener);
    }
  }
}
