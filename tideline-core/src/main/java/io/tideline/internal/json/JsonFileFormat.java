package io.tideline.internal.json;

import io.tideline.AnalysisException;
import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.datasource.BatchWriter;
import io.tideline.internal.datasource.FileFormat;
import io.tideline.internal.datasource.FileSplit;
import io.tideline.internal.errors.ErrorCondition;
import io.tideline.internal.exec.BatchIterator;
import io.tideline.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The {@code json} file format: JSON Lines (one record per line, UTF-8), read in byte-range splits
 * ({@link JsonLinesReader}), inferred by Spark's rules ({@link JsonSchemaInference}) and written as
 * {@code to_json} writes rows ({@link JsonLinesWriter}); with {@code multiLine=true} each file is
 * one document ({@link MultiLineJsonReader}), not split. Encodings other than UTF-8 are refused
 * with a clear error.
 */
public final class JsonFileFormat implements FileFormat {

  @Override
  public String name() {
    return "json";
  }

  @Override
  public boolean isSplittable(Map<String, String> options) {
    for (Map.Entry<String, String> e : options.entrySet()) {
      if (e.getKey().equalsIgnoreCase("multiLine")
          && e.getValue().trim().equalsIgnoreCase("true")) {
        return false;
      }
    }
    return true;
  }

  @Override
  public StructType inferSchema(List<Path> files, Map<String, String> options, TidelineConf conf)
      throws IOException {
    if (files.isEmpty()) {
      throw new AnalysisException(
          NoFilesCondition.UNABLE_TO_INFER_SCHEMA, Map.of("format", "JSON"));
    }
    JsonOptions parsed = new JsonOptions(options, conf.sessionTimeZone());
    JsonSchemaInference inference = new JsonSchemaInference(parsed);
    // Spark samples with a fixed seed, so a schema is stable from run to run; so do we.
    SplittableRandom random = new SplittableRandom(1);
    for (Path file : files) {
      if (parsed.multiLine) {
        byte[] content = Files.readAllBytes(file);
        inference.add(content, 0, content.length, " in file " + file);
        continue;
      }
      try (LineReader lines = new LineReader(file, 0, Files.size(file), parsed.lineSeparator)) {
        while (lines.next()) {
          if (parsed.samplingRatio < 1.0 && random.nextDouble() >= parsed.samplingRatio) {
            continue;
          }
          inference.add(
              lines.buffer(),
              lines.lineStart(),
              lines.lineLength(),
              " in file " + file + ", line " + lines.lineNumber());
        }
      }
    }
    return inference.result();
  }

  @Override
  public BatchIterator open(
      FileSplit split,
      StructType dataSchema,
      StructType requiredSchema,
      Map<String, String> options,
      TidelineConf conf)
      throws IOException {
    JsonOptions parsed = new JsonOptions(options, conf.sessionTimeZone());
    if (requiredSchema.size() == 1
        && requiredSchema.field(0).name().equals(parsed.columnNameOfCorruptRecord)) {
      // As Spark: without data columns nothing is converted, so the column would miss bad values.
      throw JsonErrors.queryOnlyCorruptRecordColumn(parsed.columnNameOfCorruptRecord);
    }
    if (parsed.multiLine) {
      return new MultiLineJsonReader(split, requiredSchema, parsed, conf.batchSize());
    }
    return new JsonLinesReader(split, requiredSchema, parsed, conf.batchSize());
  }

  @Override
  public BatchWriter newWriter(
      Path file, StructType schema, Map<String, String> options, TidelineConf conf)
      throws IOException {
    return new JsonLinesWriter(file, schema, new JsonOptions(options, conf.sessionTimeZone()));
  }

  @Override
  public String extension(Map<String, String> options) {
    return ".json";
  }

  /** Spark's condition for a format without files to infer from. */
  enum NoFilesCondition implements ErrorCondition {
    UNABLE_TO_INFER_SCHEMA;

    @Override
    public String conditionName() {
      return name();
    }

    @Override
    public String sqlState() {
      return "42KD9";
    }

    @Override
    public String template() {
      return "Unable to infer schema for <format>. It must be specified manually, e.g. with"
          + " schema(\"a STRING, b BIGINT\"), or point the reader at a path holding JSON files.";
    }
  }
}
