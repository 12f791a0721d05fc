package io.tideline.internal.datasource.csv;

import io.tideline.internal.datasource.FileSplit;
import io.tideline.internal.datasource.text.FileErrors;
import io.tideline.internal.datetime.DateTimeUtils;
import io.tideline.internal.datetime.TimestampFormatter;
import io.tideline.internal.exec.BatchIterator;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.BooleanVector;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.DecimalVector;
import io.tideline.internal.vector.DoubleVector;
import io.tideline.internal.vector.FloatVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.types.AtomicType;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.DecimalType;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the CSV lines of one split into batches of the required columns.
 *
 * <p>Per line: skip empty and comment lines (and, in the split that starts the file, the header);
 * tokenize into the reused scratch buffer; convert only the required columns straight from bytes
 * into their vectors. A line whose field count differs from the schema's, or whose value does not
 * parse as its column's type, is malformed and follows {@code mode} as in Spark: PERMISSIVE keeps
 * the row with nulls where parsing failed and the raw line in the corrupt-record column,
 * DROPMALFORMED drops it, FAILFAST fails naming the file and line.
 */
final class CsvBatchReader implements BatchIterator {
  private static final int STRING = 0;
  private static final int INTEGRAL = 1;
  private static final int LONG = 2;
  private static final int FLOAT = 3;
  private static final int DOUBLE = 4;
  private static final int BOOLEAN = 5;
  private static final int DECIMAL = 6;
  private static final int DATE = 7;
  private static final int TIMESTAMP = 8;
  private static final int BINARY = 9;
  private static final int CORRUPT = 10;

  private final CsvRecordReader lines;
  private final CsvOptions options;
  private final CsvTokenizer tokenizer;
  private final CsvValues values = new CsvValues();
  private final int batchSize;
  private final int parsedFieldCount;
  private final StructType parsedSchema;
  private final int[] kinds;
  private final String[] names;
  private final int[] tokenIndex;
  private final long[] minValue;
  private final long[] maxValue;
  private final ColumnVector[] vectors;
  private final byte[] emptyValueBytes;
  private final boolean emptyIsNull;
  private final byte[] nanBytes;
  private final byte[] posInfBytes;
  private final byte[] negInfBytes;
  private final TimestampFormatter timestampFormatter;
  private final TimestampFormatter dateFormatter;
  private boolean headerPending;
  private String failure;

  CsvBatchReader(
      FileSplit split,
      StructType dataSchema,
      StructType requiredSchema,
      CsvOptions options,
      int batchSize)
      throws IOException {
    this.options = options;
    this.tokenizer = new CsvTokenizer(options);
    this.batchSize = batchSize;
    this.parsedSchema = parsedSchema(dataSchema, options);
    this.parsedFieldCount = parsedSchema.size();
    int n = requiredSchema.size();
    this.kinds = new int[n];
    this.names = requiredSchema.fieldNames();
    this.tokenIndex = new int[n];
    this.minValue = new long[n];
    this.maxValue = new long[n];
    this.vectors = new ColumnVector[n];
    for (int j = 0; j < n; j++) {
      StructField f = requiredSchema.field(j);
      if (isCorruptColumn(f, options)) {
        kinds[j] = CORRUPT;
        tokenIndex[j] = -1;
      } else {
        kinds[j] = kindOf(f);
        tokenIndex[j] = parsedSchema.indexOf(f.name());
        if (tokenIndex[j] < 0) {
          throw new IllegalStateException(
              "Bug in Tideline: required column " + f.name() + " is not in the CSV data schema");
        }
        setRange(j, f.dataType());
      }
      vectors[j] = ColumnVector.allocate(f.dataType(), batchSize);
    }
    this.emptyValueBytes = options.emptyValueInRead.getBytes(StandardCharsets.UTF_8);
    this.emptyIsNull = options.emptyValueInRead.equals(options.nullValue);
    this.nanBytes = options.nanValue.getBytes(StandardCharsets.UTF_8);
    this.posInfBytes = options.positiveInf.getBytes(StandardCharsets.UTF_8);
    this.negInfBytes = options.negativeInf.getBytes(StandardCharsets.UTF_8);
    this.timestampFormatter =
        options.timestampFormat == null
            ? null
            : TimestampFormatter.of(options.timestampFormat, options.zone);
    this.dateFormatter =
        options.dateFormat == null ? null : TimestampFormatter.of(options.dateFormat, options.zone);
    this.lines = CsvRecordReader.open(split, options);
    this.headerPending = options.header && split.start() == 0;
  }

  /** The columns that come from the file: the data schema without the corrupt-record column. */
  static StructType parsedSchema(StructType dataSchema, CsvOptions options) {
    List<StructField> fields = new ArrayList<>();
    for (StructField f : dataSchema) {
      if (!isCorruptColumn(f, options)) {
        fields.add(f);
      }
    }
    return new StructType(fields);
  }

