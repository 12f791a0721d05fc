package io.tideline.internal.vector;

import io.tideline.types.DataType;
import java.util.Arrays;

/** A column of boolean values. */
public final class BooleanVector extends ColumnVector {
  private boolean[] values;

  public BooleanVector(DataType type, int capacity) {
    super(type, capacity);
    this.values = new boolean[capacity];
  }

  /** The backing array, for kernels; valid for rows below the batch's row count. */
  public boolean[] values() {
    return values;
  }

  public boolean get(int row) {
    return values[row];
  }

  public void set(int row, boolean value) {
    values[row] = value;
  }

  @Override
  protected void growTo(int newCapacity) {
    values = Arrays.copyOf(values, newCapacity);
  }

  @Override
  public void copyFrom(ColumnVector source, int from, int to) {
    if (source.isNullAt(from)) {
      setNull(to);
    } else {
      setNotNull(to);
      values[to] = ((BooleanVector) source).values[from];
    }
  }

  @Override
  public long sizeInBytes() {
    return (long) values.length * 1 + nullBytes();
  }

  @Override
  public Object getObject(int row) {
    return isNullAt(row) ? null : values[row];
  }

  @Override
  public void setObject(int row, Object value) {
    if (value == null) {
      setNull(row);
    } else {
      setNotNull(row);
      values[row] = (Boolean) value;
    }
  }
}
