package io.tideline.internal.datasource.csv;

import io.tideline.internal.datasource.FileSplit;
import io.tideline.internal.datasource.text.FileErrors;
import io.tideline.internal.datetime.DateTimeUtils;
import io.tideline.internal.datetime.TimestampFormatter;
import io.tideline.types.AtomicType;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.DecimalType;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Spark's CSV schema inference ({@code CSVInferSchema}): column names from the header (or {@code
 * _c0, _c1, ...}), and with {@code inferSchema} each column's type from all its values, trying in
 * order INT, BIGINT, DECIMAL (integers too long for BIGINT), DOUBLE (including the nan/inf values),
 * DATE ({@code preferDate}, strict {@code dateFormat}), TIMESTAMP, BOOLEAN, else STRING. A column's
 * type only widens (INT to BIGINT to DECIMAL to DOUBLE); DATE mixed with TIMESTAMP, or incompatible
 * types, become STRING; a column with only nulls is STRING.
 */
final class CsvSchemaInference {
  private final CsvOptions options;
  private final boolean caseSensitive;
  private final CsvValues values = new CsvValues();
  private final TimestampFormatter timestampFormatter;
  private final TimestampFormatter dateFormatter;

  CsvSchemaInference(CsvOptions options, boolean caseSensitive) {
    this.options = options;
    this.caseSensitive = caseSensitive;
    this.timestampFormatter =
        options.timestampFormat == null
            ? null
            : TimestampFormatter.of(options.timestampFormat, options.zone);
    this.dateFormatter =
        options.dateFormat == null ? null : TimestampFormatter.of(options.dateFormat, options.zone);
  }

  StructType infer(List<Path> files) throws IOException {
    if (files.isEmpty()) {
      throw FileErrors.unableToInferSchema(CsvFileFormat.NAME, "there are no input files");
    }
    CsvTokenizer tokenizer = new CsvTokenizer(options);
    String[] header = null;
    DataType[] types = null;
    for (Path file : files) {
      long size;
      try {
        size = Files.size(file);
      } catch (NoSuchFileException e) {
        throw FileErrors.pathNotFound(file);
      }
      try (CsvRecordReader lines =
          CsvRecordReader.open(new FileSplit(file, 0, size, size), options)) {
        boolean firstLineOfFile = true;
        while (lines.next()) {
          byte[] buf = lines.buffer();
          int s = lines.start();
          int len = lines.length();
          if (CsvValues.isBlankLine(buf, s, len)
              || (options.comment >= 0 && buf[s] == (byte) options.comment)) {
            continue;
          }
          int count = tokenizer.tokenize(buf, s, len);
          if (header == null) {
            header = columnNames(tokenizer, count);
            types = new DataType[count];
            java.util.Arrays.fill(types, DataTypes.NullType);
            if (!options.inferSchema) {
              break;
            }
            if (options.header) {
              firstLineOfFile = false;
              continue;
            }
          } else if (firstLineOfFile && options.header) {
            firstLineOfFile = false;
            continue;
          }
          firstLineOfFile = false;
          for (int i = 0; i < Math.min(count, types.length); i++) {
            types[i] = inferField(types[i], tokenizer, i);
          }
        }
      }
      if (header != null && !options.inferSchema) {
        break;
      }
    }
    if (header == null) {
      return new StructType();
    }
    List<StructField> fields = new ArrayList<>(header.length);
    for (int i = 0; i < header.length; i++) {
      DataType t = types[i] == DataTypes.NullType ? DataTypes.StringType : types[i];
      fields.add(new StructField(header[i], t, true));
    }
    return new StructType(fields);
  }

  /**
   * The header's names made safe as Spark's {@code CSVUtils.makeSafeHeader} does: empty names
   * become {@code _c<i>}, and every copy of a duplicated name gets its index appended.
   */
  private String[] columnNames(CsvTokenizer tokenizer, int count) {
    String[] names = new String[count];
    if (!options.header) {
      for (int i = 0; i < count; i++) {
        names[i] = "_c" + i;
      }
      return names;
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < count; i++) {
      String name = tokenizer.value(i);
      names[i] = name;
      if (!name.isEmpty() && !name.equals(options.nullValue)) {
        seen.merge(key(name), 1, Integer::sum);
      }
    }
    for (int i = 0; i < count; i++) {
      String name = names[i];
      if (name.isEmpty() || name.equals(options.nullValue)) {
        names[i] = "_c" + i;
      } else if (seen.get(key(name)) > 1) {
        names[i] = name + i;
      }
    }
    return names;
  }

  private String key(String name) {
    return caseSensitive ? name : name.toLowerCase(Locale.ROOT);
  }

  private DataType inferField(DataType soFar, CsvTokenizer tokenizer, int i) {
    int len = tokenizer.length(i);
    if (len == 0) {
      return soFar;
    }
    String field = tokenizer.value(i);
    if (field.equals(options.nullValue)) {
      return soFar;
    }
    byte[] b = tokenizer.buffer();
    int s = tokenizer.start(i);
    DataType found;
    if (soFar == DataTypes.NullType || soFar == DataTypes.IntegerType) {
      found = tryInt(field, b, s, len);
    } else if (soFar == DataTypes.LongType) {
      found = tryLong(field, b, s, len);
    } else if (soFar instanceof DecimalType) {
      found = tryDecimal(field, b, s, len);
    } else if (soFar == DataTypes.DoubleType) {
      found = tryDouble(field, b, s, len);
    } else if (soFar == DataTypes.DateType) {
      found = tryDate(field, b, s, len);
    } else if (soFar == DataTypes.TimestampType) {
      found = tryTimestamp(field, b, s, len);
    } else if (soFar == DataTypes.BooleanType) {
      found = tryBoolean(b, s, len);
    } else {
      return DataTypes.StringType;
    }
    DataType merged = compatibleType(soFar, found);
    return merged == null ? DataTypes.StringType : merged;
  }

