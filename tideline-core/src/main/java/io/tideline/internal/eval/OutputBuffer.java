package io.tideline.internal.eval;

import io.tideline.internal.vector.ColumnVector;
import io.tideline.types.DataType;

/**
 * The output vector an evaluator reuses from batch to batch: grown to the batch's row count and
 * cleared of nulls before each use, so steady-state evaluation allocates nothing.
 */
final class OutputBuffer {
  private final DataType type;
  private ColumnVector vector;

  OutputBuffer(DataType type) {
    this.type = type;
  }

  DataType type() {
    return type;
  }

  /** The buffer, with room for {@code numRows} rows and no nulls. */
  ColumnVector prepare(int numRows) {
    if (vector == null) {
      vector = ColumnVector.allocate(type, Math.max(numRows, 16));
    } else {
      vector.ensureCapacity(numRows);
      vector.reset();
    }
    return vector;
  }
}
