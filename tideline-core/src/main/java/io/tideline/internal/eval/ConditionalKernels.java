package io.tideline.internal.eval;

import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.types.DataType;

/** {@code coalesce} (and {@code nvl}, {@code ifnull}), {@code greatest} and {@code least}. */
final class ConditionalKernels {
  private ConditionalKernels() {}

  /**
   * The first non-null argument. Each argument runs only on the rows every earlier one left null,
   * so, as in Spark, {@code coalesce(x, 1/0)} fails only where {@code x} is null.
   */
  static final class Coalesce implements VectorEvaluator {
    private final VectorEvaluator[] args;
    private final OutputBuffer output;
    private int[] pending = new int[0];
    private int[] still = new int[0];
    private int[] found = new int[0];

    Coalesce(DataType type, VectorEvaluator[] args) {
      this.args = args;
      this.output = new OutputBuffer(type);
    }

    @Override
    public ColumnVector eval(Batch batch) {
      int n = batch.size();
      ColumnVector out = output.prepare(batch.numRows());
      if (pending.length < n) {
        int cap = Math.max(n, 16);
        pending = new int[cap];
        still = new int[cap];
        found = new int[cap];
      }
      int[] sel = batch.selection();
      for (int k = 0; k < n; k++) {
        pending[k] = sel == null ? k : sel[k];
      }
      int m = n;
      for (int a = 0; a < args.length && m > 0; a++) {
        ColumnVector v = args[a].eval(batch.withSelection(pending, m));
        int f = 0;
        int s = 0;
        for (int k = 0; k < m; k++) {
          int i = pending[k];
          if (v.isNullAt(i)) {
            still[s++] = i;
          } else {
            found[f++] = i;
          }
        }
        VectorCopier.copyRows(v, out, found, f);
        int[] swap = pending;
        pending = still;
        still = swap;
        m = s;
      }
      for (int k = 0; k < m; k++) {
        out.setNull(pending[k]);
      }
      return out;
    }
  }

  /** {@code greatest} / {@code least}: skips nulls; null only when every argument is null. */
  static final class Extreme implements VectorEvaluator {
    private final VectorEvaluator[] args;
    private final boolean greatest;
    private final OutputBuffer output;
    private final ColumnVector[] in;
    private int[] from = new int[0];
    private int[] to = new int[0];
    private int[] best = new int[0];

    Extreme(DataType type, VectorEvaluator[] args, boolean greatest) {
      this.args = args;
      this.greatest = greatest;
      this.output = new OutputBuffer(type);
      this.in = new ColumnVector[args.length];
    }

    @Override
    public ColumnVector eval(Batch batch) {
      int n = batch.size();
      int rows = batch.numRows();
      int[] sel = batch.selection();
      for (int a = 0; a < args.length; a++) {
        in[a] = args[a].eval(batch);
      }
      ColumnVector out = output.prepare(rows);
      if (best.length < rows) {
        best = new int[Math.max(rows, 16)];
      }
      if (from.length < n) {
        from = new int[Math.max(n, 16)];
        to = new int[from.length];
      }
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        int b = -1;
        for (int a = 0; a < in.length; a++) {
          if (in[a].isNullAt(i)) {
            continue;
          }
          if (b < 0) {
            b = a;
          } else {
            int c = ValueOrdering.compare(in[a], i, in[b], i);
            if (greatest ? c > 0 : c < 0) {
              b = a;
            }
          }
        }
        best[i] = b;
        if (b < 0) {
          out.setNull(i);
        }
      }
      for (int a = 0; a < in.length; a++) {
        int m = 0;
        for (int k = 0; k < n; k++) {
          int i = sel == null ? k : sel[k];
          if (best[i] == a) {
            from[m] = i;
            to[m++] = i;
          }
        }
        VectorCopier.gather(in[a], from, out, to, m);
      }
      return out;
    }
  }
}
