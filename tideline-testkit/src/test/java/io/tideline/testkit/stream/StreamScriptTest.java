package io.tideline.testkit.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.internal.streaming.ManualClock;
import io.tideline.internal.streaming.checkpoint.CheckpointErrors;
import io.tideline.internal.streaming.exec.LoopHooks.SimulatedCrash;
import io.tideline.internal.streaming.exec.LoopPoint;
import io.tideline.streaming.MemoryStream;
import io.tideline.streaming.OutputMode;
import io.tideline.streaming.StreamingQuery;
import io.tideline.streaming.Trigger;
import io.tideline.types.StructType;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stream-script harness itself: passing scripts pass, failing ones say where and why. */
class StreamScriptTest {
  private static final StructType SCHEMA = StructType.fromDDL("id BIGINT");
  private static Tideline t;

  @BeforeAll
  static void open() {
    t =
        Tideline.builder()
            .appName("stream-script-test")
            .config("tideline.shuffle.partitions", "2")
            .getOrCreate();
  }

  @AfterAll
  static void close() {
    t.close();
  }

  @Test
  void script_addCheckStopRestart_continuesFromCheckpoint() {
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    StreamScript script = StreamScript.of(t, input.toDF(), OutputMode.Append());
    script
        .addData(input, Row.of(1L), Row.of(2L))
        .checkAnswer(Row.of(1L), Row.of(2L))
        .checkLastBatch(Row.of(1L), Row.of(2L))
        .checkNewBatches(Row.of(1L), Row.of(2L))
        .stop()
        .addData(input, Row.of(3L))
        .start()
        .checkAnswer(Row.of(1L), Row.of(2L), Row.of(3L))
        .checkNewBatches(Row.of(3L))
        .assertProgress(p -> assertThat(p.numInputRows()).isEqualTo(1))
        .run();
    assertThat(script.sink().batches()).hasSize(2);
  }

  @Test
  void failingCheck_reportsScriptWithCursorRowsProgressAndSink() {
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    StreamScript script =
        StreamScript.of(t, input.toDF(), OutputMode.Append())
            .addData(input, Row.of(1L))
            .checkAnswer(Row.of(1L))
            .addData(input, Row.of(2L))
            .checkAnswer(Row.of(1L), Row.of(5L))
            .stop();
    assertThatThrownBy(script::run)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("at action 5 of 6: The sink's content does not match")
        .hasMessageContaining("   addData([2])\n=> checkAnswer([1], [5])\n   stop()")
        .hasMessageContaining("! [5]  |  [2]")
        .hasMessageContaining("\"batchId\" : 1")
        .hasMessageContaining("0: [1]\n1: [2]");
  }

  @Test
  void failure_stopsTheQuery() {
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    AtomicReference<StreamingQuery> seen = new AtomicReference<>();
    StreamScript script =
        StreamScript.of(t, input.toDF(), OutputMode.Append())
            .execute("remember the query", seen::set)
            .addData(input, Row.of(1L))
            .checkAnswer(Row.of(2L));
    assertThatThrownBy(script::run).isInstanceOf(AssertionError.class);
    assertThat(seen.get().isActive()).isFalse();
    assertThat(t.streams().active()).doesNotContain(seen.get());
  }

  @Test
  void crashAt_thenExpectFailure_thenRestart_redeliversTheBatch() {
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    StreamScript script = StreamScript.of(t, input.toDF(), OutputMode.Append());
    script
        .crashAt(LoopPoint.AFTER_SINK_BEFORE_COMMIT, 0)
        .addData(input, Row.of(1L))
        .expectFailure(SimulatedCrash.class)
        .start()
        .checkAnswer(Row.of(1L))
        .assertThat("batch 0 re-delivered", () -> assertThat(script.sink().redeliveries(0)).isOne())
        .run();
  }

