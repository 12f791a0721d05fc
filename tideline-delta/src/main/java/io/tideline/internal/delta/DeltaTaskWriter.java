package io.tideline.internal.delta;

import io.delta.kernel.DataWriteContext;
import io.delta.kernel.Transaction;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.expressions.Literal;
import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.datasource.BatchWriter;
import io.tideline.internal.datasource.FileFormat;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.internal.vector.Timestamps;
import io.tideline.types.StructType;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Delta writer of one task: writes the rows of its input batches to Parquet files in the
 * table's folder, one file per partition (the folder Kernel's write context names for the partition
 * values), opening a file only when its first row arrives, and collects each file's statistics
 * ({@link DeltaFileStats}) as its rows pass.
 *
 * <p>Input batches hold the data columns first, then the partition columns in the table's order.
 * Rows are routed with selection vectors over the input batch, so no row is copied; partition
 * values are boxed only where they change from one row to the next.
 */
final class DeltaTaskWriter implements AutoCloseable {

  private final Engine engine;
  private final Row txnState;
  private final FileFormat parquet;
  private final StructType dataSchema;
  private final List<io.delta.kernel.types.DataType> partitionTypes;
  private final List<String> partitionColumns;
  private final Map<String, String> options;
  private final TidelineConf conf;
  private final int taskId;
  private final String jobId = UUID.randomUUID().toString();
  private final Map<List<Object>, OpenFile> open = new LinkedHashMap<>();
  private final List<DataFile> done = new ArrayList<>();
  private final List<Path> created = new ArrayList<>();

  /** A file being written and what the commit needs to know of it. */
  private static final class OpenFile {
    final BatchWriter writer;
    final Path local;
    final String kernelPath;
    final DataWriteContext context;
    final DeltaFileStats stats;
    long rows;

    OpenFile(
        BatchWriter writer,
        Path local,
        String kernelPath,
        DataWriteContext context,
        DeltaFileStats stats) {
      this.writer = writer;
      this.local = local;
      this.kernelPath = kernelPath;
      this.context = context;
      this.stats = stats;
    }

    void write(Batch batch) throws IOException {
      writer.write(batch);
      stats.add(batch);
      rows += batch.size();
    }
  }

  DeltaTaskWriter(
      Engine engine,
      Row txnState,
      FileFormat parquet,
      StructType dataSchema,
      List<String> partitionColumns,
      List<io.delta.kernel.types.DataType> partitionTypes,
      Map<String, String> options,
      TidelineConf conf,
      int taskId) {
    this.engine = engine;
    this.txnState = txnState;
    this.parquet = parquet;
    this.dataSchema = dataSchema;
    this.partitionColumns = partitionColumns;
    this.partitionTypes = partitionTypes;
    this.options = options;
    this.conf = conf;
    this.taskId = taskId;
  }

  /** Writes the live rows of {@code batch}. */
  void write(Batch batch) throws IOException {
    if (batch.isEmpty()) {
      return;
    }
    int numData = dataSchema.size();
    if (partitionColumns.isEmpty()) {
      fileFor(List.of()).write(batch);
      return;
    }
    ColumnVector[] dataColumns = Arrays.copyOf(batch.columns(), numData);
    Batch data = batch.withColumns(dataColumns);
    ColumnVector[] keys = Arrays.copyOfRange(batch.columns(), numData, batch.numColumns());
    Map<List<Object>, RowGroup> groups = new LinkedHashMap<>();
    RowGroup current = null;
    int previous = -1;
    for (int k = 0; k < batch.size(); k++) {
      int row = batch.rowAt(k);
      if (current == null || !sameKey(keys, previous, row)) {
        current = groups.computeIfAbsent(keyOf(keys, row), x -> new RowGroup(batch.size()));
      }
      previous = row;
      current.rows[current.size++] = row;
    }
    for (Map.Entry<List<Object>, RowGroup> group : groups.entrySet()) {
      OpenFile f = fileFor(group.getKey());
      RowGroup g = group.getValue();
      f.write(data.withSelection(g.rows, g.size));
    }
  }

  /** The rows of one partition within one input batch. */
  private static final class RowGroup {
    final int[] rows;
    int size;

