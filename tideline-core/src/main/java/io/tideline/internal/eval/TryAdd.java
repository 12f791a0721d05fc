package io.tideline.internal.eval;

import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.types.AtomicType;
import io.tideline.types.DataType;

/**
 * {@code try_add} of integers: the sum, or null where it does not fit the result type (TINYINT,
 * SMALLINT and INT are held in {@link IntVector}s, BIGINT in {@link LongVector}s).
 */
final class TryAdd extends StrictKernel {
  private final long min;
  private final long max;
  private final boolean wide;

  TryAdd(DataType type, VectorEvaluator left, VectorEvaluator right) {
    super(type, left, right);
    AtomicType.Kind kind = ((AtomicType) type).kind();
    wide = kind == AtomicType.Kind.LONG;
    min =
        switch (kind) {
          case BYTE -> Byte.MIN_VALUE;
          case SHORT -> Short.MIN_VALUE;
          case INT -> Integer.MIN_VALUE;
          default -> Long.MIN_VALUE;
        };
    max = -(min + 1);
  }

  /** Whether {@code type} is one this kernel adds. */
  static boolean handles(DataType type) {
    if (!(type instanceof AtomicType a)) {
      return false;
    }
    return switch (a.kind()) {
      case BYTE, SHORT, INT, LONG -> true;
      default -> false;
    };
  }

  @Override
  protected void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n) {
    if (wide) {
      long[] a = ((LongVector) in[0]).values();
      long[] b = ((LongVector) in[1]).values();
      long[] o = ((LongVector) out).values();
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        long r = a[i] + b[i];
        // Overflow iff both operands have the sign the result lacks.
        if (((a[i] ^ r) & (b[i] ^ r)) < 0) {
          out.setNull(i);
        } else {
          o[i] = r;
        }
      }
      return;
    }
    int[] a = ((IntVector) in[0]).values();
    int[] b = ((IntVector) in[1]).values();
    int[] o = ((IntVector) out).values();
    for (int k = 0; k < n; k++) {
      int i = sel == null ? k : sel[k];
      long r = (long) a[i] + b[i];
      if (r < min || r > max) {
        out.setNull(i);
      } else {
        o[i] = (int) r;
      }
    }
  }
}
