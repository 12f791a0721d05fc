package io.tideline.internal.datasource.parquet;

import io.tideline.internal.vector.BooleanVector;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.DecimalVector;
import io.tideline.internal.vector.DoubleVector;
import io.tideline.internal.vector.FloatVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.DecimalType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Moves the current value of a Parquet column reader into a vector slot, converting the physical
 * form to Tideline's: INT96 and millisecond timestamps to microseconds, unsigned integers up, and
 * decimals from any of their four encodings, widened to the requested type when it is wider.
 */
final class LeafValueReader {
  private enum Kind {
    BOOLEAN,
    INT_TO_INT,
    INT_TO_LONG,
    UINT_TO_LONG,
    INT_TO_DOUBLE,
    LONG,
    LONG_MILLIS,
    ULONG_TO_DECIMAL,
    INT96,
    FLOAT,
    FLOAT_TO_DOUBLE,
    DOUBLE,
    BYTES,
    DECIMAL_FROM_INT,
    DECIMAL_FROM_LONG,
    DECIMAL_FROM_BINARY
  }

  private static final long JULIAN_DAY_OF_EPOCH = 2_440_588L;
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private final Kind kind;
  private final int fileScale;
  private final DecimalType target;
  private final boolean sameDecimal;

  LeafValueReader(PrimitiveType p, DataType requested) {
    LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
    this.target = requested instanceof DecimalType d ? d : null;
    int scale = 0;
    if (a instanceof DecimalLogicalTypeAnnotation d) {
      scale = d.getScale();
    }
    this.fileScale = scale;
    this.sameDecimal = target != null && target.scale() == fileScale && target.fitsInLong();
    this.kind = kindOf(p, a, requested);
  }

  private static Kind kindOf(PrimitiveType p, LogicalTypeAnnotation a, DataType requested) {
    boolean decimal = a instanceof DecimalLogicalTypeAnnotation;
    switch (p.getPrimitiveTypeName()) {
      case BOOLEAN:
        return Kind.BOOLEAN;
      case INT32:
        if (decimal) {
          return Kind.DECIMAL_FROM_INT;
        }
        if (a instanceof IntLogicalTypeAnnotation i && !i.isSigned() && i.getBitWidth() == 32) {
          return Kind.UINT_TO_LONG;
        }
        if (requested == DataTypes.LongType) {
          return Kind.INT_TO_LONG;
        }
        if (requested == DataTypes.DoubleType) {
          return Kind.INT_TO_DOUBLE;
        }
        return Kind.INT_TO_INT;
      case INT64:
        if (decimal) {
          return Kind.DECIMAL_FROM_LONG;
        }
        if (a instanceof IntLogicalTypeAnnotation i && !i.isSigned()) {
          return Kind.ULONG_TO_DECIMAL;
        }
        if (a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts
            && ts.getUnit() == TimeUnit.MILLIS) {
          return Kind.LONG_MILLIS;
        }
        return Kind.LONG;
      case INT96:
        return Kind.INT96;
      case FLOAT:
        return requested == DataTypes.DoubleType ? Kind.FLOAT_TO_DOUBLE : Kind.FLOAT;
      case DOUBLE:
        return Kind.DOUBLE;
      default:
        return decimal ? Kind.DECIMAL_FROM_BINARY : Kind.BYTES;
    }
  }

