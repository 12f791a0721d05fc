package io.tideline.internal.datasource.csv;

import io.tideline.internal.datasource.FileSplit;
import io.tideline.internal.datasource.text.LineReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The CSV records of a split. With {@code multiLine=false} (Spark's default) a record is a line.
 * With {@code multiLine=true} a record goes on past the end of a line while a quoted value is open,
 * the lines joined by {@code \n} (univocity normalizes line breaks inside quotes to it), and the
 * file is read whole as one split, as Spark does.
 */
final class CsvRecordReader implements Closeable {
  private static final byte[] NEWLINE = {'\n'};

  private final LineReader lines;
  private final boolean multiLine;
  private final byte delimiter;
  private final int quote;
  private final int escape;
  private final boolean trimLeading;

  private byte[] joined = new byte[0];
  private byte[] buffer;
  private int start;
  private int length;
  private long lineNumber;
  private long position;

  private CsvRecordReader(LineReader lines, CsvOptions options) {
    this.lines = lines;
    this.multiLine = options.multiLine;
    this.delimiter = options.delimiter;
    this.quote = options.quote;
    this.escape = options.escape;
    this.trimLeading = options.ignoreLeadingWhiteSpaceInRead;
  }

  static CsvRecordReader open(FileSplit split, CsvOptions options) throws IOException {
    if (options.multiLine && split.start() != 0) {
      // Not splittable: the split at offset 0 reads the whole file.
      split = new FileSplit(split.path(), split.fileLength(), 0, split.fileLength());
    } else if (options.multiLine) {
      split = new FileSplit(split.path(), 0, split.fileLength(), split.fileLength());
    }
    return new CsvRecordReader(
        LineReader.open(split, options.lineSeparator, CsvFileFormat.NAME), options);
  }

  /** Moves to the next record; false at the end of the split. */
  boolean next() throws IOException {
    if (!lines.next()) {
      return false;
    }
    lineNumber = lines.lineNumber();
    position = lines.linePosition();
    buffer = lines.buffer();
    start = lines.lineStart();
    length = lines.lineLength();
    if (!multiLine || quote < 0 || !endsInQuotes(buffer, start, length, false)) {
      return true;
    }
    int size = append(0, buffer, start, length);
    boolean open = true;
    while (open && lines.next()) {
      size = append(size, NEWLINE, 0, 1);
      size = append(size, lines.buffer(), lines.lineStart(), lines.lineLength());
      open = endsInQuotes(lines.buffer(), lines.lineStart(), lines.lineLength(), true);
    }
    buffer = joined;
    start = 0;
    length = size;
    return true;
  }

  private int append(int size, byte[] src, int off, int len) {
    if (joined.length < size + len) {
      joined = Arrays.copyOf(joined, Math.max(size + len, joined.length * 2 + 64));
    }
    System.arraycopy(src, off, joined, size, len);
    return size + len;
  }

  /**
   * Whether a quoted value is still open at the end of {@code b[s, s+len)}, given whether one was
   * open at its start; the same quote and escape rules as {@link CsvTokenizer}.
   */
  private boolean endsInQuotes(byte[] b, int s, int len, boolean inQuote) {
    int end = s + len;
    boolean fieldStart = !inQuote;
    int i = s;
    while (i < end) {
      byte c = b[i];
      if (inQuote) {
        if (escape >= 0
            && c == (byte) escape
            && escape != quote
            && i + 1 < end
            && (b[i + 1] == (byte) quote || b[i + 1] == (byte) escape)) {
          i += 2;
          continue;
        }
        if (c == (byte) quote) {
          if (escape == quote && i + 1 < end && b[i + 1] == (byte) quote) {
            i += 2;
            continue;
          }
          // Otherwise a quote ends the quoted part: it closes the value or, followed by text,
          // makes the rest of the value unquoted up to the delimiter.
          inQuote = false;
        }
        i++;
        continue;
      }
      if (c == delimiter) {
        fieldStart = true;
      } else if (fieldStart && c == (byte) quote) {
        inQuote = true;
        fieldStart = false;
      } else if (!(fieldStart && trimLeading && (c == ' ' || c == '\t'))) {
        fieldStart = false;
      }
      i++;
    }
    return inQuote;
  }

  byte[] buffer() {
    return buffer;
  }

  int start() {
    return start;
  }

  int length() {
    return length;
  }

  Path path() {
    return lines.path();
  }

  /** Where the current record starts, for messages. */
  String location() {
    return LineReader.location(lineNumber, position);
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
