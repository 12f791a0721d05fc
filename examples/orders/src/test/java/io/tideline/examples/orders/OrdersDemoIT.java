package io.tideline.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.examples.orders.OrdersPipeline.Stage;
import io.tideline.streaming.StreamingQueryException;
import io.tideline.streaming.StreamingQueryProgress;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo end to end, with its broker's data in a temporary work folder: two runs with {@code
 * AvailableNow} whose tables are checked against the answer computed directly from the generated
 * orders, and a live run that stops cleanly and is resumed.
 */
class OrdersDemoIT {

  private static final long SEED = 7;
  // Five seconds of event time per order: 3 000 orders span more than four hours, so hourly
  // windows close in the first run and the second run's late orders meet both watermarks.
  private static final Duration EVENT_STEP = Duration.ofSeconds(5);
  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
  private static final Duration HOUR = Duration.ofHours(1);

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  private DemoConfig.Builder config(Path work) {
    return DemoConfig.builder(work)
        .seed(SEED)
        .eventStep(EVENT_STEP)
        .partitions(2)
        .out(new PrintStream(printed, true, StandardCharsets.UTF_8));
  }

  @Test
  void availableNow_twice_tablesHoldTheBatchAnswer_andTheSecondRunAddsExactlyTheNewOrders(
      @TempDir Path work) throws Exception {
    DemoResult first = OrdersDemo.run(config(work).availableNow(true).records(3000).build());
    assertThat(first.generated()).isEqualTo(3000);
    Expected expected = new Expected(new Orders(SEED, EVENT_STEP));
    expected.addRun(0, 3000, first);
    expected.check(work, first);

    DemoResult second = OrdersDemo.run(config(work).availableNow(true).records(1000).build());
    assertThat(second.generated()).isEqualTo(1000);
    assertThat(second.nextSequence()).isEqualTo(4000);
    assertThat(second.progress().get(Stage.BRONZE.table()))
        .as("bronze reads only the new orders, from the committed Kafka offsets")
        .extracting(StreamingQueryProgress::numInputRows)
        .containsExactly(1000L);
    expected.addRun(3000, 4000, second);
    expected.check(work, second);
    assertThat(expected.droppedLate5min)
        .as("the second run's late orders include some behind the 5-minute counts' watermark")
        .isPositive();
  }

  @Test
  void live_shortDuration_stopsCleanly_andTheNextRunResumesWithoutDuplicates(@TempDir Path work)
      throws Exception {
    DemoResult live =
        OrdersDemo.run(
            config(work)
                .rate(300)
                .duration(Duration.ofSeconds(4))
                .triggerInterval(Duration.ofMillis(500))
                .statusInterval(Duration.ofSeconds(2))
                .build());

    String out = printed.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("query", "bronze_kafka_orders", "watermark").doesNotContain("!!");
    assertThat(live.generated()).isPositive();
    for (Stage stage : Stage.values()) {
      Path checkpoint = work.resolve("checkpoints").resolve(stage.queryName());
      OptionalLong committed = lastBatch(checkpoint.resolve("commits"));
      OptionalLong planned = lastBatch(checkpoint.resolve("offsets"));
      assertThat(committed).as("%s committed batches", stage).isPresent();
      // The demo stops a query between two batches; only a trigger that begins in the instant
      // between that check and stop() can be cut, and the next run re-runs it.
      assertThat(planned.getAsLong() - committed.getAsLong())
          .as("%s: batches planned but not committed", stage)
          .isBetween(0L, 1L);
    }

    // What the live run left unread, the next run reads: every order once in bronze and silver.
    DemoResult resumed = OrdersDemo.run(config(work).availableNow(true).build());
    assertThat(resumed.generated()).isZero();
    Orders orders = new Orders(SEED, EVENT_STEP);
    try (Tideline t = session(work)) {
      List<String> bronze = strings(t, Stage.BRONZE.table(), "raw_json");
      List<String> generated = new ArrayList<>();
      List<String> validIds = new ArrayList<>();
      for (long i = 0; i < resumed.nextSequence(); i++) {
        Orders.Order o = orders.order(i);
        generated.add(o.value());
        if (o.valid()) {
          validIds.add(o.key());
        }
      }
      assertThat(bronze).containsExactlyInAnyOrderElementsOf(generated);
      assertThat(strings(t, Stage.SILVER.table(), "order_id"))
          .containsExactlyInAnyOrderElementsOf(validIds);
    }
  }

