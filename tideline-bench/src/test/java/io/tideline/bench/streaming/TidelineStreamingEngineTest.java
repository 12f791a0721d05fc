package io.tideline.bench.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tideline's side of the benchmark on tiny inputs: each workload runs and answers right. */
class TidelineStreamingEngineTest {
  @TempDir static Path work;

  private static TidelineStreamingEngine tideline;
  private static StreamingInputs inputs;

  @BeforeAll
  static void start() {
    inputs = StreamingInputs.write(work, 200, 4);
    tideline = TidelineStreamingEngine.start(work, 60);
  }

  @AfterAll
  static void stop() {
    if (tideline != null) {
      tideline.close();
    }
  }

  @Test
  void firstBatch_countsBatch0_andItsCommitComesAfterStartReturned() {
    FirstBatchRun run = tideline.firstBatch(inputs.small(), work.resolve("ck-first"));

    assertThat(run.rows()).isEqualTo(inputs.smallOver100());
    assertThat(run.seconds()).isGreaterThanOrEqualTo(run.startReturnedSeconds()).isPositive();
    assertThat(work.resolve("ck-first/commits/0")).exists();
  }

  @Test
  void firstBatch_rightAfterAnotherQuery_timesItsOwnBatch0NotTheOthersLateEvents() {
    tideline.throughput(inputs.orders().dir(), 1, work.resolve("ck-before"));

    FirstBatchRun run = tideline.firstBatch(inputs.small(), work.resolve("ck-after"));

    assertThat(run.rows()).isEqualTo(inputs.smallOver100());
    assertThat(run.seconds()).isGreaterThanOrEqualTo(run.startReturnedSeconds());
  }

  @Test
  void batchOverhead_oneRowPerBatch_reportsEveryMeasuredBatch() {
    OverheadRun run = tideline.batchOverhead(2, 3, work.resolve("ck-overhead"));

    assertThat(run.rows()).isEqualTo(5);
    assertThat(run.triggerExecutionMs())
        .hasSize(3)
        .allSatisfy(ms -> assertThat(ms).isNotNegative());
    assertThat(run.wallMs()).hasSize(3).allSatisfy(ms -> assertThat(ms).isPositive());
  }

  @Test
  void throughput_availableNow_countsEveryLineInRateLimitedBatches() {
    ThroughputRun run =
        tideline.throughput(inputs.orders().dir(), 2, work.resolve("ck-throughput"));

    assertThat(run.rows()).isEqualTo(inputs.throughputRows());
    assertThat(run.batches()).isEqualTo(inputs.throughputBatches(2)).isEqualTo(2);
  }
}
