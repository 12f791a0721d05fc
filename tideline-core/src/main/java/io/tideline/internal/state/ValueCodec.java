package io.tideline.internal.state;

import io.tideline.internal.vector.ArrayVector;
import io.tideline.internal.vector.BooleanVector;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.DecimalVector;
import io.tideline.internal.vector.DoubleVector;
import io.tideline.internal.vector.FloatVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.internal.vector.MapVector;
import io.tideline.internal.vector.StructVector;
import io.tideline.types.ArrayType;
import io.tideline.types.AtomicType;
import io.tideline.types.DataType;
import io.tideline.types.DecimalType;
import io.tideline.types.MapType;
import io.tideline.types.StructType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;

/**
 * How one value of one data type is written into and read from {@link RowCodec}'s bytes.
 * Fixed-width types live in their parent's fixed section ({@link #fixedWidth} bytes);
 * variable-width types put a 4-byte end offset there and their bytes in the parent's variable
 * section.
 *
 * <p>Float and double values are normalised as Spark's {@code NormalizeFloatingNumbers} does for
 * grouping keys: every NaN becomes the canonical NaN and, when {@code normalizeZero}, -0.0 becomes
 * 0.0, so equal values always give equal bytes.
 */
abstract sealed class ValueCodec {

  static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  static final VarHandle INT_BE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  static final VarHandle SHORT =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

  /** Bytes the value takes in its parent's fixed section. */
  final int fixedWidth;

  ValueCodec(int fixedWidth) {
    this.fixedWidth = fixedWidth;
  }

  /** True when the value's bytes live in the variable section. */
  boolean variable() {
    return false;
  }

  /** Writes the non-null value of {@code row} into the fixed slot at {@code pos}. */
  void writeFixed(ColumnVector v, int row, byte[] buf, int pos) {
    throw new IllegalStateException(
        "Bug in Tideline: " + getClass().getSimpleName() + " is not fixed");
  }

  /** Reads the fixed slot at {@code pos} into row {@code row}, marking it valid. */
  void readFixed(byte[] buf, int pos, ColumnVector v, int row) {
    throw new IllegalStateException(
        "Bug in Tideline: " + getClass().getSimpleName() + " is not fixed");
  }

  /** The variable-section size of the non-null value of {@code row}. */
  int varSize(ColumnVector v, int row) {
    throw new IllegalStateException("Bug in Tideline: " + getClass().getSimpleName() + " is fixed");
  }

  /** Writes the non-null value of {@code row} at {@code pos}; returns the position after it. */
  int writeVar(ColumnVector v, int row, byte[] buf, int pos) {
    throw new IllegalStateException("Bug in Tideline: " + getClass().getSimpleName() + " is fixed");
  }

  /** Reads the {@code len} bytes at {@code pos} into row {@code row}, marking it valid. */
  void readVar(byte[] buf, int pos, int len, ColumnVector v, int row) {
    throw new IllegalStateException("Bug in Tideline: " + getClass().getSimpleName() + " is fixed");
  }

  /** Marks row {@code row} null. */
  void setNull(ColumnVector v, int row) {
    v.setNull(row);
  }

  static ValueCodec forType(DataType type, boolean normalizeZero) {
    if (type instanceof AtomicType a) {
      return switch (a.kind()) {
        case NULL -> new NullCodec();
        case BOOLEAN -> new BooleanCodec();
        case BYTE -> new ByteCodec();
        case SHORT -> new ShortCodec();
        case INT, DATE, YEAR_MONTH_INTERVAL -> new IntCodec();
        case LONG, TIMESTAMP, DAY_TIME_INTERVAL -> new LongCodec();
        case FLOAT -> new FloatCodec(normalizeZero);
        case DOUBLE -> new DoubleCodec(normalizeZero);
        case STRING, BINARY -> new BytesCodec();
      };
    }
    if (type instanceof DecimalType d) {
      return d.fitsInLong() ? new CompactDecimalCodec() : new BigDecimalCodec(d);
    }
    if (type instanceof StructType s) {
      return new StructCodec(new StructLayout(s, normalizeZero));
    }
    if (type instanceof ArrayType a) {
      return new ArrayCodec(new SequenceLayout(forType(a.elementType(), normalizeZero)));
    }
    if (type instanceof MapType m) {
      return new MapCodec(
          new SequenceLayout(forType(m.keyType(), normalizeZero)),
          new SequenceLayout(forType(m.valueType(), normalizeZero)));
    }
    throw new IllegalStateException("Bug in Tideline: no row codec for type " + type);
  }

  /** VOID: always null, no bytes. */
  static final class NullCodec extends ValueCodec {
    NullCodec() {
      super(0);
    }

    @Override
    void writeFixed(ColumnVector v, int row, byte[] buf, int pos) {}

    @Override
    void readFixed(byte[] buf, int pos, ColumnVector v, int row) {}
  }

