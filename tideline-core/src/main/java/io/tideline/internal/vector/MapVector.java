package io.tideline.internal.vector;

import io.tideline.types.MapType;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A column of MAP values: row i holds the entries {@code [start(i), start(i)+length(i))} of a keys
 * vector and a values vector. Entry order is kept (Spark keeps insertion order too).
 */
public final class MapVector extends ColumnVector {
  private final MapType mapType;
  private final ColumnVector keys;
  private final ColumnVector values;
  private int entryCount;
  private int[] starts;
  private int[] lengths;

  public MapVector(MapType type, int capacity) {
    super(type, capacity);
    this.mapType = type;
    this.keys = ColumnVector.allocate(type.keyType(), Math.max(capacity, 16));
    this.values = ColumnVector.allocate(type.valueType(), Math.max(capacity, 16));
    this.starts = new int[capacity];
    this.lengths = new int[capacity];
  }

  public MapType mapType() {
    return mapType;
  }

  public ColumnVector keys() {
    return keys;
  }

  public ColumnVector values() {
    return values;
  }

  public int start(int row) {
    return starts[row];
  }

  public int length(int row) {
    return lengths[row];
  }

  /**
   * Reserves {@code n} entry slots at the end of the keys and values vectors; returns the first.
   */
  public int reserveEntries(int n) {
    int at = entryCount;
    entryCount += n;
    keys.ensureCapacity(entryCount);
    values.ensureCapacity(entryCount);
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
    keys.reset();
    values.reset();
    entryCount = 0;
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
    Map<Object, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < lengths[row]; i++) {
      map.put(keys.getObject(starts[row] + i), values.getObject(starts[row] + i));
    }
    return Collections.unmodifiableMap(map);
  }

  @Override
  public void setObject(int row, Object value) {
    if (value == null) {
      setNull(row);
      return;
    }
    Map<?, ?> map = (Map<?, ?>) value;
    int at = reserveEntries(map.size());
    int i = at;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      keys.setObject(i, e.getKey());
      values.setObject(i, e.getValue());
      i++;
    }
    setSlice(row, at, map.size());
  }

  @Override
  public void copyFrom(ColumnVector source, int from, int to) {
    if (source.isNullAt(from)) {
      setNull(to);
      return;
    }
    MapVector s = (MapVector) source;
    int n = s.lengths[from];
    int at = reserveEntries(n);
    for (int i = 0; i < n; i++) {
      keys.copyFrom(s.keys, s.starts[from] + i, at + i);
      values.copyFrom(s.values, s.starts[from] + i, at + i);
    }
    setSlice(to, at, n);
  }

  @Override
  public long sizeInBytes() {
    return 8L * starts.length + keys.sizeInBytes() + values.sizeInBytes() + nullBytes();
  }
}
