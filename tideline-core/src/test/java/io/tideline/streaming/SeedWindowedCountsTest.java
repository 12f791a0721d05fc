package io.tideline.streaming;

import static io.tideline.functions.col;
import static io.tideline.functions.window;
import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.types.StructType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed's gold query: orders counted per 5-minute window and product, with 10 minutes of late
 * data allowed. Expected rows follow Spark's rules: the watermark of a batch is the maximum event
 * time seen before it minus the delay; append mode emits a window once the watermark reaches its
 * end; rows at or before the watermark are dropped.
 */
class SeedWindowedCountsTest {
  private static final StructType ORDERS =
      StructType.fromDDL("product STRING, order_time TIMESTAMP");
  private static Tideline t;

  @BeforeAll
  static void start() {
    t = Tideline.builder().appName("seed-windowed-counts").getOrCreate();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private static Row order(String product, String time) {
    return Row.of(product, Instant.parse("2026-01-01T" + time + "Z"));
  }

  private static Row count(String start, String end, String product, long n) {
    return Row.of(
        Row.of(
            Instant.parse("2026-01-01T" + start + "Z"), Instant.parse("2026-01-01T" + end + "Z")),
        product,
        n);
  }

  private static DataFrame counts(MemoryStream orders) {
    return orders
        .toDF()
        .withWatermark("order_time", "10 minutes")
        .groupBy(window(col("order_time"), "5 minutes"), col("product"))
        .count();
  }

  @Test
  void updateMode_emitsChangedWindowsEachBatch() throws Exception {
    MemoryStream orders = MemoryStream.of(t, ORDERS);
    StreamingQuery q =
        counts(orders)
            .writeStream()
            .format("memory")
            .queryName("seed_update_counts")
            .outputMode("update")
            .start();
    try {
      orders.addData(order("laptop", "10:01:00"), order("laptop", "10:03:00"));
      q.processAllAvailable();
      orders.addData(order("laptop", "10:04:00"), order("phone", "10:07:00"));
      q.processAllAvailable();
      // Update mode: batch 0 emits (10:00-10:05, laptop, 2), batch 1 the changed rows.
      assertThat(t.table("seed_update_counts").collectAsList())
          .containsExactlyInAnyOrder(
              count("10:00:00", "10:05:00", "laptop", 2),
              count("10:00:00", "10:05:00", "laptop", 3),
              count("10:05:00", "10:10:00", "phone", 1));
    } finally {
      q.stop();
    }
  }

  @Test
  void appendMode_emitsAWindowOnceTheWatermarkPassesItsEnd_dropsLateOrders() throws Exception {
    MemoryStream orders = MemoryStream.of(t, ORDERS);
    StreamingQuery q =
        counts(orders)
            .writeStream()
            .format("memory")
            .queryName("seed_append_counts")
            .outputMode("append")
            .start();
    try {
      orders.addData(order("laptop", "10:01:00"), order("laptop", "10:03:00"));
      q.processAllAvailable();
      assertThat(t.table("seed_append_counts").collectAsList()).isEmpty();
      // Max event time 10:16 -> watermark 10:06 from the next batch on: 10:00-10:05 is final.
      orders.addData(order("phone", "10:16:00"));
      q.processAllAvailable();
      List<Row> afterWatermark = t.table("seed_append_counts").collectAsList();
      assertThat(afterWatermark).containsExactly(count("10:00:00", "10:05:00", "laptop", 2));
      // 10:02 is before the watermark (10:06): dropped, and its window is not emitted again.
      orders.addData(order("laptop", "10:02:00"));
      q.processAllAvailable();
      assertThat(t.table("seed_append_counts").collectAsList())
          .containsExactly(count("10:00:00", "10:05:00", "laptop", 2));
      StreamingQueryProgress last = q.lastProgress();
      long dropped = 0;
      for (StreamingQueryProgress p : q.recentProgress()) {
        for (StateOperatorProgress op : p.stateOperators()) {
          dropped += op.numRowsDroppedByWatermark();
        }
      }
      assertThat(dropped).isEqualTo(1);
      assertThat(last.eventTime()).containsEntry("watermark", "2026-01-01T10:06:00.000Z");
    } finally {
      q.stop();
    }
  }
}
