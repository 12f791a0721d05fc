package io.tideline.internal.exec;

import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.DoubleVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.internal.vector.LongVector;
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
      copyRows(source[c], rows, count, columns[c], size);
    }
    size += count;
  }

  /** Copies the live rows of {@code batch}. */
  void appendBatch(Batch batch) {
    int n = batch.size();
    ensure(size + n);
    for (int c = 0; c < columns.length; c++) {
      if (batch.hasSelection()) {
        copyRows(batch.column(c), batch.selection(), n, columns[c], size);
      } else {
        copyRange(batch.column(c), n, columns[c], size);
      }
    }
    size += n;
  }

  /** Copies {@code in[rows[i]]} to {@code out[at + i]}; tight loops for the common fixed widths. */
  static void copyRows(ColumnVector in, int[] rows, int count, ColumnVector out, int at) {
    if (in instanceof LongVector li && out instanceof LongVector lo) {
      long[] src = li.values();
      long[] dst = lo.values();
      for (int i = 0; i < count; i++) {
        dst[at + i] = src[rows[i]];
      }
    } else if (in instanceof IntVector ii && out instanceof IntVector io) {
      int[] src = ii.values();
      int[] dst = io.values();
      for (int i = 0; i < count; i++) {
        dst[at + i] = src[rows[i]];
      }
    } else if (in instanceof DoubleVector di && out instanceof DoubleVector dout) {
      double[] src = di.values();
      double[] dst = dout.values();
      for (int i = 0; i < count; i++) {
        dst[at + i] = src[rows[i]];
      }
    } else {
      for (int i = 0; i < count; i++) {
        out.copyFrom(in, rows[i], at + i);
      }
      return;
    }
    if (in.mayHaveNulls()) {
      for (int i = 0; i < count; i++) {
        if (in.isNullAt(rows[i])) {
          out.setNull(at + i);
        }
      }
    }
  }

  private static void copyRange(ColumnVector in, int count, ColumnVector out, int at) {
    if (in instanceof LongVector li && out instanceof LongVector lo) {
      System.arraycopy(li.values(), 0, lo.values(), at, count);
    } else if (in instanceof IntVector ii && out instanceof IntVector io) {
      System.arraycopy(ii.values(), 0, io.values(), at, count);
    } else if (in instanceof DoubleVector di && out instanceof DoubleVector dout) {
      System.arraycopy(di.values(), 0, dout.values(), at, count);
    } else {
      for (int i = 0; i < count; i++) {
        out.copyFrom(in, i, at + i);
      }
      return;
    }
    if (in.mayHaveNulls()) {
      for (int i = 0; i < count; i++) {
        if (in.isNullAt(i)) {
          out.setNull(at + i);
        }
      }
    }
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
}
