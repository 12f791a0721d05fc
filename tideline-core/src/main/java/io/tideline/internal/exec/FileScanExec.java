package io.tideline.internal.exec;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.datasource.FileFormat;
import io.tideline.internal.datasource.FileFormats;
import io.tideline.internal.datasource.FileSplit;
import io.tideline.internal.errors.TidelineException;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.vector.Batch;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads files of one format ({@code FileRelation}): lists the paths recursively (skipping names
 * that start with {@code _} or {@code .}, as Spark does), cuts splittable files into splits of at
 * most {@link #maxSplitBytes} (Spark's rule over {@code tideline.sql.files.maxPartitionBytes}),
 * packs splits into partitions the way Spark's {@code FilePartition} does (largest first, each file
 * costing an extra 4 MB to open), and reads only the columns the plan above needs.
 */
public final class FileScanExec extends ExecNode {
  /** Spark's {@code spark.sql.files.openCostInBytes}. */
  static final long OPEN_COST_BYTES = 4L * 1024 * 1024;

  private final String format;
  private final List<Path> roots;
  private final Map<String, String> options;
  private final StructType dataSchema;
  private final List<Attribute> output;
  private final StructType requiredSchema;
  private final TidelineConf conf;
  private final List<List<FileSplit>> partitions;

  public FileScanExec(
      String format,
      List<Path> roots,
      Map<String, String> options,
      List<Attribute> allColumns,
      List<Attribute> output,
      TidelineConf conf) {
    this.format = format;
    this.roots = List.copyOf(roots);
    this.options = Map.copyOf(options);
    this.dataSchema = schemaOf(allColumns);
    this.output = List.copyOf(output);
    this.requiredSchema = schemaOf(output);
    this.conf = conf;
    FileFormat fileFormat = fileFormat(format);
    List<Path> files = listFiles(this.roots);
    long maxSplitBytes = maxSplitBytes(files, conf.maxPartitionBytes(), conf.parallelism());
    this.partitions =
        packSplits(
            planSplits(files, fileFormat.isSplittable(this.options), maxSplitBytes), maxSplitBytes);
  }

  /**
   * Spark's split size ({@code FilePartition.maxSplitBytes}): {@code maxPartitionBytes}, lowered to
   * the bytes per core (counting each file's open cost) when the input is small, so that every core
   * gets work; never below the open cost.
   */
  static long maxSplitBytes(List<Path> files, long maxPartitionBytes, int parallelism) {
    long totalBytes = 0;
    for (Path f : files) {
      try {
        totalBytes += Files.size(f) + OPEN_COST_BYTES;
      } catch (IOException e) {
        throw ExecErrors.fileReadFailed(f, 0, 0, e);
      }
    }
    long bytesPerCore = totalBytes / Math.max(1, parallelism);
    return Math.min(maxPartitionBytes, Math.max(OPEN_COST_BYTES, bytesPerCore));
  }

  private static FileFormat fileFormat(String format) {
    FileFormat f = FileFormats.find(format);
    if (f == null) {
      throw ExecErrors.unsupportedFileFormat(format, FileFormats.names());
    }
    return f;
  }

  private static StructType schemaOf(List<Attribute> attrs) {
    List<StructField> fields = new ArrayList<>();
    for (Attribute a : attrs) {
      fields.add(new StructField(a.name(), a.dataType(), a.nullable()));
    }
    return new StructType(fields);
  }

