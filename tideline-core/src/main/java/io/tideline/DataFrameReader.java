package io.tideline;

import io.tideline.connector.BatchReadProvider;
import io.tideline.internal.api.ApiErrors;
import io.tideline.internal.catalog.TableCatalog;
import io.tideline.internal.catalog.TableIdentifier;
import io.tideline.internal.datasource.BatchProviders;
import io.tideline.internal.datasource.FileFormat;
import io.tideline.internal.datasource.FileFormats;
import io.tideline.internal.datasource.PartitionDiscovery;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.plan.FileRelation;
import io.tideline.internal.streaming.SystemClock;
import io.tideline.internal.streaming.files.FileStreamSinkLog;
import io.tideline.internal.streaming.files.SinkFileIndex;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads files into a DataFrame, as Spark's {@code DataFrameReader}: {@code
 * t.read().schema(...).option("header", "true").csv("/data/orders")}. Option keys are
 * case-insensitive. Without a schema, the format infers one (reading the files once).
 */
public final class DataFrameReader {
  private final Tideline session;
  private String format = "parquet";
  private StructType userSchema;
  private final Map<String, String> options = new LinkedHashMap<>();

  DataFrameReader(Tideline session) {
    this.session = session;
  }

  public DataFrameReader format(String source) {
    this.format = source.toLowerCase(Locale.ROOT);
    return this;
  }

  public DataFrameReader schema(StructType schema) {
    this.userSchema = schema;
    return this;
  }

  /** The schema in DDL: {@code "order_id STRING, amount DOUBLE"}. */
  public DataFrameReader schema(String ddl) {
    return schema(StructType.fromDDL(ddl));
  }

  public DataFrameReader option(String key, String value) {
    options.put(key.toLowerCase(Locale.ROOT), value);
    return this;
  }

  public DataFrameReader option(String key, long value) {
    return option(key, Long.toString(value));
  }

  public DataFrameReader option(String key, double value) {
    return option(key, Double.toString(value));
  }

  public DataFrameReader option(String key, boolean value) {
    return option(key, Boolean.toString(value));
  }

  public DataFrameReader options(Map<String, String> more) {
    more.forEach(this::option);
    return this;
  }

  public DataFrame json(String... paths) {
    return format("json").load(paths);
  }

  public DataFrame csv(String... paths) {
    return format("csv").load(paths);
  }

  public DataFrame parquet(String... paths) {
    return format("parquet").load(paths);
  }

  public DataFrame text(String... paths) {
    return format("text").load(paths);
  }

  /**
   * Reads catalog table {@code name} ({@code "schema.table"} in the session's warehouse), with this
   * reader's options: {@code t.read().option("versionAsOf", 3).table("gold.order_counts_5min")}.
   * Memory-sink tables have no options; read them with {@code t.table(name)}.
   *
   * @throws AnalysisException {@code TABLE_OR_VIEW_NOT_FOUND} listing the tables that exist
   */
  public DataFrame table(String name) {
    TableCatalog catalog = TableCatalog.of(session);
    TableIdentifier id = TableIdentifier.parse(name);
    Path path = catalog.existingPathOf(id.qualified());
    return format("delta").option("tableName", id.qualified()).load(path.toString());
  }

  /** Reads the files or folders at {@code paths} (globs like {@code /data/*.json} allowed). */
  public DataFrame load(String... paths) {
    FileFormat fileFormat = FileFormats.find(format);
    if (fileFormat == null) {
      return loadFromProvider(paths);
    }
    List<Path> files = new ArrayList<>();
    List<Path> committed = paths.length == 1 ? fileSinkOutput(paths[0]) : null;
    if (committed != null) {
      files.addAll(committed);
    } else {
      for (String p : paths) {
        files.addAll(listFiles(p));
      }
    }
    StructType schema = userSchema;
    if (schema == null) {
      try {
        schema = fileFormat.inferSchema(files, options, session.conf());
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Could not read " + format + " files to infer their schema", e);
      }
    }
    PartitionDiscovery partitions = partitionsOf(paths, files);
    List<Attribute> output = new ArrayList<>(schema.size());
    for (StructField f : schema.fields()) {
      if (partitions != null && partitions.isPartitionColumn(f.name())) {
        continue;
      }
      // Spark reads files with every column nullable, whatever the user schema says.
      output.add(new Attribute(f.name(), f.dataType(), true));
    }
    if (partitions != null) {
      return new DataFrame(session, partitions.plan(format, files, options, output, userSchema));
    }
    return new DataFrame(session, new FileRelation(format, files, options, output));
  }

