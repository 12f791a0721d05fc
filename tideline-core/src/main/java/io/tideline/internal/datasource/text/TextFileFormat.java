package io.tideline.internal.datasource.text;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.datasource.BatchWriter;
import io.tideline.internal.datasource.FileFormat;
import io.tideline.internal.datasource.FileSplit;
import io.tideline.internal.exec.BatchIterator;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.types.DataTypes;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Spark's {@code text} format: one row per line with a single {@code value STRING} column ({@code
 * lineSep} sets the separator, {@code wholetext} makes each file one row); the writer writes one
 * STRING column, a line per row, a null row as an empty line.
 */
public final class TextFileFormat implements FileFormat {
  static final String NAME = "text";

  /** The schema of every text source. */
  public static final StructType SCHEMA =
      new StructType(new StructField("value", DataTypes.StringType, true));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean isSplittable(Map<String, String> options) {
    return !new SourceOptions(NAME, options).getBoolean("wholetext", false);
  }

  @Override
  public StructType inferSchema(List<Path> files, Map<String, String> options, TidelineConf conf) {
    return SCHEMA;
  }

  @Override
  public BatchIterator open(
      FileSplit split,
      StructType dataSchema,
      StructType requiredSchema,
      Map<String, String> options,
      TidelineConf conf)
      throws IOException {
    SourceOptions opts = new SourceOptions(NAME, options);
    boolean wantValue = requiredSchema.size() > 0;
    if (opts.getBoolean("wholetext", false)) {
      return split.start() == 0 ? wholeFile(split.path(), wantValue) : BatchIterator.empty();
    }
    LineReader lines = LineReader.open(split, lineSeparator(opts), NAME);
    return new LinesIterator(lines, wantValue, conf.batchSize());
  }

  /** The bytes of the {@code lineSep} option, or null for the default separators. */
  static byte[] lineSeparator(SourceOptions opts) {
    String sep = opts.get("lineSep");
    if (sep == null) {
      return null;
    }
    if (sep.isEmpty()) {
      throw FileErrors.invalidOption(opts.format(), "lineSep", sep, "it cannot be an empty string");
    }
    return sep.getBytes(StandardCharsets.UTF_8);
  }

  private static BatchIterator wholeFile(Path path, boolean wantValue) throws IOException {
    byte[] bytes;
    try (InputStream raw = Files.newInputStream(path);
        InputStream in =
            path.toString().toLowerCase(Locale.ROOT).endsWith(".gz")
                ? new GZIPInputStream(raw)
                : raw) {
      bytes = in.readAllBytes();
    } catch (NoSuchFileException e) {
      throw FileErrors.pathNotFound(path);
    }
    BytesVector value = BytesVector.sharing(DataTypes.StringType, 1, bytes);
    value.setRef(0, 0, bytes.length);
    Batch batch = new Batch(wantValue ? new ColumnVector[] {value} : new ColumnVector[0], 1);
    return new BatchIterator() {
      private boolean returned;

      @Override
      public Batch next() {
        if (returned) {
          return null;
        }
        returned = true;
        return batch;
      }
    };
  }

  @Override
  public BatchWriter newWriter(
      Path file, StructType schema, Map<String, String> options, TidelineConf conf)
      throws IOException {
    if (schema.size() != 1) {
      throw FileErrors.textMultipleColumns(schema.size(), String.join(", ", schema.fieldNames()));
    }
    if (schema.field(0).dataType() != DataTypes.StringType) {
      throw FileErrors.unsupportedType(
          NAME, schema.field(0).name(), schema.field(0).dataType().sql());
    }
    SourceOptions opts = new SourceOptions(NAME, options);
    byte[] sep = lineSeparator(opts);
    return new TextBatchWriter(Compression.open(file, opts), sep == null ? new byte[] {'\n'} : sep);
  }

  @Override
  public String extension(Map<String, String> options) {
    return ".txt" + Compression.extension(new SourceOptions(NAME, options));
  }

  /** Yields the split's lines as {@code value} rows, {@code batchSize} at a time. */
  private static final class LinesIterator implements BatchIterator {
    private final LineReader lines;
    private final boolean wantValue;
    private final int batchSize;
    private final BytesVector value;

    LinesIterator(LineReader lines, boolean wantValue, int batchSize) {
      this.lines = lines;
      this.wantValue = wantValue;
      this.batchSize = batchSize;
      this.value = new BytesVector(DataTypes.StringType, batchSize);
    }

    @Override
    public Batch next() {
      value.reset();
      int n = 0;
      try {
        while (n < batchSize && lines.next()) {
          if (wantValue) {
            value.append(n, lines.buffer(), lines.lineStart(), lines.lineLength());
          }
          n++;
        }
      } catch (IOException e) {
        throw FileErrors.failedRead(NAME, lines.path(), e);
      }
      if (n == 0) {
        return null;
      }
      return new Batch(wantValue ? new ColumnVector[] {value} : new ColumnVector[0], n);
    }

    @Override
    public void close() {
      try {
        lines.close();
      } catch (IOException e) {
        throw FileErrors.failedRead(NAME, lines.path(), e);
      }
    }
  }
}
