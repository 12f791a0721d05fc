package io.tideline.internal.vector;

import io.tideline.types.DataTypes;

/** A column of type VOID: every row is null. */
public final class NullVector extends ColumnVector {

  public NullVector(int capacity) {
    super(DataTypes.NullType, capacity);
  }

  @Override
  protected void growTo(int newCapacity) {}

  @Override
  public Object getObject(int row) {
    return null;
  }

  @Override
  public void setObject(int row, Object value) {
    if (value != null) {
      throw new IllegalArgumentException("A VOID column holds only nulls, not " + value);
    }
  }

  @Override
  public void copyFrom(ColumnVector source, int from, int to) {}

  @Override
  public void reset() {}

  @Override
  public long sizeInBytes() {
    return 0;
  }
}