  /**
   * True for the corrupt-record column.
   *
   * @throws io.tideline.AnalysisException INVALID_CORRUPT_RECORD_TYPE when it is not a nullable
   *     STRING, as Spark requires
   */
  static boolean isCorruptColumn(StructField f, CsvOptions options) {
    if (!f.name().equals(options.columnNameOfCorruptRecord)) {
      return false;
    }
    if (f.dataType() != DataTypes.StringType || !f.nullable()) {
      throw FileErrors.invalidCorruptRecordType(f.name(), f.dataType().sql());
    }
    return true;
  }

  /** The reader's kind for a column type, refusing the types CSV cannot hold. */
  static int kindOf(StructField f) {
    DataType t = f.dataType();
    if (t instanceof DecimalType) {
      return DECIMAL;
    }
    if (t instanceof AtomicType a) {
      switch (a.kind()) {
        case STRING:
          return STRING;
        case BYTE:
        case SHORT:
        case INT:
          return INTEGRAL;
        case LONG:
          return LONG;
        case FLOAT:
          return FLOAT;
        case DOUBLE:
          return DOUBLE;
        case BOOLEAN:
          return BOOLEAN;
        case DATE:
          return DATE;
        case TIMESTAMP:
          return TIMESTAMP;
        case BINARY:
          return BINARY;
        default:
          break;
      }
    }
    throw FileErrors.unsupportedType(CsvFileFormat.NAME, f.name(), t.sql());
  }

  private void setRange(int j, DataType t) {
    if (DataTypes.is(t, AtomicType.Kind.BYTE)) {
      minValue[j] = Byte.MIN_VALUE;
      maxValue[j] = Byte.MAX_VALUE;
    } else if (DataTypes.is(t, AtomicType.Kind.SHORT)) {
      minValue[j] = Short.MIN_VALUE;
      maxValue[j] = Short.MAX_VALUE;
    } else {
      minValue[j] = Integer.MIN_VALUE;
      maxValue[j] = Integer.MAX_VALUE;
    }
  }

  @Override
  public Batch next() {
    for (ColumnVector v : vectors) {
      v.reset();
    }
    int row = 0;
    try {
      while (row < batchSize && lines.next()) {
        byte[] buf = lines.buffer();
        int s = lines.start();
        int len = lines.length();
        // Spark drops blank lines (by String.trim) and comment lines before parsing.
        if (CsvValues.isBlankLine(buf, s, len)
            || (options.comment >= 0 && buf[s] == (byte) options.comment)) {
          continue;
        }
        if (headerPending) {
          headerPending = false;
          checkHeader(buf, s, len);
          continue;
        }
        if (parseLine(buf, s, len, row)) {
          row++;
        }
      }
    } catch (IOException e) {
      throw FileErrors.failedRead(CsvFileFormat.NAME, lines.path(), e);
    }
    if (row == 0) {
      return null;
    }
    return new Batch(vectors, row);
  }

  /** Fills {@code row}; returns false when the line is dropped (DROPMALFORMED). */
  private boolean parseLine(byte[] line, int lineStart, int lineLength, int row) {
    int tokens = tokenizer.tokenize(line, lineStart, lineLength);
    failure = null;
    if (tokens != parsedFieldCount) {
      failure = "expected " + parsedFieldCount + " fields but found " + tokens + " in the line";
    }
    int corrupt = -1;
    byte[] out = tokenizer.buffer();
    for (int j = 0; j < kinds.length; j++) {
      int kind = kinds[j];
      ColumnVector v = vectors[j];
      if (kind == CORRUPT) {
        corrupt = j;
        continue;
      }
      int t = tokenIndex[j];
      if (t >= tokens) {
        v.setNull(row);
        continue;
      }
      int s = tokenizer.start(t);
      int len = tokenizer.length(t);
      byte[] src = out;
      if (len == 0) {
        if (!tokenizer.isQuoted(t) || emptyIsNull) {
          v.setNull(row);
          continue;
        }
        src = emptyValueBytes;
        s = 0;
        len = emptyValueBytes.length;
      } else if (CsvValues.equalsAscii(out, s, len, options.nullValueBytes)) {
        v.setNull(row);
        continue;
      }
      if (!convert(kind, j, v, row, src, s, len)) {
        v.setNull(row);
        if (failure == null) {
          failure =
              "cannot parse '"
                  + new String(src, s, len, StandardCharsets.UTF_8)
                  + "' as "
                  + v.type().sql()
                  + " for column "
                  + names[j];
        }
      }
    }
    if (failure == null) {
      if (corrupt >= 0) {
        vectors[corrupt].setNull(row);
      }
      return true;
    }
    switch (options.mode) {
      case FAILFAST:
        throw FileErrors.failedReadOnMalformedRecord(
            lines.path(),
            FileErrors.malformedRecord(
                lines.path(),
                lines.location(),
                failure,
                new String(line, lineStart, lineLength, StandardCharsets.UTF_8),
                null));
      case DROPMALFORMED:
        return false;
      default:
        if (corrupt >= 0) {
          ((BytesVector) vectors[corrupt]).append(row, line, lineStart, lineLength);
        }
        return true;
    }
  }

