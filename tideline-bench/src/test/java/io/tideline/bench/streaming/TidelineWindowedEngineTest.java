package io.tideline.bench.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tideline's windowed queries on tiny inputs, checked against the generator's answers: 6 000 bids
 * on 40 auctions over 30 s of event time in 6 files, so windows close and state is evicted.
 */
class TidelineWindowedEngineTest {
  @TempDir static Path work;
  private static TidelineWindowedEngine engine;
  private static WindowedInputs inputs;

  @BeforeAll
  static void start() {
    BidEvents bids = new BidEvents(6000, 40, 200, 3000, BidEvents.DEFAULT_START_MILLIS);
    inputs = WindowedInputs.write(work.resolve("inputs"), bids, 6, 300);
    engine = TidelineWindowedEngine.start(work, 120);
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  @Test
  void windowed_parquetInUpdateMode_givesTheModelsAnswer_andReadsEveryBid() {
    WindowedRun r =
        engine.windowed(inputs.parquet(), BidFormat.PARQUET, "update", 2, work.resolve("ck-pu"));

    assertThat(r.inputRows()).isEqualTo(6000);
    assertThat(r.answer()).isEqualTo(inputs.expected(2, "update").get(0));
  }

  @Test
  void windowed_jsonInAppendMode_givesOneOfTheModelsAnswers() {
    WindowedRun r =
        engine.windowed(inputs.json(), BidFormat.JSON, "append", 1, work.resolve("ck-ja"));

    assertThat(r.inputRows()).isEqualTo(6000);
    assertThat(inputs.expected(1, "append")).contains(r.answer());
    assertThat(r.answer().rows()).isPositive();
  }

  @Test
  void recovery_restartsOverItsState_andCountsEveryExtraBidOnTopOfIt() {
    RecoveryRun r =
        engine.recovery(
            inputs.stateBuild(),
            inputs.stateExtra(),
            work.resolve("recovery"),
            StateProvider.DEFAULT);

    assertThat(r.stateRows()).isEqualTo(300);
    assertThat(r.firstBatch()).isEqualTo(inputs.expectedRecovery());
    assertThat(r.recoverySeconds()).isPositive();
  }

  @Test
  void heap_inMemoryState_holdsEveryKeyOnTheHeap() {
    HeapRun r =
        engine.heap(inputs.stateBuild().getParent(), StateProvider.DEFAULT, work.resolve("heap"));

    assertThat(r.keys()).isEqualTo(300);
    assertThat(r.memoryUsedBytes()).isPositive();
  }
}
