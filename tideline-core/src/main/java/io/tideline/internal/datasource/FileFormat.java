package io.tideline.internal.datasource;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.exec.BatchIterator;
import io.tideline.types.StructType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A file format (json, csv, text, parquet): schema inference, reading splits into columnar batches
 * and writing batches to files. Options are the user's, with Spark's names and case-insensitive
 * keys. Registered by {@link #name()} in {@link FileFormats}.
 */
public interface FileFormat {

  /** The name users pass to {@code format(...)}, e.g. {@code "json"}. */
  String name();

  /** True when a file can be read in byte-range splits; otherwise one split per file. */
  boolean isSplittable(Map<String, String> options);

  /**
   * The schema of {@code files} when the user gave none, by Spark's inference rules for the format.
   *
   * @throws io.tideline.AnalysisException when it cannot be inferred (e.g. no files), saying what
   *     to do
   */
  StructType inferSchema(List<Path> files, Map<String, String> options, TidelineConf conf)
      throws IOException;

  /**
   * Opens a reader of one split that yields batches of {@code requiredSchema} (a subset of {@code
   * dataSchema}, in its own order) of at most {@code conf.batchSize()} rows.
   *
   * <p>Malformed input follows the {@code mode} option (PERMISSIVE, DROPMALFORMED, FAILFAST) as in
   * Spark; an error names the file and the line or row group.
   */
  BatchIterator open(
      FileSplit split,
      StructType dataSchema,
      StructType requiredSchema,
      Map<String, String> options,
      TidelineConf conf)
      throws IOException;

  /** Creates a writer of one new file holding rows of {@code schema}. */
  BatchWriter newWriter(
      Path file, StructType schema, Map<String, String> options, TidelineConf conf)
      throws IOException;

  /** The extension of files this format writes, e.g. {@code ".json"}. */
  String extension(Map<String, String> options);
}