    RowGroup(int max) {
      this.rows = new int[max];
    }
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
      boolean same;
      if (key instanceof BytesVector bytes) {
        same = BytesVector.compare(bytes, a, bytes, b) == 0;
      } else if (key instanceof IntVector ints) {
        same = ints.get(a) == ints.get(b);
      } else if (key instanceof LongVector longs) {
        same = longs.get(a) == longs.get(b);
      } else {
        // Rarer partition types (boolean, double, decimal): boxed, once per row.
        same = key.getObject(a).equals(key.getObject(b));
      }
      if (!same) {
        return false;
      }
    }
    return true;
  }

  private static List<Object> keyOf(ColumnVector[] keys, int row) {
    List<Object> key = new ArrayList<>(keys.length);
    for (ColumnVector k : keys) {
      Object v = k.getObject(row);
      key.add(v instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : v);
    }
    return key;
  }

  private OpenFile fileFor(List<Object> key) throws IOException {
    OpenFile f = open.get(key);
    if (f != null) {
      return f;
    }
    Map<String, Literal> values = new HashMap<>();
    for (int i = 0; i < partitionColumns.size(); i++) {
      values.put(partitionColumns.get(i), literal(key.get(i), partitionTypes.get(i)));
    }
    DataWriteContext context = Transaction.getWriteContext(engine, txnState, values);
    String dir = context.getTargetDirectory();
    String name =
        String.format(
            "part-%05d-%s-%d.c000%s", taskId, jobId, open.size(), parquet.extension(options));
    // The write context's directory is a URI (escaped partition folders come %-encoded once more);
    // Kernel takes a file's path as a plain path string and encodes it for the add action itself.
    String uri = dir.endsWith("/") ? dir + name : dir + "/" + name;
    Path local = Path.of(URI.create(uri.startsWith("file:") ? uri : "file:" + uri));
    String kernelPath = "file:" + local;
    Files.createDirectories(local.getParent());
    // Record the file before opening it, so a failure deletes a partly written file too.
    created.add(local);
    f =
        new OpenFile(
            parquet.newWriter(local, dataSchema, options, conf),
            local,
            kernelPath,
            context,
            new DeltaFileStats(dataSchema, context.getStatisticsColumns()));
    open.put(key, f);
    return f;
  }

  /** The Kernel literal of a partition value, as {@code ColumnVector.getObject} returns it. */
  private static Literal literal(Object value, io.delta.kernel.types.DataType type) {
    // An empty string partition value is null, as Spark writes it: a folder name cannot be empty.
    if (value == null || (value instanceof String str && str.isEmpty())) {
      return Literal.ofNull(type);
    }
    if (type instanceof io.delta.kernel.types.StringType) {
      return Literal.ofString(value.toString());
    } else if (type instanceof io.delta.kernel.types.IntegerType) {
      return Literal.ofInt(((Number) value).intValue());
    } else if (type instanceof io.delta.kernel.types.LongType) {
      return Literal.ofLong(((Number) value).longValue());
    } else if (type instanceof io.delta.kernel.types.ShortType) {
      return Literal.ofShort(((Number) value).shortValue());
    } else if (type instanceof io.delta.kernel.types.ByteType) {
      return Literal.ofByte(((Number) value).byteValue());
    } else if (type instanceof io.delta.kernel.types.BooleanType) {
      return Literal.ofBoolean((Boolean) value);
    } else if (type instanceof io.delta.kernel.types.DoubleType) {
      return Literal.ofDouble(((Number) value).doubleValue());
    } else if (type instanceof io.delta.kernel.types.FloatType) {
      return Literal.ofFloat(((Number) value).floatValue());
    } else if (type instanceof io.delta.kernel.types.DateType) {
      return Literal.ofDate((int) ((LocalDate) value).toEpochDay());
    } else if (type instanceof io.delta.kernel.types.TimestampType) {
      return Literal.ofTimestamp(Timestamps.fromInstant((Instant) value));
    } else if (type instanceof io.delta.kernel.types.DecimalType d) {
      return Literal.ofDecimal((BigDecimal) value, d.getPrecision(), d.getScale());
    } else if (type instanceof io.delta.kernel.types.BinaryType) {
      return Literal.ofBinary((byte[]) value);
    }
    throw new IllegalArgumentException("partition column of type " + type);
  }

  /** Completes every file; closes all even when one fails, then throws the first failure. */
  @Override
  public void close() throws IOException {
    IOException first = null;
    for (OpenFile f : open.values()) {
      try {
        f.writer.close();
        BasicFileAttributes attrs = Files.readAttributes(f.local, BasicFileAttributes.class);
        done.add(
            new DataFile(
                f.local,
                f.kernelPath,
                attrs.size(),
                attrs.lastModifiedTime().toMillis(),
                f.rows,
                f.context,
                f.stats.toKernel()));
      } catch (IOException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    open.clear();
    if (first != null) {
      throw first;
    }
  }

  /** The completed files, valid after {@link #close()}. */
  List<DataFile> files() {
    return done;
  }

  /** Every file this task created, complete or not, for cleanup after a failure. */
  List<Path> created() {
    return created;
  }
}
