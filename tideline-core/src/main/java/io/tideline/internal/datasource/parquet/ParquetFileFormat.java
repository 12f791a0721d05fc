package io.tideline.internal.datasource.parquet;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.datasource.BatchWriter;
import io.tideline.internal.datasource.FileFormat;
import io.tideline.internal.datasource.FileSplit;
import io.tideline.internal.datasource.text.FileErrors;
import io.tideline.internal.datasource.text.SourceOptions;
import io.tideline.internal.errors.TidelineException;
import io.tideline.internal.exec.BatchIterator;
import io.tideline.types.ArrayType;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.MapType;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Spark's {@code parquet} format on parquet-mr: the schema from the first file's footer (or all
 * footers merged with {@code mergeSchema}), splits by row group, columnar reads of only the
 * requested columns ({@link ParquetBatchReader}), and Spark's file layout on write: a column at a
 * time for schemas of top-level primitives ({@link ColumnarParquetWriter}), a row at a time through
 * parquet-mr's record consumer for nested ones ({@link ParquetBatchWriter}).
 */
public final class ParquetFileFormat implements FileFormat {
  static final String NAME = "parquet";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean isSplittable(Map<String, String> options) {
    return true;
  }

  @Override
  public StructType inferSchema(List<Path> files, Map<String, String> options, TidelineConf conf)
      throws IOException {
    if (files.isEmpty()) {
      throw FileErrors.unableToInferSchema(NAME, "there are no input files");
    }
    boolean merge =
        new SourceOptions(NAME, options)
            .getBoolean("mergeSchema", conf.getBoolean("tideline.sql.parquet.mergeSchema", false));
    StructType schema = footerSchema(files.get(0));
    if (merge) {
      for (int i = 1; i < files.size(); i++) {
        schema = ParquetSchemas.merge(schema, footerSchema(files.get(i)), files.get(i));
      }
    }
    return schema;
  }

  /**
   * The Spark schema of one file's footer, made nullable all the way down as Spark does for file
   * sources ({@code asNullable}): a reader must not trust one file's REQUIRED marks for others.
   */
  static StructType footerSchema(Path file) throws IOException {
    try (ParquetFileReader reader = openReader(file)) {
      return (StructType)
          asNullable(
              ParquetSchemas.toSpark(reader.getFooter().getFileMetaData().getSchema(), file));
    }
  }

  static DataType asNullable(DataType t) {
    if (t instanceof StructType s) {
      List<StructField> fields = new ArrayList<>(s.size());
      for (StructField f : s) {
        fields.add(new StructField(f.name(), asNullable(f.dataType()), true, f.comment()));
      }
      return new StructType(fields);
    }
    if (t instanceof ArrayType a) {
      return DataTypes.createArrayType(asNullable(a.elementType()), true);
    }
    if (t instanceof MapType m) {
      return DataTypes.createMapType(asNullable(m.keyType()), asNullable(m.valueType()), true);
    }
    return t;
  }

  static ParquetFileReader openReader(Path file) {
    if (!Files.exists(file)) {
      throw FileErrors.pathNotFound(file);
    }
    try {
      return ParquetFileReader.open(new LocalInputFile(file));
    } catch (NoSuchFileException e) {
      throw FileErrors.pathNotFound(file);
    } catch (IOException | RuntimeException e) {
      if (e instanceof TidelineException t) {
        throw t;
      }
      throw FileErrors.cannotReadFooter(file, e);
    }
  }

  @Override
  public BatchIterator open(
      FileSplit split,
      StructType dataSchema,
      StructType requiredSchema,
      Map<String, String> options,
      TidelineConf conf)
      throws IOException {
    ParquetFileReader reader = openReader(split.path());
    try {
      return new ParquetBatchReader(reader, split, requiredSchema, conf.batchSize());
    } catch (RuntimeException e) {
      reader.close();
      throw e;
    }
  }

  @Override
  public BatchWriter newWriter(
      Path file, StructType schema, Map<String, String> options, TidelineConf conf)
      throws IOException {
    ParquetWriteOptions o = ParquetWriteOptions.of(options, conf);
    if (o.columnar() && ColumnarParquetWriter.supports(schema)) {
      return ColumnarParquetWriter.open(new LocalOutputFile(file), schema, o);
    }
    return new ParquetBatchWriter(ParquetBatchWriter.open(new LocalOutputFile(file), schema, o));
  }

  @Override
  public String extension(Map<String, String> options) {
    return ParquetWriteOptions.of(options, new TidelineConf()).extensionPrefix() + ".parquet";
  }
}
