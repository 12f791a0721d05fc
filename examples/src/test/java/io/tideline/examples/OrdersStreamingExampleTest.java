package io.tideline.examples;

import static io.tideline.functions.col;
import static io.tideline.functions.count;
import static io.tideline.functions.from_json;
import static io.tideline.functions.lit;
import static io.tideline.functions.round;
import static io.tideline.functions.sum;
import static io.tideline.testkit.QueryTest.checkAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.examples.OrdersStreamingExample.Layout;
import io.tideline.streaming.StreamingQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming medallion example, run end to end at small scale with AvailableNow triggers. */
class OrdersStreamingExampleTest {
  @TempDir Path work;
  @TempDir Path expectedInput;

  @Test
  void availableNowRuns_goldEqualsBatchOverGoodOrders_andRestartAddsExactlyTheNewFiles()
      throws Exception {
    Layout layout = Layout.create(work);
    OrderFileGenerator generator = new OrderFileGenerator(layout.landing(), 7);
    List<String> firstLines = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      firstLines.addAll(generator.writeFile(40));
    }

    Map<String, Long> countsAfterFirstRun;
    try (Tideline t = OrdersStreamingExample.session()) {
      Map<String, StreamingQuery> ended = OrdersStreamingExample.runAvailableNow(t, layout, false);

      assertThat(rowsRead(ended, OrdersStreamingExample.BRONZE_QUERY)).isEqualTo(firstLines.size());
      List<Row> expected = batchGold(t, "first", firstLines);
      assertThat(rowsRead(ended, OrdersStreamingExample.SILVER_QUERY))
          .as("silver reads every bronze row; its filter drops the bad ones")
          .isEqualTo(firstLines.size());
      assertThat(rowsRead(ended, OrdersStreamingExample.GOLD_TABLE))
          .isEqualTo(goodOrders(expected));
      checkAnswer(rounded(t.table(OrdersStreamingExample.GOLD_TABLE)), expected);
      countsAfterFirstRun = countsByProduct(t.table(OrdersStreamingExample.GOLD_TABLE));
    }

    List<String> newLines = new ArrayList<>(generator.writeFile(30));
    newLines.addAll(generator.writeFile(25));
    try (Tideline t = OrdersStreamingExample.session()) {
      Map<String, StreamingQuery> ended = OrdersStreamingExample.runAvailableNow(t, layout, false);

      assertThat(rowsRead(ended, OrdersStreamingExample.BRONZE_QUERY)).isEqualTo(newLines.size());
      List<Row> newGold = batchGold(t, "new", newLines);
      assertThat(rowsRead(ended, OrdersStreamingExample.GOLD_TABLE)).isEqualTo(goodOrders(newGold));

      List<String> allLines = new ArrayList<>(firstLines);
      allLines.addAll(newLines);
      checkAnswer(
          rounded(t.table(OrdersStreamingExample.GOLD_TABLE)), batchGold(t, "all", allLines));
      Map<String, Long> expectedCounts = new HashMap<>(countsAfterFirstRun);
      for (Row r : newGold) {
        expectedCounts.merge(r.getString(0), r.getLong(1), Long::sum);
      }
      assertThat(countsByProduct(t.table(OrdersStreamingExample.GOLD_TABLE)))
          .isEqualTo(expectedCounts);
      assertThat(t.read().parquet(layout.bronze().toString()).count())
          .as("bronze holds each landed line once")
          .isEqualTo(allLines.size());
      assertThat(t.read().parquet(layout.silver().toString()).count())
          .as("silver holds each good order once")
          .isEqualTo(goodOrders(batchGold(t, "all-again", allLines)));
    }
  }

  private static long rowsRead(Map<String, StreamingQuery> ended, String query) {
    return OrdersStreamingExample.rowsRead(ended.get(query));
  }

  /** Gold computed in batch from the generated lines, with revenue rounded to cents. */
  private List<Row> batchGold(Tideline t, String name, List<String> lines) throws Exception {
    Path dir = Files.createDirectories(expectedInput.resolve(name));
    Files.write(dir.resolve("orders.json"), lines);
    DataFrame gold =
        t.read()
            .text(dir.toString())
            .select(from_json(col("value"), OrdersBatchExample.ORDER_SCHEMA).alias("data"))
            .select("data.*")
            .filter("amount > 0 AND customer_id IS NOT NULL")
            .groupBy("product")
            .agg(count(lit(1)).alias("order_count"), sum("amount").alias("total_revenue"));
    return rounded(gold).collectAsList();
  }

  // Streaming sums add the batches' partial sums in another order than one batch query does.
  private static DataFrame rounded(DataFrame gold) {
    return gold.select(col("product"), col("order_count"), round(col("total_revenue"), 2));
  }

  private static long goodOrders(List<Row> gold) {
    return gold.stream().mapToLong(r -> r.getLong(1)).sum();
  }

  private static Map<String, Long> countsByProduct(DataFrame gold) {
    Map<String, Long> counts = new HashMap<>();
    for (Row r : gold.collectAsList()) {
      counts.put(r.getString(0), r.getLong(1));
    }
    return counts;
  }
}
