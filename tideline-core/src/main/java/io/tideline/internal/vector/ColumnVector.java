package io.tideline.internal.vector;

import io.tideline.types.ArrayType;
import io.tideline.types.AtomicType;
import io.tideline.types.DataType;
import io.tideline.types.DecimalType;
import io.tideline.types.MapType;
import io.tideline.types.StructType;
import java.util.Arrays;

/**
 * One column of a {@link Batch}: values of one {@link DataType} in a primitive array, plus a
 * validity bitmap.
 *
 * <p>Design. Values live in typed arrays owned by the subclass (no boxing); nulls in a bitmap that
 * is only allocated once a null is written, so the common all-valid column costs nothing to check.
 * A value slot of a null row holds an unspecified value: readers must check {@link #isNullAt}
 * first. Vectors grow on demand ({@link #ensureCapacity}) and can be {@link #reset} and reused
 * across batches by the operator that owns them.
 *
 * <p>Threading: a vector is written by one thread and then published (through the batch it belongs
 * to) for reading; it is never written and read concurrently.
 *
 * <p>Row indexes are physical: a batch's selection vector says which physical rows are live, and
 * vectors know nothing of it.
 */
public abstract sealed class ColumnVector
    permits BooleanVector,
        IntVector,
        LongVector,
        FloatVector,
        DoubleVector,
        DecimalVector,
        BytesVector,
        StructVector,
        ArrayVector,
        MapVector,
        NullVector {

  protected final DataType type;
  protected int capacity;

  /** Bit i set means row i is null; null while no row is null. */
  private long[] nullBits;

  /** True only for VOID columns, whose every row is null whatever their capacity. */
  private final boolean allNull;

  protected ColumnVector(DataType type, int capacity) {
    this.type = type;
    this.capacity = capacity;
    this.allNull = type == io.tideline.types.DataTypes.NullType;
  }

  /** A new vector for {@code type} with room for {@code capacity} rows. */
  public static ColumnVector allocate(DataType type, int capacity) {
    if (type instanceof AtomicType a) {
      return switch (a.kind()) {
        case NULL -> new NullVector(capacity);
        case BOOLEAN -> new BooleanVector(type, capacity);
        case BYTE, SHORT, INT, DATE, YEAR_MONTH_INTERVAL -> new IntVector(type, capacity);
        case LONG, TIMESTAMP, DAY_TIME_INTERVAL -> new LongVector(type, capacity);
        case FLOAT -> new FloatVector(type, capacity);
        case DOUBLE -> new DoubleVector(type, capacity);
        case STRING, BINARY -> new BytesVector(type, capacity);
      };
    }
    if (type instanceof DecimalType d) {
      return new DecimalVector(d, capacity);
    }
    if (type instanceof StructType s) {
      return new StructVector(s, capacity);
    }
    if (type instanceof ArrayType a) {
      return new ArrayVector(a, capacity);
    }
    if (type instanceof MapType m) {
      return new MapVector(m, capacity);
    }
    throw new IllegalStateException("Bug in Tideline: no vector for type " + type);
  }

  public final DataType type() {
    return type;
  }

  public final int capacity() {
    return capacity;
  }

  public final boolean isNullAt(int row) {
    long[] bits = nullBits;
    return (bits != null && (bits[row >>> 6] & (1L << row)) != 0) || allNull;
  }

  /** False when no row has ever been set null since the last reset: a fast path for kernels. */
  public final boolean mayHaveNulls() {
    return nullBits != null || allNull;
  }

  public final void setNull(int row) {
    if (nullBits == null) {
      nullBits = new long[bitWords(capacity)];
    }
    nullBits[row >>> 6] |= 1L << row;
  }

  /** Marks a row valid; only needed when a reused vector had the row null before. */
  public final void setNotNull(int row) {
    if (nullBits != null) {
      nullBits[row >>> 6] &= ~(1L << row);
    }
  }

  public final void setNull(int row, boolean isNull) {
    if (isNull) {
      setNull(row);
    } else {
      setNotNull(row);
    }
  }

  /** Counts null rows among the first {@code numRows}. */
  public final int countNulls(int numRows) {
    if (nullBits == null) {
      return 0;
    }
    int n = 0;
    for (int i = 0; i < numRows; i++) {
      if (isNullAt(i)) {
        n++;
      }
    }
    return n;
  }

  /** Clears the nulls so the vector can be filled again; values are left to be overwritten. */
  public void reset() {
    nullBits = null;
  }

  /** Grows the vector, keeping its values and nulls, so that it holds at least {@code rows}. */
  public final void ensureCapacity(int rows) {
    if (rows <= capacity) {
      return;
    }
    int newCapacity = Math.max(rows, capacity + (capacity >> 1) + 16);
    growTo(newCapacity);
    if (nullBits != null) {
      nullBits = Arrays.copyOf(nullBits, bitWords(newCapacity));
    }
    capacity = newCapacity;
  }

  /** Resizes the subclass's arrays to {@code newCapacity}; called only to grow. */
  protected abstract void growTo(int newCapacity);

  /**
   * The value of {@code row} as a Java API value ({@code Long}, {@code String}, {@code Instant},
   * {@code Row}, ...), or null. Boxes: for the edges of the engine, never for kernels.
   */
  public abstract Object getObject(int row);

  /**
   * Writes a Java API value (as {@link #getObject} returns, or a compatible boxed number) into
   * {@code row}; null writes a null. For the edges of the engine.
   */
  public abstract void setObject(int row, Object value);

  /**
   * Copies the value (or null) of row {@code from} of {@code source}, a vector of the same type,
   * into row {@code to} of this one.
   */
  public abstract void copyFrom(ColumnVector source, int from, int to);

  /**
   * A new vector holding the rows {@code rows[0..count)} of this one, in that order. Used to
   * compact a batch with a selection and to gather rows for a join or exchange.
   */
  public ColumnVector gather(int[] rows, int count) {
    ColumnVector out = allocate(type, Math.max(count, 1));
    for (int i = 0; i < count; i++) {
      out.copyFrom(this, rows[i], i);
    }
    return out;
  }

  /** Approximate heap bytes held, for memory metrics. */
  public abstract long sizeInBytes();

  protected final long nullBytes() {
    return nullBits == null ? 0 : 8L * nullBits.length;
  }

  protected static int bitWords(int rows) {
    return (rows + 63) >>> 6;
  }
}
