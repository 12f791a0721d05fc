package io.tideline.internal.vector;

import io.tideline.types.DataType;
import java.util.Arrays;

/** A column of double values. */
public final class DoubleVector extends ColumnVector {
  private double[] values;

  public DoubleVector(DataType type, int capacity) {
    super(type, capacity);
    this.values = new double[capacity];
  }

  /** The backing array, for kernels; valid for rows below the batch's row count. */
  public double[] values() {
    return values;
  }

  public double get(int row) {
    return values[row];
  }

  public void set(int row, double value) {
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
      values[to] = ((DoubleVector) source).values[from];
    }
  }

  @Override
  public long sizeInBytes() {
    return (long) values.length * 8 + nullBytes();
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
      values[row] = ((Number) value).doubleValue();
    }
  }
}
