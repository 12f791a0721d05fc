package io.tideline.internal.state;

import io.tideline.internal.vector.ColumnVector;
import io.tideline.types.StructType;

/**
 * The compact binary form of one row of a schema, as state stores keep keys and values: no Java
 * serialization, equal rows give equal bytes (so encoded keys compare and hash as the rows do).
 */
public final class RowCodec {
  private final StructType schema;

  public RowCodec(StructType schema) {
    this.schema = schema;
  }

  public StructType schema() {
    return schema;
  }

  /** Encodes physical row {@code row} of {@code columns}, one vector per field of the schema. */
  public byte[] encode(ColumnVector[] columns, int row) {
    throw new UnsupportedOperationException("TODO(state): row codec");
  }

  /**
   * Decodes {@code bytes} into row {@code row} of {@code columns} (vectors of the schema's types
   * with room for that row).
   */
  public void decode(byte[] bytes, ColumnVector[] columns, int row) {
    throw new UnsupportedOperationException("TODO(state): row codec");
  }
}
