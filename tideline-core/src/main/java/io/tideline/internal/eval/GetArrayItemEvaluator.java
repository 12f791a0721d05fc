package io.tideline.internal.eval;

import io.tideline.internal.expr.Expr;
import io.tideline.internal.vector.ArrayVector;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.internal.vector.LongVector;

/**
 * {@code array[i]} (zero-based) and {@code element_at(array, i)} (one-based, negative from the
 * end). Past the end: an error under ANSI, else null. The elements are gathered with one typed copy
 * per batch.
 */
final class GetArrayItemEvaluator implements VectorEvaluator {
  private final VectorEvaluator array;
  private final VectorEvaluator index;
  private final boolean ansi;
  private final boolean elementAt;
  private final String sql;
  private final OutputBuffer output;
  private int[] from = new int[0];
  private int[] to = new int[0];

  GetArrayItemEvaluator(
      VectorEvaluator array, VectorEvaluator index, Expr expr, boolean ansi, boolean elementAt) {
    this.array = array;
    this.index = index;
    this.ansi = ansi;
    this.elementAt = elementAt;
    this.sql = expr.sql();
    this.output = new OutputBuffer(expr.dataType());
  }

  @Override
  public ColumnVector eval(Batch batch) {
    ArrayVector a = (ArrayVector) array.eval(batch);
    ColumnVector idx = index.eval(batch);
    ColumnVector out = output.prepare(batch.numRows());
    int n = batch.size();
    int[] sel = batch.selection();
    if (from.length < n) {
      from = new int[Math.max(n, 16)];
      to = new int[from.length];
    }
    int m = 0;
    for (int k = 0; k < n; k++) {
      int i = sel == null ? k : sel[k];
      if (a.isNullAt(i) || idx.isNullAt(i)) {
        out.setNull(i);
        continue;
      }
      long pos = idx instanceof IntVector iv ? iv.get(i) : ((LongVector) idx).get(i);
      int len = a.length(i);
      long zeroBased;
      if (elementAt) {
        if (pos == 0) {
          throw EvalErrors.invalidIndexOfZero(sql);
        }
        zeroBased = pos > 0 ? pos - 1 : len + pos;
      } else {
        zeroBased = pos;
      }
      if (zeroBased < 0 || zeroBased >= len) {
        if (ansi) {
          throw elementAt
              ? EvalErrors.invalidElementAtIndex(pos, len, sql)
              : EvalErrors.invalidArrayIndex(pos, len, sql);
        }
        out.setNull(i);
        continue;
      }
      from[m] = a.start(i) + (int) zeroBased;
      to[m++] = i;
    }
    VectorCopier.gather(a.elements(), from, out, to, m);
    return out;
  }
}
