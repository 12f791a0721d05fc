package io.tideline.examples;

import static io.tideline.functions.col;
import static io.tideline.functions.count;
import static io.tideline.functions.current_timestamp;
import static io.tideline.functions.from_json;
import static io.tideline.functions.lit;
import static io.tideline.functions.sum;

import io.tideline.DataFrame;
import io.tideline.Tideline;
import io.tideline.streaming.StreamingQuery;
import io.tideline.streaming.StreamingQueryException;
import io.tideline.streaming.StreamingQueryProgress;
import io.tideline.streaming.Trigger;
import io.tideline.types.DataTypes;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed post's streaming medallion pipeline on Tideline, with JSON files in place of Kafka and
 * Parquet file sinks in place of Delta tables: a generator writes order files into {@code
 * landing/}, and three queries, each with its own checkpoint, carry them through bronze (raw
 * lines), silver (parsed and cleaned orders) and gold (order count and revenue per product).
 *
 * <p>The first run keeps the queries running on processing-time triggers while the generator
 * writes; the second run writes more files and restarts every stage from its checkpoint with {@link
 * Trigger#AvailableNow()}, which reads only the new files and stops.
 *
 * <p>Run it with {@code ./run-example streaming [WORK_DIR]} from the repository root.
 */
public final class OrdersStreamingExample {
  /** The bronze table: each raw line as it arrived, with its ingestion time. */
  static final StructType BRONZE_SCHEMA =
      new StructType()
          .add("value", DataTypes.StringType)
          .add("ingested_at", DataTypes.TimestampType);

  /** The silver table: the seed's order columns, then ingestion and processing times. */
  static final StructType SILVER_SCHEMA = silverSchema();

  /** The memory-sink table the gold query keeps up to date. */
  static final String GOLD_TABLE = "gold_order_counts";

  static final String BRONZE_QUERY = "bronze_orders";
  static final String SILVER_QUERY = "silver_orders";
  static final String GOLD_CONSOLE_QUERY = "gold_order_counts_console";

  private OrdersStreamingExample() {}

  /** The folders of the pipeline under one work folder. */
  record Layout(Path work) {
    /** Makes the folders the sources read from, which must exist when a file stream is loaded. */
    static Layout create(Path work) {
      Layout layout = new Layout(work);
      try {
        Files.createDirectories(layout.landing());
        Files.createDirectories(layout.bronze());
        Files.createDirectories(layout.silver());
      } catch (IOException e) {
        throw new UncheckedIOException("Could not make the example's folders under " + work, e);
      }
      return layout;
    }

    Path landing() {
      return work.resolve("landing");
    }

    Path bronze() {
      return work.resolve("bronze");
    }

    Path silver() {
      return work.resolve("silver");
    }

    Path checkpoint(String query) {
      return work.resolve("checkpoints").resolve(query);
    }
  }

  public static void main(String[] args) throws Exception {
    Path work =
        args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("tideline-streaming");
    Layout layout = Layout.create(work);
    OrderFileGenerator generator = new OrderFileGenerator(layout.landing(), 42);
    System.out.println("Work folder: " + work.toAbsolutePath());

    System.out.println("\n== Run 1: processing-time triggers while the generator writes ==");
    runContinuously(layout, generator);

    System.out.println(
        "\n== Run 2: two more files, then every stage restarts with AvailableNow ==");
    int newLines = generator.writeFile(150).size() + generator.writeFile(150).size();
    try (Tideline t = session()) {
      t.streams().addListener(new ProgressPrinter(System.out));
      Map<String, StreamingQuery> ended = runAvailableNow(t, layout, true);
      StreamingQuery bronze = ended.get(BRONZE_QUERY);
      System.out.printf(
          "Bronze read %d rows on restart: exactly the %d lines of the new files.%n",
          rowsRead(bronze), newLines);
      System.out.println("Gold after run 2:");
      t.table(GOLD_TABLE).orderBy("product").show();
      System.out.println("Bronze's last progress:");
      System.out.println(bronze.lastProgress().prettyJson());
    }
  }

  private static void runContinuously(Layout layout, OrderFileGenerator generator)
      throws InterruptedException, StreamingQueryException {
    try (Tideline t = session()) {
      t.streams().addListener(new ProgressPrinter(System.out));
      Trigger everySecond = Trigger.ProcessingTime("1 second");
      List<StreamingQuery> stages =
          List.of(
              startBronze(t, layout, everySecond),
              startSilver(t, layout, everySecond),
              startGold(t, layout, Trigger.ProcessingTime("2 seconds")),
              startGoldConsole(t, layout, Trigger.ProcessingTime("2 seconds")));
      Thread writer =
          new Thread(
              () -> {
                for (int i = 0; i < 5; i++) {
                  generator.writeFile(200);
                  try {
                    Thread.sleep(700);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                }
              },
              "order-generator");
      writer.start();
      writer.join();
      // Each stage reads the previous one's output, so drain them in pipeline order.
      for (StreamingQuery stage : stages) {
        stage.processAllAvailable();
      }
      System.out.println("Gold after run 1:");
      t.table(GOLD_TABLE).orderBy("product").show();
    }
  }

  static Tideline session() {
    return Tideline.builder()
        .appName("orders-streaming")
        .config("tideline.shuffle.partitions", "2")
        .getOrCreate();
  }

  /** Bronze: every landed line as raw text, stamped with its ingestion time. */
  static StreamingQuery startBronze(Tideline t, Layout layout, Trigger trigger) {
    return t.readStream()
        .format("text")
        .load(layout.landing().toString())
        .select(col("value"), current_timestamp().alias("ingested_at"))
        .writeStream()
        .format("parquet")
        .queryName(BRONZE_QUERY)
        .option("checkpointLocation", layout.checkpoint(BRONZE_QUERY).toString())
        .trigger(trigger)
        .start(layout.bronze().toString());
  }

  /** Silver: bronze lines parsed with the seed's schema and cleaned by its two rules. */
  static StreamingQuery startSilver(Tideline t, Layout layout, Trigger trigger) {
    return t.readStream()
        .schema(BRONZE_SCHEMA)
        .parquet(layout.bronze().toString())
        .select(
            from_json(col("value"), OrdersBatchExample.ORDER_SCHEMA).alias("data"),
            col("ingested_at"))
        .select("data.*", "ingested_at")
        .filter("amount > 0 AND customer_id IS NOT NULL")
        .withColumn("processed_at", current_timestamp())
        .writeStream()
        .format("parquet")
        .queryName(SILVER_QUERY)
        .option("checkpointLocation", layout.checkpoint(SILVER_QUERY).toString())
        .trigger(trigger)
        .start(layout.silver().toString());
  }

  /** Gold: order count and revenue per product over all silver orders so far. */
  static DataFrame goldCounts(Tideline t, Layout layout) {
    return t.readStream()
        .schema(SILVER_SCHEMA)
        .parquet(layout.silver().toString())
        .groupBy("product")
        .agg(count(lit(1)).alias("order_count"), sum("amount").alias("total_revenue"));
  }

  /** Gold into the memory table {@value #GOLD_TABLE}, rewritten whole each batch. */
  static StreamingQuery startGold(Tideline t, Layout layout, Trigger trigger) {
    return goldCounts(t, layout)
        .writeStream()
        .format("memory")
        .outputMode("complete")
        .queryName(GOLD_TABLE)
        .option("checkpointLocation", layout.checkpoint(GOLD_TABLE).toString())
        .trigger(trigger)
        .start();
  }

  /** The same gold counts printed to the console, as its own query with its own checkpoint. */
  static StreamingQuery startGoldConsole(Tideline t, Layout layout, Trigger trigger) {
    return goldCounts(t, layout)
        .writeStream()
        .format("console")
        .outputMode("complete")
        .queryName(GOLD_CONSOLE_QUERY)
        .option("checkpointLocation", layout.checkpoint(GOLD_CONSOLE_QUERY).toString())
        .trigger(trigger)
        .start();
  }

  /**
   * Runs every stage once with {@link Trigger#AvailableNow()}, in pipeline order, each until it
   * stops by itself.
   *
   * @return the ended queries by name, in pipeline order
   */
  static Map<String, StreamingQuery> runAvailableNow(Tideline t, Layout layout, boolean console)
      throws StreamingQueryException {
    Trigger availableNow = Trigger.AvailableNow();
    Map<String, StreamingQuery> ended = new LinkedHashMap<>();
    awaitEnd(startBronze(t, layout, availableNow), ended);
    awaitEnd(startSilver(t, layout, availableNow), ended);
    awaitEnd(startGold(t, layout, availableNow), ended);
    if (console) {
      awaitEnd(startGoldConsole(t, layout, availableNow), ended);
    }
    return ended;
  }

  private static void awaitEnd(StreamingQuery query, Map<String, StreamingQuery> ended)
      throws StreamingQueryException {
    query.awaitTermination();
    ended.put(query.name(), query);
  }

  /** The input rows of every batch of {@code query}'s run that its progress still remembers. */
  static long rowsRead(StreamingQuery query) {
    long rows = 0;
    for (StreamingQueryProgress p : query.recentProgress()) {
      rows += p.numInputRows();
    }
    return rows;
  }

  private static StructType silverSchema() {
    StructType schema = new StructType();
    for (StructField f : OrdersBatchExample.ORDER_SCHEMA.fields()) {
      schema = schema.add(f.name(), f.dataType());
    }
    return schema
        .add("ingested_at", DataTypes.TimestampType)
        .add("processed_at", DataTypes.TimestampType);
  }
}
