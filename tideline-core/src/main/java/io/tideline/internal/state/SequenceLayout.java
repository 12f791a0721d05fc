package io.tideline.internal.state;

import io.tideline.internal.vector.ColumnVector;

/**
 * The byte layout of a run of values of one type (an array's elements, a map's keys or values): the
 * count as 4 bytes, a null bitmap of {@code ceil(count / 8)} bytes, {@code count} fixed slots
 * (values, or end offsets into the variable section for variable-width elements), then the variable
 * section. The layout is self-delimiting: its length follows from the count and the last end
 * offset.
 */
final class SequenceLayout {
  private final ValueCodec element;

  SequenceLayout(ValueCodec element) {
    this.element = element;
  }

  static int count(byte[] buf, int pos) {
    return (int) ValueCodec.INT.get(buf, pos);
  }

  private int fixedEnd(int n) {
    return 4 + ((n + 7) >>> 3) + n * element.fixedWidth;
  }

  /** The encoded size of elements {@code [start, start + n)} of {@code values}. */
  int size(ColumnVector values, int start, int n) {
    int size = fixedEnd(n);
    if (element.variable()) {
      for (int k = 0; k < n; k++) {
        if (!values.isNullAt(start + k)) {
          size += element.varSize(values, start + k);
        }
      }
    }
    return size;
  }

  int write(ColumnVector values, int start, int n, byte[] buf, int base) {
    ValueCodec.INT.set(buf, base, n);
    int bitmap = base + 4;
    int slots = bitmap + ((n + 7) >>> 3);
    int varStart = base + fixedEnd(n);
    int varPos = varStart;
    int w = element.fixedWidth;
    for (int k = 0; k < n; k++) {
      int r = start + k;
      if (values.isNullAt(r)) {
        buf[bitmap + (k >>> 3)] |= (byte) (1 << (k & 7));
        if (element.variable()) {
          ValueCodec.INT.set(buf, slots + k * w, varPos - varStart);
        }
      } else if (element.variable()) {
        varPos = element.writeVar(values, r, buf, varPos);
        ValueCodec.INT.set(buf, slots + k * w, varPos - varStart);
      } else {
        element.writeFixed(values, r, buf, slots + k * w);
      }
    }
    return varPos;
  }

  /**
   * Reads the sequence at {@code base} into rows {@code [at, at + count)} of {@code values}, which
   * have room for them; returns the position after the sequence.
   */
  int read(byte[] buf, int base, ColumnVector values, int at) {
    int n = count(buf, base);
    int bitmap = base + 4;
    int slots = bitmap + ((n + 7) >>> 3);
    int varStart = base + fixedEnd(n);
    int prevEnd = 0;
    int w = element.fixedWidth;
    for (int k = 0; k < n; k++) {
      if ((buf[bitmap + (k >>> 3)] & (1 << (k & 7))) != 0) {
        element.setNull(values, at + k);
      } else if (element.variable()) {
        int end = (int) ValueCodec.INT.get(buf, slots + k * w);
        element.readVar(buf, varStart + prevEnd, end - prevEnd, values, at + k);
        prevEnd = end;
      } else {
        element.readFixed(buf, slots + k * w, values, at + k);
      }
    }
    if (element.variable() && n > 0) {
      return varStart + (int) ValueCodec.INT.get(buf, slots + (n - 1) * w);
    }
    return varStart;
  }
}
