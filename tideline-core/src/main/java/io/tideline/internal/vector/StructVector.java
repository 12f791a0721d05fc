package io.tideline.internal.vector;

import io.tideline.Row;
import io.tideline.types.StructType;

/** A column of STRUCT values: one child vector per field, row-aligned with this one. */
public final class StructVector extends ColumnVector {
  private final StructType structType;
  private final ColumnVector[] children;

  public StructVector(StructType type, int capacity) {
    super(type, capacity);
    this.structType = type;
    this.children = new ColumnVector[type.size()];
    for (int i = 0; i < children.length; i++) {
      children[i] = ColumnVector.allocate(type.field(i).dataType(), capacity);
    }
  }

  /** A struct column over existing field vectors (no copy). */
  public StructVector(StructType type, ColumnVector[] children, int capacity) {
    super(type, capacity);
    this.structType = type;
    this.children = children;
  }

  public StructType structType() {
    return structType;
  }

  public ColumnVector child(int field) {
    return children[field];
  }

  public ColumnVector[] children() {
    return children;
  }

  @Override
  public void reset() {
    super.reset();
    for (ColumnVector c : children) {
      c.reset();
    }
  }

  @Override
  protected void growTo(int newCapacity) {
    for (ColumnVector c : children) {
      c.ensureCapacity(newCapacity);
    }
  }

  @Override
  public Object getObject(int row) {
    if (isNullAt(row)) {
      return null;
    }
    Object[] values = new Object[children.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = children[i].getObject(row);
    }
    return Row.withSchema(structType, values);
  }

  @Override
  public void setObject(int row, Object value) {
    if (value == null) {
      setNull(row);
      for (ColumnVector c : children) {
        c.setNull(row);
      }
      return;
    }
    setNotNull(row);
    Row r = (Row) value;
    for (int i = 0; i < children.length; i++) {
      children[i].setObject(row, r.get(i));
    }
  }

  @Override
  public void copyFrom(ColumnVector source, int from, int to) {
    StructVector s = (StructVector) source;
    setNull(to, s.isNullAt(from));
    for (int i = 0; i < children.length; i++) {
      children[i].copyFrom(s.children[i], from, to);
    }
  }

  @Override
  public ColumnVector gather(int[] rows, int count) {
    ColumnVector[] gathered = new ColumnVector[children.length];
    for (int i = 0; i < children.length; i++) {
      gathered[i] = children[i].gather(rows, count);
    }
    StructVector out = new StructVector(structType, gathered, Math.max(count, 1));
    if (mayHaveNulls()) {
      for (int i = 0; i < count; i++) {
        if (isNullAt(rows[i])) {
          out.setNull(i);
        }
      }
    }
    return out;
  }

  @Override
  public long sizeInBytes() {
    long n = nullBytes();
    for (ColumnVector c : children) {
      n += c.sizeInBytes();
    }
    return n;
  }
}
