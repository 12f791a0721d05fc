package io.tideline.internal.datasource;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writer of one task of a file write (the streaming file sink, {@code df.write()}): routes the
 * rows of each input batch to one file per partition folder ({@code col=value/...}, or the sink
 * folder itself without {@code partitionBy}), opening a file only when its first row arrives.
 *
 * <p>Input batches hold the data columns first, then one string column per partition column (the
 * value cast to string, as Spark names folders). Rows are routed with selection vectors over the
 * input batch, so no row is copied; a folder name is built only where the partition values change
 * from one row to the next.
 *
 * <p>Every folder keeps its file open until {@link #close()}, so a task with many distinct
 * partition values holds many open files (Spark sorts by the partition columns instead and keeps
 * one open).
 */
public final class PartitionedTaskWriter implements AutoCloseable {

  /** Names the new files of a task: unique, in the output folder or a partition folder of it. */
  @FunctionalInterface
  public interface TaskFiles {
    /**
     * @param partitionDir a relative folder such as {@code date=2024-01-01}, or "" for none
     * @param extension the file's suffix including its dot
     */
    Path newTaskFile(String partitionDir, int partitionId, String extension);
  }

  private final FileFormat format;
  private final TaskFiles taskFiles;
  private final StructType dataSchema;
  private final List<String> partitionColumns;
  private final Map<String, String> options;
  private final TidelineConf conf;
  private final int partitionId;
  private final String extension;
  private final int[] dataColumns;
  private final Map<String, BatchWriter> writers = new LinkedHashMap<>();
  private final List<Path> files = new ArrayList<>();
  private long rows;

  public PartitionedTaskWriter(
      FileFormat format,
      TaskFiles taskFiles,
      StructType dataSchema,
      List<String> partitionColumns,
      Map<String, String> options,
      TidelineConf conf,
      int partitionId) {
    this.format = format;
    this.taskFiles = taskFiles;
    this.dataSchema = dataSchema;
    this.partitionColumns = partitionColumns;
    this.options = options;
    this.conf = conf;
    this.partitionId = partitionId;
    // Spark's file name: part-<task>-<uuid>-c<file counter><ext>, e.g. -c000.snappy.parquet.
    this.extension = "-c000" + format.extension(options);
    this.dataColumns = new int[dataSchema.size()];
    Arrays.setAll(dataColumns, i -> i);
  }

  /** Writes the live rows of {@code batch}. */
  public void write(Batch batch) throws IOException {
    if (batch.isEmpty()) {
      return;
    }
    rows += batch.size();
    if (partitionColumns.isEmpty()) {
      writerFor("").write(batch);
      return;
    }
    Batch data = batch.withColumns(dataColumnsOf(batch));
    int numPartitionColumns = partitionColumns.size();
    ColumnVector[] keys = new ColumnVector[numPartitionColumns];
    for (int p = 0; p < numPartitionColumns; p++) {
      keys[p] = batch.column(dataColumns.length + p);
    }
    Map<String, RowList> groups = new LinkedHashMap<>();
    RowList current = null;
    int previous = -1;
    for (int k = 0; k < batch.size(); k++) {
      int row = batch.rowAt(k);
      if (current == null || !sameKey(keys, previous, row)) {
        current = groups.computeIfAbsent(folderOf(keys, row), f -> new RowList(batch.size()));
      }
      previous = row;
      current.add(row);
    }
    for (Map.Entry<String, RowList> group : groups.entrySet()) {
      RowList rowList = group.getValue();
      writerFor(group.getKey()).write(data.withSelection(rowList.rows, rowList.size));
    }
  }

  /** The rows of one folder within one input batch. */
  private static final class RowList {
    private final int max;
    private int[] rows;
    private int size;

    RowList(int max) {
      this.max = max;
      this.rows = new int[Math.min(max, 64)];
    }

    void add(int row) {
      if (size == rows.length) {
        rows = Arrays.copyOf(rows, Math.min(max, size * 2));
      }
      rows[size++] = row;
    }
  }

  private ColumnVector[] dataColumnsOf(Batch batch) {
    ColumnVector[] columns = new ColumnVector[dataColumns.length];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = batch.column(i);
    }
    return columns;
  }

  private static boolean sameKey(ColumnVector[] keys, int a, int b) {
    for (ColumnVector key : keys) {
      boolean nullA = key.isNullAt(a);
      if (nullA != key.isNullAt(b)) {
        return false;
      }
      if (nullA) {
        continue;
      }
      boolean same =
          key instanceof BytesVector bytes
              ? BytesVector.compare(bytes, a, bytes, b) == 0
              : key.getObject(a).equals(key.getObject(b));
      if (!same) {
        return false;
      }
    }
    return true;
  }

  private String folderOf(ColumnVector[] keys, int row) {
    StringBuilder sb = new StringBuilder();
    for (int p = 0; p < keys.length; p++) {
      if (p > 0) {
        sb.append('/');
      }
      String value = keys[p].isNullAt(row) ? null : String.valueOf(keys[p].getObject(row));
      sb.append(PartitionPaths.folder(partitionColumns.get(p), value));
    }
    return sb.toString();
  }

  private BatchWriter writerFor(String folder) throws IOException {
    BatchWriter writer = writers.get(folder);
    if (writer == null) {
      Path file = taskFiles.newTaskFile(folder, partitionId, extension);
      Files.createDirectories(file.getParent());
      // Record the file before opening it, so an abort deletes a partly created file too.
      files.add(file);
      writer = format.newWriter(file, dataSchema, options, conf);
      writers.put(folder, writer);
    }
    return writer;
  }

  /** The files this task created, complete or not. */
  public List<Path> files() {
    return files;
  }

  /** The rows written. */
  public long rows() {
    return rows;
  }

  /** The file currently being written, for error messages. */
  public String currentFile() {
    return files.isEmpty() ? "(no file yet)" : files.get(files.size() - 1).toString();
  }

  /** Completes every file; closes all even when one fails, then throws the first failure. */
  @Override
  public void close() throws IOException {
    IOException first = null;
    for (BatchWriter writer : writers.values()) {
      try {
        writer.close();
      } catch (IOException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    writers.clear();
    if (first != null) {
      throw first;
    }
  }
}
