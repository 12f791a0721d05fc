package io.tideline.internal.exec;

import io.tideline.internal.expr.AggregateCall;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.BooleanVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import java.util.List;

/**
 * {@code first(x[, ignoreNulls])} and {@code last(x[, ignoreNulls])}: the first (last) value seen
 * in input order, skipping nulls when {@code ignoreNulls} (the call's {@code params[0]}) is true.
 * As in Spark, the result depends on row order, which is only defined after a sort.
 */
final class FirstLastFunction extends AggregateFunction {
  private final boolean last;
  private final boolean ignoreNulls;
  private ColumnVector state;
  private final StateVectors compaction = new StateVectors();
  private int numGroups;
  private boolean[] valueSet = new boolean[16];
  private int initialized;

  FirstLastFunction(AggregateCall call, boolean last) {
    super(call);
    this.last = last;
    this.ignoreNulls = !call.params().isEmpty() && call.params().get(0) instanceof Boolean b && b;
    this.state = ColumnVector.allocate(call.dataType(), 16);
  }

  @Override
  List<DataType> bufferTypes() {
    return List.of(call.dataType(), DataTypes.BooleanType);
  }

  @Override
  void resize(int numGroups) {
    this.numGroups = numGroups;
    valueSet = grow(valueSet, numGroups);
    state.ensureCapacity(numGroups);
    for (; initialized < numGroups; initialized++) {
      state.setNull(initialized);
    }
  }

  @Override
  void update(ColumnVector[] args, Batch batch, int[] groupIds) {
    fold(args[0], null, batch, groupIds);
  }

  @Override
  void merge(ColumnVector[] buffers, Batch batch, int[] groupIds) {
    fold(buffers[0], (BooleanVector) buffers[1], batch, groupIds);
  }

  private void fold(ColumnVector v, BooleanVector set, Batch batch, int[] groupIds) {
    int n = batch.size();
    for (int k = 0; k < n; k++) {
      int row = batch.rowAt(k);
      if (set != null ? !set.get(row) : ignoreNulls && v.isNullAt(row)) {
        continue;
      }
      int g = groupIds[k];
      if (last || !valueSet[g]) {
        state.copyFrom(v, row, g);
        valueSet[g] = true;
      }
    }
    state = compaction.compactIfWasteful(state, numGroups);
  }

  @Override
  void writeBuffers(ColumnVector[] out, int numGroups) {
    BooleanVector set = (BooleanVector) out[1];
    for (int g = 0; g < numGroups; g++) {
      out[0].copyFrom(state, g, g);
      set.set(g, valueSet[g]);
    }
  }

  @Override
  ColumnVector result(int numGroups) {
    return state;
  }
}
