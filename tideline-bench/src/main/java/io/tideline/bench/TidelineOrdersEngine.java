package io.tideline.bench;

import static io.tideline.functions.col;
import static io.tideline.functions.count;
import static io.tideline.functions.lit;
import static io.tideline.functions.sum;

import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.types.StructType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Tideline's side of the orders benchmark, written against the public API exactly as a user would.
 *
 * <p>Runs in the harness's JVM. The session is started once (its start time is reported on its
 * own); each run then builds the query afresh, from the read to {@code collectAsList()}, so every
 * run pays for analysis and planning as Spark's does.
 */
public final class TidelineOrdersEngine implements OrdersEngine {
  /** The seed post's order schema. */
  public static final StructType ORDER_SCHEMA =
      StructType.fromDDL(
          "order_id STRING, customer_id STRING, product STRING, amount DOUBLE, order_time"
              + " TIMESTAMP");

  /** Public for {@link java.util.ServiceLoader}. */
  public TidelineOrdersEngine() {}

  @Override
  public String name() {
    return "tideline";
  }

  @Override
  public OrdersEngineSession start(OrdersDataset data) {
    long t0 = System.nanoTime();
    Tideline t =
        Tideline.builder()
            .appName("bench")
            .config("tideline.shuffle.partitions", "2")
            .getOrCreate();
    return new Session(t, data.dir().toAbsolutePath().toString(), (System.nanoTime() - t0) / 1e9);
  }

  private record Session(Tideline t, String dir, double sessionStartSeconds)
      implements OrdersEngineSession {
    @Override
    public String version() {
      return TidelineSessions.version();
    }

    @Override
    public RunResult run() {
      long cpu = ProcessCpu.nanos();
      long start = System.nanoTime();
      List<Row> rows =
          t.read()
              .schema(ORDER_SCHEMA)
              .json(dir)
              .filter(col("amount").gt(100))
              .groupBy("product")
              .agg(sum("amount"), count(lit(1)))
              .collectAsList();
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (ProcessCpu.nanos() - cpu) / 1e9;
      List<ProductTotals> totals = new ArrayList<>(rows.size());
      for (Row row : rows) {
        totals.add(new ProductTotals(row.getString(0), row.getDouble(1), row.getLong(2)));
      }
      totals.sort(Comparator.comparing(ProductTotals::product));
      return new RunResult(seconds, cpuSeconds, totals);
    }

    @Override
    public void close() {
      t.close();
    }
  }
}