  private boolean convert(int kind, int j, ColumnVector v, int row, byte[] b, int s, int len) {
    switch (kind) {
      case STRING:
      case BINARY:
        ((BytesVector) v).append(row, b, s, len);
        return true;
      case INTEGRAL:
        if (!values.parseIntegral(b, s, len, minValue[j], maxValue[j])) {
          return false;
        }
        ((IntVector) v).set(row, (int) values.longValue);
        v.setNotNull(row);
        return true;
      case LONG:
        if (!values.parseIntegral(b, s, len, Long.MIN_VALUE, Long.MAX_VALUE)) {
          return false;
        }
        ((LongVector) v).set(row, values.longValue);
        v.setNotNull(row);
        return true;
      case DOUBLE:
        {
          double d;
          if (CsvValues.equalsAscii(b, s, len, nanBytes)) {
            d = Double.NaN;
          } else if (CsvValues.equalsAscii(b, s, len, posInfBytes)) {
            d = Double.POSITIVE_INFINITY;
          } else if (CsvValues.equalsAscii(b, s, len, negInfBytes)) {
            d = Double.NEGATIVE_INFINITY;
          } else {
            if (values.parseSimpleDouble(b, s, len)) {
              d = values.doubleValue;
            } else {
              try {
                d = Double.parseDouble(CsvValues.latin1(b, s, len));
              } catch (NumberFormatException e) {
                return false;
              }
            }
          }
          ((DoubleVector) v).set(row, d);
          v.setNotNull(row);
          return true;
        }
      case FLOAT:
        {
          float f;
          if (CsvValues.equalsAscii(b, s, len, nanBytes)) {
            f = Float.NaN;
          } else if (CsvValues.equalsAscii(b, s, len, posInfBytes)) {
            f = Float.POSITIVE_INFINITY;
          } else if (CsvValues.equalsAscii(b, s, len, negInfBytes)) {
            f = Float.NEGATIVE_INFINITY;
          } else {
            try {
              f = Float.parseFloat(CsvValues.latin1(b, s, len));
            } catch (NumberFormatException e) {
              return false;
            }
          }
          ((FloatVector) v).set(row, f);
          v.setNotNull(row);
          return true;
        }
      case BOOLEAN:
        if (!values.parseBoolean(b, s, len)) {
          return false;
        }
        ((BooleanVector) v).set(row, values.longValue != 0);
        v.setNotNull(row);
        return true;
      case DECIMAL:
        try {
          // Spark's decimal parser for the default locale drops grouping commas.
          String text = CsvValues.latin1(b, s, len);
          BigDecimal d = new BigDecimal(text.indexOf(',') >= 0 ? text.replace(",", "") : text);
          return ((DecimalVector) v).setDecimal(row, d);
        } catch (NumberFormatException | ArithmeticException e) {
          return false;
        }
      case DATE:
        {
          int days;
          if (dateFormatter != null) {
            days = dateFormatter.parseDate(b, s, len);
          } else if (values.parseIsoDate(b, s, len)) {
            days = (int) values.longValue;
          } else {
            days = DateTimeUtils.stringToDate(b, s, len);
          }
          if (days == DateTimeUtils.INVALID_DATE) {
            return false;
          }
          ((IntVector) v).set(row, days);
          v.setNotNull(row);
          return true;
        }
      case TIMESTAMP:
        {
          long micros =
              timestampFormatter != null
                  ? timestampFormatter.parse(b, s, len)
                  : DateTimeUtils.stringToTimestamp(b, s, len, options.zone);
          if (micros == DateTimeUtils.INVALID_TIMESTAMP) {
            return false;
          }
          ((LongVector) v).set(row, micros);
          v.setNotNull(row);
          return true;
        }
      default:
        throw new IllegalStateException("Bug in Tideline: unknown CSV column kind " + kind);
    }
  }

  /**
   * With {@code enforceSchema=false}, checks the header names against the schema as Spark's {@code
   * CSVHeaderChecker} does (case-insensitively).
   */
  private void checkHeader(byte[] line, int s, int len) {
    if (options.enforceSchema) {
      return;
    }
    int tokens = tokenizer.tokenize(line, s, len);
    String header = new String(line, s, len, StandardCharsets.UTF_8);
    if (tokens != parsedFieldCount) {
      throw FileErrors.csvHeaderMismatch(
          lines.path(),
          header,
          parsedSchema.simpleString(),
          parsedFieldCount + " columns",
          tokens + " columns");
    }
    for (int i = 0; i < tokens; i++) {
      String name = tokenizer.value(i);
      String expected = parsedSchema.field(i).name();
      if (!name.equalsIgnoreCase(expected)) {
        throw FileErrors.csvHeaderMismatch(
            lines.path(),
            header,
            parsedSchema.simpleString(),
            "column " + i + " named " + expected,
            name);
      }
    }
  }

  @Override
  public void close() {
    try {
      lines.close();
    } catch (IOException e) {
      throw FileErrors.failedRead(CsvFileFormat.NAME, lines.path(), e);
    }
  }
}
