package io.tideline.internal.eval;

import io.tideline.internal.vector.BooleanVector;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.DecimalVector;
import io.tideline.internal.vector.DoubleVector;
import io.tideline.internal.vector.FloatVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.internal.vector.NullVector;

/**
 * Typed row copies between vectors of one type, choosing the loop once per call rather than
 * dispatching {@code copyFrom} per row. Used where results are assembled from sub-selections (CASE,
 * COALESCE, IF) and by extractors.
 */
final class VectorCopier {
  private VectorCopier() {}

  /** Copies rows {@code rows[0..n)} of {@code src} into the same rows of {@code dst}. */
  static void copyRows(ColumnVector src, ColumnVector dst, int[] rows, int n) {
    gather(src, rows, dst, rows, n);
  }

  /** Copies row {@code from[k]} of {@code src} into row {@code to[k]} of {@code dst}, k < n. */
  static void gather(ColumnVector src, int[] from, ColumnVector dst, int[] to, int n) {
    boolean nulls = src.mayHaveNulls();
    if (dst instanceof LongVector d) {
      long[] s = ((LongVector) src).values();
      long[] o = d.values();
      for (int k = 0; k < n; k++) {
        o[to[k]] = s[from[k]];
      }
    } else if (dst instanceof IntVector d) {
      int[] s = ((IntVector) src).values();
      int[] o = d.values();
      for (int k = 0; k < n; k++) {
        o[to[k]] = s[from[k]];
      }
    } else if (dst instanceof DoubleVector d) {
      double[] s = ((DoubleVector) src).values();
      double[] o = d.values();
      for (int k = 0; k < n; k++) {
        o[to[k]] = s[from[k]];
      }
    } else if (dst instanceof FloatVector d) {
      float[] s = ((FloatVector) src).values();
      float[] o = d.values();
      for (int k = 0; k < n; k++) {
        o[to[k]] = s[from[k]];
      }
    } else if (dst instanceof BooleanVector d) {
      boolean[] s = ((BooleanVector) src).values();
      boolean[] o = d.values();
      for (int k = 0; k < n; k++) {
        o[to[k]] = s[from[k]];
      }
    } else if (dst instanceof DecimalVector d
        && d.isCompact()
        && ((DecimalVector) src).isCompact()) {
      long[] s = ((DecimalVector) src).unscaledValues();
      long[] o = d.unscaledValues();
      for (int k = 0; k < n; k++) {
        o[to[k]] = s[from[k]];
      }
    } else if (dst instanceof BytesVector d) {
      BytesVector s = (BytesVector) src;
      for (int k = 0; k < n; k++) {
        if (!nulls || !s.isNullAt(from[k])) {
          d.append(to[k], s.data(), s.start(from[k]), s.length(from[k]));
        }
      }
    } else if (dst instanceof NullVector) {
      return;
    } else {
      for (int k = 0; k < n; k++) {
        dst.copyFrom(src, from[k], to[k]);
      }
      return;
    }
    if (nulls) {
      for (int k = 0; k < n; k++) {
        if (src.isNullAt(from[k])) {
          dst.setNull(to[k]);
        } else {
          dst.setNotNull(to[k]);
        }
      }
    } else if (dst.mayHaveNulls()) {
      for (int k = 0; k < n; k++) {
        dst.setNotNull(to[k]);
      }
    }
  }
}
