package io.tideline;

import io.tideline.connector.BatchWriteProvider;
import io.tideline.connector.SaveMode;
import io.tideline.internal.api.ApiErrors;
import io.tideline.internal.datasource.BatchProviders;
import io.tideline.internal.datasource.BatchWriter;
import io.tideline.internal.datasource.FileFormat;
import io.tideline.internal.datasource.FileFormats;
import io.tideline.internal.exec.BatchIterator;
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
  private final DataFrame df;
  private String format = "parquet";
  private String mode = "errorifexists";
  private final Map<String, String> options = new LinkedHashMap<>();

  DataFrameWriter(DataFrame df) {
    this.df = df;
  }

  public DataFrameWriter format(String source) {
    this.format = source.toLowerCase(Locale.ROOT);
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
      writeJob(fileFormat, target);
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
    provider.write(df, SaveMode.fromString(mode), Map.copyOf(withPath));
  }

  private void writeJob(FileFormat fileFormat, Path target) throws IOException {
    String jobId = UUID.randomUUID().toString();
    Path temp = target.resolve("_temporary").resolve(jobId);
    Files.createDirectories(temp);
    StructType schema = df.schema();
    String ext = fileFormat.extension(options);
    List<Path> written = Collections.synchronizedList(new ArrayList<>());
    try {
      df.runPartitions(
          (partition, input) -> {
            Path file = temp.resolve(String.format("part-%05d-%s.c000%s", partition, jobId, ext));
            if (writePartition(fileFormat, file, schema, input, partition == 0)) {
              written.add(file);
            }
          });
      for (Path f : written) {
        Files.move(f, target.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
      }
      Files.write(target.resolve("_SUCCESS"), new byte[0]);
    } finally {
      deleteRecursively(target.resolve("_temporary"));
    }
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
