package io.tideline.internal.delta;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.functions;
import io.tideline.internal.streaming.exec.LoopHooks.SimulatedCrash;
import io.tideline.internal.streaming.exec.LoopPoint;
import io.tideline.streaming.DataStreamWriter;
import io.tideline.streaming.MemoryStream;
import io.tideline.streaming.OutputMode;
import io.tideline.streaming.StreamingQuery;
import io.tideline.streaming.StreamingQueryException;
import io.tideline.streaming.Trigger;
import io.tideline.testkit.stream.CrashInjector;
import io.tideline.testkit.stream.DeliveryHistory;
import io.tideline.testkit.stream.RecordingSink;
import io.tideline.types.StructType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queries chained through Delta tables, each with its own checkpoint, as the seed's medallion
 * pipeline: bronze → silver → gold with crashes in between, and a reader streaming a table while
 * another query writes it.
 */
class DeltaChainTest {
  private static final StructType ORDERS =
      StructType.fromDDL("order_id BIGINT, product STRING, amount INT");

  @TempDir Path dir;
  private Tideline t;

  @BeforeEach
  void open() {
    t =
        Tideline.builder()
            .appName("delta-chain")
            .warehouse(dir.resolve("warehouse"))
            .config("tideline.shuffle.partitions", "2")
            .getOrCreate();
  }

  @AfterEach
  void close() {
    t.close();
  }

  /** One stage of the pipeline: its query, started from its own checkpoint. */
  private record Stage(String name, Supplier<DataFrame> input, OutputMode mode, String table) {}

  /**
   * Runs {@code stage} with {@code Trigger.AvailableNow} until it has read what its input has now,
   * crashing it first at {@code crash} (if given) and restarting it from its checkpoint.
   */
  private void run(Stage stage, LoopPoint crash) throws Exception {
    if (crash != null) {
      CrashInjector crashes = new CrashInjector();
      crashes.arm(crash, CrashInjector.ANY_BATCH, 1);
      StreamingQuery q = writer(stage).loopHooks(crashes).toTable(stage.table());
      try {
        q.awaitTermination();
        throw new AssertionError(stage.name() + " should have crashed at " + crash);
      } catch (StreamingQueryException e) {
        assertThat(DeltaSourceTest.findCause(e, SimulatedCrash.class)).isNotNull();
      }
    }
    StreamingQuery q = writer(stage).toTable(stage.table());
    q.awaitTermination();
  }

  private DataStreamWriter writer(Stage stage) {
    return stage
        .input()
        .get()
        .writeStream()
        .queryName(stage.name())
        .outputMode(stage.mode())
        .trigger(Trigger.AvailableNow())
        .option("checkpointLocation", dir.resolve("cp").resolve(stage.name()).toString());
  }

