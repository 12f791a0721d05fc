package io.tideline.internal.vector;

import io.tideline.types.DataType;
import java.util.Arrays;

/** A column of int values. */
public final class IntVector extends ColumnVector {
  private int[] values;

  public IntVector(DataType type, int capacity) {
    super(type, capacity);
    this.values = new int[capacity];
  }

  /** The backing array, for kernels; valid for rows below the batch's row count. */
  public int[] values() {
    return values;
  }

  public int get(int row) {
    return values[row];
  }

  public void set(int row, int value) {
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
      values[to] = ((IntVector) source).values[from];
    }
  }

  @Override
  public long sizeInBytes() {
    return (long) values.length * 4 + nullBytes();
  }

  @Override
  public Object getObject(int row) {
    if (isNullAt(row)) {
      return null;
    }
    int v = values[row];
    if (type instanceof io.tideline.types.AtomicType a) {
      switch (a.kind()) {
        case DATE:
          return java.time.LocalDate.ofEpochDay(v);
        case BYTE:
          return (byte) v;
        case SHORT:
          return (short) v;
        case YEAR_MONTH_INTERVAL:
          return java.time.Period.ofMonths(v).normalized();
        default:
          break;
      }
    }
    return v;
  }

  @Override
  public void setObject(int row, Object value) {
    if (value == null) {
      setNull(row);
      return;
    }
    setNotNull(row);
    if (value instanceof java.time.LocalDate d) {
      values[row] = Math.toIntExact(d.toEpochDay());
    } else if (value instanceof java.time.Period p) {
      values[row] = Math.toIntExact(p.toTotalMonths());
    } else {
      values[row] = ((Number) value).intValue();
    }
  }
}
