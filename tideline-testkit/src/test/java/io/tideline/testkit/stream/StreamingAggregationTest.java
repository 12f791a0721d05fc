package io.tideline.testkit.stream;

import io.tideline.AnalysisException;
import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.streaming.MemoryStream;
import io.tideline.streaming.OutputMode;
import io.tideline.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A count per key over three batches, with a restart, in complete and update mode. */
class StreamingAggregationTest {
  private static Tideline t;

  @BeforeAll
  static void open() {
    t =
        Tideline.builder()
            .appName("streaming-aggregation-test")
            .config("tideline.shuffle.partitions", "2")
            .getOrCreate();
  }

  @AfterAll
  static void close() {
    t.close();
  }

  private static MemoryStream keys() {
    return MemoryStream.of(t, StructType.fromDDL("k STRING"));
  }

  private static DataFrame countPerKey(MemoryStream input) {
    return input.toDF().groupBy("k").count();
  }

  @Test
  void completeMode_emitsTheWholeTableEachBatch_acrossARestart() {
    MemoryStream input = keys();
    StreamScript.of(t, countPerKey(input), OutputMode.Complete())
        .addData(input, Row.of("a"), Row.of("b"))
        .checkAnswer(Row.of("a", 1L), Row.of("b", 1L))
        .addData(input, Row.of("a"))
        .checkAnswer(Row.of("a", 2L), Row.of("b", 1L))
        .stop()
        .start()
        .addData(input, Row.of("c"), Row.of("a"))
        .checkAnswer(Row.of("a", 3L), Row.of("b", 1L), Row.of("c", 1L))
        .run();
  }

  @Test
  void updateMode_emitsChangedKeysEachBatch_acrossARestart() {
    MemoryStream input = keys();
    StreamScript.of(t, countPerKey(input), OutputMode.Update())
        .addData(input, Row.of("a"), Row.of("b"))
        .checkLastBatch(Row.of("a", 1L), Row.of("b", 1L))
        .addData(input, Row.of("a"))
        .checkLastBatch(Row.of("a", 2L))
        .stop()
        .start()
        .addData(input, Row.of("c"), Row.of("a"))
        .checkLastBatch(Row.of("a", 3L), Row.of("c", 1L))
        .checkAnswer(
            Row.of("a", 1L), Row.of("b", 1L), Row.of("a", 2L), Row.of("a", 3L), Row.of("c", 1L))
        .run();
  }

  @Test
  void appendMode_withoutWatermark_isRefused() {
    MemoryStream input = keys();
    StreamScript.of(t, countPerKey(input), OutputMode.Append())
        .timeout(java.time.Duration.ofSeconds(5))
        .start()
        .expectFailure(AnalysisException.class)
        .run();
  }
}
