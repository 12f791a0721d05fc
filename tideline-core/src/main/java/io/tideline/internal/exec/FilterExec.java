package io.tideline.internal.exec;

import io.tideline.internal.eval.VectorEvaluator;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.BooleanVector;
import io.tideline.internal.vector.ColumnVector;
import java.util.List;

/**
 * Keeps the rows whose condition is true (null is false) by narrowing the batch's selection vector:
 * no row is copied. Batches left empty are skipped.
 */
public final class FilterExec extends ExecNode {
  private final Expr condition;
  private final Expr bound;
  private final ExecNode child;

  public FilterExec(Expr condition, ExecNode child) {
    this.condition = condition;
    this.child = child;
    this.bound = AttributeBinder.bind(condition, child.output());
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
    VectorEvaluator predicate = ctx.compile(bound, child.output());
    return new BatchIterator() {
      @Override
      public Batch next() {
        while (true) {
          Batch in = input.next();
          if (in == null) {
            return null;
          }
          Batch out = select(in, predicate.eval(in));
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

  /** {@code batch} narrowed to the live rows where {@code mask} is true and not null. */
  static Batch select(Batch batch, ColumnVector mask) {
    if (!(mask instanceof BooleanVector bool)) {
      // A VOID condition (a NULL literal): null is false for every row.
      return batch.withSelection(new int[0], 0);
    }
    boolean[] values = bool.values();
    boolean nulls = mask.mayHaveNulls();
    int n = batch.size();
    int[] sel = batch.selection();
    int[] out = new int[n];
    int kept = 0;
    for (int k = 0; k < n; k++) {
      int row = sel == null ? k : sel[k];
      if (values[row] && !(nulls && mask.isNullAt(row))) {
        out[kept++] = row;
      }
    }
    if (kept == n) {
      return batch;
    }
    return batch.withSelection(out, kept);
  }

  @Override
  public String simpleString() {
    return "Filter " + ExprPrinter.print(condition);
  }
}
