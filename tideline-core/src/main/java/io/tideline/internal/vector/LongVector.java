package io.tideline.internal.vector;

import io.tideline.types.DataType;
import java.util.Arrays;

/** A column of long values. */
public final class LongVector extends ColumnVector {
  private long[] values;

  public LongVector(DataType type, int capacity) {
    super(type, capacity);
    this.values = new long[capacity];
  }

  /** The backing array, for kernels; valid for rows below the batch's row count. */
  public long[] values() {
    return values;
  }

  public long get(int row) {
    return values[row];
  }

  public void set(int row, long value) {
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
      values[to] = ((LongVector) source).values[from];
    }
  }

  @Override
  public long sizeInBytes() {
    return (long) values.length * 8 + nullBytes();
  }

  @Override
  public Object getObject(int row) {
    if (isNullAt(row)) {
      return null;
    }
    long v = values[row];
    if (type instanceof io.tideline.types.AtomicType a) {
      switch (a.kind()) {
        case TIMESTAMP:
          return Timestamps.toInstant(v);
        case DAY_TIME_INTERVAL:
          return java.time.Duration.ofSeconds(
              Math.floorDiv(v, 1_000_000L), Math.floorMod(v, 1_000_000L) * 1000L);
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
    if (value instanceof java.time.Instant i) {
      values[row] = Timestamps.fromInstant(i);
    } else if (value instanceof java.time.Duration d) {
      values[row] =
          Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1000);
    } else {
      values[row] = ((Number) value).longValue();
    }
  }
}
