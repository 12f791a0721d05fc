package io.tideline.internal.eval;

import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.StructVector;
import io.tideline.types.DataType;

/**
 * {@code struct.field}: the struct's child vector itself when no struct row is null (no copy);
 * otherwise the live rows with the struct's nulls applied, strings sharing the child's bytes.
 */
final class GetStructFieldEvaluator implements VectorEvaluator {
  private final VectorEvaluator child;
  private final int ordinal;
  private final OutputBuffer output;
  private int[] rows = new int[0];

  GetStructFieldEvaluator(VectorEvaluator child, int ordinal, DataType type) {
    this.child = child;
    this.ordinal = ordinal;
    this.output = new OutputBuffer(type);
  }

  @Override
  public ColumnVector eval(Batch batch) {
    StructVector s = (StructVector) child.eval(batch);
    ColumnVector field = s.child(ordinal);
    if (!s.mayHaveNulls()) {
      return field;
    }
    int n = batch.size();
    int[] sel = batch.selection();
    if (field instanceof BytesVector b) {
      BytesVector out = BytesVector.sharing(b.type(), Math.max(batch.numRows(), 1), b.data());
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        if (s.isNullAt(i) || b.isNullAt(i)) {
          out.setNull(i);
        } else {
          out.setRef(i, b.start(i), b.length(i));
        }
      }
      return out;
    }
    ColumnVector out = output.prepare(batch.numRows());
    if (rows.length < n) {
      rows = new int[Math.max(n, 16)];
    }
    for (int k = 0; k < n; k++) {
      rows[k] = sel == null ? k : sel[k];
    }
    VectorCopier.copyRows(field, out, rows, n);
    for (int k = 0; k < n; k++) {
      if (s.isNullAt(rows[k])) {
        out.setNull(rows[k]);
      }
    }
    return out;
  }
}
