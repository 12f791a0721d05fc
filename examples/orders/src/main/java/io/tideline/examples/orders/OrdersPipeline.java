package io.tideline.examples.orders;

import static io.tideline.functions.col;
import static io.tideline.functions.count;
import static io.tideline.functions.current_timestamp;
import static io.tideline.functions.from_json;
import static io.tideline.functions.sum;
import static io.tideline.functions.window;

import io.tideline.DataFrame;
import io.tideline.Tideline;
import io.tideline.streaming.StreamingQuery;
import io.tideline.streaming.Trigger;

/**
 * The seed's four streaming queries, each its own query with its own checkpoint, chained through
 * Delta tables of the session's catalog:
 *
 * <pre>
 * orders_topic ─► bronze.kafka_orders ─► silver.orders ─┬► gold.order_counts_5min  (update)
 *   (Kafka)        raw_json, kafka_timestamp   parsed,   └► gold.hourly_summary     (append)
 *                                              cleaned
 * </pre>
 *
 * The code of each stage is the seed's, in Java; only the triggers are the caller's (the seed's are
 * 30 seconds and one minute; the demo uses seconds, so that something happens while you watch).
 */
public final class OrdersPipeline {

  /** The Kafka topic the generator writes and bronze reads. */
  public static final String TOPIC = "orders_topic";

  /** The four stages in pipeline order: each reads the table the one before writes. */
  public enum Stage {
    BRONZE("bronze.kafka_orders"),
    SILVER("silver.orders"),
    GOLD_COUNTS("gold.order_counts_5min"),
    GOLD_HOURLY("gold.hourly_summary");

    private final String table;

    Stage(String table) {
      this.table = table;
    }

    /** The catalog table the stage writes. */
    public String table() {
      return table;
    }

    /** The query's name (the table's, with {@code _} for {@code .}), also its checkpoint folder. */
    public String queryName() {
      return table.replace('.', '_');
    }
  }

  private final Tideline t;
  private final DemoConfig config;
  private final String bootstrapServers;

  public OrdersPipeline(Tideline t, DemoConfig config, String bootstrapServers) {
    this.t = t;
    this.config = config;
    this.bootstrapServers = bootstrapServers;
  }

  /** Starts one stage's query with {@code trigger}. */
  public StreamingQuery start(Stage stage, Trigger trigger) {
    return switch (stage) {
      case BRONZE -> write(bronze(), stage, "append", trigger);
      case SILVER -> write(silver(), stage, "append", trigger);
      // Update mode into Delta: Spark's Delta sink refuses it, Tideline's merges by the keys.
      case GOLD_COUNTS -> write(goldCounts(), stage, "update", trigger);
      case GOLD_HOURLY -> write(goldHourly(), stage, "append", trigger);
    };
  }

  /** Bronze: each Kafka value as text, with the Kafka timestamp (the seed's DLT bronze). */
  DataFrame bronze() {
    return t.readStream()
        .format("kafka")
        .option("kafka.bootstrap.servers", bootstrapServers)
        .option("subscribe", TOPIC)
        .option("startingOffsets", "earliest")
        .load()
        .selectExpr("CAST(value AS STRING) AS raw_json", "timestamp AS kafka_timestamp");
  }

  /**
   * Silver: bronze parsed with the seed's schema; the seed's two {@code expect_or_drop} rules as
   * filters (a malformed record parses to nulls and fails both).
   */
  DataFrame silver() {
    return t.readStream()
        .table(Stage.BRONZE.table())
        .select(from_json(col("raw_json"), Orders.ORDER_SCHEMA).alias("data"))
        .select("data.*")
        .filter("amount > 0")
        .filter("customer_id IS NOT NULL")
        .withColumn("processed_at", current_timestamp());
  }

  /** Gold: the seed's "Windowed Aggregations with Watermarks", as written there. */
  DataFrame goldCounts() {
    return t.readStream()
        .table(Stage.SILVER.table())
        .withWatermark("order_time", "10 minutes")
        .groupBy(window(col("order_time"), "5 minutes"), col("product"))
        .count();
  }

  /** Gold: the seed's DLT hourly summary; append mode emits each hour once the watermark passes. */
  DataFrame goldHourly() {
    return t.readStream()
        .table(Stage.SILVER.table())
        .withWatermark("order_time", "1 hour")
        .groupBy(window(col("order_time"), "1 hour"), col("product"))
        .agg(count("order_id").alias("order_count"), sum("amount").alias("total_revenue"));
  }

  /**
   * Starts one stage writing its table; {@code toTable} creates a missing table when the query
   * starts, so the next stage can read it at once.
   */
  private StreamingQuery write(DataFrame df, Stage stage, String mode, Trigger trigger) {
    return df.writeStream()
        .format("delta")
        .outputMode(mode)
        .queryName(stage.queryName())
        .option("checkpointLocation", config.checkpoint(stage.queryName()).toString())
        .trigger(trigger)
        .toTable(stage.table());
  }
}
