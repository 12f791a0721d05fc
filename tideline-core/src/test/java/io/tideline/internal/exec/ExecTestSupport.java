package io.tideline.internal.exec;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.expr.AggregateCall;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.plan.LocalRelation;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Shared fixtures: a pool, relations from rows, running plans and reading results as rows. */
abstract class ExecTestSupport {
  static ExecutorService pool;

  @BeforeAll
  static void startPool() {
    pool = Executors.newFixedThreadPool(3);
  }

  @AfterAll
  static void stopPool() {
    pool.shutdownNow();
  }

  static TidelineConf conf() {
    return new TidelineConf()
        .set(TidelineConf.SHUFFLE_PARTITIONS, "4")
        .set(TidelineConf.PARALLELISM, "3")
        .set(TidelineConf.BATCH_SIZE, "7");
  }

  static Attribute attr(String name, DataType type) {
    return new Attribute(name, type, true);
  }

  /** A relation of {@code rows} cut into batches of {@code rowsPerBatch}. */
  static LocalRelation relation(List<Attribute> attrs, int rowsPerBatch, List<Object[]> rows) {
    List<Batch> batches = new ArrayList<>();
    for (int from = 0; from < rows.size(); from += rowsPerBatch) {
      int n = Math.min(rowsPerBatch, rows.size() - from);
      ColumnVector[] cols = new ColumnVector[attrs.size()];
      for (int c = 0; c < cols.length; c++) {
        cols[c] = ColumnVector.allocate(attrs.get(c).dataType(), n);
        for (int i = 0; i < n; i++) {
          cols[c].setObject(i, rows.get(from + i)[c]);
        }
      }
      batches.add(new Batch(cols, n));
    }
    return new LocalRelation(attrs, batches);
  }

  static LocalRelation relation(List<Attribute> attrs, Object[]... rows) {
    return relation(attrs, 3, Arrays.asList(rows));
  }

  static Object[] row(Object... values) {
    return values;
  }

  static QueryExecution execution(LogicalPlan plan, TidelineConf conf) {
    return new QueryExecution(plan, conf, pool, TestEvaluators.FACTORY);
  }

  static List<List<Object>> collect(LogicalPlan plan) {
    return collect(plan, conf());
  }

  static List<List<Object>> collect(LogicalPlan plan, TidelineConf conf) {
    return rowsOf(execution(plan, conf).collect());
  }

  static List<List<Object>> rowsOf(List<Batch> batches) {
    List<List<Object>> out = new ArrayList<>();
    for (Batch b : batches) {
      for (int k = 0; k < b.size(); k++) {
        int r = b.rowAt(k);
        List<Object> row = new ArrayList<>();
        for (int c = 0; c < b.numColumns(); c++) {
          row.add(b.column(c).getObject(r));
        }
        out.add(row);
      }
    }
    return out;
  }

  static List<Object> list(Object... values) {
    return Arrays.asList(values);
  }

  static AggregateCall agg(String name, Expr arg, DataType type) {
    return new AggregateCall(name, List.of(arg), false, type, true, List.of());
  }

  static AggregateCall agg(
      String name, List<Expr> args, boolean distinct, DataType type, List<Object> params) {
    return new AggregateCall(name, args, distinct, type, true, params);
  }
}
