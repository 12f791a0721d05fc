package io.tideline.internal.eval;

import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.types.DataType;

/**
 * The base of kernels whose result is null whenever an argument is null (most of Spark's scalar
 * functions and operators).
 *
 * <p>Arguments are evaluated left to right, each only on the rows where every earlier argument was
 * non-null: like Spark, which skips the rest of a null-intolerant expression once an input is null,
 * an ANSI error in a later argument cannot fire for a row that is null anyway. The rows left are
 * handed to {@link #compute} as one batch, so the subclass's loop runs over primitive arrays with
 * no null test: one virtual call per batch, never per row.
 */
abstract class StrictKernel implements VectorEvaluator {
  protected final VectorEvaluator[] args;
  private final OutputBuffer output;
  private final ColumnVector[] inputs;
  private int[] rows = new int[0];

  StrictKernel(DataType resultType, VectorEvaluator... args) {
    this.args = args;
    this.output = new OutputBuffer(resultType);
    this.inputs = new ColumnVector[args.length];
  }

  @Override
  public final ColumnVector eval(Batch batch) {
    int n = batch.size();
    int[] live = batch.selection();
    Batch current = batch;
    ColumnVector out = output.prepare(batch.numRows());
    for (int a = 0; a < args.length; a++) {
      ColumnVector in = args[a].eval(current);
      inputs[a] = in;
      if (!in.mayHaveNulls() || n == 0) {
        continue;
      }
      if (rows.length < n) {
        rows = new int[Math.max(n, 16)];
      }
      // Compacting in place is safe once live is our own buffer: the write index never passes
      // the read index.
      int m = 0;
      for (int k = 0; k < n; k++) {
        int i = live == null ? k : live[k];
        if (in.isNullAt(i)) {
          out.setNull(i);
        } else {
          rows[m++] = i;
        }
      }
      if (m < n) {
        live = rows;
        n = m;
        current = batch.withSelection(rows, m);
      }
    }
    compute(inputs, out, live, n);
    return out;
  }

  /**
   * Fills rows {@code sel[0..n)} of {@code out} (rows {@code 0..n} when {@code sel} is null); every
   * argument is non-null on those rows.
   */
  protected abstract void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n);
}
