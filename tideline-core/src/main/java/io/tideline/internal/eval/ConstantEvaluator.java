package io.tideline.internal.eval;

import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.BooleanVector;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.DecimalVector;
import io.tideline.internal.vector.DoubleVector;
import io.tideline.internal.vector.FloatVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.types.DataType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A constant column: a literal, or a literal-only subtree folded at compile time. The vector is
 * filled once and only refilled when a batch has more rows than any before, so steady-state
 * evaluation costs nothing; consumers never write into evaluator results, which makes sharing it
 * safe.
 */
final class ConstantEvaluator implements VectorEvaluator {
  private final DataType type;
  private final ColumnVector seed;
  private ColumnVector vector;
  private int filled;

  /**
   * A constant equal to row {@code row} of {@code seed} (which it keeps: callers must not reuse
   * it).
   */
  ConstantEvaluator(ColumnVector seed, int row) {
    this.type = seed.type();
    this.seed = ColumnVector.allocate(type, 1);
    this.seed.copyFrom(seed, row, 0);
    this.vector = fill(16);
  }

  /** A constant from a literal value in internal form (see {@code Literal}). */
  static ConstantEvaluator ofLiteral(Object value, DataType type) {
    ColumnVector v = ColumnVector.allocate(type, 1);
    setInternal(v, 0, value);
    return new ConstantEvaluator(v, 0);
  }

  boolean isNull() {
    return seed.isNullAt(0);
  }

  /** The value as a Java API value, for compile-time uses such as pattern arguments. */
  Object value() {
    return seed.getObject(0);
  }

  ColumnVector seed() {
    return seed;
  }

  @Override
  public ColumnVector eval(Batch batch) {
    int n = batch.numRows();
    if (n > filled) {
      vector = fill(Math.max(n, filled * 2));
    }
    return vector;
  }

  private ColumnVector fill(int rows) {
    ColumnVector v = ColumnVector.allocate(type, rows);
    filled = rows;
    if (seed.isNullAt(0)) {
      for (int i = 0; i < rows; i++) {
        v.setNull(i);
      }
      return v;
    }
    if (v instanceof BooleanVector b) {
      Arrays.fill(b.values(), 0, rows, ((BooleanVector) seed).get(0));
    } else if (v instanceof IntVector iv) {
      Arrays.fill(iv.values(), 0, rows, ((IntVector) seed).get(0));
    } else if (v instanceof LongVector lv) {
      Arrays.fill(lv.values(), 0, rows, ((LongVector) seed).get(0));
    } else if (v instanceof FloatVector fv) {
      Arrays.fill(fv.values(), 0, rows, ((FloatVector) seed).get(0));
    } else if (v instanceof DoubleVector dv) {
      Arrays.fill(dv.values(), 0, rows, ((DoubleVector) seed).get(0));
    } else if (v instanceof DecimalVector dv && dv.isCompact()) {
      Arrays.fill(dv.unscaledValues(), 0, rows, ((DecimalVector) seed).getUnscaled(0));
    } else if (v instanceof BytesVector bv) {
      BytesVector s = (BytesVector) seed;
      bv.append(0, s.data(), s.start(0), s.length(0));
      int start = bv.start(0);
      int len = bv.length(0);
      for (int i = 1; i < rows; i++) {
        bv.setRef(i, start, len);
      }
    } else {
      for (int i = 0; i < rows; i++) {
        v.copyFrom(seed, 0, i);
      }
    }
    return v;
  }

  /** Writes a literal value in internal form into a vector of its type. */
  static void setInternal(ColumnVector v, int row, Object value) {
    if (value == null) {
      v.setNull(row);
      return;
    }
    if (v instanceof BooleanVector b) {
      b.set(row, (Boolean) value);
    } else if (v instanceof IntVector iv) {
      iv.set(row, ((Number) value).intValue());
    } else if (v instanceof LongVector lv) {
      lv.set(row, ((Number) value).longValue());
    } else if (v instanceof FloatVector fv) {
      fv.set(row, ((Number) value).floatValue());
    } else if (v instanceof DoubleVector dv) {
      dv.set(row, ((Number) value).doubleValue());
    } else if (v instanceof DecimalVector dv) {
      BigDecimal d = value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
      if (!dv.setDecimal(row, d)) {
        throw EvalErrors.bug("literal " + d + " does not fit its type " + v.type().sql());
      }
    } else if (v instanceof BytesVector bv) {
      if (value instanceof byte[] bytes) {
        bv.append(row, bytes);
      } else {
        bv.append(row, value.toString().getBytes(StandardCharsets.UTF_8));
      }
    } else {
      v.setObject(row, value);
    }
  }
}
