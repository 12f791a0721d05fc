package io.tideline.internal.streaming.exec;

import static io.tideline.functions.expr;
import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.streaming.MemoryStream;
import io.tideline.streaming.StateOperatorProgress;
import io.tideline.streaming.StreamingQuery;
import io.tideline.types.StructType;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spark.sql.streaming.statefulOperator.allowMultiple=false}: every stateful operator judges
 * late rows by the current batch's watermark, as Spark's single-watermark propagator does, so a row
 * between the previous and the current watermark is dropped (no no-data batch runs between them
 * here).
 */
class SingleWatermarkJoinTest {
  private static final StructType LEFT = StructType.fromDDL("lk STRING, lt TIMESTAMP");
  private static final StructType RIGHT = StructType.fromDDL("rk STRING, rt TIMESTAMP");
  private static Tideline t;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    t =
        Tideline.builder()
            .appName("single-watermark-join-test")
            .config("tideline.shuffle.partitions", 2)
            .config("spark.sql.streaming.statefulOperator.allowMultiple", "false")
            .config("spark.sql.streaming.noDataMicroBatches.enabled", "false")
            .getOrCreate();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private static Row row(String k, long seconds) {
    return Row.of(k, Instant.ofEpochSecond(seconds));
  }

  @Test
  void rowBetweenThePreviousAndCurrentWatermark_isLate() throws Exception {
    MemoryStream left = MemoryStream.of(t, LEFT);
    MemoryStream right = MemoryStream.of(t, RIGHT);
    DataFrame joined =
        left.toDF()
            .withWatermark("lt", "5 seconds")
            .join(
                right.toDF().withWatermark("rt", "5 seconds"),
                expr("lk = rk AND rt BETWEEN lt - INTERVAL 5 SECONDS AND lt + INTERVAL 5 SECONDS"),
                "inner");
    RecordingSink sink = new RecordingSink();
    StreamingQuery q =
        joined
            .writeStream()
            .sink(sink)
            .option("checkpointLocation", dir.resolve("cp").toString())
            .start();
    try {
      left.addData(row("a", 20));
      right.addData(row("a", 20));
      q.processAllAvailable();
      // The next batch runs at watermark 15 s: 12 s is late against it (with allowMultiple it
      // would be judged against the previous batch's watermark, 0, and kept).
      left.addData(row("b", 12));
      q.processAllAvailable();

      StateOperatorProgress s =
          q.recentProgress().stream()
              .filter(p -> p.durationMs().containsKey("addBatch"))
              .reduce((a, b) -> b)
              .orElseThrow()
              .stateOperators()
              .get(0);
      assertThat(s.numRowsDroppedByWatermark()).isEqualTo(1);
      assertThat(s.numRowsTotal()).isEqualTo(2);
      assertThat(sink.allRows())
          .containsExactly(Row.of("a", Instant.ofEpochSecond(20), "a", Instant.ofEpochSecond(20)));
    } finally {
      q.stop();
    }
  }
}
