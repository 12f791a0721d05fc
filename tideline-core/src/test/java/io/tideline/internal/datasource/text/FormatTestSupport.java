package io.tideline.internal.datasource.text;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.datasource.FileFormat;
import io.tideline.internal.datasource.FileSplit;
import io.tideline.internal.exec.BatchIterator;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Reads files through a {@link FileFormat} into plain Java rows, for the format tests. */
public final class FormatTestSupport {
  private FormatTestSupport() {}

  public static List<List<Object>> readAll(
      FileFormat format,
      Path file,
      StructType dataSchema,
      StructType required,
      Map<String, String> options,
      TidelineConf conf)
      throws IOException {
    long size = Files.size(file);
    return readSplits(
        format, List.of(new FileSplit(file, 0, size, size)), dataSchema, required, options, conf);
  }

  /** Reads {@code file} in splits of {@code splitSize} bytes, concatenating their rows. */
  public static List<List<Object>> readInSplits(
      FileFormat format,
      Path file,
      long splitSize,
      StructType dataSchema,
      StructType required,
      Map<String, String> options,
      TidelineConf conf)
      throws IOException {
    long size = Files.size(file);
    List<FileSplit> splits = new ArrayList<>();
    for (long start = 0; start < size; start += splitSize) {
      splits.add(new FileSplit(file, start, Math.min(splitSize, size - start), size));
    }
    return readSplits(format, splits, dataSchema, required, options, conf);
  }

  public static List<List<Object>> readSplits(
      FileFormat format,
      List<FileSplit> splits,
      StructType dataSchema,
      StructType required,
      Map<String, String> options,
      TidelineConf conf)
      throws IOException {
    List<List<Object>> rows = new ArrayList<>();
    for (FileSplit split : splits) {
      try (BatchIterator it = format.open(split, dataSchema, required, options, conf)) {
        Batch b;
        while ((b = it.next()) != null) {
          rows.addAll(rows(b));
        }
      }
    }
    return rows;
  }

  public static List<List<Object>> rows(Batch b) {
    List<List<Object>> rows = new ArrayList<>();
    for (int k = 0; k < b.size(); k++) {
      int r = b.rowAt(k);
      Object[] values = new Object[b.numColumns()];
      for (int c = 0; c < values.length; c++) {
        ColumnVector v = b.column(c);
        values[c] = v.getObject(r);
      }
      rows.add(Arrays.asList(values));
    }
    return rows;
  }

  /** A one-batch {@link Batch} of {@code schema} from Java rows. */
  public static Batch batch(StructType schema, List<List<Object>> rows) {
    ColumnVector[] cols = new ColumnVector[schema.size()];
    for (int c = 0; c < cols.length; c++) {
      cols[c] = ColumnVector.allocate(schema.field(c).dataType(), Math.max(1, rows.size()));
      for (int r = 0; r < rows.size(); r++) {
        cols[c].setObject(r, rows.get(r).get(c));
      }
    }
    return new Batch(cols, rows.size());
  }

  /**
   * Parses a small DDL subset ({@code a INT, b ARRAY<STRUCT<x: BIGINT>>}) so these tests do not
   * depend on the SQL type parser, which another part of the engine owns.
   */
  public static StructType schema(String ddl) {
    DdlReader r = new DdlReader(ddl);
    StructType s = r.fields(false);
    return s;
  }

  private static final class DdlReader {
    private final String text;
    private int pos;

    DdlReader(String text) {
      this.text = text;
    }

    StructType fields(boolean nested) {
      StructType s = new StructType();
      while (true) {
        skip();
        if (pos >= text.length() || text.charAt(pos) == '>') {
          return s;
        }
        int start = pos;
        while (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_') {
          pos++;
        }
        String name = text.substring(start, pos);
        skip();
        if (text.charAt(pos) == ':') {
          pos++;
        }
        DataType type = type();
        boolean nullable = true;
        skip();
        if (text.startsWith("NOT NULL", pos)) {
          pos += 8;
          nullable = false;
        }
        s = s.add(name, type, nullable);
        skip();
        if (pos < text.length() && text.charAt(pos) == ',') {
          pos++;
        }
      }
    }

    DataType type() {
      skip();
      int start = pos;
      while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
        pos++;
      }
      String word = text.substring(start, pos).toUpperCase(java.util.Locale.ROOT);
      switch (word) {
        case "DECIMAL":
          {
            expect('(');
            int close = text.indexOf(')', pos);
            String[] ps = text.substring(pos, close).split(",");
            pos = close + 1;
            return DataTypes.createDecimalType(
                Integer.parseInt(ps[0].trim()), Integer.parseInt(ps[1].trim()));
          }
        case "ARRAY":
          {
            expect('<');
            DataType e = type();
            expect('>');
            return DataTypes.createArrayType(e);
          }
        case "MAP":
          {
            expect('<');
            DataType k = type();
            expect(',');
            DataType v = type();
            expect('>');
            return DataTypes.createMapType(k, v);
          }
        case "STRUCT":
          {
            expect('<');
            StructType st = fields(true);
            expect('>');
            return st;
          }
        default:
          return switch (word) {
            case "TINYINT" -> DataTypes.ByteType;
            case "SMALLINT" -> DataTypes.ShortType;
            case "INT" -> DataTypes.IntegerType;
            case "BIGINT" -> DataTypes.LongType;
            case "FLOAT" -> DataTypes.FloatType;
            case "DOUBLE" -> DataTypes.DoubleType;
            case "BOOLEAN" -> DataTypes.BooleanType;
            case "STRING" -> DataTypes.StringType;
            case "BINARY" -> DataTypes.BinaryType;
            case "DATE" -> DataTypes.DateType;
            case "TIMESTAMP" -> DataTypes.TimestampType;
            default -> throw new IllegalArgumentException("test DDL: unknown type " + word);
          };
      }
    }

    void expect(char c) {
      skip();
      if (text.charAt(pos) != c) {
        throw new IllegalArgumentException(
            "test DDL: expected " + c + " at " + pos + " in " + text);
      }
      pos++;
    }

    void skip() {
      while (pos < text.length() && text.charAt(pos) == ' ') {
        pos++;
      }
    }
  }

  public static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }
}
