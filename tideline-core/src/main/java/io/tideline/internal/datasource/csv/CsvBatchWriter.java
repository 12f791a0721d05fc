package io.tideline.internal.datasource.csv;

import io.tideline.internal.datasource.BatchWriter;
import io.tideline.internal.datetime.TimestampFormatter;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.BooleanVector;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.DecimalVector;
import io.tideline.internal.vector.DoubleVector;
import io.tideline.internal.vector.FloatVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.internal.vector.Timestamps;
import io.tideline.types.AtomicType;
import io.tideline.types.DataType;
import io.tideline.types.DecimalType;
import io.tideline.types.StructType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/**
 * Writes batches as CSV lines the way Spark's {@code UnivocityGenerator} does: the header when
 * asked, values trimmed of surrounding white space by default, quoted only when they hold the
 * delimiter, the quote, a line break or (untrimmed) surrounding white space, quotes inside escaped
 * with the escape character; null as {@code nullValue} (empty), the empty string as {@code
 * emptyValue} ({@code ""}); timestamps in {@code timestampFormat} (Spark's default {@code
 * yyyy-MM-dd'T'HH:mm:ss.SSSXXX}) and dates in {@code dateFormat}.
 */
final class CsvBatchWriter implements BatchWriter {
  private static final DateTimeFormatter DEFAULT_TIMESTAMP =
      DateTimeFormatter.ofPattern(CsvOptions.WRITE_TIMESTAMP_FORMAT);

  private final OutputStream out;
  private final CsvOptions options;
  private final StructType schema;
  private final byte[] lineSep;
  private final byte[] nullBytes;
  private final byte[] emptyBytes;
  private final TimestampFormatter timestampFormatter;
  private final TimestampFormatter dateFormatter;
  private final DateTimeFormatter defaultTimestamp;
  private byte[] buf = new byte[64 * 1024];
  private int size;

  CsvBatchWriter(OutputStream out, StructType schema, CsvOptions options) throws IOException {
    this.out = out;
    this.options = options;
    this.schema = schema;
    this.lineSep = options.lineSeparator == null ? new byte[] {'\n'} : options.lineSeparator;
    this.nullBytes = options.nullValue.getBytes(StandardCharsets.UTF_8);
    this.emptyBytes = options.emptyValueInWrite.getBytes(StandardCharsets.UTF_8);
    boolean defaultTs = options.timestampFormatInWrite.equals(CsvOptions.WRITE_TIMESTAMP_FORMAT);
    this.defaultTimestamp = defaultTs ? DEFAULT_TIMESTAMP.withZone(options.zone) : null;
    this.timestampFormatter =
        defaultTs ? null : TimestampFormatter.of(options.timestampFormatInWrite, options.zone);
    this.dateFormatter =
        options.dateFormatInWrite.equals(CsvOptions.DEFAULT_DATE_FORMAT)
            ? null
            : TimestampFormatter.of(options.dateFormatInWrite, options.zone);
    for (int i = 0; i < schema.size(); i++) {
      DataType t = schema.field(i).dataType();
      if (!(t instanceof AtomicType) && !(t instanceof DecimalType)) {
        throw io.tideline.internal.datasource.text.FileErrors.unsupportedType(
            CsvFileFormat.NAME, schema.field(i).name(), t.sql());
      }
    }
    if (options.header) {
      for (int i = 0; i < schema.size(); i++) {
        if (i > 0) {
          put(options.delimiter);
        }
        byte[] name = schema.field(i).name().getBytes(StandardCharsets.UTF_8);
        writeText(name, 0, name.length);
      }
      put(lineSep);
    }
  }

  @Override
  public void write(Batch batch) throws IOException {
    int columns = schema.size();
    for (int k = 0; k < batch.size(); k++) {
      int row = batch.rowAt(k);
      for (int c = 0; c < columns; c++) {
        if (c > 0) {
          put(options.delimiter);
        }
        writeValue(batch.column(c), row);
      }
      put(lineSep);
      if (size > buf.length - 4096) {
        flushBuffer();
      }
    }
  }

