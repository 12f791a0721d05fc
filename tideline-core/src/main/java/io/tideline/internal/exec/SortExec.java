package io.tideline.internal.exec;

import io.tideline.internal.eval.VectorEvaluator;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.SortOrder;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.DoubleVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.internal.vector.LongVector;
import java.util.ArrayList;
import java.util.List;

/**
 * Sorts each partition: gathers its rows into dense vectors, computes the sort keys once, sorts an
 * index array with a stable merge sort driven by per-key comparators (Spark's null ordering: {@code
 * NULLS FIRST} by default ascending, {@code NULLS LAST} descending), and emits the rows in order in
 * batches. A global sort runs over a single-partition exchange.
 */
public final class SortExec extends ExecNode {
  private final List<SortOrder> order;
  private final List<SortOrder> bound;
  private final boolean global;
  private final ExecNode child;

  public SortExec(List<SortOrder> order, boolean global, ExecNode child) {
    this.order = List.copyOf(order);
    this.global = global;
    this.child = child;
    List<SortOrder> b = new ArrayList<>();
    for (SortOrder o : order) {
      b.add((SortOrder) AttributeBinder.bind(o, child.output()));
    }
    this.bound = List.copyOf(b);
  }

  @Override
  public List<Attribute> output() {
    return child.output();
  }

  @Override
  public List<ExecNode> children() {
    return List.of(child);
  }

  @Override
  public int numPartitions() {
    return child.numPartitions();
  }

  /** Compares two rows of the dense input by their physical indexes. */
  @FunctionalInterface
  interface RowComparator {
    int compare(int i, int j);
  }

  @Override
  public BatchIterator execute(int partition, TaskContext ctx) {
    BatchBuilder builder = new BatchBuilder(BatchBuilder.typesOf(child.output()), ctx.batchSize());
    try (BatchIterator in = child.execute(partition, ctx)) {
      Batch b;
      while ((b = in.next()) != null) {
        ctx.checkCancelled();
        builder.appendBatch(b);
      }
    }
    Batch all = builder.build(0);
    int n = all.numRows();
    if (n == 0) {
      return BatchIterator.empty();
    }
    RowComparator[] keys = new RowComparator[bound.size()];
    for (int i = 0; i < keys.length; i++) {
      SortOrder o = bound.get(i);
      VectorEvaluator eval = ctx.compile(o.child(), child.output());
      ColumnVector v = eval.eval(all);
      keys[i] = comparator(v, o.ascending(), o.nullsFirst());
    }
    RowComparator cmp =
        (i, j) -> {
          for (RowComparator k : keys) {
            int c = k.compare(i, j);
            if (c != 0) {
              return c;
            }
          }
          return 0;
        };
    int[] index = new int[n];
    for (int i = 0; i < n; i++) {
      index[i] = i;
    }
    mergeSort(index, new int[n], 0, n, cmp);
    int batchSize = ctx.batchSize();
    return new BatchIterator() {
      int from;

      @Override
      public Batch next() {
        if (from >= n) {
          return null;
        }
        int len = Math.min(batchSize, n - from);
        int[] rows = java.util.Arrays.copyOfRange(index, from, from + len);
        from += len;
        ColumnVector[] cols = new ColumnVector[all.numColumns()];
        for (int c = 0; c < cols.length; c++) {
          cols[c] = all.column(c).gather(rows, len);
        }
        return new Batch(cols, len);
      }
    };
  }

  static RowComparator comparator(ColumnVector v, boolean ascending, boolean nullsFirst) {
    RowComparator values;
    if (v instanceof LongVector lv) {
      long[] a = lv.values();
      values = (i, j) -> Long.compare(a[i], a[j]);
    } else if (v instanceof IntVector iv) {
      int[] a = iv.values();
      values = (i, j) -> Integer.compare(a[i], a[j]);
    } else if (v instanceof DoubleVector dv) {
      double[] a = dv.values();
      values = (i, j) -> VectorOrdering.compareDoubles(a[i], a[j]);
    } else {
      values = (i, j) -> VectorOrdering.compare(v, i, v, j);
    }
    RowComparator directed = ascending ? values : (i, j) -> values.compare(j, i);
    if (!v.mayHaveNulls()) {
      return directed;
    }
    int nullSign = nullsFirst ? -1 : 1;
    return (i, j) -> {
      boolean ni = v.isNullAt(i);
      boolean nj = v.isNullAt(j);
      if (ni || nj) {
        return ni == nj ? 0 : (ni ? nullSign : -nullSign);
      }
      return directed.compare(i, j);
    };
  }

  /** Stable merge sort of {@code a[from, to)} with {@code tmp} as scratch. */
  static void mergeSort(int[] a, int[] tmp, int from, int to, RowComparator cmp) {
    if (to - from <= 16) {
      for (int i = from + 1; i < to; i++) {
        int x = a[i];
        int j = i - 1;
        while (j >= from && cmp.compare(a[j], x) > 0) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = x;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(a, tmp, from, mid, cmp);
    mergeSort(a, tmp, mid, to, cmp);
    if (cmp.compare(a[mid - 1], a[mid]) <= 0) {
      return;
    }
    System.arraycopy(a, from, tmp, from, to - from);
    int i = from;
    int j = mid;
    int k = from;
    while (i < mid && j < to) {
      a[k++] = cmp.compare(tmp[j], tmp[i]) < 0 ? tmp[j++] : tmp[i++];
    }
    while (i < mid) {
      a[k++] = tmp[i++];
    }
    while (j < to) {
      a[k++] = tmp[j++];
    }
  }

  @Override
  public String simpleString() {
    List<Expr> exprs = new ArrayList<>(order);
    return "Sort " + ExprPrinter.list(exprs) + ", " + global + ", 0";
  }
}