  static final class BooleanCodec extends ValueCodec {
    BooleanCodec() {
      super(1);
    }

    @Override
    void writeFixed(ColumnVector v, int row, byte[] buf, int pos) {
      buf[pos] = ((BooleanVector) v).get(row) ? (byte) 1 : 0;
    }

    @Override
    void readFixed(byte[] buf, int pos, ColumnVector v, int row) {
      ((BooleanVector) v).set(row, buf[pos] != 0);
      v.setNotNull(row);
    }
  }

  static final class ByteCodec extends ValueCodec {
    ByteCodec() {
      super(1);
    }

    @Override
    void writeFixed(ColumnVector v, int row, byte[] buf, int pos) {
      buf[pos] = (byte) ((IntVector) v).get(row);
    }

    @Override
    void readFixed(byte[] buf, int pos, ColumnVector v, int row) {
      ((IntVector) v).set(row, buf[pos]);
      v.setNotNull(row);
    }
  }

  static final class ShortCodec extends ValueCodec {
    ShortCodec() {
      super(2);
    }

    @Override
    void writeFixed(ColumnVector v, int row, byte[] buf, int pos) {
      SHORT.set(buf, pos, (short) ((IntVector) v).get(row));
    }

    @Override
    void readFixed(byte[] buf, int pos, ColumnVector v, int row) {
      ((IntVector) v).set(row, (short) SHORT.get(buf, pos));
      v.setNotNull(row);
    }
  }

  static final class IntCodec extends ValueCodec {
    IntCodec() {
      super(4);
    }

    @Override
    void writeFixed(ColumnVector v, int row, byte[] buf, int pos) {
      INT.set(buf, pos, ((IntVector) v).get(row));
    }

    @Override
    void readFixed(byte[] buf, int pos, ColumnVector v, int row) {
      ((IntVector) v).set(row, (int) INT.get(buf, pos));
      v.setNotNull(row);
    }
  }

  static final class LongCodec extends ValueCodec {
    LongCodec() {
      super(8);
    }

    @Override
    void writeFixed(ColumnVector v, int row, byte[] buf, int pos) {
      LONG.set(buf, pos, ((LongVector) v).get(row));
    }

    @Override
    void readFixed(byte[] buf, int pos, ColumnVector v, int row) {
      ((LongVector) v).set(row, (long) LONG.get(buf, pos));
      v.setNotNull(row);
    }
  }

  static final class FloatCodec extends ValueCodec {
    private final boolean normalizeZero;

    FloatCodec(boolean normalizeZero) {
      super(4);
      this.normalizeZero = normalizeZero;
    }

    @Override
    void writeFixed(ColumnVector v, int row, byte[] buf, int pos) {
      float f = ((FloatVector) v).get(row);
      if (normalizeZero && f == 0.0f) {
        f = 0.0f;
      }
      // floatToIntBits maps every NaN to the canonical one.
      INT.set(buf, pos, Float.floatToIntBits(f));
    }

    @Override
    void readFixed(byte[] buf, int pos, ColumnVector v, int row) {
      ((FloatVector) v).set(row, Float.intBitsToFloat((int) INT.get(buf, pos)));
      v.setNotNull(row);
    }
  }

  static final class DoubleCodec extends ValueCodec {
    private final boolean normalizeZero;

    DoubleCodec(boolean normalizeZero) {
      super(8);
      this.normalizeZero = normalizeZero;
    }

    @Override
    void writeFixed(ColumnVector v, int row, byte[] buf, int pos) {
      double d = ((DoubleVector) v).get(row);
      if (normalizeZero && d == 0.0d) {
        d = 0.0d;
      }
      LONG.set(buf, pos, Double.doubleToLongBits(d));
    }

    @Override
    void readFixed(byte[] buf, int pos, ColumnVector v, int row) {
      ((DoubleVector) v).set(row, Double.longBitsToDouble((long) LONG.get(buf, pos)));
      v.setNotNull(row);
    }
  }

  static final class CompactDecimalCodec extends ValueCodec {
    CompactDecimalCodec() {
      super(8);
    }

    @Override
    void writeFixed(ColumnVector v, int row, byte[] buf, int pos) {
      LONG.set(buf, pos, ((DecimalVector) v).getUnscaled(row));
    }

    @Override
    void readFixed(byte[] buf, int pos, ColumnVector v, int row) {
      ((DecimalVector) v).setUnscaled(row, (long) LONG.get(buf, pos));
    }
  }

  /** STRING and BINARY: the raw bytes. */
  static final class BytesCodec extends ValueCodec {
    BytesCodec() {
      super(4);
    }

    @Override
    boolean variable() {
      return true;
    }

    @Override
    int varSize(ColumnVector v, int row) {
      return ((BytesVector) v).length(row);
    }

