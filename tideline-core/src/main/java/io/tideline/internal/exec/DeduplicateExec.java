package io.tideline.internal.exec;

import io.tideline.internal.eval.VectorEvaluator;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.plan.Explain;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import java.util.List;

/**
 * Keeps the first row of each distinct key within a partition, by narrowing each batch's selection
 * to the rows whose key the partition's hash table had not seen. Run once before a hash exchange on
 * the keys (to shrink it) and once after; since the exchange keeps map order, the first row overall
 * wins.
 */
public final class DeduplicateExec extends ExecNode {
  private final List<Attribute> keys;
  private final List<Expr> bound;
  private final ExecNode child;

  public DeduplicateExec(List<Attribute> keys, ExecNode child) {
    this.keys = List.copyOf(keys);
    this.child = child;
    this.bound = AttributeBinder.bindAll(keys, child.output());
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

  @Override
  public BatchIterator execute(int partition, TaskContext ctx) {
    BatchIterator input = child.execute(partition, ctx);
    VectorEvaluator[] evals = new VectorEvaluator[bound.size()];
    for (int i = 0; i < evals.length; i++) {
      evals[i] = ctx.compile(bound.get(i), child.output());
    }
    GroupKeyTable table =
        new GroupKeyTable(bound.stream().map(Expr::dataType).toList(), simpleString());
    return new BatchIterator() {
      int[] groupIds = new int[0];

      @Override
      public Batch next() {
        while (true) {
          Batch in = input.next();
          if (in == null) {
            return null;
          }
          ctx.checkCancelled();
          Batch out = firstOccurrences(in, evals, table, groupIds = grow(groupIds, in.size()));
          if (!out.isEmpty()) {
            return out;
          }
        }
      }

      @Override
      public void close() {
        input.close();
      }
    };
  }

  static int[] grow(int[] a, int n) {
    return a.length >= n ? a : new int[Math.max(n, a.length * 2)];
  }

  /** {@code in} narrowed to the rows whose key is new to {@code table}, which learns them. */
  static Batch firstOccurrences(
      Batch in, VectorEvaluator[] evals, GroupKeyTable table, int[] groupIds) {
    ColumnVector[] keyCols = new ColumnVector[evals.length];
    for (int i = 0; i < evals.length; i++) {
      keyCols[i] = evals[i].eval(in);
    }
    int before = table.size();
    table.findOrInsert(keyCols, in, groupIds);
    // New groups get consecutive ids in row order, so a row is a first occurrence exactly when
    // its id is the next new one.
    int expected = before;
    int n = in.size();
    int[] sel = new int[n];
    int kept = 0;
    for (int k = 0; k < n; k++) {
      if (groupIds[k] == expected) {
        sel[kept++] = in.rowAt(k);
        expected++;
      }
    }
    return kept == n ? in : in.withSelection(sel, kept);
  }

  @Override
  public String simpleString() {
    return "Deduplicate " + Explain.attributes(keys);
  }
}