  private static Tideline session(Path work) {
    return Tideline.builder().warehouse(work.resolve("warehouse")).getOrCreate();
  }

  private static List<String> strings(Tideline t, String table, String column) {
    List<String> out = new ArrayList<>();
    for (Row r : t.table(table).select(column).collectAsList()) {
      out.add(r.getString(0));
    }
    return out;
  }

  private static OptionalLong lastBatch(Path log) throws IOException {
    try (Stream<Path> files = Files.list(log)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.matches("\\d+"))
          .mapToLong(Long::parseLong)
          .max();
    }
  }

  /**
   * The tables' expected content, computed from the generated orders alone, with Spark's watermark
   * rules: a run's rows whose window ends at or before the watermark left by the runs before are
   * dropped; append mode holds the windows whose end the final watermark has passed.
   */
  private static final class Expected {
    private final Orders orders;
    private final List<Orders.Order> all = new ArrayList<>();
    private final Map<List<Object>, Long> counts5min = new HashMap<>();
    private final Map<List<Object>, double[]> hourly = new HashMap<>();
    private Instant maxEventTime;
    long droppedLate5min;

    Expected(Orders orders) {
      this.orders = orders;
    }

    void addRun(long from, long to, DemoResult result) {
      Instant wm5 = maxEventTime == null ? null : maxEventTime.minus(Duration.ofMinutes(10));
      Instant wmHour = maxEventTime == null ? null : maxEventTime.minus(HOUR);
      assertOneDataBatch(result, Stage.GOLD_COUNTS, wm5);
      assertOneDataBatch(result, Stage.GOLD_HOURLY, wmHour);
      for (long i = from; i < to; i++) {
        Orders.Order o = orders.order(i);
        all.add(o);
        if (!o.valid()) {
          continue;
        }
        Instant start5 = windowStart(o.orderTime(), FIVE_MINUTES);
        if (wm5 == null || start5.plus(FIVE_MINUTES).isAfter(wm5)) {
          counts5min.merge(List.of(start5, o.product()), 1L, Long::sum);
        } else {
          droppedLate5min++;
        }
        Instant startHour = windowStart(o.orderTime(), HOUR);
        if (wmHour == null || startHour.plus(HOUR).isAfter(wmHour)) {
          double[] agg =
              hourly.computeIfAbsent(List.of(startHour, o.product()), k -> new double[2]);
          agg[0]++;
          agg[1] += o.amount();
        }
        if (maxEventTime == null || o.orderTime().isAfter(maxEventTime)) {
          maxEventTime = o.orderTime();
        }
      }
    }

    /**
     * The model assumes each run's new silver rows reach a gold query in one batch, judged against
     * the watermark the earlier runs left: check that, so a change of batching fails here.
     */
    private static void assertOneDataBatch(DemoResult result, Stage stage, Instant watermark) {
      List<StreamingQueryProgress> data =
          result.progress().get(stage.table()).stream().filter(p -> p.numInputRows() > 0).toList();
      assertThat(data).as("%s batches with input", stage).hasSize(1);
      Instant actual = Instant.parse(data.get(0).eventTime().get("watermark"));
      assertThat(actual).isEqualTo(watermark == null ? Instant.EPOCH : watermark);
    }

    void check(Path work, DemoResult result) {
      List<String> raw = new ArrayList<>();
      List<List<Object>> silver = new ArrayList<>();
      for (Orders.Order o : all) {
        raw.add(o.value());
        if (o.valid()) {
          silver.add(List.of(o.key(), o.customerId(), o.product(), o.amount(), o.orderTime()));
        }
      }
      Instant hourlyWatermark = maxEventTime.minus(HOUR);
      try (Tideline t = session(work)) {
        assertThat(strings(t, Stage.BRONZE.table(), "raw_json"))
            .as("bronze: every record once, malformed ones included")
            .containsExactlyInAnyOrderElementsOf(raw);
        assertThat(t.table(Stage.BRONZE.table()).filter("kafka_timestamp IS NULL").count())
            .isZero();

        List<List<Object>> silverRows = new ArrayList<>();
        for (Row r :
            t.table(Stage.SILVER.table())
                .select("order_id", "customer_id", "product", "amount", "order_time")
                .collectAsList()) {
          silverRows.add(
              List.of(
                  r.getString(0), r.getString(1), r.getString(2), r.getDouble(3), r.getInstant(4)));
        }
        assertThat(silverRows)
            .as("silver: the valid orders, parsed")
            .containsExactlyInAnyOrderElementsOf(silver);
        assertThat(t.table(Stage.SILVER.table()).filter("processed_at IS NULL").count()).isZero();

        Map<List<Object>, Long> counts = new HashMap<>();
        for (Row r :
            t.table(Stage.GOLD_COUNTS.table())
                .select("window", "product", "count")
                .collectAsList()) {
          Row w = r.getStruct(0);
          assertThat(Duration.between(w.getInstant(0), w.getInstant(1))).isEqualTo(FIVE_MINUTES);
          assertThat(counts.put(List.of(w.getInstant(0), r.getString(1)), r.getLong(2)))
              .as("one row per window and product")
              .isNull();
        }
        assertThat(counts).as("gold 5-minute counts").isEqualTo(counts5min);

        Map<List<Object>, double[]> expectedHourly = new HashMap<>();
        hourly.forEach(
            (k, v) -> {
              if (!((Instant) k.get(0)).plus(HOUR).isAfter(hourlyWatermark)) {
                expectedHourly.put(k, v);
              }
            });
        List<Row> hourlyRows =
            t.table(Stage.GOLD_HOURLY.table())
                .select("window", "product", "order_count", "total_revenue")
                .collectAsList();
        assertThat(expectedHourly).as("some hourly windows have closed").isNotEmpty();
        assertThat(hourlyRows).hasSize(expectedHourly.size());
        for (Row r : hourlyRows) {
          double[] agg = expectedHourly.get(List.of(r.getStruct(0).getInstant(0), r.getString(1)));
          assertThat(agg).as("hourly window %s", r).isNotNull();
          assertThat(r.getLong(2)).isEqualTo((long) agg[0]);
          assertThat(r.getDouble(3)).isCloseTo(agg[1], within(1e-6));
        }

        assertThat(result.tableRows())
            .containsEntry(Stage.BRONZE.table(), (long) raw.size())
            .containsEntry(Stage.SILVER.table(), (long) silver.size())
            .containsEntry(Stage.GOLD_COUNTS.table(), (long) counts5min.size())
            .containsEntry(Stage.GOLD_HOURLY.table(), (long) expectedHourly.size());
      }
    }

    private static Instant windowStart(Instant t, Duration size) {
      long ms = size.toMillis();
      return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), ms) * ms);
    }
  }

  @Test
  void live_aQueryThatFails_isReportedWithItsError_andStopsTheDemo(@TempDir Path work)
      throws Exception {
    // A bronze table whose kafka_timestamp is a STRING: bronze's batches cannot be written to it,
    // while silver (which reads only raw_json) and gold start normally.
    try (Tideline t = session(work)) {
      t.createDataFrame(
              List.of(Row.of("{}", "yesterday")),
              new StructType()
                  .add("raw_json", DataTypes.StringType)
                  .add("kafka_timestamp", DataTypes.StringType))
          .write()
          .format("delta")
          .saveAsTable(Stage.BRONZE.table());
    }
    DemoConfig config =
        config(work)
            .rate(200)
            .duration(Duration.ofMinutes(5))
            .triggerInterval(Duration.ofMillis(500))
            .build();

    // The failure in a batch stops the demo long before its 5 minutes, naming query and condition.
    assertThatThrownBy(() -> OrdersDemo.run(config))
        .isInstanceOf(StreamingQueryException.class)
        .hasMessageContaining("DELTA_METADATA_MISMATCH");
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains(
            "!! Query bronze_kafka_orders failed in batch",
            "DELTA_METADATA_MISMATCH",
            "The demo stopped");
  }
}
