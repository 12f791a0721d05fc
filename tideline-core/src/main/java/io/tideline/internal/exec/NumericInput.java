package io.tideline.internal.exec;

import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.DecimalVector;
import io.tideline.internal.vector.DoubleVector;
import io.tideline.internal.vector.FloatVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.internal.vector.LongVector;

/** Reads numeric vectors of any physical kind as long or double, for sums and averages. */
final class NumericInput {
  private NumericInput() {}

  static long asLong(ColumnVector v, int row) {
    if (v instanceof LongVector lv) {
      return lv.get(row);
    } else if (v instanceof IntVector iv) {
      return iv.get(row);
    }
    throw ExecErrors.bug("an integral aggregate over " + v.type());
  }

  static double asDouble(ColumnVector v, int row) {
    if (v instanceof DoubleVector dv) {
      return dv.get(row);
    } else if (v instanceof LongVector lv) {
      return lv.get(row);
    } else if (v instanceof IntVector iv) {
      return iv.get(row);
    } else if (v instanceof FloatVector fv) {
      return fv.get(row);
    } else if (v instanceof DecimalVector dv) {
      return dv.getDecimal(row).doubleValue();
    }
    throw ExecErrors.bug("a numeric aggregate over " + v.type());
  }
}
