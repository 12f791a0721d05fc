package io.tideline.internal.exec;

import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.SortOrder;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * Range-partitions rows by sort keys for a parallel global sort: partition {@code p} receives only
 * keys ordered after every key of partition {@code p-1}, so sorting each partition and reading the
 * partitions in order yields the total order.
 *
 * <p>Protocol: (1) map tasks copy their rows and evaluate the sort keys; (2) the driver takes an
 * evenly spaced sample of keys from every map output, sorts it and picks {@code n-1} bounds at
 * equal ranks; (3) map tasks send each row to the first partition whose bound is not below its key,
 * so equal keys meet in one partition, in map order, which the stable sort above keeps.
 */
public final class RangeExchangeExec extends ExchangeExec {
  private static final int SAMPLE_ROWS_PER_PARTITION = 20;

  private final List<SortOrder> order;
  private final List<SortOrder> bound;
  private final int numPartitions;
  private final ExecNode child;
  private final List<DataType> types;
  private final List<DataType> keyTypes;
  private List<Batch>[][] blocks;

  public RangeExchangeExec(List<SortOrder> order, int numPartitions, ExecNode child) {
    this.order = List.copyOf(order);
    this.numPartitions = Math.max(1, numPartitions);
    this.child = child;
    this.types = BatchBuilder.typesOf(child.output());
    List<SortOrder> b = new ArrayList<>();
    for (SortOrder o : order) {
      b.add((SortOrder) AttributeBinder.bind(o, child.output()));
    }
    this.bound = List.copyOf(b);
    this.keyTypes = bound.stream().map(o -> o.child().dataType()).toList();
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
    return numPartitions;
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized void materialize(StageScheduler scheduler) {
    if (blocks != null) {
      return;
    }
    int maps = child.numPartitions();
    Batch[] rows = new Batch[maps];
    ColumnVector[][] keys = new ColumnVector[maps][];
    scheduler.run(
        maps,
        ctx -> {
          BatchBuilder builder = new BatchBuilder(types, ctx.batchSize());
          try (BatchIterator in = child.execute(ctx.partition(), ctx)) {
            Batch b;
            while ((b = in.next()) != null) {
              ctx.checkCancelled();
              builder.appendBatch(b);
            }
          }
          Batch all = builder.build(0);
          ColumnVector[] k = new ColumnVector[bound.size()];
          for (int i = 0; i < k.length; i++) {
            k[i] = ctx.compile(bound.get(i).child()).eval(all);
          }
          rows[ctx.partition()] = all;
          keys[ctx.partition()] = k;
        });
    Batch bounds = bounds(rows, keys);
    List<Batch>[][] out = new List[maps][];
    scheduler.run(
        maps,
        ctx ->
            out[ctx.partition()] = partition(rows[ctx.partition()], keys[ctx.partition()], bounds));
    blocks = out;
  }

  /** The {@code n-1} bounds, as rows of key vectors, picked at equal ranks of a sorted sample. */
  private Batch bounds(Batch[] rows, ColumnVector[][] keys) {
    int perMap = SAMPLE_ROWS_PER_PARTITION * numPartitions;
    BatchBuilder sample = new BatchBuilder(keyTypes, perMap * Math.max(rows.length, 1));
    for (int m = 0; m < rows.length; m++) {
      int size = rows[m].numRows();
      int take = Math.min(size, perMap);
      int[] picks = new int[take];
      for (int i = 0; i < take; i++) {
        picks[i] = (int) ((long) i * size / take);
      }
      sample.append(keys[m], picks, take);
    }
    Batch s = sample.build(0);
    int n = s.numRows();
    if (n == 0 || numPartitions == 1) {
      return new BatchBuilder(keyTypes, 1).build(0);
    }
    SortExec.RowComparator[] cmps = new SortExec.RowComparator[bound.size()];
    for (int k = 0; k < cmps.length; k++) {
      SortOrder o = bound.get(k);
      cmps[k] = SortExec.comparator(s.column(k), o.ascending(), o.nullsFirst());
    }
    int[] index = new int[n];
    for (int i = 0; i < n; i++) {
      index[i] = i;
    }
    SortExec.mergeSort(index, new int[n], 0, n, (i, j) -> compareAll(cmps, i, j));
    int[] picks = new int[numPartitions - 1];
    for (int p = 0; p < picks.length; p++) {
      picks[p] = index[(int) ((long) (p + 1) * n / numPartitions) - 1];
    }
    BatchBuilder b = new BatchBuilder(keyTypes, picks.length);
    b.append(s.columns(), picks, picks.length);
    return b.build(0);
  }

  private static int compareAll(SortExec.RowComparator[] cmps, int i, int j) {
    for (SortExec.RowComparator c : cmps) {
      int r = c.compare(i, j);
      if (r != 0) {
        return r;
      }
    }
    return 0;
  }

  /** Orders row {@code i} of {@code a} against row {@code j} of {@code b} by the sort keys. */
  private int compareKeys(ColumnVector[] a, int i, ColumnVector[] b, int j) {
    for (int k = 0; k < a.length; k++) {
      SortOrder o = bound.get(k);
      boolean na = a[k].isNullAt(i);
      boolean nb = b[k].isNullAt(j);
      int c;
      if (na || nb) {
        c = na == nb ? 0 : (na == o.nullsFirst() ? -1 : 1);
      } else {
        c = VectorOrdering.compare(a[k], i, b[k], j);
        c = o.ascending() ? c : -c;
      }
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  @SuppressWarnings("unchecked")
  private List<Batch>[] partition(Batch rows, ColumnVector[] keys, Batch bounds) {
    int n = rows.numRows();
    int numBounds = bounds.numRows();
    ColumnVector[] boundKeys = bounds.columns();
    int[] counts = new int[numPartitions + 1];
    int[] targets = new int[n];
    for (int r = 0; r < n; r++) {
      int lo = 0;
      int hi = numBounds;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (compareKeys(keys, r, boundKeys, mid) > 0) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      targets[r] = lo;
      counts[lo + 1]++;
    }
    for (int p = 0; p < numPartitions; p++) {
      counts[p + 1] += counts[p];
    }
    int[] order = new int[n];
    int[] next = counts.clone();
    for (int r = 0; r < n; r++) {
      order[next[targets[r]]++] = r;
    }
    List<Batch>[] out = new List[numPartitions];
    for (int p = 0; p < numPartitions; p++) {
      int len = counts[p + 1] - counts[p];
      if (len == 0) {
        out[p] = List.of();
        continue;
      }
      int[] slice = java.util.Arrays.copyOfRange(order, counts[p], counts[p + 1]);
      ColumnVector[] cols = new ColumnVector[rows.numColumns()];
      for (int c = 0; c < cols.length; c++) {
        cols[c] = rows.column(c).gather(slice, len);
      }
      out[p] = List.of(new Batch(cols, len));
    }
    return out;
  }

  @Override
  public BatchIterator execute(int partition, TaskContext ctx) {
    List<Batch>[][] data = blocks;
    if (data == null) {
      throw ExecErrors.bug("an exchange was read before it was materialised");
    }
    return new BatchIterator() {
      int map;

      @Override
      public Batch next() {
        while (map < data.length) {
          List<Batch> list = data[map++][partition];
          if (!list.isEmpty()) {
            return list.get(0);
          }
        }
        return null;
      }
    };
  }

  @Override
  public String simpleString() {
    List<Expr> exprs = new ArrayList<>(order);
    String keys = ExprPrinter.list(exprs);
    return "Exchange rangepartitioning("
        + keys.substring(1, keys.length() - 1)
        + ", "
        + numPartitions
        + ")";
  }
}
