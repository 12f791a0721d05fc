package io.tideline.internal.datasource.parquet;

import io.tideline.internal.vector.BooleanVector;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.DecimalVector;
import io.tideline.internal.vector.DoubleVector;
import io.tideline.internal.vector.FloatVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.types.AtomicType;
import io.tideline.types.DataType;
import io.tideline.types.DecimalType;
import io.tideline.types.StructField;
import java.math.BigInteger;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;

/**
 * The writer of one top-level primitive column: hands a slice of a vector's live rows to
 * parquet-mr's {@link ColumnWriter} as (value, repetition level 0, definition level) triples, the
 * shredding that parquet-mr's record consumer would otherwise do one field call at a time.
 *
 * <p>Values go from the vector's primitive arrays without boxing. Strings and binary are handed
 * over as {@link Binary#fromReusedByteArray reused} slices of the vector's byte array: parquet-mr
 * copies a reused value wherever it keeps one (dictionary keys, min/max statistics), and the plain
 * encoder copies the bytes into its page at once, so nothing holds on to the vector after {@link
 * #write} returns. A constant slice would be kept by the dictionary as it is, pinning (and, once
 * the vector is reused, corrupting) the batch's bytes.
 *
 * <p>Physical layout as {@link ParquetSchemas#toParquet}: BYTE, SHORT, INT and DATE as INT32; LONG
 * and TIMESTAMP (microseconds) as INT64; DECIMAL as INT32 up to precision 9, INT64 up to 18, else a
 * big-endian two's complement FIXED_LEN_BYTE_ARRAY of the precision's minimum width.
 */
final class LeafShredder {
  /** The physical form a column's values take. */
  private enum Physical {
    BOOLEAN,
    INT32,
    INT64,
    FLOAT,
    DOUBLE,
    BINARY,
    DECIMAL_INT32,
    DECIMAL_INT64,
    DECIMAL_FIXED
  }

  private final String column;
  private final Physical physical;
  private final boolean nullable;
  private final int definedLevel;
  private final int scale;

  /** Reused for DECIMAL_FIXED: parquet-mr copies a reused value wherever it keeps it. */
  private final byte[] fixed;

  private LeafShredder(String column, Physical physical, boolean nullable, int scale, int width) {
    this.column = column;
    this.physical = physical;
    this.nullable = nullable;
    this.definedLevel = nullable ? 1 : 0;
    this.scale = scale;
    this.fixed = physical == Physical.DECIMAL_FIXED ? new byte[width] : null;
  }

  /** The shredder of a top-level field, or null when its type is not a primitive one. */
  static LeafShredder of(StructField field) {
    Physical p = physical(field.dataType());
    if (p == null) {
      return null;
    }
    DataType t = field.dataType();
    int scale = t instanceof DecimalType d ? d.scale() : 0;
    int width = t instanceof DecimalType d ? ParquetSchemas.minBytesForPrecision(d.precision()) : 0;
    return new LeafShredder(field.name(), p, field.nullable(), scale, width);
  }

  private static Physical physical(DataType t) {
    if (t instanceof DecimalType d) {
      if (d.precision() <= 9) {
        return Physical.DECIMAL_INT32;
      }
      return d.precision() <= 18 ? Physical.DECIMAL_INT64 : Physical.DECIMAL_FIXED;
    }
    if (!(t instanceof AtomicType a)) {
      return null;
    }
    return switch (a.kind()) {
      case BOOLEAN -> Physical.BOOLEAN;
      case BYTE, SHORT, INT, DATE -> Physical.INT32;
      case LONG, TIMESTAMP -> Physical.INT64;
      case FLOAT -> Physical.FLOAT;
      case DOUBLE -> Physical.DOUBLE;
      case STRING, BINARY -> Physical.BINARY;
      default -> null;
    };
  }

  /**
   * Writes the live rows {@code [from, to)} of {@code v}: physical row {@code selection[k]}, or
   * {@code k} when {@code selection} is null.
   */
  void write(ColumnVector v, int[] selection, int from, int to, ColumnWriter w) {
    boolean nulls = v.mayHaveNulls();
    if (nulls && !nullable) {
      checkNoNulls(v, selection, from, to);
      nulls = false;
    }
    switch (physical) {
      case BOOLEAN -> writeBooleans(((BooleanVector) v).values(), v, nulls, selection, from, to, w);
      case INT32 -> writeInts(((IntVector) v).values(), v, nulls, selection, from, to, w);
      case INT64 -> writeLongs(((LongVector) v).values(), v, nulls, selection, from, to, w);
      case FLOAT -> writeFloats(((FloatVector) v).values(), v, nulls, selection, from, to, w);
      case DOUBLE -> writeDoubles(((DoubleVector) v).values(), v, nulls, selection, from, to, w);
      case BINARY -> writeBytes((BytesVector) v, nulls, selection, from, to, w);
      case DECIMAL_INT32, DECIMAL_INT64 ->
          writeCompactDecimals((DecimalVector) v, nulls, selection, from, to, w);
      case DECIMAL_FIXED -> writeFixedDecimals((DecimalVector) v, nulls, selection, from, to, w);
    }
  }

