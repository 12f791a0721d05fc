package io.tideline.internal.eval;

import io.tideline.internal.datetime.DateTimeUtils;
import io.tideline.internal.vector.ArrayVector;
import io.tideline.internal.vector.BooleanVector;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.DecimalVector;
import io.tideline.internal.vector.DoubleVector;
import io.tideline.internal.vector.FloatVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.internal.vector.MapVector;
import io.tideline.internal.vector.StructVector;
import io.tideline.types.AtomicType;
import io.tideline.types.DataTypes;
import java.time.ZoneId;

/**
 * Prints one value as {@code CAST(x AS STRING)} does in Spark: structs as {@code {1, a}}, arrays as
 * {@code [1, 2]}, maps as {@code {k -> v}}, nested nulls as {@code null}, dates and timestamps in
 * the session zone.
 */
final class ValueFormatter {
  private final ZoneId zone;

  ValueFormatter(ZoneId zone) {
    this.zone = zone;
  }

  /** Appends the non-null value at {@code row} of {@code v}. */
  void append(StringBuilder sb, ColumnVector v, int row) {
    if (v instanceof StructVector s) {
      sb.append('{');
      for (int f = 0; f < s.children().length; f++) {
        if (f > 0) {
          sb.append(',');
        }
        ColumnVector c = s.child(f);
        if (c.isNullAt(row)) {
          sb.append(f > 0 ? " null" : "null");
        } else {
          if (f > 0) {
            sb.append(' ');
          }
          append(sb, c, row);
        }
      }
      sb.append('}');
    } else if (v instanceof ArrayVector a) {
      sb.append('[');
      ColumnVector e = a.elements();
      for (int k = 0; k < a.length(row); k++) {
        if (k > 0) {
          sb.append(',');
        }
        int at = a.start(row) + k;
        if (e.isNullAt(at)) {
          sb.append(k > 0 ? " null" : "null");
        } else {
          if (k > 0) {
            sb.append(' ');
          }
          append(sb, e, at);
        }
      }
      sb.append(']');
    } else if (v instanceof MapVector m) {
      sb.append('{');
      for (int k = 0; k < m.length(row); k++) {
        if (k > 0) {
          sb.append(", ");
        }
        int at = m.start(row) + k;
        append(sb, m.keys(), at);
        sb.append(" ->");
        if (m.values().isNullAt(at)) {
          sb.append(" null");
        } else {
          sb.append(' ');
          append(sb, m.values(), at);
        }
      }
      sb.append('}');
    } else {
      sb.append(scalar(v, row));
    }
  }

  /** The text of a non-null atomic value. */
  String scalar(ColumnVector v, int row) {
    if (v instanceof IntVector iv) {
      if (DataTypes.is(v.type(), AtomicType.Kind.DATE)) {
        return DateTimeUtils.dateToString(iv.get(row));
      }
      return Integer.toString(iv.get(row));
    }
    if (v instanceof LongVector lv) {
      if (DataTypes.is(v.type(), AtomicType.Kind.TIMESTAMP)) {
        return DateTimeUtils.timestampToString(lv.get(row), zone);
      }
      return Long.toString(lv.get(row));
    }
    if (v instanceof DoubleVector dv) {
      return Double.toString(dv.get(row));
    }
    if (v instanceof FloatVector fv) {
      return Float.toString(fv.get(row));
    }
    if (v instanceof BooleanVector bv) {
      return bv.get(row) ? "true" : "false";
    }
    if (v instanceof DecimalVector dv) {
      return dv.getDecimal(row).toPlainString();
    }
    if (v instanceof BytesVector bv) {
      return bv.getString(row);
    }
    return String.valueOf(v.getObject(row));
  }
}