  @Test
  void bronzeSilverGold_withCrashesInBetween_goldEqualsABatchComputationOverAllInput()
      throws Exception {
    MemoryStream orders = MemoryStream.of(t, ORDERS);
    Stage bronze = new Stage("bronze", orders::toDF, OutputMode.Append(), "bronze.orders");
    Stage silver =
        new Stage(
            "silver",
            () -> t.readStream().table("bronze.orders").filter("amount > 0"),
            OutputMode.Append(),
            "silver.orders");
    Stage gold =
        new Stage(
            "gold",
            () ->
                t.readStream()
                    .table("silver.orders")
                    .groupBy("product")
                    .agg(
                        functions.count("order_id").alias("orders"),
                        functions.sum("amount").alias("revenue")),
            OutputMode.Complete(),
            "gold.revenue");
    // Round r crashes the stage and loop point listed for it (null: no crash).
    Map<Integer, Map<Stage, LoopPoint>> crashes =
        Map.of(
            1, Map.of(bronze, LoopPoint.AFTER_SINK_BEFORE_COMMIT),
            2, Map.of(silver, LoopPoint.DURING_SINK, gold, LoopPoint.AFTER_OFFSETS_WRITTEN),
            3, Map.of(gold, LoopPoint.AFTER_SINK_BEFORE_COMMIT),
            4, Map.of(silver, LoopPoint.AFTER_SINK_BEFORE_COMMIT, gold, LoopPoint.DURING_SINK));
    List<Row> all = new ArrayList<>();
    long id = 0;
    for (int round = 0; round < 5; round++) {
      List<Row> rows = new ArrayList<>();
      for (String product : List.of("apple", "pear", "fig")) {
        // Every third order has a negative amount, which silver filters out.
        rows.add(Row.of(id, product, id % 3 == 0 ? -1 : (int) id));
        id++;
      }
      orders.addData(rows);
      all.addAll(rows);
      Map<Stage, LoopPoint> crash = crashes.getOrDefault(round, Map.of());
      for (Stage stage : List.of(bronze, silver, gold)) {
        run(stage, crash.get(stage));
      }
    }

    DeliveryHistory bronzeHistory =
        DeliveryHistory.check(all, t.table("bronze.orders").collectAsList(), null);
    assertThat(bronzeHistory.isExactlyOnce()).as(bronzeHistory.describe()).isTrue();
    List<Row> positive = new ArrayList<>();
    for (Row r : all) {
      if (r.getInt(2) > 0) {
        positive.add(r);
      }
    }
    assertThat(t.table("silver.orders").collectAsList())
        .containsExactlyInAnyOrderElementsOf(positive);
    List<Row> expectedGold =
        t.createDataFrame(all, ORDERS)
            .filter("amount > 0")
            .groupBy("product")
            .agg(
                functions.count("order_id").alias("orders"),
                functions.sum("amount").alias("revenue"))
            .collectAsList();
    assertThat(t.table("gold.revenue").collectAsList())
        .containsExactlyInAnyOrderElementsOf(expectedGold);
  }

  @Test
  void readerStreamsATableWhileAnotherQueryWritesIt_everyRowExactlyOnce() throws Exception {
    Path table = dir.resolve("table");
    StructType schema = StructType.fromDDL("id BIGINT, tag STRING");
    // The table exists before the reader starts, as readStream().load() needs it.
    DeltaSourceTest.append(t, table, List.of(Row.of(-1L, "seed")));
    MemoryStream input = MemoryStream.of(t, schema);
    StreamingQuery writer =
        input
            .toDF()
            .writeStream()
            .format("delta")
            .option("checkpointLocation", dir.resolve("cp-writer").toString())
            .start(table.toString());
    RecordingSink sink = new RecordingSink(OutputMode.Append());
    StreamingQuery reader =
        t.readStream()
            .format("delta")
            .option("maxFilesPerTrigger", "3")
            .load(table.toString())
            .writeStream()
            .option("checkpointLocation", dir.resolve("cp-reader").toString())
            .sink(sink)
            .start();
    List<Row> expected = new ArrayList<>(List.of(Row.of(-1L, "seed")));
    try {
      // Both queries run on their own threads: the reader polls while the writer commits.
      for (long batch = 0; batch < 25; batch++) {
        List<Row> rows = List.of(Row.of(batch * 2, "w"), Row.of(batch * 2 + 1, "w"));
        input.addData(rows);
        expected.addAll(rows);
        if (batch % 5 == 4) {
          writer.processAllAvailable();
        }
      }
      writer.processAllAvailable();
      reader.processAllAvailable();
    } finally {
      writer.stop();
      reader.stop();
    }
    assertThat(writer.exception()).isEmpty();
    assertThat(reader.exception()).isEmpty();
    DeliveryHistory history = DeliveryHistory.check(expected, sink.allRows(), null);
    assertThat(history.isExactlyOnce()).as(history.describe()).isTrue();
    assertThat(sink.batches().size()).as("the reader read in several batches").isGreaterThan(1);
  }
}
