package io.tideline;

import io.tideline.connector.BatchWriteProvider;
import io.tideline.connector.SaveMode;
import io.tideline.internal.api.ApiErrors;
import io.tideline.internal.catalog.CatalogErrors;
import io.tideline.internal.catalog.TableCatalog;
import io.tideline.internal.catalog.TableIdentifier;
import io.tideline.internal.datasource.BatchProviders;
import io.tideline.internal.datasource.BatchWriter;
import io.tideline.internal.datasource.FileFormat;
import io.tideline.internal.datasource.FileFormats;
import io.tideline.internal.datasource.PartitionedOutput;
import io.tideline.internal.datasource.PartitionedTaskWriter;
import io.tideline.internal.exec.BatchIterator;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.internal.vector.Batch;
import io.tideline.types.StructType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes a DataFrame to files, as Spark's {@code DataFrameWriter}: {@code
 * df.write().mode("overwrite").parquet("/out")}.
 *
 * <p>Protocol, so that readers never see a half-written result: (1) each partition of the query
 * writes its file under {@code <path>/_temporary/<jobId>/}; (2) when every partition succeeded, the
 * files are moved into {@code <path>} and a {@code _SUCCESS} marker is written; (3) on failure the
 * temporary folder is deleted and the error is rethrown. Files starting with {@code _} are ignored
 * by readers, so a crash between (1) and (2) leaves no visible partial output.
 */
public final class DataFrameWriter {
  /** The format of catalog tables. */
  private static final String TABLE_FORMAT = "delta";

  private final DataFrame df;
  private String format = "parquet";
  private boolean formatGiven;
  private String mode = "errorifexists";
  private final List<String> partitionColumns = new ArrayList<>();
  private final Map<String, String> options = new LinkedHashMap<>();

  DataFrameWriter(DataFrame df) {
    this.df = df;
  }

  public DataFrameWriter format(String source) {
    this.format = source.toLowerCase(Locale.ROOT);
    this.formatGiven = true;
    return this;
  }

  /** One of {@code append}, {@code overwrite}, {@code errorifexists} (default), {@code ignore}. */
  public DataFrameWriter mode(String saveMode) {
    String m = saveMode.toLowerCase(Locale.ROOT);
    if (m.equals("error") || m.equals("default")) {
      m = "errorifexists";
    }
    if (!List.of("append", "overwrite", "errorifexists", "ignore").contains(m)) {
      throw ApiErrors.error(ApiErrors.Condition.INVALID_SAVE_MODE, "mode", "\"" + saveMode + "\"");
    }
    this.mode = m;
    return this;
  }

  public DataFrameWriter option(String key, String value) {
    options.put(key.toLowerCase(Locale.ROOT), value);
    return this;
  }

  public DataFrameWriter option(String key, long value) {
    return option(key, Long.toString(value));
  }

  public DataFrameWriter option(String key, boolean value) {
    return option(key, Boolean.toString(value));
  }

  public DataFrameWriter options(Map<String, String> more) {
    more.forEach(this::option);
    return this;
  }

  /**
   * Lays the output out in one folder per value of {@code columns} ({@code col=value/}, Hive's
   * layout, as Spark writes it): the files hold the other columns, the folder names the values.
   * Formats written through a {@link BatchWriteProvider} ({@code delta}) receive the columns as the
   * {@code partitionBy} option, comma-separated.
   */
  public DataFrameWriter partitionBy(String... columns) {
    partitionColumns.clear();
    partitionColumns.addAll(List.of(columns));
    return this;
  }

  /**
   * Writes to catalog table {@code name} ({@code "schema.table"} in the session's warehouse), a
   * Delta table made if missing, with this writer's save mode: {@code errorifexists} (the default)
   * fails if the table exists, {@code append} adds to it, {@code overwrite} replaces its rows in a
   * new version, {@code ignore} leaves it as is.
   *
   * @throws AnalysisException {@code INVALID_SCHEMA_OR_RELATION_NAME}, or {@code
   *     UNSUPPORTED_TABLE_FORMAT} for a format other than Delta
   */
  public void saveAsTable(String name) {
    TableIdentifier id = TableIdentifier.parse(name);
    if (!formatGiven) {
      format = TABLE_FORMAT;
    }
    if (!TABLE_FORMAT.equals(format)) {
      throw CatalogErrors.unsupportedFormat(id.qualified(), format);
    }
    option("tableName", id.qualified());
    save(TableCatalog.of(df.session()).pathOf(id).toString());
  }

  public void json(String path) {
    format("json").save(path);
  }

  public void parquet(String path) {
    format("parquet").save(path);
  }

  public void csv(String path) {
    format("csv").save(path);
  }

  public void text(String path) {
    format("text").save(path);
  }

  /**
   * Writes to a format that needs no path, such as {@code kafka} (its {@code topic} option says
   * where), or to a path given as the {@code path} option.
   */
  public void save() {
    if (FileFormats.find(format) == null) {
      saveThroughProvider(null);
      return;
    }
    String path = options.get("path");
    if (path == null) {
      throw ApiErrors.error(ApiErrors.Condition.SAVE_PATH_REQUIRED, "format", format);
    }
    save(path);
  }

