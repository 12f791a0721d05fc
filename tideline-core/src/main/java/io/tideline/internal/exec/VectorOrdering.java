package io.tideline.internal.exec;

import io.tideline.internal.vector.ArrayVector;
import io.tideline.internal.vector.BooleanVector;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.DecimalVector;
import io.tideline.internal.vector.DoubleVector;
import io.tideline.internal.vector.FloatVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.internal.vector.NullVector;
import io.tideline.internal.vector.StructVector;

/**
 * Spark's ordering of values held in vectors: numbers by value with NaN greater than every other
 * value and {@code -0.0 = 0.0}, strings and binary by unsigned bytes, structs field by field,
 * arrays element by element then by length, nulls first inside nested values.
 */
final class VectorOrdering {
  private VectorOrdering() {}

  /** Orders two rows, neither null at the top level, of vectors of the same type. */
  static int compare(ColumnVector a, int i, ColumnVector b, int j) {
    if (a instanceof LongVector la) {
      return Long.compare(la.get(i), ((LongVector) b).get(j));
    } else if (a instanceof IntVector ia) {
      return Integer.compare(ia.get(i), ((IntVector) b).get(j));
    } else if (a instanceof DoubleVector da) {
      return compareDoubles(da.get(i), ((DoubleVector) b).get(j));
    } else if (a instanceof BytesVector ba) {
      return BytesVector.compare(ba, i, (BytesVector) b, j);
    } else if (a instanceof DecimalVector da) {
      DecimalVector db = (DecimalVector) b;
      if (da.isCompact() && db.isCompact()) {
        return Long.compare(da.getUnscaled(i), db.getUnscaled(j));
      }
      return da.getDecimal(i).compareTo(db.getDecimal(j));
    } else if (a instanceof FloatVector fa) {
      return compareFloats(fa.get(i), ((FloatVector) b).get(j));
    } else if (a instanceof BooleanVector ba) {
      return Boolean.compare(ba.get(i), ((BooleanVector) b).get(j));
    } else if (a instanceof StructVector sa) {
      StructVector sb = (StructVector) b;
      for (int f = 0; f < sa.children().length; f++) {
        int c = compareNullable(sa.child(f), i, sb.child(f), j);
        if (c != 0) {
          return c;
        }
      }
      return 0;
    } else if (a instanceof ArrayVector aa) {
      ArrayVector ab = (ArrayVector) b;
      int n = Math.min(aa.length(i), ab.length(j));
      for (int k = 0; k < n; k++) {
        int c = compareNullable(aa.elements(), aa.start(i) + k, ab.elements(), ab.start(j) + k);
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(aa.length(i), ab.length(j));
    } else if (a instanceof NullVector) {
      return 0;
    }
    throw ExecErrors.unsupportedKeyType(a.type().sql(), "an ORDER BY, min or max");
  }

  /** Nulls first, as Spark orders elements inside arrays and structs. */
  static int compareNullable(ColumnVector a, int i, ColumnVector b, int j) {
    boolean na = a.isNullAt(i);
    boolean nb = b.isNullAt(j);
    if (na || nb) {
      return na == nb ? 0 : (na ? -1 : 1);
    }
    return compare(a, i, b, j);
  }

  static int compareDoubles(double x, double y) {
    return x == y ? 0 : Double.compare(x, y);
  }

  static int compareFloats(float x, float y) {
    return x == y ? 0 : Float.compare(x, y);
  }
}
