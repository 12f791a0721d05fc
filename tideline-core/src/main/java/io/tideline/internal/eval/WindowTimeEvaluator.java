package io.tideline.internal.eval;

import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.internal.vector.StructVector;
import io.tideline.types.DataTypes;

/**
 * {@code window_time(w)}: the event time that represents window {@code w}, {@code w.end - 1}
 * microsecond, as Spark's {@code ResolveWindowTime} computes it. One microsecond before the
 * exclusive end, so re-windowing it with the same spec lands in the same window. Null when the
 * window or its end is null.
 */
final class WindowTimeEvaluator implements VectorEvaluator {
  private final VectorEvaluator window;
  private final OutputBuffer output = new OutputBuffer(DataTypes.TimestampType);

  WindowTimeEvaluator(VectorEvaluator window) {
    this.window = window;
  }

  @Override
  public ColumnVector eval(Batch batch) {
    StructVector w = (StructVector) window.eval(batch);
    ColumnVector end = w.child(1);
    long[] e = ((LongVector) end).values();
    LongVector out = (LongVector) output.prepare(batch.numRows());
    long[] o = out.values();
    boolean nulls = w.mayHaveNulls() || end.mayHaveNulls();
    int n = batch.size();
    int[] sel = batch.selection();
    for (int k = 0; k < n; k++) {
      int i = sel == null ? k : sel[k];
      if (nulls && (w.isNullAt(i) || end.isNullAt(i))) {
        out.setNull(i);
      } else {
        o[i] = e[i] - 1;
      }
    }
    return out;
  }
}