  /**
   * Reads {@code rows} values of a flat column into rows {@code 0..rows-1}: the common types in
   * their own loops over the primitive arrays, the others value by value.
   */
  void readFlat(ColumnReader r, ColumnVector v, int rows, int maxDef) {
    switch (kind) {
      case INT_TO_INT -> {
        int[] out = ((IntVector) v).values();
        for (int row = 0; row < rows; row++) {
          if (r.getCurrentDefinitionLevel() == maxDef) {
            out[row] = r.getInteger();
          } else {
            v.setNull(row);
          }
          r.consume();
        }
      }
      case LONG -> {
        long[] out = ((LongVector) v).values();
        for (int row = 0; row < rows; row++) {
          if (r.getCurrentDefinitionLevel() == maxDef) {
            out[row] = r.getLong();
          } else {
            v.setNull(row);
          }
          r.consume();
        }
      }
      case DOUBLE -> {
        double[] out = ((DoubleVector) v).values();
        for (int row = 0; row < rows; row++) {
          if (r.getCurrentDefinitionLevel() == maxDef) {
            out[row] = r.getDouble();
          } else {
            v.setNull(row);
          }
          r.consume();
        }
      }
      default -> {
        for (int row = 0; row < rows; row++) {
          if (r.getCurrentDefinitionLevel() == maxDef) {
            read(r, v, row);
          } else {
            v.setNull(row);
          }
          r.consume();
        }
      }
    }
  }

  void read(ColumnReader r, ColumnVector v, int slot) {
    switch (kind) {
      case BOOLEAN -> ((BooleanVector) v).set(slot, r.getBoolean());
      case INT_TO_INT -> ((IntVector) v).set(slot, r.getInteger());
      case INT_TO_LONG -> ((LongVector) v).set(slot, r.getInteger());
      case UINT_TO_LONG -> ((LongVector) v).set(slot, Integer.toUnsignedLong(r.getInteger()));
      case INT_TO_DOUBLE -> ((DoubleVector) v).set(slot, r.getInteger());
      case LONG -> ((LongVector) v).set(slot, r.getLong());
      case LONG_MILLIS -> ((LongVector) v).set(slot, Math.multiplyExact(r.getLong(), 1000L));
      case INT96 -> ((LongVector) v).set(slot, int96ToMicros(r.getBinary()));
      case FLOAT -> ((FloatVector) v).set(slot, r.getFloat());
      case FLOAT_TO_DOUBLE -> ((DoubleVector) v).set(slot, r.getFloat());
      case DOUBLE -> ((DoubleVector) v).set(slot, r.getDouble());
      case BYTES -> {
        ByteBuffer b = r.getBinary().toByteBuffer();
        if (b.hasArray()) {
          ((BytesVector) v).append(slot, b.array(), b.arrayOffset() + b.position(), b.remaining());
        } else {
          byte[] copy = new byte[b.remaining()];
          b.get(copy);
          ((BytesVector) v).append(slot, copy);
        }
        return;
      }
      case DECIMAL_FROM_INT -> setUnscaled((DecimalVector) v, slot, r.getInteger());
      case DECIMAL_FROM_LONG -> setUnscaled((DecimalVector) v, slot, r.getLong());
      case ULONG_TO_DECIMAL ->
          ((DecimalVector) v)
              .setDecimal(slot, new BigDecimal(new BigInteger(Long.toUnsignedString(r.getLong()))));
      case DECIMAL_FROM_BINARY -> {
        BigInteger unscaled = new BigInteger(r.getBinary().getBytes());
        if (sameDecimal && unscaled.bitLength() < 64) {
          ((DecimalVector) v).setUnscaled(slot, unscaled.longValue());
        } else {
          ((DecimalVector) v).setDecimal(slot, new BigDecimal(unscaled, fileScale));
        }
        return;
      }
      default -> throw new IllegalStateException("Bug in Tideline: unknown Parquet kind " + kind);
    }
    v.setNotNull(slot);
  }

  private void setUnscaled(DecimalVector v, int slot, long unscaled) {
    if (sameDecimal) {
      v.setUnscaled(slot, unscaled);
    } else {
      v.setDecimal(slot, BigDecimal.valueOf(unscaled, fileScale));
    }
  }

  /** INT96: 8 bytes of nanoseconds in the day, then 4 bytes of Julian day, little-endian. */
  static long int96ToMicros(Binary b) {
    ByteBuffer buf = b.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    long nanosOfDay = buf.getLong(buf.position());
    long julianDay = buf.getInt(buf.position() + 8) & 0xFFFFFFFFL;
    return (julianDay - JULIAN_DAY_OF_EPOCH) * MICROS_PER_DAY + nanosOfDay / 1000;
  }
}