  private DataType tryInt(String field, byte[] b, int s, int len) {
    if (values.parseIntegral(b, s, len, Integer.MIN_VALUE, Integer.MAX_VALUE)) {
      return DataTypes.IntegerType;
    }
    return tryLong(field, b, s, len);
  }

  private DataType tryLong(String field, byte[] b, int s, int len) {
    if (values.parseIntegral(b, s, len, Long.MIN_VALUE, Long.MAX_VALUE)) {
      return DataTypes.LongType;
    }
    return tryDecimal(field, b, s, len);
  }

  private DataType tryDecimal(String field, byte[] b, int s, int len) {
    try {
      BigDecimal d = new BigDecimal(field);
      // Only whole numbers become decimals (so 1.5 stays a double), and only within precision 38.
      if (d.scale() == 0 && d.precision() <= DecimalType.MAX_PRECISION) {
        return DataTypes.createDecimalType(d.precision(), 0);
      }
    } catch (NumberFormatException e) {
      // Not a number: try the next type.
    }
    return tryDouble(field, b, s, len);
  }

  private DataType tryDouble(String field, byte[] b, int s, int len) {
    if (field.equals(options.nanValue)
        || field.equals(options.positiveInf)
        || field.equals(options.negativeInf)) {
      return DataTypes.DoubleType;
    }
    try {
      Double.parseDouble(field);
      return DataTypes.DoubleType;
    } catch (NumberFormatException e) {
      return options.preferDate ? tryDate(field, b, s, len) : tryTimestamp(field, b, s, len);
    }
  }

  private DataType tryDate(String field, byte[] b, int s, int len) {
    boolean isDate =
        dateFormatter != null
            ? dateFormatter.parseDate(b, s, len) != DateTimeUtils.INVALID_DATE
            : values.parseIsoDate(b, s, len);
    return isDate ? DataTypes.DateType : tryTimestamp(field, b, s, len);
  }

  private DataType tryTimestamp(String field, byte[] b, int s, int len) {
    boolean isTimestamp =
        (timestampFormatter != null
                && timestampFormatter.parse(b, s, len) != DateTimeUtils.INVALID_TIMESTAMP)
            || DateTimeUtils.stringToTimestamp(b, s, len, options.zone)
                != DateTimeUtils.INVALID_TIMESTAMP;
    return isTimestamp ? DataTypes.TimestampType : tryBoolean(b, s, len);
  }

  private DataType tryBoolean(byte[] b, int s, int len) {
    return values.parseBoolean(b, s, len) ? DataTypes.BooleanType : DataTypes.StringType;
  }

  /** The type both values fit, or null when there is none (the caller falls back to STRING). */
  static DataType compatibleType(DataType t1, DataType t2) {
    if (t1.equals(t2)) {
      return t1;
    }
    if (t1 == DataTypes.NullType) {
      return t2;
    }
    if (t2 == DataTypes.NullType) {
      return t1;
    }
    if (t1 == DataTypes.StringType || t2 == DataTypes.StringType) {
      return DataTypes.StringType;
    }
    if ((t1 == DataTypes.DateType && t2 == DataTypes.TimestampType)
        || (t1 == DataTypes.TimestampType && t2 == DataTypes.DateType)) {
      return DataTypes.StringType;
    }
    int r1 = numericRank(t1);
    int r2 = numericRank(t2);
    if (r1 > 0 && r2 > 0) {
      return r1 >= r2 ? t1 : t2;
    }
    if (t1 instanceof DecimalType d1 && t2 instanceof DecimalType d2) {
      int scale = Math.max(d1.scale(), d2.scale());
      int range = Math.max(d1.precision() - d1.scale(), d2.precision() - d2.scale());
      return range + scale > DecimalType.MAX_PRECISION
          ? DataTypes.DoubleType
          : DataTypes.createDecimalType(range + scale, scale);
    }
    if (t1 instanceof DecimalType && r2 > 0) {
      return t2 == DataTypes.DoubleType ? t2 : compatibleType(t1, decimalFor(t2));
    }
    if (t2 instanceof DecimalType && r1 > 0) {
      return t1 == DataTypes.DoubleType ? t1 : compatibleType(decimalFor(t1), t2);
    }
    return null;
  }

  private static int numericRank(DataType t) {
    if (t instanceof AtomicType a) {
      return switch (a.kind()) {
        case INT -> 1;
        case LONG -> 2;
        case DOUBLE -> 3;
        default -> 0;
      };
    }
    return 0;
  }

  private static DecimalType decimalFor(DataType integral) {
    return integral == DataTypes.IntegerType
        ? DataTypes.createDecimalType(10, 0)
        : DataTypes.createDecimalType(20, 0);
  }
}