  /** The data files under {@code roots}, recursively, without hidden or metadata files. */
  static List<Path> listFiles(List<Path> roots) {
    List<Path> files = new ArrayList<>();
    for (Path root : roots) {
      if (!Files.exists(root)) {
        throw ExecErrors.pathNotFound(root);
      }
      if (Files.isRegularFile(root)) {
        files.add(root);
        continue;
      }
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(Files::isRegularFile)
            .filter(p -> !hiddenBelow(root, p))
            .sorted()
            .forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  private static boolean hiddenBelow(Path root, Path file) {
    for (Path part : root.relativize(file)) {
      String name = part.toString();
      if (name.startsWith("_") || name.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  static List<FileSplit> planSplits(List<Path> files, boolean splittable, long maxSplitBytes) {
    List<FileSplit> splits = new ArrayList<>();
    for (Path f : files) {
      long length;
      try {
        length = Files.size(f);
      } catch (IOException e) {
        throw ExecErrors.fileReadFailed(f, 0, 0, e);
      }
      if (!splittable || length <= maxSplitBytes) {
        splits.add(new FileSplit(f, 0, length, length));
        continue;
      }
      for (long start = 0; start < length; start += maxSplitBytes) {
        splits.add(new FileSplit(f, start, Math.min(maxSplitBytes, length - start), length));
      }
    }
    return splits;
  }

  static List<List<FileSplit>> packSplits(List<FileSplit> splits, long maxPartitionBytes) {
    List<FileSplit> sorted = new ArrayList<>(splits);
    sorted.sort(Comparator.comparingLong(FileSplit::length).reversed());
    List<List<FileSplit>> partitions = new ArrayList<>();
    List<FileSplit> current = new ArrayList<>();
    long currentSize = 0;
    for (FileSplit s : sorted) {
      if (!current.isEmpty() && currentSize + s.length() > maxPartitionBytes) {
        partitions.add(current);
        current = new ArrayList<>();
        currentSize = 0;
      }
      current.add(s);
      currentSize += s.length() + OPEN_COST_BYTES;
    }
    if (!current.isEmpty()) {
      partitions.add(current);
    }
    return partitions;
  }

  @Override
  public List<Attribute> output() {
    return output;
  }

  @Override
  public List<ExecNode> children() {
    return List.of();
  }

  @Override
  public int numPartitions() {
    return Math.max(1, partitions.size());
  }

  @Override
  public BatchIterator execute(int partition, TaskContext ctx) {
    List<FileSplit> splits = partition < partitions.size() ? partitions.get(partition) : List.of();
    FileFormat fileFormat = fileFormat(format);
    return new BatchIterator() {
      int nextSplit;
      BatchIterator current;
      FileSplit currentSplit;

      @Override
      public Batch next() {
        while (true) {
          ctx.checkCancelled();
          if (current == null) {
            if (nextSplit == splits.size()) {
              return null;
            }
            currentSplit = splits.get(nextSplit++);
            try {
              current = fileFormat.open(currentSplit, dataSchema, requiredSchema, options, conf);
            } catch (IOException e) {
              throw failed(e);
            }
          }
          Batch b;
          try {
            b = current.next();
          } catch (TidelineException e) {
            throw e;
          } catch (RuntimeException e) {
            throw failed(e);
          }
          if (b == null) {
            current.close();
            current = null;
          } else if (!b.isEmpty()) {
            return b;
          }
        }
      }

      private RuntimeException failed(Exception e) {
        return ExecErrors.fileReadFailed(
            currentSplit.path(),
            currentSplit.start(),
            currentSplit.start() + currentSplit.length(),
            e instanceof UncheckedIOException u ? u.getCause() : e);
      }

      @Override
      public void close() {
        if (current != null) {
          current.close();
        }
      }
    };
  }

  private String locations() {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < roots.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append("file:").append(roots.get(i).toAbsolutePath());
    }
    return sb.append(']').toString();
  }

  @Override
  public String simpleString() {
    return "FileScan "
        + format.toLowerCase(Locale.ROOT)
        + " "
        + ExprPrinter.compactAttributes(output)
        + " Batched: true, Format: "
        + format.toUpperCase(Locale.ROOT)
        + ", Location: InMemoryFileIndex("
        + roots.size()
        + " paths)"
        + locations()
        + ", ReadSchema: "
        + requiredSchema.simpleString();
  }
}
