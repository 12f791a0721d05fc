package io.tideline.internal.exec;

import io.tideline.internal.eval.VectorEvaluator;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * Repartitions its child's rows in memory: by a hash of key expressions into {@code n} partitions,
 * or all into one ({@code SinglePartition}). Each map task (one per child partition) copies its
 * rows into per-target batches of about the batch size; reduce partition {@code p} then reads the
 * blocks for {@code p} of map 0, map 1, ... in order, so a single-partition exchange keeps the
 * child's row order.
 */
public final class ShuffleExchangeExec extends ExchangeExec {
  private final List<Expr> keys;
  private final List<Expr> boundKeys;
  private final int numPartitions;
  private final ExecNode child;
  private final List<DataType> types;
  private List<Batch>[][] blocks;

  /** A hash exchange on {@code keys} into {@code numPartitions}; no keys means one partition. */
  public ShuffleExchangeExec(List<Expr> keys, int numPartitions, ExecNode child) {
    this.keys = List.copyOf(keys);
    this.boundKeys = AttributeBinder.bindAll(keys, child.output());
    this.numPartitions = keys.isEmpty() ? 1 : numPartitions;
    this.child = child;
    this.types = BatchBuilder.typesOf(child.output());
  }

  public static ShuffleExchangeExec single(ExecNode child) {
    return new ShuffleExchangeExec(List.of(), 1, child);
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
    List<Batch>[][] out = new List[child.numPartitions()][];
    scheduler.run(child.numPartitions(), ctx -> out[ctx.partition()] = mapTask(ctx));
    blocks = out;
  }

  @SuppressWarnings("unchecked")
  private List<Batch>[] mapTask(TaskContext ctx) {
    int batchSize = ctx.batchSize();
    List<Batch>[] targets = new List[numPartitions];
    BatchBuilder[] builders = new BatchBuilder[numPartitions];
    for (int p = 0; p < numPartitions; p++) {
      targets[p] = new ArrayList<>();
    }
    VectorEvaluator[] keyEvals = new VectorEvaluator[boundKeys.size()];
    for (int i = 0; i < keyEvals.length; i++) {
      keyEvals[i] = ctx.compile(boundKeys.get(i));
    }
    long[] hashes = new long[0];
    int[] counts = new int[numPartitions + 1];
    int[] order = new int[0];
    try (BatchIterator input = child.execute(ctx.partition(), ctx)) {
      Batch b;
      while ((b = input.next()) != null) {
        ctx.checkCancelled();
        int n = b.size();
        if (n == 0) {
          continue;
        }
        if (numPartitions == 1) {
          appendRows(0, b.columns(), b.selectionOrIdentity(), 0, n, builders, targets, batchSize);
          continue;
        }
        ColumnVector[] keyCols = new ColumnVector[keyEvals.length];
        for (int i = 0; i < keyCols.length; i++) {
          keyCols[i] = keyEvals[i].eval(b);
        }
        if (hashes.length < n) {
          hashes = new long[n];
          order = new int[n];
        }
        KeyHashing.hash(keyCols, b, hashes);
        // Counting sort of the live rows by target partition: one pass to count, one to place.
        java.util.Arrays.fill(counts, 0);
        for (int k = 0; k < n; k++) {
          counts[target(hashes[k]) + 1]++;
        }
        for (int p = 0; p < numPartitions; p++) {
          counts[p + 1] += counts[p];
        }
        int[] next = counts.clone();
        for (int k = 0; k < n; k++) {
          order[next[target(hashes[k])]++] = b.rowAt(k);
        }
        for (int p = 0; p < numPartitions; p++) {
          int from = counts[p];
          int to = counts[p + 1];
          if (to > from) {
            appendRows(p, b.columns(), order, from, to, builders, targets, batchSize);
          }
        }
      }
    }
    for (int p = 0; p < numPartitions; p++) {
      if (builders[p] != null && builders[p].size() > 0) {
        targets[p].add(builders[p].build(0));
      }
    }
    return targets;
  }

  private int target(long hash) {
    return (int) ((hash >>> 1) % numPartitions);
  }

  private void appendRows(
      int p,
      ColumnVector[] columns,
      int[] rows,
      int from,
      int to,
      BatchBuilder[] builders,
      List<Batch>[] targets,
      int batchSize) {
    if (builders[p] == null) {
      builders[p] = new BatchBuilder(types, Math.min(batchSize, to - from));
    }
    int[] slice = from == 0 ? rows : java.util.Arrays.copyOfRange(rows, from, to);
    builders[p].append(columns, slice, to - from);
    if (builders[p].size() >= batchSize) {
      targets[p].add(builders[p].build(batchSize));
    }
  }

  @Override
  public BatchIterator execute(int partition, TaskContext ctx) {
    List<Batch>[][] data = blocks;
    if (data == null) {
      throw ExecErrors.bug("an exchange was read before it was materialised");
    }
    return new BatchIterator() {
      int map;
      int index;

      @Override
      public Batch next() {
        while (map < data.length) {
          List<Batch> list = data[map][partition];
          if (index < list.size()) {
            return list.get(index++);
          }
          map++;
          index = 0;
        }
        return null;
      }
    };
  }

  @Override
  public String simpleString() {
    if (keys.isEmpty()) {
      return "Exchange SinglePartition";
    }
    StringBuilder sb = new StringBuilder("Exchange hashpartitioning(");
    for (Expr k : keys) {
      sb.append(ExprPrinter.print(k)).append(", ");
    }
    return sb.append(numPartitions).append(')').toString();
  }
}