    @Override
    int writeVar(ColumnVector v, int row, byte[] buf, int pos) {
      BytesVector b = (BytesVector) v;
      int len = b.length(row);
      System.arraycopy(b.data(), b.start(row), buf, pos, len);
      return pos + len;
    }

    @Override
    void readVar(byte[] buf, int pos, int len, ColumnVector v, int row) {
      ((BytesVector) v).append(row, buf, pos, len);
    }
  }

  /** DECIMAL above precision 18: the two's-complement bytes of the unscaled value. */
  static final class BigDecimalCodec extends ValueCodec {
    private final int scale;

    BigDecimalCodec(DecimalType type) {
      super(4);
      this.scale = type.scale();
    }

    @Override
    boolean variable() {
      return true;
    }

    private BigInteger unscaled(ColumnVector v, int row) {
      BigDecimal d = ((DecimalVector) v).getDecimal(row);
      // The vector keeps the column's scale; rescaling guards equal values stored differently.
      return (d.scale() == scale ? d : d.setScale(scale)).unscaledValue();
    }

    @Override
    int varSize(ColumnVector v, int row) {
      return unscaled(v, row).bitLength() / 8 + 1;
    }

    @Override
    int writeVar(ColumnVector v, int row, byte[] buf, int pos) {
      byte[] bytes = unscaled(v, row).toByteArray();
      System.arraycopy(bytes, 0, buf, pos, bytes.length);
      return pos + bytes.length;
    }

    @Override
    void readVar(byte[] buf, int pos, int len, ColumnVector v, int row) {
      ((DecimalVector) v).setDecimal(row, new BigDecimal(new BigInteger(buf, pos, len), scale));
    }
  }

  static final class StructCodec extends ValueCodec {
    private final StructLayout layout;

    StructCodec(StructLayout layout) {
      super(4);
      this.layout = layout;
    }

    @Override
    boolean variable() {
      return true;
    }

    @Override
    int varSize(ColumnVector v, int row) {
      return layout.size(((StructVector) v).children(), row);
    }

    @Override
    int writeVar(ColumnVector v, int row, byte[] buf, int pos) {
      return layout.write(((StructVector) v).children(), row, buf, pos);
    }

    @Override
    void readVar(byte[] buf, int pos, int len, ColumnVector v, int row) {
      layout.read(buf, pos, ((StructVector) v).children(), row);
      v.setNotNull(row);
    }

    /** Nulls the fields too, as {@link StructVector#setObject} does for a null struct. */
    @Override
    void setNull(ColumnVector v, int row) {
      v.setNull(row);
      layout.setNull(((StructVector) v).children(), row);
    }
  }

  static final class ArrayCodec extends ValueCodec {
    private final SequenceLayout elements;

    ArrayCodec(SequenceLayout elements) {
      super(4);
      this.elements = elements;
    }

    @Override
    boolean variable() {
      return true;
    }

    @Override
    int varSize(ColumnVector v, int row) {
      ArrayVector a = (ArrayVector) v;
      return elements.size(a.elements(), a.start(row), a.length(row));
    }

    @Override
    int writeVar(ColumnVector v, int row, byte[] buf, int pos) {
      ArrayVector a = (ArrayVector) v;
      return elements.write(a.elements(), a.start(row), a.length(row), buf, pos);
    }

    @Override
    void readVar(byte[] buf, int pos, int len, ColumnVector v, int row) {
      ArrayVector a = (ArrayVector) v;
      int n = SequenceLayout.count(buf, pos);
      int at = a.reserveElements(n);
      elements.read(buf, pos, a.elements(), at);
      a.setSlice(row, at, n);
    }
  }

  /** MAP: its keys as one sequence, then its values as another, in entry order. */
  static final class MapCodec extends ValueCodec {
    private final SequenceLayout keys;
    private final SequenceLayout values;

    MapCodec(SequenceLayout keys, SequenceLayout values) {
      super(4);
      this.keys = keys;
      this.values = values;
    }

    @Override
    boolean variable() {
      return true;
    }

    @Override
    int varSize(ColumnVector v, int row) {
      MapVector m = (MapVector) v;
      return keys.size(m.keys(), m.start(row), m.length(row))
          + values.size(m.values(), m.start(row), m.length(row));
    }

    @Override
    int writeVar(ColumnVector v, int row, byte[] buf, int pos) {
      MapVector m = (MapVector) v;
      int p = keys.write(m.keys(), m.start(row), m.length(row), buf, pos);
      return values.write(m.values(), m.start(row), m.length(row), buf, p);
    }

    @Override
    void readVar(byte[] buf, int pos, int len, ColumnVector v, int row) {
      MapVector m = (MapVector) v;
      int n = SequenceLayout.count(buf, pos);
      int at = m.reserveEntries(n);
      int p = keys.read(buf, pos, m.keys(), at);
      values.read(buf, p, m.values(), at);
      m.setSlice(row, at, n);
    }
  }
}
