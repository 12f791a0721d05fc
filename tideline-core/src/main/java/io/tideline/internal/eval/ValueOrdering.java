package io.tideline.internal.eval;

import io.tideline.internal.vector.ArrayVector;
import io.tideline.internal.vector.BooleanVector;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.DecimalVector;
import io.tideline.internal.vector.DoubleVector;
import io.tideline.internal.vector.FloatVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.internal.vector.StructVector;

/**
 * Spark's total order on single values of any orderable type, including structs and arrays (field
 * by field, element by element, nulls first inside them). For the cold paths only: nested
 * comparisons, map key lookups; flat kernels compare primitive arrays directly.
 */
final class ValueOrdering {
  private ValueOrdering() {}

  /** Compares row {@code i} of {@code a} with row {@code j} of {@code b}; both non-null. */
  static int compare(ColumnVector a, int i, ColumnVector b, int j) {
    if (a instanceof IntVector x && b instanceof IntVector y) {
      return Integer.compare(x.get(i), y.get(j));
    }
    if (a instanceof LongVector x && b instanceof LongVector y) {
      return Long.compare(x.get(i), y.get(j));
    }
    if (a instanceof DoubleVector x && b instanceof DoubleVector y) {
      return ComparisonEvaluator.compareDoubles(x.get(i), y.get(j));
    }
    if (a instanceof FloatVector x && b instanceof FloatVector y) {
      return ComparisonEvaluator.compareDoubles(x.get(i), y.get(j));
    }
    if (a instanceof BooleanVector x && b instanceof BooleanVector y) {
      return Boolean.compare(x.get(i), y.get(j));
    }
    if (a instanceof BytesVector x && b instanceof BytesVector y) {
      return Integer.signum(BytesVector.compare(x, i, y, j));
    }
    if (a instanceof DecimalVector x && b instanceof DecimalVector y) {
      return x.getDecimal(i).compareTo(y.getDecimal(j));
    }
    if (a instanceof StructVector x && b instanceof StructVector y) {
      for (int f = 0; f < x.children().length; f++) {
        int c = compareNullable(x.child(f), i, y.child(f), j);
        if (c != 0) {
          return c;
        }
      }
      return 0;
    }
    if (a instanceof ArrayVector x && b instanceof ArrayVector y) {
      int n = Math.min(x.length(i), y.length(j));
      for (int e = 0; e < n; e++) {
        int c = compareNullable(x.elements(), x.start(i) + e, y.elements(), y.start(j) + e);
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(x.length(i), y.length(j));
    }
    throw EvalErrors.bug("cannot compare values of " + a.type().sql() + " and " + b.type().sql());
  }

  /** As {@link #compare}, with null sorting before every value. */
  static int compareNullable(ColumnVector a, int i, ColumnVector b, int j) {
    boolean an = a.isNullAt(i);
    boolean bn = b.isNullAt(j);
    if (an || bn) {
      return an == bn ? 0 : (an ? -1 : 1);
    }
    return compare(a, i, b, j);
  }
}
