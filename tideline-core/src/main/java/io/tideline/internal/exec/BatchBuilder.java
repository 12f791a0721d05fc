package io.tideline.internal.exec;

import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.types.DataType;
import java.util.List;

/**
 * Accumulates rows copied from other batches into fresh vectors it owns, for operators that keep
 * rows beyond the producer's next batch (exchanges, sort, join build sides, collect).
 */
final class BatchBuilder {
  private final List<DataType> types;
  private ColumnVector[] columns;
  private int size;

  BatchBuilder(List<DataType> types, int capacity) {
    this.types = types;
    this.columns = allocate(types, Math.max(capacity, 1));
  }

  private static ColumnVector[] allocate(List<DataType> types, int capacity) {
    ColumnVector[] cols = new ColumnVector[types.size()];
    for (int i = 0; i < cols.length; i++) {
      cols[i] = ColumnVector.allocate(types.get(i), capacity);
    }
    return cols;
  }

  int size() {
    return size;
  }

  /** Copies the physical rows {@code rows[0..count)} of {@code source}'s columns. */
  void append(ColumnVector[] source, int[] rows, int count) {
    ensure(size + count);
    for (int c = 0; c < columns.length; c++) {
      ColumnVector out = columns[c];
      ColumnVector in = source[c];
      for (int i = 0; i < count; i++) {
        out.copyFrom(in, rows[i], size + i);
      }
    }
    size += count;
  }

  /** Copies the live rows of {@code batch}. */
  void appendBatch(Batch batch) {
    int n = batch.size();
    ensure(size + n);
    for (int c = 0; c < columns.length; c++) {
      ColumnVector out = columns[c];
      ColumnVector in = batch.column(c);
      if (batch.hasSelection()) {
        int[] sel = batch.selection();
        for (int i = 0; i < n; i++) {
          out.copyFrom(in, sel[i], size + i);
        }
      } else {
        for (int i = 0; i < n; i++) {
          out.copyFrom(in, i, size + i);
        }
      }
    }
    size += n;
  }

  private void ensure(int rows) {
    for (ColumnVector c : columns) {
      c.ensureCapacity(rows);
    }
  }

  /** The rows so far as a dense batch; the builder starts over with new vectors. */
  Batch build(int nextCapacity) {
    Batch b = new Batch(columns, size);
    columns = allocate(types, Math.max(nextCapacity, 1));
    size = 0;
    return b;
  }

  static List<DataType> typesOf(List<io.tideline.internal.expr.Attribute> attrs) {
    return attrs.stream().map(io.tideline.internal.expr.Attribute::dataType).toList();
  }

  /** A dense copy of the live rows of {@code batch} that no producer will overwrite. */
  static Batch copyOf(Batch batch, List<DataType> types) {
    BatchBuilder b = new BatchBuilder(types, batch.size());
    b.appendBatch(batch);
    return b.build(0);
  }
}