  /**
   * Reads a non-file format ({@code kafka}, {@code delta}) through its {@link BatchReadProvider}.
   */
  private DataFrame loadFromProvider(String[] paths) {
    BatchReadProvider provider =
        BatchProviders.reader(format)
            .orElseThrow(
                () ->
                    ApiErrors.error(
                        ApiErrors.Condition.UNSUPPORTED_DATA_SOURCE,
                        "format",
                        "`" + format + "`",
                        "supported",
                        BatchProviders.readableNames()));
    if (paths.length > 1) {
      throw ApiErrors.error(
          ApiErrors.Condition.MULTIPLE_PATHS_UNSUPPORTED,
          "format",
          format,
          "count",
          Integer.toString(paths.length),
          "paths",
          String.join(", ", paths));
    }
    Map<String, String> withPath = new LinkedHashMap<>(options);
    if (paths.length == 1) {
      withPath.put("path", paths[0]);
    }
    return provider.read(session, Map.copyOf(withPath), Optional.ofNullable(userSchema));
  }

  /**
   * The {@code col=value} folders below the one folder read, or null: partitions are discovered
   * only under a single plain folder path, whose own name is never a partition (Spark's default
   * {@code basePath}).
   */
  private static PartitionDiscovery partitionsOf(String[] paths, List<Path> files) {
    if (paths.length != 1 || files.isEmpty()) {
      return null;
    }
    String p = paths[0].startsWith("file:") ? paths[0].substring("file:".length()) : paths[0];
    if (p.contains("*") || p.contains("?") || p.contains("[") || !Files.isDirectory(Path.of(p))) {
      return null;
    }
    return PartitionDiscovery.of(Path.of(p), files);
  }

  /**
   * The files a file sink's manifest lists when {@code path} is the output folder of a streaming
   * file sink (it has a {@code _spark_metadata} folder), else null. As Spark's {@code
   * MetadataLogFileIndex}: files of crashed or aborted attempts, which no committed batch recorded,
   * are not read. Only a single plain path is checked; a glob or several paths are listed as
   * folders, the manifest ignored, as in Spark.
   */
  private List<Path> fileSinkOutput(String path) {
    String p = path.startsWith("file:") ? path.substring("file:".length()) : path;
    if (p.contains("*") || p.contains("?") || p.contains("[")) {
      return null;
    }
    Path folder = Path.of(p);
    if (!Files.isDirectory(folder) || !SinkFileIndex.hasMetadata(folder)) {
      return null;
    }
    FileStreamSinkLog log = FileStreamSinkLog.open(folder, session.conf(), new SystemClock(), null);
    return SinkFileIndex.of(log).files();
  }

  /**
   * The data files under {@code path}: the file itself, or every file below a folder whose name
   * does not start with {@code _} or {@code .} (Spark's hidden-file rule), or the matches of a glob
   * in the last path element.
   */
  static List<Path> listFiles(String path) {
    String p = path.startsWith("file:") ? path.substring("file:".length()) : path;
    if (p.contains("*") || p.contains("?") || p.contains("[")) {
      Path parent = Path.of(p).getParent();
      String glob = Path.of(p).getFileName().toString();
      List<Path> out = new ArrayList<>();
      if (parent != null && Files.isDirectory(parent)) {
        var matcher = parent.getFileSystem().getPathMatcher("glob:" + glob);
        try (Stream<Path> s = Files.list(parent)) {
          s.filter(f -> matcher.matches(f.getFileName()))
              .sorted()
              .forEach(f -> out.addAll(listFiles(f.toString())));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      if (out.isEmpty()) {
        throw ApiErrors.error(ApiErrors.Condition.PATH_NOT_FOUND, "path", "file:" + p);
      }
      return out;
    }
    Path root = Path.of(p);
    if (!Files.exists(root)) {
      throw ApiErrors.error(
          ApiErrors.Condition.PATH_NOT_FOUND, "path", "file:" + root.toAbsolutePath());
    }
    if (Files.isRegularFile(root)) {
      return List.of(root);
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).filter(f -> !hidden(root, f)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean hidden(Path root, Path file) {
    for (Path part : root.relativize(file)) {
      String n = part.toString();
      if (n.startsWith("_") || n.startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
