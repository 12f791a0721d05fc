package io.tideline.internal.state;

import io.tideline.internal.vector.ColumnVector;
import io.tideline.types.StructType;

/**
 * The compact binary form of one row of a schema, as state stores keep keys and values: no Java
 * serialization, equal rows give equal bytes (so encoded keys compare and hash as the rows do).
 *
 * <p>Format (all integers little-endian), like Spark's UnsafeRow but without its 8-byte word per
 * field: a null bitmap of {@code ceil(fields / 8)} bytes; a fixed section with one slot per field
 * (BOOLEAN and TINYINT 1 byte, SMALLINT 2, INT, DATE, FLOAT and year-month intervals 4, BIGINT,
 * TIMESTAMP, DOUBLE, day-time intervals and DECIMAL up to precision 18 8, VOID 0; every other type
 * a 4-byte end offset into the variable section); then the variable section: STRING and BINARY as
 * raw bytes, wider DECIMALs as the unscaled value's two's-complement bytes, STRUCT as a nested row
 * of this same format, ARRAY as a sequence (count, element null bitmap, element slots, element
 * variable bytes), MAP as its keys' sequence followed by its values' sequence. The format carries
 * no schema: the reader must use the writer's schema, which the checkpoint pins.
 *
 * <p>Floating-point normalisation follows Spark's {@code NormalizeFloatingNumbers} for grouping and
 * join keys: every NaN is written as the canonical NaN and -0.0 as 0.0, so rows Spark groups
 * together encode identically. {@link #forValues} keeps -0.0 for values, which are returned to the
 * user rather than compared. Encoding allocates only the returned array; decoding allocates only
 * what the target vectors need to grow. Thread-safe and stateless: share one per operator.
 */
public final class RowCodec {
  private final StructType schema;
  private final StructLayout layout;

  /** A codec for keys: floating-point values are normalised (NaN canonical, -0.0 as 0.0). */
  public RowCodec(StructType schema) {
    this(schema, true);
  }

  private RowCodec(StructType schema, boolean normalizeZero) {
    this.schema = schema;
    this.layout = new StructLayout(schema, normalizeZero);
  }

  /** A codec for state values: NaN is canonical, -0.0 stays -0.0. */
  public static RowCodec forValues(StructType schema) {
    return new RowCodec(schema, false);
  }

  public StructType schema() {
    return schema;
  }

  /** Encodes physical row {@code row} of {@code columns}, one vector per field of the schema. */
  public byte[] encode(ColumnVector[] columns, int row) {
    byte[] out = new byte[layout.size(columns, row)];
    layout.write(columns, row, out, 0);
    return out;
  }

  /**
   * Decodes {@code bytes} into row {@code row} of {@code columns} (vectors of the schema's types
   * with room for that row).
   */
  public void decode(byte[] bytes, ColumnVector[] columns, int row) {
    layout.read(bytes, 0, columns, row);
  }

  /** Whether top-level field {@code field} of an encoded row is null, without decoding it. */
  public boolean isNullAt(byte[] bytes, int field) {
    return StructLayout.isNull(bytes, 0, field);
  }

  /**
   * Top-level field {@code field} (BIGINT, TIMESTAMP, day-time interval, or DECIMAL up to precision
   * 18 as its unscaled value) of an encoded row, without decoding the row: lets an operator compare
   * an event time in a key against the watermark. Unspecified for a null field.
   */
  public long getLong(byte[] bytes, int field) {
    checkWidth(field, 8);
    return (long) ValueCodec.LONG.get(bytes, layout.fixedOffset(field));
  }

  /** Top-level INT, DATE or year-month interval field {@code field} of an encoded row. */
  public int getInt(byte[] bytes, int field) {
    checkWidth(field, 4);
    return (int) ValueCodec.INT.get(bytes, layout.fixedOffset(field));
  }

  /** Top-level BOOLEAN field {@code field} of an encoded row, without decoding it. */
  public boolean getBoolean(byte[] bytes, int field) {
    checkWidth(field, 1);
    return bytes[layout.fixedOffset(field)] != 0;
  }

  /**
   * A copy of an encoded row with its non-null top-level BOOLEAN field {@code field} set to {@code
   * value}: lets an operator flip a flag in a stored value without decoding the row.
   */
  public byte[] withBoolean(byte[] bytes, int field, boolean value) {
    checkWidth(field, 1);
    byte[] out = bytes.clone();
    out[layout.fixedOffset(field)] = value ? (byte) 1 : 0;
    return out;
  }

  private void checkWidth(int field, int width) {
    ValueCodec f = layout.field(field);
    if (f.variable() || f.fixedWidth != width) {
      throw new IllegalArgumentException(
          "Bug in Tideline: field "
              + schema.field(field).name()
              + " of type "
              + schema.field(field).dataType().sql()
              + " is not a "
              + width
              + "-byte fixed-width field");
    }
  }
}
