package io.tideline.internal.vector;

import io.tideline.types.DataType;
import java.util.Arrays;

/** A column of float values. */
public final class FloatVector extends ColumnVector {
  private float[] values;

  public FloatVector(DataType type, int capacity) {
    super(type, capacity);
    this.values = new float[capacity];
  }

  /** The backing array, for kernels; valid for rows below the batch's row count. */
  public float[] values() {
    return values;
  }

  public float get(int row) {
    return values[row];
  }

  public void set(int row, float value) {
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
      values[to] = ((FloatVector) source).values[from];
    }
  }

  @Override
  public long sizeInBytes() {
    return (long) values.length * 4 + nullBytes();
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
      values[row] = ((Number) value).floatValue();
    }
  }
}
