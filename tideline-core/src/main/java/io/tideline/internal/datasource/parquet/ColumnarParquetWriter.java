package io.tideline.internal.datasource.parquet;

import io.tideline.internal.datasource.BatchWriter;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.types.StructType;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Writes batches to one Parquet file a column at a time, for schemas whose columns are all
 * top-level primitives: each column's live rows go straight from the vector to parquet-mr's {@link
 * ColumnWriter} ({@link LeafShredder}), with no record consumer between them.
 *
 * <p>Why. The row path ({@link ParquetBatchWriter}) makes parquet-mr's record consumer walk the
 * schema once per row — start message, start field, add value, end field per value, then a pass for
 * missing fields — which is a third of the writer's CPU time on the Delta bronze rows (see
 * tideline-bench's {@code ParquetWriteCpuTime}). A flat schema needs none of it: every column has
 * one value or one null per row, at repetition level 0.
 *
 * <p>Same files. The layers below the record consumer are parquet-mr's own and set up as its {@code
 * ParquetWriter} sets them up: {@link ParquetProperties} from the same options (V1 pages,
 * dictionary with fallback to plain, statistics, column and offset indexes), the V1 column write
 * store over a {@link ColumnChunkPageWriteStore} compressing with the same codec, and a {@link
 * ParquetFileWriter} with the same row-group size, padding and footer metadata ({@code
 * writer.model.name}).
 *
 * <p>Protocol, per batch. The live rows are written in slices; for each slice every column's values
 * are written, then {@link ColumnWriteStore#endRecord()} once per row, since the store counts rows
 * and decides page boundaries there (it writes a page when one is full at its next size check; a
 * dictionary that outgrows its limit before the first page is dropped for the whole chunk, so late
 * checks would change encodings, not only page sizes). A slice is therefore at most parquet-mr's
 * minimum number of rows between size checks (100 by default): a page ends at most that many rows
 * past its threshold, as on the row path, whose checks are at least that far apart. Pages start on
 * row boundaries, as each row is one value per column. Slices also end where parquet-mr's record
 * writer would check the buffered size (its {@code checkBlockSizeReached} schedule, reproduced in
 * {@link #endSlice}), and a row group is flushed when the buffered bytes come within two rows of
 * the row-group size, so row groups are cut where the row path cuts them.
 *
 * <p>Not thread-safe: one task writes one file.
 */
final class ColumnarParquetWriter implements BatchWriter {
  private static final String MODEL_NAME = "tideline";

  private final MessageType parquetSchema;
  private final ParquetProperties props;
  private final ParquetFileWriter file;
  private final CodecFactory codecs;
  private final BytesInputCompressor compressor;
  private final LeafShredder[] leaves;
  private final ColumnDescriptor[] descriptors;
  private final ColumnWriter[] writers;
  private final long rowGroupSizeThreshold;
  private final int sliceRows;

  private ColumnChunkPageWriteStore pageStore;
  private ColumnWriteStore columnStore;
  private int rowGroupOrdinal;
  private long nextRowGroupSize;
  private long recordCount;
  private long recordCountForNextMemCheck;
  private boolean closed;

  /** Set when a write failed: the buffered pages may be inconsistent, so no footer is written. */
  private boolean aborted;

  private ColumnarParquetWriter(
      MessageType parquetSchema,
      ParquetProperties props,
      ParquetFileWriter file,
      CodecFactory codecs,
      ParquetWriteOptions options,
      LeafShredder[] leaves) {
    this.parquetSchema = parquetSchema;
    this.props = props;
    this.file = file;
    this.codecs = codecs;
    this.compressor = codecs.getCompressor(options.codec());
    this.leaves = leaves;
    List<ColumnDescriptor> columns = parquetSchema.getColumns();
    this.descriptors = columns.toArray(new ColumnDescriptor[0]);
    this.writers = new ColumnWriter[descriptors.length];
    this.rowGroupSizeThreshold = options.rowGroupSizeBytes();
    this.sliceRows = Math.max(1, props.getMinRowCountForPageSizeCheck());
    this.nextRowGroupSize = rowGroupSizeThreshold;
    this.recordCountForNextMemCheck = props.getMinRowCountForPageSizeCheck();
    newRowGroup();
  }

  /** True when every column of {@code schema} is a top-level primitive this writer handles. */
  static boolean supports(StructType schema) {
    return schema.size() > 0 && shredders(schema) != null;
  }

  private static LeafShredder[] shredders(StructType schema) {
    LeafShredder[] leaves = new LeafShredder[schema.size()];
    for (int i = 0; i < leaves.length; i++) {
      leaves[i] = LeafShredder.of(schema.field(i));
      if (leaves[i] == null) {
        return null;
      }
    }
    return leaves;
  }

  /** Opens {@code out} for {@code schema}, which {@link #supports} must accept. */
  static ColumnarParquetWriter open(OutputFile out, StructType schema, ParquetWriteOptions options)
      throws IOException {
    LeafShredder[] leaves = shredders(schema);
    if (leaves == null) {
      throw new IllegalStateException(
          "Bug in Tideline: the columnar Parquet writer was given the nested schema "
              + schema.simpleString());
    }
    MessageType parquetSchema = ParquetSchemas.toParquet(schema);
    ParquetProperties props = options.properties();
    ParquetFileWriter file =
        new ParquetFileWriter(
            out,
            parquetSchema,
            ParquetFileWriter.Mode.OVERWRITE,
            options.rowGroupSizeBytes(),
            ParquetWriter.MAX_PADDING_SIZE_DEFAULT,
            null,
            props);
    try {
      file.start();
      CodecFactory codecs =
          new CodecFactory(new Configuration(false), props.getPageSizeThreshold());
      return new ColumnarParquetWriter(parquetSchema, props, file, codecs, options, leaves);
    } catch (IOException | RuntimeException e) {
      // Nobody else holds the file's stream yet: close it here, or it leaks.
      file.close();
      throw e;
    }
  }

  private void newRowGroup() {
    pageStore =
        new ColumnChunkPageWriteStore(
            compressor,
            parquetSchema,
            props.getAllocator(),
            props.getColumnIndexTruncateLength(),
            props.getPageWriteChecksumEnabled(),
            null,
            rowGroupOrdinal);
    columnStore = props.newColumnWriteStore(parquetSchema, pageStore, pageStore);
    for (int i = 0; i < descriptors.length; i++) {
      writers[i] = columnStore.getColumnWriter(descriptors[i]);
    }
  }

  @Override
  public void write(Batch batch) throws IOException {
    if (aborted) {
      throw new IOException(
          "Bug in Tideline: a write to a Parquet file that already failed; the file is incomplete");
    }
    try {
      writeSlices(batch);
    } catch (IOException | RuntimeException e) {
      aborted = true;
      throw e;
    }
  }

  private void writeSlices(Batch batch) throws IOException {
    int size = batch.size();
    int[] selection = batch.selection();
    ColumnVector[] columns = batch.columns();
    int from = 0;
    while (from < size) {
      long untilCheck = Math.max(1, recordCountForNextMemCheck - recordCount);
      int to = (int) Math.min(Math.min(size, from + untilCheck), from + sliceRows);
      for (int c = 0; c < leaves.length; c++) {
        leaves[c].write(columns[c], selection, from, to, writers[c]);
      }
      for (int k = from; k < to; k++) {
        columnStore.endRecord();
      }
      recordCount += to - from;
      endSlice();
      from = to;
    }
  }

  /**
   * The record writer's row-group check, at the row counts it would make it: flush when the
   * buffered bytes come within two rows of the target, else schedule the next check halfway to the
   * estimated end of the row group (at least the minimum, at most the maximum row count apart).
   */
  private void endSlice() throws IOException {
    if (recordCount >= props.getRowGroupRowCountLimit()) {
      flushRowGroup();
      return;
    }
    if (recordCount < recordCountForNextMemCheck) {
      return;
    }
    long memSize = columnStore.getBufferedSize();
    long recordSize = memSize / recordCount;
    if (memSize > nextRowGroupSize - 2 * recordSize) {
      flushRowGroup();
    } else {
      recordCountForNextMemCheck =
          Math.min(
              Math.max(
                  props.getMinRowCountForPageSizeCheck(),
                  (recordCount + (long) (nextRowGroupSize / (float) recordSize)) / 2),
              recordCount + props.getMaxRowCountForPageSizeCheck());
    }
  }

  private void flushRowGroup() throws IOException {
    writeRowGroup();
    recordCountForNextMemCheck = props.getMinRowCountForPageSizeCheck();
    newRowGroup();
  }

  /**
   * Writes the buffered rows as one row group (nothing when there are none) and frees the store.
   */
  private void writeRowGroup() throws IOException {
    try {
      if (recordCount > 0) {
        rowGroupOrdinal++;
        file.startBlock(recordCount);
        columnStore.flush();
        pageStore.flushToFileWriter(file);
        recordCount = 0;
        file.endBlock();
        nextRowGroupSize = Math.min(file.getNextRowGroupSize(), rowGroupSizeThreshold);
      }
    } finally {
      columnStore.close();
      pageStore.close();
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (aborted) {
        columnStore.close();
        pageStore.close();
      } else {
        writeRowGroup();
        file.end(Map.of(ParquetWriter.OBJECT_MODEL_NAME_PROP, MODEL_NAME));
      }
    } finally {
      try {
        file.close();
      } finally {
        codecs.release();
      }
    }
  }
}
