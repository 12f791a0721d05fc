package io.tideline.examples;

import static io.tideline.functions.col;
import static io.tideline.functions.count;
import static io.tideline.functions.from_json;
import static io.tideline.functions.lit;
import static io.tideline.functions.sum;
import static io.tideline.testkit.QueryTest.checkAnswer;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's parse-and-clean snippet, run end to end on text files. */
class OrdersBatchExampleTest {
  @TempDir Path dir;
  private Tideline t;

  @BeforeEach
  void start() {
    t =
        Tideline.builder()
            .appName("orders-test")
            .config("tideline.shuffle.partitions", "3")
            .getOrCreate();
  }

  @AfterEach
  void stop() {
    t.close();
  }

  @Test
  void seedPipeline_parsesCleansAndAggregatesOrders() throws Exception {
    Files.write(
        dir.resolve("orders.json"),
        List.of(
            "{\"order_id\":\"o-1\",\"customer_id\":\"c-1\",\"product\":\"widget\",\"amount\":120.5,\"order_time\":\"2024-01-15T10:30:00Z\"}",
            "{\"order_id\":\"o-2\",\"customer_id\":null,\"product\":\"widget\",\"amount\":99.0,\"order_time\":\"2024-01-15T10:32:00Z\"}",
            "{\"order_id\":\"o-3\",\"customer_id\":\"c-3\",\"product\":\"gizmo\",\"amount\":-5.0,\"order_time\":\"2024-01-15T10:33:00Z\"}",
            "{\"order_id\":\"o-4\",\"customer_id\":\"c-1\",\"product\":\"widget\",\"amount\":42.25,\"order_time\":\"2024-01-15T10:34:00Z\"}",
            "{\"order_id\":\"o-5\",\"customer_id\":\"c-2\",\"product\":\"gadget\",\"amount\":10,\"order_time\":\"2024-01-15T10:35:00Z\"}",
            "not json at all"));
    DataFrame parsed =
        t.read()
            .text(dir.toString())
            .select(from_json(col("value"), OrdersBatchExample.ORDER_SCHEMA).alias("data"))
            .select("data.*");
    DataFrame perProduct =
        parsed
            .filter("amount > 0 AND customer_id IS NOT NULL")
            .groupBy("product")
            .agg(count(lit(1)).alias("order_count"), sum("amount").alias("total_revenue"));
    checkAnswer(perProduct, Row.of("widget", 2L, 162.75), Row.of("gadget", 1L, 10.0));
  }
}