  private void writeBooleans(
      boolean[] values,
      ColumnVector v,
      boolean nulls,
      int[] sel,
      int from,
      int to,
      ColumnWriter w) {
    int def = definedLevel;
    for (int k = from; k < to; k++) {
      int row = sel == null ? k : sel[k];
      if (nulls && v.isNullAt(row)) {
        w.writeNull(0, 0);
      } else {
        w.write(values[row], 0, def);
      }
    }
  }

  private void writeInts(
      int[] values, ColumnVector v, boolean nulls, int[] sel, int from, int to, ColumnWriter w) {
    int def = definedLevel;
    for (int k = from; k < to; k++) {
      int row = sel == null ? k : sel[k];
      if (nulls && v.isNullAt(row)) {
        w.writeNull(0, 0);
      } else {
        w.write(values[row], 0, def);
      }
    }
  }

  private void writeLongs(
      long[] values, ColumnVector v, boolean nulls, int[] sel, int from, int to, ColumnWriter w) {
    int def = definedLevel;
    for (int k = from; k < to; k++) {
      int row = sel == null ? k : sel[k];
      if (nulls && v.isNullAt(row)) {
        w.writeNull(0, 0);
      } else {
        w.write(values[row], 0, def);
      }
    }
  }

  private void writeFloats(
      float[] values, ColumnVector v, boolean nulls, int[] sel, int from, int to, ColumnWriter w) {
    int def = definedLevel;
    for (int k = from; k < to; k++) {
      int row = sel == null ? k : sel[k];
      if (nulls && v.isNullAt(row)) {
        w.writeNull(0, 0);
      } else {
        w.write(values[row], 0, def);
      }
    }
  }

  private void writeDoubles(
      double[] values, ColumnVector v, boolean nulls, int[] sel, int from, int to, ColumnWriter w) {
    int def = definedLevel;
    for (int k = from; k < to; k++) {
      int row = sel == null ? k : sel[k];
      if (nulls && v.isNullAt(row)) {
        w.writeNull(0, 0);
      } else {
        w.write(values[row], 0, def);
      }
    }
  }

  private void writeBytes(
      BytesVector v, boolean nulls, int[] sel, int from, int to, ColumnWriter w) {
    byte[] data = v.data();
    int[] starts = v.starts();
    int[] lengths = v.lengths();
    int def = definedLevel;
    for (int k = from; k < to; k++) {
      int row = sel == null ? k : sel[k];
      if (nulls && v.isNullAt(row)) {
        w.writeNull(0, 0);
      } else {
        w.write(Binary.fromReusedByteArray(data, starts[row], lengths[row]), 0, def);
      }
    }
  }

  private void writeCompactDecimals(
      DecimalVector v, boolean nulls, int[] sel, int from, int to, ColumnWriter w) {
    boolean int32 = physical == Physical.DECIMAL_INT32;
    int def = definedLevel;
    for (int k = from; k < to; k++) {
      int row = sel == null ? k : sel[k];
      if (nulls && v.isNullAt(row)) {
        w.writeNull(0, 0);
      } else if (int32) {
        w.write((int) v.getUnscaled(row), 0, def);
      } else {
        w.write(v.getUnscaled(row), 0, def);
      }
    }
  }

  private void writeFixedDecimals(
      DecimalVector v, boolean nulls, int[] sel, int from, int to, ColumnWriter w) {
    int def = definedLevel;
    for (int k = from; k < to; k++) {
      int row = sel == null ? k : sel[k];
      if (nulls && v.isNullAt(row)) {
        w.writeNull(0, 0);
      } else {
        BigInteger unscaled = v.getDecimal(row).setScale(scale).unscaledValue();
        w.write(Binary.fromReusedByteArray(signExtended(unscaled)), 0, def);
      }
    }
  }

  /** The big-endian two's complement of {@code unscaled}, sign-extended to the column's width. */
  private byte[] signExtended(BigInteger unscaled) {
    byte[] minimal = unscaled.toByteArray();
    int offset = fixed.length - minimal.length;
    byte pad = (byte) (unscaled.signum() < 0 ? 0xFF : 0);
    for (int i = 0; i < offset; i++) {
      fixed[i] = pad;
    }
    System.arraycopy(minimal, 0, fixed, offset, minimal.length);
    return fixed;
  }

  private void checkNoNulls(ColumnVector v, int[] sel, int from, int to) {
    for (int k = from; k < to; k++) {
      int row = sel == null ? k : sel[k];
      if (v.isNullAt(row)) {
        // A REQUIRED Parquet column has no definition levels: a null cannot even be encoded.
        throw new IllegalStateException(
            "Bug in Tideline: the column "
                + column
                + " is declared NOT NULL but holds a null in the batch being written to Parquet.");
      }
    }
  }
}
