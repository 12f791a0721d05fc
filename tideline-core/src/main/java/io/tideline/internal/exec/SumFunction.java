package io.tideline.internal.exec;

import io.tideline.internal.expr.AggregateCall;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.BooleanVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.DecimalVector;
import io.tideline.internal.vector.DoubleVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.types.AtomicType;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.DecimalType;
import java.util.List;

/**
 * {@code sum(x)} at the call's result type, null for a group without non-null input. BIGINT sums
 * raise ARITHMETIC_OVERFLOW under ANSI and wrap around otherwise; DECIMAL sums raise it under ANSI
 * and become null otherwise; DOUBLE sums follow IEEE arithmetic: all as Spark.
 */
abstract class SumFunction extends AggregateFunction {
  protected final boolean ansi;
  protected boolean[] hasValue = new boolean[16];

  SumFunction(AggregateCall call, boolean ansi) {
    super(call);
    this.ansi = ansi;
  }

  static SumFunction create(AggregateCall call, boolean ansi) {
    DataType t = call.dataType();
    if (t instanceof DecimalType d) {
      return new DecimalSum(call, ansi, d);
    }
    if (t instanceof AtomicType a
        && (a.kind() == AtomicType.Kind.DOUBLE || a.kind() == AtomicType.Kind.FLOAT)) {
      return new DoubleSum(call, ansi);
    }
    return new LongSum(call, ansi);
  }

  @Override
  void resize(int numGroups) {
    hasValue = grow(hasValue, numGroups);
    resizeSums(numGroups);
  }

  abstract void resizeSums(int numGroups);

  /** Raises Spark's ANSI overflow error for this sum. */
  protected void overflow() {
    throw ExecErrors.arithmeticOverflow(
        call.dataType() instanceof DecimalType ? "Overflow in sum of decimals" : "long overflow",
        call.sql());
  }

  static final class LongSum extends SumFunction {
    private long[] sums = new long[16];

    LongSum(AggregateCall call, boolean ansi) {
      super(call, ansi);
    }

    @Override
    List<DataType> bufferTypes() {
      return List.of(call.dataType());
    }

    @Override
    void resizeSums(int numGroups) {
      sums = grow(sums, numGroups);
    }

    @Override
    void update(ColumnVector[] args, Batch batch, int[] groupIds) {
      add(args[0], batch, groupIds);
    }

    private void add(ColumnVector v, Batch batch, int[] groupIds) {
      int n = batch.size();
      boolean nulls = v.mayHaveNulls();
      for (int k = 0; k < n; k++) {
        int row = batch.rowAt(k);
        if (nulls && v.isNullAt(row)) {
          continue;
        }
        int g = groupIds[k];
        long x = NumericInput.asLong(v, row);
        if (ansi) {
          long s = sums[g] + x;
          if (((sums[g] ^ s) & (x ^ s)) < 0) {
            overflow();
          }
          sums[g] = s;
        } else {
          sums[g] += x;
        }
        hasValue[g] = true;
      }
    }

    @Override
    void merge(ColumnVector[] buffers, Batch batch, int[] groupIds) {
      add(buffers[0], batch, groupIds);
    }

    @Override
    void writeBuffers(ColumnVector[] out, int numGroups) {
      write((LongVector) out[0], numGroups);
    }

    private void write(LongVector out, int numGroups) {
      for (int g = 0; g < numGroups; g++) {
        if (hasValue[g]) {
          out.set(g, sums[g]);
        } else {
          out.setNull(g);
        }
      }
    }

    @Override
    ColumnVector result(int numGroups) {
      LongVector v = new LongVector(call.dataType(), Math.max(numGroups, 1));
      write(v, numGroups);
      return v;
    }
  }

  static final class DoubleSum extends SumFunction {
    private double[] sums = new double[16];

    DoubleSum(AggregateCall call, boolean ansi) {
      super(call, ansi);
    }

    @Override
    List<DataType> bufferTypes() {
      return List.of(DataTypes.DoubleType);
    }