  private void writeValue(ColumnVector v, int row) {
    if (v.isNullAt(row)) {
      put(nullBytes);
      return;
    }
    DataType t = v.type();
    if (t instanceof DecimalType) {
      putAscii(((DecimalVector) v).getDecimal(row).toString());
      return;
    }
    switch (((AtomicType) t).kind()) {
      case STRING, BINARY -> {
        BytesVector b = (BytesVector) v;
        writeText(b.data(), b.start(row), b.length(row));
      }
      case BOOLEAN -> putAscii(((BooleanVector) v).get(row) ? "true" : "false");
      case BYTE, SHORT, INT -> putLong(((IntVector) v).get(row));
      case LONG -> putLong(((LongVector) v).get(row));
      case FLOAT -> putAscii(Float.toString(((FloatVector) v).get(row)));
      case DOUBLE -> putAscii(Double.toString(((DoubleVector) v).get(row)));
      case DATE -> {
        int days = ((IntVector) v).get(row);
        putText(
            dateFormatter == null
                ? LocalDate.ofEpochDay(days).toString()
                : dateFormatter.formatDate(days));
      }
      case TIMESTAMP -> {
        long micros = ((LongVector) v).get(row);
        putText(
            defaultTimestamp != null
                ? defaultTimestamp.format(Timestamps.toInstant(micros))
                : timestampFormatter.format(micros));
      }
      default -> putText(String.valueOf(v.getObject(row)));
    }
  }

  /** Writes a string value: trimmed, quoted and escaped as needed. */
  private void writeText(byte[] b, int s, int len) {
    int end = s + len;
    if (options.ignoreLeadingWhiteSpaceInWrite) {
      while (s < end && isBlank(b[s])) {
        s++;
      }
    }
    if (options.ignoreTrailingWhiteSpaceInWrite) {
      while (end > s && isBlank(b[end - 1])) {
        end--;
      }
    }
    if (end == s) {
      put(emptyBytes);
      return;
    }
    boolean quote = options.quote >= 0 && (options.quoteAll || needsQuotes(b, s, end));
    if (!quote) {
      put(b, s, end - s);
      return;
    }
    byte q = (byte) options.quote;
    put(q);
    for (int i = s; i < end; i++) {
      byte c = b[i];
      if (c == q && options.escapeQuotes) {
        put(options.escape >= 0 ? (byte) options.escape : q);
      } else if (c == options.escape
          && c != q
          && (i + 1 == end || b[i + 1] == q || b[i + 1] == c)) {
        // Readers take an escape before a quote or another escape as an escape sequence: double
        // it there (and before the closing quote) so the value reads back as written.
        put(c);
      }
      put(c);
    }
    put(q);
  }

  private boolean needsQuotes(byte[] b, int s, int end) {
    byte q = (byte) options.quote;
    if (isBlank(b[s]) || isBlank(b[end - 1])) {
      return true;
    }
    if (options.comment >= 0 && b[s] == (byte) options.comment) {
      return true;
    }
    for (int i = s; i < end; i++) {
      byte c = b[i];
      if (c == options.delimiter || c == q || c == '\n' || c == '\r') {
        return true;
      }
    }
    return false;
  }

  private static boolean isBlank(byte c) {
    return c == ' ' || c == '\t';
  }

  private void putText(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    writeText(b, 0, b.length);
  }

  private void putAscii(String s) {
    ensure(s.length());
    for (int i = 0; i < s.length(); i++) {
      buf[size++] = (byte) s.charAt(i);
    }
  }

  private void putLong(long v) {
    if (v == Long.MIN_VALUE) {
      putAscii("-9223372036854775808");
      return;
    }
    ensure(20);
    if (v < 0) {
      buf[size++] = '-';
      v = -v;
    }
    int digits = 1;
    for (long p = 10; p <= v && digits < 19; p *= 10) {
      digits++;
    }
    int at = size + digits;
    size = at;
    do {
      buf[--at] = (byte) ('0' + (v % 10));
      v /= 10;
    } while (v != 0);
  }

  private void put(byte b) {
    ensure(1);
    buf[size++] = b;
  }

  private void put(byte[] b) {
    put(b, 0, b.length);
  }

  private void put(byte[] b, int s, int len) {
    ensure(len);
    System.arraycopy(b, s, buf, size, len);
    size += len;
  }

  private void ensure(int n) {
    if (size + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
    }
  }

  private void flushBuffer() throws IOException {
    out.write(buf, 0, size);
    size = 0;
  }

  @Override
  public void close() throws IOException {
    try {
      flushBuffer();
    } finally {
      out.close();
    }
  }
}
