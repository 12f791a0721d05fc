package io.tideline.internal.exec;

import io.tideline.internal.expr.AggregateCall;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import java.util.List;

/** {@code count(args)}: rows where every argument is non-null; {@code count(*)} counts rows. */
final class CountFunction extends AggregateFunction {
  private final boolean countsRows;
  private long[] counts = new long[16];

  CountFunction(AggregateCall call) {
    super(call);
    boolean allLiterals = true;
    for (Expr a : call.args()) {
      allLiterals &= a instanceof Literal l && l.value() != null;
    }
    this.countsRows = allLiterals;
  }

  /** True when the arguments need not be evaluated ({@code count(*)}, {@code count(1)}). */
  boolean countsRows() {
    return countsRows;
  }

  @Override
  List<DataType> bufferTypes() {
    return List.of(DataTypes.LongType);
  }

  @Override
  void resize(int numGroups) {
    counts = grow(counts, numGroups);
  }

  @Override
  void update(ColumnVector[] args, Batch batch, int[] groupIds) {
    int n = batch.size();
    if (countsRows) {
      for (int k = 0; k < n; k++) {
        counts[groupIds[k]]++;
      }
      return;
    }
    boolean nulls = false;
    for (ColumnVector a : args) {
      nulls |= a.mayHaveNulls();
    }
    for (int k = 0; k < n; k++) {
      if (nulls) {
        int row = batch.rowAt(k);
        boolean anyNull = false;
        for (ColumnVector a : args) {
          anyNull |= a.isNullAt(row);
        }
        if (anyNull) {
          continue;
        }
      }
      counts[groupIds[k]]++;
    }
  }

  @Override
  void merge(ColumnVector[] buffers, Batch batch, int[] groupIds) {
    long[] partial = ((LongVector) buffers[0]).values();
    int n = batch.size();
    for (int k = 0; k < n; k++) {
      counts[groupIds[k]] += partial[batch.rowAt(k)];
    }
  }

  @Override
  void writeBuffers(ColumnVector[] out, int numGroups) {
    System.arraycopy(counts, 0, ((LongVector) out[0]).values(), 0, numGroups);
  }

  @Override
  ColumnVector result(int numGroups) {
    LongVector v = new LongVector(DataTypes.LongType, Math.max(numGroups, 1));
    System.arraycopy(counts, 0, v.values(), 0, numGroups);
    return v;
  }
}
