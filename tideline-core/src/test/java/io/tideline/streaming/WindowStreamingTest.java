package io.tideline.streaming;

import static io.tideline.functions.col;
import static io.tideline.functions.window;
import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.types.StructType;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Window functions in streaming queries: a windowed aggregation runs on the micro-batch loop with
 * the window struct as its state key; session-window aggregation is refused until it has a stateful
 * operator.
 */
class WindowStreamingTest {
  private static final StructType SCHEMA = StructType.fromDDL("t TIMESTAMP, k STRING");
  private static Tideline t;

  @BeforeAll
  static void start() {
    t = Tideline.builder().appName("window-streaming-test").getOrCreate();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private static Row w(long start, long end) {
    return Row.of(Instant.ofEpochSecond(start), Instant.ofEpochSecond(end));
  }

  @Test
  void slidingWindowCount_inCompleteMode_accumulatesAcrossBatches() throws Exception {
    MemoryStream input = MemoryStream.of(t, SCHEMA);
    StreamingQuery q =
        input
            .toDF()
            .groupBy(window(col("t"), "10 seconds", "5 seconds"), col("k"))
            .count()
            .writeStream()
            .format("memory")
            .queryName("window_counts")
            .outputMode("complete")
            .start();
    try {
      input.addData(Row.of(Instant.ofEpochSecond(12), "a"), Row.of(null, "a"));
      q.processAllAvailable();
      input.addData(Row.of(Instant.ofEpochSecond(17), "a"));
      q.processAllAvailable();
      assertThat(t.table("window_counts").collectAsList())
          .containsExactlyInAnyOrder(
              Row.of(w(5, 15), "a", 1L), Row.of(w(10, 20), "a", 2L), Row.of(w(15, 25), "a", 1L));
    } finally {
      q.stop();
    }
  }
}
