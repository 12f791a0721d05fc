package io.tideline.internal.vector;

import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A column of STRING (UTF-8) or BINARY values: each row is a slice {@code [start, start+length)} of
 * a shared byte array.
 *
 * <p>Why start and length rather than Arrow's offsets: rows can be written in any order, and a
 * vector can share another's bytes without copying ({@code CAST(value AS STRING)} of a Kafka value,
 * a string field parsed out of a JSON line, a filter's gather). Writers append bytes with {@link
 * #append}; {@link #setRef} points a row at bytes already in {@link #data()}.
 */
public final class BytesVector extends ColumnVector {
  private byte[] data;
  private int dataSize;
  private int[] starts;
  private int[] lengths;

  /** True while {@link #data} may belong to another vector too: it must never be written. */
  private boolean sharedData;

  public BytesVector(DataType type, int capacity) {
    this(type, capacity, new byte[Math.max(16, capacity * 16)]);
  }

  private BytesVector(DataType type, int capacity, byte[] data) {
    super(type, capacity);
    this.data = data;
    this.starts = new int[capacity];
    this.lengths = new int[capacity];
  }

  /**
   * A vector whose rows will point into {@code sharedData} (which it does not copy) with {@link
   * #setRef}. Appending to it afterwards copies the shared bytes first.
   */
  public static BytesVector sharing(DataType type, int capacity, byte[] sharedData) {
    BytesVector v = new BytesVector(type, capacity, sharedData);
    v.dataSize = sharedData.length;
    v.sharedData = true;
    return v;
  }

  public boolean isString() {
    return type == DataTypes.StringType;
  }

  /**
   * The shared byte array; a row's bytes are {@code data()[start(row) .. start(row)+length(row))}.
   */
  public byte[] data() {
    return data;
  }

  public int start(int row) {
    return starts[row];
  }

  public int length(int row) {
    return lengths[row];
  }

  public int[] starts() {
    return starts;
  }

  public int[] lengths() {
    return lengths;
  }

  /**
   * Copies {@code len} bytes of {@code src} from {@code off} into the vector as row {@code row}.
   */
  public void append(int row, byte[] src, int off, int len) {
    int at = reserve(len);
    System.arraycopy(src, off, data, at, len);
    starts[row] = at;
    lengths[row] = len;
    setNotNull(row);
  }

  public void append(int row, byte[] bytes) {
    append(row, bytes, 0, bytes.length);
  }

  /** Encodes {@code s} as UTF-8 into row {@code row}. */
  public void appendString(int row, String s) {
    append(row, s.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reserves {@code len} bytes at the end of the data array and returns where they start; the
   * caller writes them into {@link #data()} and then calls {@link #setRef}. Lets encoders write
   * straight into the vector without a temporary array.
   */
  public int reserve(int len) {
    int at = dataSize;
    int need = at + len;
    if (need > data.length) {
      data = Arrays.copyOf(data, Math.max(need, data.length * 2));
      sharedData = false;
    }
    dataSize = need;
    return at;
  }

  /** Points row {@code row} at bytes already present in {@link #data()}. */
  public void setRef(int row, int start, int len) {
    starts[row] = start;
    lengths[row] = len;
    setNotNull(row);
  }

  /** Number of bytes used in {@link #data()}. */
  public int dataSize() {
    return dataSize;
  }

  public String getString(int row) {
    return new String(data, starts[row], lengths[row], StandardCharsets.UTF_8);
  }

  public byte[] getBytes(int row) {
    return Arrays.copyOfRange(data, starts[row], starts[row] + lengths[row]);
  }

  /** True when row {@code row} holds exactly {@code other[off, off+len)}. */
  public boolean equalsBytes(int row, byte[] other, int off, int len) {
    return lengths[row] == len
        && Arrays.equals(data, starts[row], starts[row] + len, other, off, off + len);
  }

  /** Unsigned lexicographic comparison of two rows, Spark's order for strings and binary. */
  public static int compare(BytesVector a, int rowA, BytesVector b, int rowB) {
    return Arrays.compareUnsigned(
        a.data,
        a.starts[rowA],
        a.starts[rowA] + a.lengths[rowA],
        b.data,
        b.starts[rowB],
        b.starts[rowB] + b.lengths[rowB]);
  }

  @Override
  public void reset() {
    super.reset();
    if (sharedData) {
      // Writing from position 0 would overwrite the bytes of the vector we share them with.
      data = new byte[Math.max(16, capacity * 16)];
      sharedData = false;
    }
    dataSize = 0;
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
    return isString() ? getString(row) : getBytes(row);
  }

  @Override
  public void setObject(int row, Object value) {
    if (value == null) {
      setNull(row);
    } else if (value instanceof byte[] b) {
      append(row, b);
    } else {
      appendString(row, value.toString());
    }
  }

  @Override
  public void copyFrom(ColumnVector source, int from, int to) {
    if (source.isNullAt(from)) {
      setNull(to);
    } else {
      BytesVector s = (BytesVector) source;
      append(to, s.data, s.starts[from], s.lengths[from]);
    }
  }

  /** Gathers without copying bytes: the result shares this vector's data array. */
  @Override
  public ColumnVector gather(int[] rows, int count) {
    BytesVector out = sharing(type, Math.max(count, 1), data);
    for (int i = 0; i < count; i++) {
      int r = rows[i];
      if (isNullAt(r)) {
        out.setNull(i);
      } else {
        out.starts[i] = starts[r];
        out.lengths[i] = lengths[r];
      }
    }
    return out;
  }

  @Override
  public long sizeInBytes() {
    return data.length + 8L * starts.length + nullBytes();
  }
}
