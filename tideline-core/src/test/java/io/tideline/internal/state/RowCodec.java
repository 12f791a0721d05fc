package io.tideline.internal.state;

import io.tideline.internal.vector.BooleanVector;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.DecimalVector;
import io.tideline.internal.vector.DoubleVector;
import io.tideline.internal.vector.FloatVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.types.StructType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * Test stand-in for the state branch's {@code RowCodec}, with the same API, so the streaming
 * aggregation can be tested before the real codec is merged. DELETE AT MERGE: the real class in
 * main replaces it (a test class of the same name shadows the main one on the test classpath).
 */
public final class RowCodec {
  private final StructType schema;

  public RowCodec(StructType schema) {
    this.schema = schema;
  }

  public StructType schema() {
    return schema;
  }

  public byte[] encode(ColumnVector[] columns, int row) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      for (ColumnVector c : columns) {
        boolean isNull = c.isNullAt(row);
        out.writeBoolean(isNull);
        if (isNull) {
          continue;
        }
        if (c instanceof LongVector v) {
          out.writeLong(v.get(row));
        } else if (c instanceof IntVector v) {
          out.writeInt(v.get(row));
        } else if (c instanceof DoubleVector v) {
          out.writeDouble(v.get(row));
        } else if (c instanceof FloatVector v) {
          out.writeFloat(v.get(row));
        } else if (c instanceof BooleanVector v) {
          out.writeBoolean(v.get(row));
        } else if (c instanceof BytesVector v) {
          out.writeInt(v.length(row));
          out.write(v.data(), v.start(row), v.length(row));
        } else if (c instanceof DecimalVector v) {
          out.writeUTF(v.getDecimal(row).toPlainString());
        } else {
          throw new UnsupportedOperationException("test codec: " + c.type());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public void decode(byte[] bytes, ColumnVector[] columns, int row) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      for (ColumnVector c : columns) {
        c.ensureCapacity(row + 1);
        if (in.readBoolean()) {
          c.setNull(row);
          continue;
        }
        c.setNotNull(row);
        if (c instanceof LongVector v) {
          v.set(row, in.readLong());
        } else if (c instanceof IntVector v) {
          v.set(row, in.readInt());
        } else if (c instanceof DoubleVector v) {
          v.set(row, in.readDouble());
        } else if (c instanceof FloatVector v) {
          v.set(row, in.readFloat());
        } else if (c instanceof BooleanVector v) {
          v.set(row, in.readBoolean());
        } else if (c instanceof BytesVector v) {
          byte[] b = new byte[in.readInt()];
          in.readFully(b);
          v.append(row, b);
        } else if (c instanceof DecimalVector v) {
          v.setDecimal(row, new BigDecimal(in.readUTF()));
        } else {
          throw new UnsupportedOperationException("test codec: " + c.type());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
