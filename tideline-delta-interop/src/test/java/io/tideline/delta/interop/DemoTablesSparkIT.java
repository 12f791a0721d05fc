package io.tideline.delta.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.DataFrame;
import io.tideline.Tideline;
import io.tideline.examples.orders.DemoConfig;
import io.tideline.examples.orders.DemoResult;
import io.tideline.examples.orders.OrdersDemo;
import io.tideline.internal.catalog.TableCatalog;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's demo produces the seed's four tables, and Spark reads each of them with the same
 * rows as Tideline: the acceptance check of the demo, with both engines.
 */
@ExtendWith(SparkPeerExtension.class)
class DemoTablesSparkIT {
  private static final List<String> TABLES =
      List.of(
          "bronze.kafka_orders", "silver.orders", "gold.order_counts_5min", "gold.hourly_summary");

  @TempDir static Path work;

  private static SparkDeltaPeer spark;
  private static DemoResult result;
  private static Tideline t;

  @BeforeAll
  static void runTheDemo(SparkDeltaPeer peer) throws Exception {
    spark = peer;
    DemoConfig config =
        DemoConfig.builder(work)
            .availableNow(true)
            .records(2_000)
            .out(new PrintStream(OutputStream.nullOutputStream()))
            .build();
    result = OrdersDemo.run(config);
    t = Tideline.builder().warehouse(config.warehouse()).getOrCreate();
  }

  @AfterAll
  static void close() {
    if (t != null) {
      t.close();
    }
  }

  @Test
  void theDemoWritesAllFourTables_andSparkReadsTheSameRowsAsTideline() {
    assertThat(result.tableRows().keySet()).containsExactlyElementsOf(TABLES);
    TableCatalog catalog = TableCatalog.of(t);
    for (String table : TABLES) {
      DataFrame tideline = t.table(table);
      List<String> ours = Rows.ofTideline(tideline.collectAsList(), tideline.schema());
      List<String> theirs =
          Rows.ofSpark(
              spark.read(catalog.pathOf(table).toString(), null, null).get("rows"),
              tideline.schema());
      assertThat(ours).as("rows of %s", table).isNotEmpty().containsExactlyElementsOf(theirs);
      assertThat((long) ours.size())
          .as("rows of %s", table)
          .isEqualTo(result.tableRows().get(table));
    }
  }
}