    @Override
    void resizeSums(int numGroups) {
      sums = grow(sums, numGroups);
    }

    @Override
    void update(ColumnVector[] args, Batch batch, int[] groupIds) {
      ColumnVector v = args[0];
      int n = batch.size();
      boolean nulls = v.mayHaveNulls();
      if (v instanceof DoubleVector dv && !nulls) {
        double[] x = dv.values();
        for (int k = 0; k < n; k++) {
          int g = groupIds[k];
          sums[g] += x[batch.rowAt(k)];
          hasValue[g] = true;
        }
        return;
      }
      for (int k = 0; k < n; k++) {
        int row = batch.rowAt(k);
        if (nulls && v.isNullAt(row)) {
          continue;
        }
        int g = groupIds[k];
        sums[g] += NumericInput.asDouble(v, row);
        hasValue[g] = true;
      }
    }

    @Override
    void merge(ColumnVector[] buffers, Batch batch, int[] groupIds) {
      update(buffers, batch, groupIds);
    }

    @Override
    void writeBuffers(ColumnVector[] out, int numGroups) {
      write((DoubleVector) out[0], numGroups);
    }

    private void write(DoubleVector out, int numGroups) {
      for (int g = 0; g < numGroups; g++) {
        if (hasValue[g]) {
          out.set(g, sums[g]);
        } else {
          out.setNull(g);
        }
      }
    }

    @Override
    ColumnVector result(int numGroups) {
      DoubleVector v = new DoubleVector(DataTypes.DoubleType, Math.max(numGroups, 1));
      write(v, numGroups);
      return v;
    }
  }

  static final class DecimalSum extends SumFunction {
    private final DecimalType type;
    private final DecimalSums sums;

    DecimalSum(AggregateCall call, boolean ansi, DecimalType type) {
      super(call, ansi);
      this.type = type;
      this.sums = new DecimalSums(type);
    }

    @Override
    List<DataType> bufferTypes() {
      return List.of(type, DataTypes.BooleanType);
    }

    @Override
    void resizeSums(int numGroups) {
      sums.resize(numGroups);
    }

    @Override
    void update(ColumnVector[] args, Batch batch, int[] groupIds) {
      DecimalVector v = (DecimalVector) args[0];
      int n = batch.size();
      for (int k = 0; k < n; k++) {
        int row = batch.rowAt(k);
        if (v.isNullAt(row)) {
          continue;
        }
        int g = groupIds[k];
        hasValue[g] = true;
        if (!sums.add(g, v, row) && ansi) {
          overflow();
        }
      }
    }

    @Override
    void merge(ColumnVector[] buffers, Batch batch, int[] groupIds) {
      DecimalVector v = (DecimalVector) buffers[0];
      BooleanVector empty = (BooleanVector) buffers[1];
      int n = batch.size();
      for (int k = 0; k < n; k++) {
        int row = batch.rowAt(k);
        int g = groupIds[k];
        if (empty.get(row)) {
          continue;
        }
        hasValue[g] = true;
        if (v.isNullAt(row)) {
          sums.markOverflow(g);
        } else if (!sums.add(g, v, row) && ansi) {
          overflow();
        }
      }
    }

    @Override
    void writeBuffers(ColumnVector[] out, int numGroups) {
      DecimalVector v = (DecimalVector) out[0];
      BooleanVector empty = (BooleanVector) out[1];
      for (int g = 0; g < numGroups; g++) {
        empty.set(g, !hasValue[g]);
        if (hasValue[g] && !sums.overflowed(g)) {
          sums.write(g, v, g);
        } else {
          v.setNull(g);
        }
      }
    }

    @Override
    ColumnVector result(int numGroups) {
      DecimalVector v = new DecimalVector(type, Math.max(numGroups, 1));
      for (int g = 0; g < numGroups; g++) {
        if (hasValue[g] && !sums.overflowed(g)) {
          sums.write(g, v, g);
        } else {
          v.setNull(g);
        }
      }
      return v;
    }
  }
}
