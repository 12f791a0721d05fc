package io.tideline.internal.exec;

import io.tideline.internal.expr.AggregateCall;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.DoubleVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.types.DataType;
import java.util.List;

/**
 * {@code min(x)} and {@code max(x)} over any orderable type, in Spark's order (NaN above every
 * number). The running extremes live in a vector of the result type indexed by group id, null until
 * a group sees a value, so the result needs no conversion.
 */
final class MinMaxFunction extends AggregateFunction {
  private final boolean max;
  private ColumnVector state;
  private final StateVectors compaction = new StateVectors();
  private int numGroups;
  private int initialized;

  MinMaxFunction(AggregateCall call, boolean max) {
    super(call);
    this.max = max;
    this.state = ColumnVector.allocate(call.dataType(), 16);
  }

  @Override
  List<DataType> bufferTypes() {
    return List.of(call.dataType());
  }

  @Override
  void resize(int numGroups) {
    this.numGroups = numGroups;
    state.ensureCapacity(numGroups);
    for (; initialized < numGroups; initialized++) {
      state.setNull(initialized);
    }
  }

  @Override
  void update(ColumnVector[] args, Batch batch, int[] groupIds) {
    ColumnVector v = args[0];
    int n = batch.size();
    if (v instanceof LongVector lv && state instanceof LongVector ls) {
      long[] x = lv.values();
      long[] s = ls.values();
      for (int k = 0; k < n; k++) {
        int row = batch.rowAt(k);
        if (v.isNullAt(row)) {
          continue;
        }
        int g = groupIds[k];
        if (ls.isNullAt(g) || (max ? x[row] > s[g] : x[row] < s[g])) {
          ls.setNotNull(g);
          s[g] = x[row];
        }
      }
    } else if (v instanceof IntVector iv && state instanceof IntVector is) {
      int[] x = iv.values();
      int[] s = is.values();
      for (int k = 0; k < n; k++) {
        int row = batch.rowAt(k);
        if (v.isNullAt(row)) {
          continue;
        }
        int g = groupIds[k];
        if (is.isNullAt(g) || (max ? x[row] > s[g] : x[row] < s[g])) {
          is.setNotNull(g);
          s[g] = x[row];
        }
      }
    } else if (v instanceof DoubleVector dv && state instanceof DoubleVector ds) {
      double[] x = dv.values();
      double[] s = ds.values();
      for (int k = 0; k < n; k++) {
        int row = batch.rowAt(k);
        if (v.isNullAt(row)) {
          continue;
        }
        int g = groupIds[k];
        if (ds.isNullAt(g) || better(VectorOrdering.compareDoubles(x[row], s[g]))) {
          ds.setNotNull(g);
          s[g] = x[row];
        }
      }
    } else {
      for (int k = 0; k < n; k++) {
        int row = batch.rowAt(k);
        if (v.isNullAt(row)) {
          continue;
        }
        int g = groupIds[k];
        if (state.isNullAt(g) || better(VectorOrdering.compare(v, row, state, g))) {
          state.copyFrom(v, row, g);
        }
      }
      state = compaction.compactIfWasteful(state, numGroups);
    }
  }

  private boolean better(int comparison) {
    return max ? comparison > 0 : comparison < 0;
  }

  @Override
  void merge(ColumnVector[] buffers, Batch batch, int[] groupIds) {
    update(buffers, batch, groupIds);
  }

  @Override
  void writeBuffers(ColumnVector[] out, int numGroups) {
    for (int g = 0; g < numGroups; g++) {
      out[0].copyFrom(state, g, g);
    }
  }

  @Override
  ColumnVector result(int numGroups) {
    return state;
  }
}
