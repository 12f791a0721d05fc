package io.tideline.internal.datasource.parquet;

import io.tideline.internal.datasource.BatchWriter;
import io.tideline.internal.vector.ArrayVector;
import io.tideline.internal.vector.Batch;
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
import io.tideline.types.AtomicType;
import io.tideline.types.DataType;
import io.tideline.types.DecimalType;
import io.tideline.types.StructType;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes batches to one Parquet file through parquet-mr's {@link ParquetWriter}, which does the
 * record shredding, encoding, compression and row-group layout. Each live row is handed over as a
 * reused cursor (batch, row), and its values go from the vectors to the {@link RecordConsumer}
 * without boxing. The layout is Spark's: see {@link ParquetSchemas#toParquet}.
 */
final class ParquetBatchWriter implements BatchWriter {
  /** The row being written: a reused cursor, so handing a row to parquet-mr allocates nothing. */
  static final class RowCursor {
    Batch batch;
    int row;
  }

  private final ParquetWriter<RowCursor> writer;
  private final RowCursor cursor = new RowCursor();

  ParquetBatchWriter(ParquetWriter<RowCursor> writer) {
    this.writer = writer;
  }

  static ParquetWriter<RowCursor> open(
      OutputFile file, StructType schema, ParquetWriteOptions options) throws IOException {
    MessageType parquetSchema = ParquetSchemas.toParquet(schema);
    Configuration conf = new Configuration(false);
    return new Builder(file, new VectorWriteSupport(schema, parquetSchema))
        .withConf(conf)
        .withCompressionCodec(options.codec())
        .withRowGroupSize(options.rowGroupSizeBytes())
        .withPageSize(options.pageSizeBytes())
        .withDictionaryEncoding(options.dictionary())
        .withWriteMode(org.apache.parquet.hadoop.ParquetFileWriter.Mode.OVERWRITE)
        .build();
  }

  @Override
  public void write(Batch batch) throws IOException {
    cursor.batch = batch;
    for (int k = 0; k < batch.size(); k++) {
      cursor.row = batch.rowAt(k);
      writer.write(cursor);
    }
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }

  private static final class Builder extends ParquetWriter.Builder<RowCursor, Builder> {
    private final WriteSupport<RowCursor> support;

    Builder(OutputFile file, WriteSupport<RowCursor> support) {
      super(file);
      this.support = support;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<RowCursor> getWriteSupport(Configuration conf) {
      return support;
    }
  }

  /** Walks one row of the vectors into parquet-mr's record consumer. */
  private static final class VectorWriteSupport extends WriteSupport<RowCursor> {
    private final MessageType parquetSchema;
    private final String[] names;
    private RecordConsumer consumer;

    VectorWriteSupport(StructType schema, MessageType parquetSchema) {
      this.parquetSchema = parquetSchema;
      this.names = schema.fieldNames();
    }

    @Override
    public WriteContext init(Configuration configuration) {
      return new WriteContext(parquetSchema, Map.of());
    }

    @Override
    public String getName() {
      return "tideline";
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.consumer = recordConsumer;
    }

    @Override
    public void write(RowCursor c) {
      consumer.startMessage();
      ColumnVector[] cols = c.batch.columns();
      for (int i = 0; i < names.length; i++) {
        ColumnVector v = cols[i];
        if (!v.isNullAt(c.row)) {
          consumer.startField(names[i], i);
          writeValue(v, c.row);
          consumer.endField(names[i], i);
        }
      }
      consumer.endMessage();
    }

    private void writeValue(ColumnVector v, int row) {
      DataType t = v.type();
      if (t instanceof DecimalType d) {
        writeDecimal((DecimalVector) v, d, row);
      } else if (v instanceof StructVector s) {
        consumer.startGroup();
        StructType st = s.structType();
        for (int i = 0; i < st.size(); i++) {
          ColumnVector child = s.child(i);
          if (!child.isNullAt(row)) {
            String name = st.field(i).name();
            consumer.startField(name, i);
            writeValue(child, row);
            consumer.endField(name, i);
          }
        }
        consumer.endGroup();
      } else if (v instanceof ArrayVector a) {
        consumer.startGroup();
        int n = a.length(row);
        if (n > 0) {
          consumer.startField("list", 0);
          ColumnVector elements = a.elements();
          for (int e = a.start(row); e < a.start(row) + n; e++) {
            consumer.startGroup();
            if (!elements.isNullAt(e)) {
              consumer.startField("element", 0);
              writeValue(elements, e);
              consumer.endField("element", 0);
            }
            consumer.endGroup();
          }
          consumer.endField("list", 0);
        }
        consumer.endGroup();
      } else if (v instanceof MapVector m) {
        consumer.startGroup();
        int n = m.length(row);
        if (n > 0) {
          consumer.startField("key_value", 0);
          for (int e = m.start(row); e < m.start(row) + n; e++) {
            consumer.startGroup();
            consumer.startField("key", 0);
            writeValue(m.keys(), e);
            consumer.endField("key", 0);
            if (!m.values().isNullAt(e)) {
              consumer.startField("value", 1);
              writeValue(m.values(), e);
              consumer.endField("value", 1);
            }
            consumer.endGroup();
          }
          consumer.endField("key_value", 0);
        }
        consumer.endGroup();
      } else {
        writeAtomic(v, ((AtomicType) t).kind(), row);
      }
    }

    private void writeAtomic(ColumnVector v, AtomicType.Kind kind, int row) {
      switch (kind) {
        case BOOLEAN -> consumer.addBoolean(((BooleanVector) v).get(row));
        case BYTE, SHORT, INT, DATE -> consumer.addInteger(((IntVector) v).get(row));
        case LONG, TIMESTAMP -> consumer.addLong(((LongVector) v).get(row));
        case FLOAT -> consumer.addFloat(((FloatVector) v).get(row));
        case DOUBLE -> consumer.addDouble(((DoubleVector) v).get(row));
        case STRING, BINARY -> {
          BytesVector b = (BytesVector) v;
          consumer.addBinary(Binary.fromReusedByteArray(b.data(), b.start(row), b.length(row)));
        }
        default ->
            throw new IllegalStateException(
                "Bug in Tideline: the Parquet schema admitted the type " + v.type().sql());
      }
    }

    private void writeDecimal(DecimalVector v, DecimalType d, int row) {
      if (d.precision() <= 9) {
        consumer.addInteger((int) v.getUnscaled(row));
      } else if (d.precision() <= 18) {
        consumer.addLong(v.getUnscaled(row));
      } else {
        BigInteger unscaled = v.getDecimal(row).setScale(d.scale()).unscaledValue();
        byte[] minimal = unscaled.toByteArray();
        int width = ParquetSchemas.minBytesForPrecision(d.precision());
        byte[] fixed = new byte[width];
        // Sign-extend the big-endian two's complement to the column's fixed width.
        byte pad = (byte) (unscaled.signum() < 0 ? 0xFF : 0);
        int offset = width - minimal.length;
        for (int i = 0; i < offset; i++) {
          fixed[i] = pad;
        }
        System.arraycopy(minimal, 0, fixed, offset, minimal.length);
        consumer.addBinary(Binary.fromConstantByteArray(fixed));
      }
    }
  }
}
