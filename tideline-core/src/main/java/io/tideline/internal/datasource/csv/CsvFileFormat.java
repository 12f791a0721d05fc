package io.tideline.internal.datasource.csv;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.datasource.BatchWriter;
import io.tideline.internal.datasource.FileFormat;
import io.tideline.internal.datasource.FileSplit;
import io.tideline.internal.datasource.text.Compression;
import io.tideline.internal.datasource.text.SourceOptions;
import io.tideline.internal.exec.BatchIterator;
import io.tideline.types.StructType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Spark's {@code csv} format: a split-aware, byte-level reader ({@link CsvBatchReader}), Spark's
 * schema inference ({@link CsvSchemaInference}) and writer ({@link CsvBatchWriter}), with the
 * options of {@link CsvOptions}.
 */
public final class CsvFileFormat implements FileFormat {
  static final String NAME = "csv";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean isSplittable(Map<String, String> options) {
    return !new SourceOptions(NAME, options).getBoolean("multiLine", false);
  }

  @Override
  public StructType inferSchema(List<Path> files, Map<String, String> options, TidelineConf conf)
      throws IOException {
    CsvOptions csv = new CsvOptions(options, conf);
    return new CsvSchemaInference(csv, conf.caseSensitive()).infer(files);
  }

  @Override
  public BatchIterator open(
      FileSplit split,
      StructType dataSchema,
      StructType requiredSchema,
      Map<String, String> options,
      TidelineConf conf)
      throws IOException {
    CsvOptions csv = new CsvOptions(options, conf);
    return new CsvBatchReader(split, dataSchema, requiredSchema, csv, conf.batchSize());
  }

  @Override
  public BatchWriter newWriter(
      Path file, StructType schema, Map<String, String> options, TidelineConf conf)
      throws IOException {
    CsvOptions csv = new CsvOptions(options, conf);
    return new CsvBatchWriter(Compression.open(file, csv.raw), schema, csv);
  }

  @Override
  public String extension(Map<String, String> options) {
    return ".csv" + Compression.extension(new SourceOptions(NAME, options));
  }
}
