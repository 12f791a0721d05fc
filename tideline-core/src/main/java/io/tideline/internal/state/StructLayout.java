package io.tideline.internal.state;

import io.tideline.internal.vector.ColumnVector;
import io.tideline.types.StructType;

/**
 * The byte layout of one struct value (a whole state row, or a nested struct): a null bitmap of
 * {@code ceil(fields / 8)} bytes, then the fixed section with one slot per field (the value of a
 * fixed-width field, or the end offset of a variable-width field's bytes relative to the start of
 * the variable section), then the variable section holding the variable-width fields' bytes in
 * field order. A null field has its bit set, a zero fixed slot, and no variable bytes, so equal
 * rows always give equal bytes.
 */
final class StructLayout {
  private final ValueCodec[] fields;
  private final int[] fixedOffsets;
  private final int fixedEnd;
  private final boolean hasVariable;

  StructLayout(StructType schema, boolean normalizeZero) {
    int n = schema.size();
    fields = new ValueCodec[n];
    fixedOffsets = new int[n];
    int offset = (n + 7) >>> 3;
    boolean anyVariable = false;
    for (int i = 0; i < n; i++) {
      fields[i] = ValueCodec.forType(schema.field(i).dataType(), normalizeZero);
      fixedOffsets[i] = offset;
      offset += fields[i].fixedWidth;
      anyVariable |= fields[i].variable();
    }
    fixedEnd = offset;
    hasVariable = anyVariable;
  }

  int fieldCount() {
    return fields.length;
  }

  ValueCodec field(int i) {
    return fields[i];
  }

  int fixedOffset(int i) {
    return fixedOffsets[i];
  }

  /** The encoded size of row {@code row} of {@code columns}. */
  int size(ColumnVector[] columns, int row) {
    int size = fixedEnd;
    if (hasVariable) {
      for (int i = 0; i < fields.length; i++) {
        ValueCodec f = fields[i];
        if (f.variable() && !columns[i].isNullAt(row)) {
          size += f.varSize(columns[i], row);
        }
      }
    }
    return size;
  }

  /** Writes row {@code row} at {@code base} of a zeroed buffer; returns the position after it. */
  int write(ColumnVector[] columns, int row, byte[] buf, int base) {
    int varStart = base + fixedEnd;
    int varPos = varStart;
    for (int i = 0; i < fields.length; i++) {
      ValueCodec f = fields[i];
      ColumnVector c = columns[i];
      if (c.isNullAt(row)) {
        buf[base + (i >>> 3)] |= (byte) (1 << (i & 7));
        if (f.variable()) {
          ValueCodec.INT.set(buf, base + fixedOffsets[i], varPos - varStart);
        }
      } else if (f.variable()) {
        varPos = f.writeVar(c, row, buf, varPos);
        ValueCodec.INT.set(buf, base + fixedOffsets[i], varPos - varStart);
      } else {
        f.writeFixed(c, row, buf, base + fixedOffsets[i]);
      }
    }
    return varPos;
  }

  /** Reads the struct encoded at {@code base} into row {@code row} of {@code columns}. */
  void read(byte[] buf, int base, ColumnVector[] columns, int row) {
    int varStart = base + fixedEnd;
    int prevEnd = 0;
    for (int i = 0; i < fields.length; i++) {
      ValueCodec f = fields[i];
      ColumnVector c = columns[i];
      if ((buf[base + (i >>> 3)] & (1 << (i & 7))) != 0) {
        f.setNull(c, row);
      } else if (f.variable()) {
        int end = (int) ValueCodec.INT.get(buf, base + fixedOffsets[i]);
        f.readVar(buf, varStart + prevEnd, end - prevEnd, c, row);
        prevEnd = end;
      } else {
        f.readFixed(buf, base + fixedOffsets[i], c, row);
      }
    }
  }

  /** Marks row {@code row} of every field null, for a null struct. */
  void setNull(ColumnVector[] columns, int row) {
    for (int i = 0; i < fields.length; i++) {
      fields[i].setNull(columns[i], row);
    }
  }

  static boolean isNull(byte[] buf, int base, int field) {
    return (buf[base + (field >>> 3)] & (1 << (field & 7))) != 0;
  }
}