  @Test
  void unexpectedFailure_isReportedAtTheFirstActionAfterIt() {
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    StreamScript script =
        StreamScript.of(t, input.toDF(), OutputMode.Append())
            .crashAt(LoopPoint.AFTER_OFFSETS_WRITTEN)
            .addData(input, Row.of(1L))
            .execute("await termination", q -> awaitQuietly(q))
            .checkAnswer(Row.of(1L));
    // The harness looks for a failure around every action, so the crash surfaces either right
    // after the wait for termination or, if that check ran first, at the next action.
    assertThatThrownBy(script::run)
        .hasMessageMatching("(?s).*=> (execute\\(await termination\\)|checkAnswer\\(\\[1\\]\\)).*")
        .hasMessageNotContaining("=> addData")
        .hasMessageContaining("The query failed unexpectedly")
        .hasMessageContaining("Simulated crash at AFTER_OFFSETS_WRITTEN of batch 0");
  }

  @Test
  void expectFailure_whenTheQueryDoesNotFail_failsTheScript() {
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    StreamScript script =
        StreamScript.of(t, input.toDF(), OutputMode.Append())
            .timeout(java.time.Duration.ofMillis(300))
            .addData(input, Row.of(1L))
            .expectFailure(SimulatedCrash.class);
    assertThatThrownBy(script::run)
        .hasMessageContaining("=> expectFailure(SimulatedCrash)")
        .hasMessageContaining("but the query still runs");
  }

  @Test
  void checkAnswerInOrder_comparesInSinkOrder() {
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    StreamScript.of(t, input.toDF(), OutputMode.Append())
        .addData(input, Row.of(1L))
        .processAllAvailable()
        .addData(input, Row.of(2L))
        .checkAnswerInOrder(Row.of(1L), Row.of(2L))
        .run();
    StreamScript wrongOrder =
        StreamScript.of(t, input.toDF(), OutputMode.Append())
            .addData(input, Row.of(3L))
            .processAllAvailable()
            .addData(input, Row.of(4L))
            .checkAnswerInOrder(Row.of(4L), Row.of(3L));
    assertThatThrownBy(wrongOrder::run).hasMessageContaining(", in order ==");
  }

  @Test
  void expectFailure_byConditionOrMessage_matchesTheCauseChain() {
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    RecordingSink failing =
        new RecordingSink(OutputMode.Append())
            .onBatch(
                batchId -> {
                  throw CheckpointErrors.concurrentStreamLogUpdate(
                      batchId, Path.of("/x/offsets/0"));
                });
    StreamScript.of(t, input.toDF(), OutputMode.Append())
        .sink(failing)
        .addData(input, Row.of(1L))
        .expectFailure(CheckpointErrors.Condition.CONCURRENT_STREAM_LOG_UPDATE)
        // The restart re-runs batch 0, which fails again.
        .start()
        .expectFailure("Multiple streaming jobs detected for batch 0")
        .run();
  }

  @Test
  void expectFailure_ofAnotherKind_failsNamingBoth() {
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    StreamScript script =
        StreamScript.of(t, input.toDF(), OutputMode.Append())
            .crashAt(LoopPoint.DURING_SINK)
            .addData(input, Row.of(1L))
            .expectFailure(IllegalStateException.class);
    assertThatThrownBy(script::run)
        .hasMessageContaining("Expected an error of type java.lang.IllegalStateException")
        .hasMessageContaining("SimulatedCrash");
  }

  @Test
  void advanceClock_onAStoppedQuery_failsTheScript() {
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    ManualClock clock = new ManualClock();
    StreamScript script =
        StreamScript.of(t, input.toDF(), OutputMode.Append())
            .start(Trigger.ProcessingTime("1 second"), clock)
            .stop()
            .advanceClock(clock, 1000);
    assertThatThrownBy(script::run)
        .hasMessageContaining("=> advanceClock(+1000 ms)")
        .hasMessageContaining("advanceClock needs a running query");
  }

  private static void awaitQuietly(StreamingQuery q) {
    try {
      q.awaitTermination(10_000);
    } catch (io.tideline.streaming.StreamingQueryException expected) {
      // The script's next action is the one that must notice the failure.
    }
  }
}