  public void save(String path) {
    FileFormat fileFormat = FileFormats.find(format);
    if (fileFormat == null) {
      saveThroughProvider(path);
      return;
    }
    Path target = Path.of(path.startsWith("file:") ? path.substring(5) : path);
    LogicalPlan partitioned = partitionedPlan();
    try {
      if (Files.exists(target)) {
        switch (mode) {
          case "errorifexists" ->
              throw ApiErrors.error(
                  ApiErrors.Condition.PATH_ALREADY_EXISTS,
                  "path",
                  "file:" + target.toAbsolutePath());
          case "ignore" -> {
            return;
          }
          case "overwrite" -> deleteRecursively(target);
          default -> {}
        }
      }
      Files.createDirectories(target);
      writeJob(fileFormat, partitioned, target);
    } catch (IOException e) {
      throw ApiErrors.error(
          ApiErrors.Condition.WRITE_FAILED,
          "format",
          format,
          "path",
          target.toString(),
          "reason",
          String.valueOf(e.getMessage()));
    }
  }

  /**
   * Writes a non-file format ({@code kafka}, {@code delta}) through its {@link BatchWriteProvider}.
   */
  private void saveThroughProvider(String path) {
    BatchWriteProvider provider =
        BatchProviders.writer(format)
            .orElseThrow(
                () ->
                    ApiErrors.error(
                        ApiErrors.Condition.UNSUPPORTED_DATA_SOURCE,
                        "format",
                        "`" + format + "`",
                        "supported",
                        BatchProviders.writableNames()));
    Map<String, String> withPath = new LinkedHashMap<>(options);
    if (path != null) {
      withPath.put("path", path);
    }
    if (!partitionColumns.isEmpty()) {
      withPath.put("partitionby", String.join(",", partitionColumns));
    }
    provider.write(df, SaveMode.fromString(mode), Map.copyOf(withPath));
  }

  private void writeJob(FileFormat fileFormat, LogicalPlan partitioned, Path target)
      throws IOException {
    String jobId = UUID.randomUUID().toString();
    Path temp = target.resolve("_temporary").resolve(jobId);
    Files.createDirectories(temp);
    List<Path> written = Collections.synchronizedList(new ArrayList<>());
    try {
      if (partitionColumns.isEmpty()) {
        writeTasks(fileFormat, temp, jobId, written);
      } else {
        writePartitionedTasks(fileFormat, partitioned, temp, written);
      }
      for (Path f : written) {
        Path destination = target.resolve(temp.relativize(f));
        Files.createDirectories(destination.getParent());
        Files.move(f, destination, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.write(target.resolve("_SUCCESS"), new byte[0]);
    } finally {
      deleteRecursively(target.resolve("_temporary"));
    }
  }

  private void writeTasks(FileFormat fileFormat, Path temp, String jobId, List<Path> written) {
    StructType schema = df.schema();
    String ext = fileFormat.extension(options);
    df.runPartitions(
        (partition, input) -> {
          Path file = temp.resolve(String.format("part-%05d-%s.c000%s", partition, jobId, ext));
          if (writePartition(fileFormat, file, schema, input, partition == 0)) {
            written.add(file);
          }
        });
  }

  /**
   * Writes each task's rows into one file per partition folder under {@code temp}; as in Spark, a
   * partitioned write of no rows leaves no file (there is no folder to put it in).
   */
  /**
   * The plan a partitioned write runs (data columns, then the partition values as strings), or null
   * without {@code partitionBy}; checked before anything is written, as Spark checks it.
   */
  private LogicalPlan partitionedPlan() {
    if (partitionColumns.isEmpty()) {
      return null;
    }
    List<Attribute> output = df.logicalPlan().output();
    if (PartitionedOutput.dataSchema(output, partitionColumns).size() == 0) {
      throw ApiErrors.error(ApiErrors.Condition.ALL_COLUMNS_AS_PARTITION_COLUMNS, "format", format);
    }
    return PartitionedOutput.withPartitionKeys(
        df.logicalPlan(),
        partitionColumns,
        name ->
            ApiErrors.error(
                ApiErrors.Condition.PARTITION_COLUMN_NOT_FOUND,
                "column",
                name,
                "schema",
                df.schema().simpleString()));
  }

  private void writePartitionedTasks(
      FileFormat fileFormat, LogicalPlan plan, Path temp, List<Path> written) {
    StructType dataSchema =
        PartitionedOutput.dataSchema(df.logicalPlan().output(), partitionColumns);
    new DataFrame(df.session(), plan)
        .runPartitions(
            (partition, input) -> {
              PartitionedTaskWriter writer =
                  new PartitionedTaskWriter(
                      fileFormat,
                      (folder, task, ext) ->
                          temp.resolve(folder)
                              .resolve(
                                  String.format(
                                      Locale.ROOT, "part-%05d-%s%s", task, UUID.randomUUID(), ext)),
                      dataSchema,
                      partitionColumns,
                      options,
                      df.session().conf(),
                      partition);
              try (input) {
                try (writer) {
                  Batch b;
                  while ((b = input.next()) != null) {
                    writer.write(b);
                  }
                }
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              } finally {
                written.addAll(writer.files());
              }
            });
  }

  /**
   * Writes one partition; opens the file only once a row arrives, so empty partitions leave no
   * file, except partition 0, which always writes one so that even an empty result keeps its schema
   * (as Spark does for Parquet).
   */
  private boolean writePartition(
      FileFormat fileFormat, Path file, StructType schema, BatchIterator input, boolean always)
      throws IOException {
    BatchWriter writer = null;
    try (input) {
      Batch b;
      while ((b = input.next()) != null) {
        if (b.isEmpty()) {
          continue;
        }
        if (writer == null) {
          writer = fileFormat.newWriter(file, schema, options, df.session().conf());
        }
        writer.write(b);
      }
      if (writer == null && always) {
        writer = fileFormat.newWriter(file, schema, options, df.session().conf());
      }
    } finally {
      if (writer != null) {
        writer.close();
      }
    }
    return writer != null;
  }

  private static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
