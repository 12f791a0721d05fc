package io.tideline.internal.vector;

import io.tideline.types.ArrayType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A column of ARRAY values: row i holds the elements {@code [start(i), start(i)+length(i))} of one
 * child vector. Writers append elements to the child ({@link #reserveElements}) and then set the
 * row's slice.
 */
public final class ArrayVector extends ColumnVector {
  private final ArrayType arrayType;
  private final ColumnVector elements;
  private int elementCount;
  private int[] starts;
  private int[] lengths;

  public ArrayVector(ArrayType type, int capacity) {
    super(type, capacity);
    this.arrayType = type;
    this.elements = ColumnVector.allocate(type.elementType(), Math.max(capacity, 16));
    this.starts = new int[capacity];
    this.lengths = new int[capacity];
  }

  public ArrayType arrayType() {
    return arrayType;
  }

  public ColumnVector elements() {
    return elements;
  }

  public int start(int row) {
    return starts[row];
  }

  public int length(int row) {
    return lengths[row];
  }

  /** Reserves {@code n} element slots at the end of the child vector; returns the first. */
  public int reserveElements(int n) {
    int at = elementCount;
    elementCount += n;
    elements.ensureCapacity(elementCount);
    return at;
  }

  public void setSlice(int row, int start, int length) {
    starts[row] = start;
    lengths[row] = length;
    setNotNull(row);
  }

  @Override
  public void reset() {
    super.reset();
    elements.reset();
    elementCount = 0;
  }

  @Override
  protected void growTo(int newCapacity) {
    starts = Arrays.copyOf(starts, newCapacity);
    lengths = Arrays.copyOf(lengths, newCapacity);
  }

  @Override
  public Object getObject(int row) {
    if (isNullAt(row)) {
      return null;
    }
    List<Object> list = new ArrayList<>(lengths[row]);
    for (int i = 0; i < lengths[row]; i++) {
      list.add(elements.getObject(starts[row] + i));
    }
    return Collections.unmodifiableList(list);
  }

  @Override
  public void setObject(int row, Object value) {
    if (value == null) {
      setNull(row);
      return;
    }
    List<?> list = value instanceof List<?> l ? l : Arrays.asList((Object[]) value);
    int at = reserveElements(list.size());
    for (int i = 0; i < list.size(); i++) {
      elements.setObject(at + i, list.get(i));
    }
    setSlice(row, at, list.size());
  }

  @Override
  public void copyFrom(ColumnVector source, int from, int to) {
    if (source.isNullAt(from)) {
      setNull(to);
      return;
    }
    ArrayVector s = (ArrayVector) source;
    int n = s.lengths[from];
    int at = reserveElements(n);
    for (int i = 0; i < n; i++) {
      elements.copyFrom(s.elements, s.starts[from] + i, at + i);
    }
    setSlice(to, at, n);
  }

  @Override
  public long sizeInBytes() {
    return 8L * starts.length + elements.sizeInBytes() + nullBytes();
  }
}
