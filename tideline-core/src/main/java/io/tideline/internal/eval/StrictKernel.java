package io.tideline.internal.eval;

import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.types.DataType;

/**
 * The base of kernels whose result is null whenever an argument is null (most of Spark's scalar
 * functions and operators). It evaluates the arguments, marks null rows in the reused output, and
 * hands the whole batch to {@link #compute}, whose subclass-specific loop runs over primitive
 * arrays: one virtual call per batch, never per row.
 */
abstract class StrictKernel implements VectorEvaluator {
  protected final VectorEvaluator[] args;
  private final OutputBuffer output;
  private final ColumnVector[] inputs;

  StrictKernel(DataType resultType, VectorEvaluator... args) {
    this.args = args;
    this.output = new OutputBuffer(resultType);
    this.inputs = new ColumnVector[args.length];
  }

  @Override
  public final ColumnVector eval(Batch batch) {
    int n = batch.size();
    int[] sel = batch.selection();
    boolean anyNulls = false;
    for (int a = 0; a < args.length; a++) {
      inputs[a] = args[a].eval(batch);
      anyNulls |= inputs[a].mayHaveNulls();
    }
    ColumnVector out = output.prepare(batch.numRows());
    if (anyNulls) {
      for (ColumnVector in : inputs) {
        if (in.mayHaveNulls()) {
          for (int k = 0; k < n; k++) {
            int i = sel == null ? k : sel[k];
            if (in.isNullAt(i)) {
              out.setNull(i);
            }
          }
        }
      }
    }
    compute(inputs, out, sel, n, anyNulls);
    return out;
  }

  /**
   * Fills the live rows of {@code out} not already null. When {@code checkNulls} is false no row is
   * null and the loop may skip the null test.
   */
  protected abstract void compute(
      ColumnVector[] in, ColumnVector out, int[] sel, int n, boolean checkNulls);
}
