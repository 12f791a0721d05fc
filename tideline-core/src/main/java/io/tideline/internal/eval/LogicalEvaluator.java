package io.tideline.internal.eval;

import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.BooleanVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.types.DataTypes;

/**
 * {@code AND} / {@code OR} with SQL's three-valued logic. The right side is evaluated only on the
 * rows the left side leaves undecided (a sub-selection), so, as with Spark's short-circuit, an
 * error the right side would raise on a row the left side decides never surfaces: {@code y <> 0 AND
 * x / y > 1} is safe under ANSI.
 */
final class LogicalEvaluator implements VectorEvaluator {
  private final boolean and;
  private final VectorEvaluator left;
  private final VectorEvaluator right;
  private final OutputBuffer output = new OutputBuffer(DataTypes.BooleanType);
  private int[] undecided = new int[0];

  LogicalEvaluator(boolean and, VectorEvaluator left, VectorEvaluator right) {
    this.and = and;
    this.left = left;
    this.right = right;
  }

  @Override
  public ColumnVector eval(Batch batch) {
    ColumnVector lv = left.eval(batch);
    boolean[] l = ((BooleanVector) lv).values();
    boolean lNulls = lv.mayHaveNulls();
    int n = batch.size();
    int[] sel = batch.selection();
    BooleanVector out = (BooleanVector) output.prepare(batch.numRows());
    boolean[] o = out.values();
    if (undecided.length < n) {
      undecided = new int[Math.max(n, 16)];
    }
    // The value that decides the row on its own: false for AND, true for OR.
    boolean decisive = !and;
    int m = 0;
    for (int k = 0; k < n; k++) {
      int i = sel == null ? k : sel[k];
      if ((!lNulls || !lv.isNullAt(i)) && l[i] == decisive) {
        o[i] = decisive;
      } else {
        undecided[m++] = i;
      }
    }
    if (m == 0) {
      return out;
    }
    ColumnVector rv = right.eval(batch.withSelection(undecided, m));
    boolean[] r = ((BooleanVector) rv).values();
    boolean rNulls = rv.mayHaveNulls();
    for (int k = 0; k < m; k++) {
      int i = undecided[k];
      boolean rNull = rNulls && rv.isNullAt(i);
      boolean lNull = lNulls && lv.isNullAt(i);
      if (!rNull && r[i] == decisive) {
        o[i] = decisive;
      } else if (rNull || lNull) {
        out.setNull(i);
      } else {
        o[i] = !decisive;
      }
    }
    return out;
  }
}
