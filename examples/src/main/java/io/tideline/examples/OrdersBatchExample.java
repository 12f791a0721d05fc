package io.tideline.examples;

import static io.tideline.functions.col;
import static io.tideline.functions.count;
import static io.tideline.functions.from_json;
import static io.tideline.functions.lit;
import static io.tideline.functions.sum;

import io.tideline.DataFrame;
import io.tideline.Tideline;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The seed post's batch snippets on Tideline: orders arrive as JSON text (as a Kafka value would),
 * are parsed with {@code from_json} and the seed's order schema, cleaned with the seed's two
 * data-quality rules, and summed per product.
 *
 * <p>Run it with {@code ./run-example} from the repository root.
 */
public final class OrdersBatchExample {
  /** The seed's order schema. */
  static final StructType ORDER_SCHEMA =
      new StructType()
          .add("order_id", DataTypes.StringType)
          .add("customer_id", DataTypes.StringType)
          .add("product", DataTypes.StringType)
          .add("amount", DataTypes.DoubleType)
          .add("order_time", DataTypes.TimestampType);

  private OrdersBatchExample() {}

  public static void main(String[] args) throws IOException {
    Path input = args.length > 0 ? Path.of(args[0]) : writeSampleOrders();
    try (Tideline t = Tideline.builder().appName("orders-batch").getOrCreate()) {
      // The raw lines, as the seed's bronze table holds them: one JSON document per line.
      DataFrame raw = t.read().text(input.toString()).withColumnRenamed("value", "json_str");

      DataFrame parsed =
          raw.select(from_json(col("json_str"), ORDER_SCHEMA).alias("data")).select("data.*");
      System.out.println("Parsed orders (malformed lines become all-null rows, as in Spark):");
      parsed.show(false);

      DataFrame clean = parsed.filter("amount > 0 AND customer_id IS NOT NULL");
      DataFrame perProduct =
          clean
              .groupBy("product")
              .agg(count(lit(1)).alias("order_count"), sum("amount").alias("total_revenue"))
              .orderBy("product");
      System.out.println("Revenue per product:");
      perProduct.show();
    }
  }

  private static Path writeSampleOrders() throws IOException {
    Path dir = Files.createTempDirectory("tideline-orders");
    Files.write(
        dir.resolve("orders.json"),
        List.of(
            "{\"order_id\":\"o-1\",\"customer_id\":\"c-1\",\"product\":\"widget\",\"amount\":120.5,\"order_time\":\"2024-01-15T10:30:00Z\"}",
            "{\"order_id\":\"o-2\",\"customer_id\":\"c-2\",\"product\":\"gadget\",\"amount\":80.0,\"order_time\":\"2024-01-15T10:31:00Z\"}",
            "{\"order_id\":\"o-3\",\"customer_id\":null,\"product\":\"widget\",\"amount\":99.0,\"order_time\":\"2024-01-15T10:32:00Z\"}",
            "{\"order_id\":\"o-4\",\"customer_id\":\"c-3\",\"product\":\"gizmo\",\"amount\":-5.0,\"order_time\":\"2024-01-15T10:33:00Z\"}",
            "{\"order_id\":\"o-5\",\"customer_id\":\"c-1\",\"product\":\"widget\",\"amount\":42.25,\"order_time\":\"2024-01-15T10:34:00Z\"}",
            "not json at all"),
        StandardCharsets.UTF_8);
    return dir;
  }
}
