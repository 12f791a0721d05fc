package io.tideline.internal.datasource.text;

import io.tideline.internal.datasource.FileSplit;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Reads the lines of one {@link FileSplit} as slices of a reusable byte buffer, for the line-based
 * formats (csv, text).
 *
 * <p>Ownership, as Hadoop's {@code LineRecordReader} (and so Spark) decides it: a line starting at
 * byte {@code p} belongs to the split {@code [start, end)} when {@code p <= end} and, for a split
 * other than the first, {@code p > start}. So a split other than the first throws away everything
 * up to and including the first line separator at or after {@code start}, and every split reads the
 * line that starts at its {@code end} to its own end. Splits that tile a file therefore see every
 * line exactly once, whatever the split sizes.
 *
 * <p>Separators: by default {@code \n}, {@code \r\n} and {@code \r}; otherwise exactly the bytes of
 * the {@code lineSep} option. A {@code .gz} file cannot be split: the split at offset 0 reads the
 * whole file and the others read nothing.
 *
 * <p>Why a hand-written reader rather than a {@code BufferedReader}: lines stay UTF-8 bytes in one
 * buffer that parsers read in place, so a scan allocates nothing per line.
 */
public final class LineReader implements Closeable {
  private static final int INITIAL_BUFFER = 64 * 1024;

  private final Path path;
  private final InputStream in;
  private final byte[] separator;
  private final boolean compressed;
  private final long start;
  private final long end;

  private byte[] buf = new byte[INITIAL_BUFFER];
  private int pos;
  private int limit;
  private boolean eof;

  /** Absolute file position of {@code buf[0]}. */
  private long bufOffset;

  private boolean done;
  private int lineStart;
  private int lineLength;
  private long linePosition;
  private long lineNumber;

  private LineReader(
      Path path,
      InputStream in,
      byte[] separator,
      boolean compressed,
      long start,
      long end,
      long readFrom) {
    this.path = path;
    this.in = in;
    this.separator = separator;
    this.compressed = compressed;
    this.start = start;
    this.end = end;
    this.bufOffset = readFrom;
  }

  /**
   * Opens {@code split}; {@code separator} is the lineSep option's bytes, or null for the default
   * separators.
   *
   * @throws io.tideline.internal.errors.ExecutionException PATH_NOT_FOUND when the file is missing
   */
  public static LineReader open(FileSplit split, byte[] separator, String format)
      throws IOException {
    Path path = split.path();
    boolean compressed = path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    FileChannel channel;
    try {
      channel = FileChannel.open(path, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw FileErrors.pathNotFound(path);
    } catch (IOException e) {
      throw FileErrors.failedRead(format, path, e);
    }
    if (compressed) {
      if (split.start() != 0) {
        LineReader r =
            new LineReader(
                path, Channels.newInputStream(channel), separator, true, 0, Long.MAX_VALUE, 0);
        r.done = true;
        return r;
      }
      try {
        InputStream in = new GZIPInputStream(Channels.newInputStream(channel), 64 * 1024);
        return new LineReader(path, in, separator, true, 0, Long.MAX_VALUE, 0);
      } catch (IOException e) {
        channel.close();
        throw FileErrors.failedRead(format, path, e);
      }
    }
    long start = split.start();
    long end = start + split.length();
    int sepLength = separator == null ? 1 : separator.length;
    long readFrom = start == 0 ? 0 : Math.max(0, start - (sepLength - 1));
    try {
      channel.position(readFrom);
      LineReader r =
          new LineReader(
              path, Channels.newInputStream(channel), separator, false, start, end, readFrom);
      if (start != 0) {
        r.skipPartialLine();
      }
      return r;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  public Path path() {
    return path;
  }

  /** Moves to the next line of the split; false at its end. */
  public boolean next() throws IOException {
    if (done) {
      return false;
    }
    long p = bufOffset + pos;
    if (!compressed && p > end) {
      done = true;
      return false;
    }
    int scanned = 0;
    while (true) {
      int from = pos + scanned;
      int t = findSeparator(from);
      if (t >= 0) {
        int sepLen = separatorLengthAt(t);
        if (sepLen < 0) {
          // A lone '\r' at the end of the buffer: read on to see whether '\n' follows.
          scanned = t - pos;
          if (!fill()) {
            sepLen = 1;
          } else {
            continue;
          }
          t = pos + scanned;
        }
        setLine(pos, t - pos, p);
        pos = t + sepLen;
        return true;
      }
      scanned = Math.max(0, limit - pos - (separator == null ? 0 : separator.length - 1));
      if (!fill()) {
        if (pos == limit) {
          done = true;
          return false;
        }
        setLine(pos, limit - pos, p);
        pos = limit;
        return true;
      }
    }
  }

  /** The buffer holding the current line; valid until the next call to {@link #next()}. */
  public byte[] buffer() {
    return buf;
  }

  public int lineStart() {
    return lineStart;
  }

  public int lineLength() {
    return lineLength;
  }

  /** The byte offset of the current line in the file. */
  public long linePosition() {
    return linePosition;
  }

  /**
   * Where the current line is, for messages: {@code line 12} when the split starts the file (so
   * lines are counted from its start), else its byte offset.
   */
  public String location() {
    return location(lineNumber, linePosition);
  }

  /** The {@link #location()} text for a line number (0 when unknown) and byte offset. */
  public static String location(long lineNumber, long position) {
    return lineNumber > 0 ? "line " + lineNumber : "the line at byte offset " + position;
  }

  /** The 1-based number of the current line in the file, or 0 when the split starts mid-file. */
  public long lineNumber() {
    return lineNumber;
  }

  private void setLine(int s, int len, long position) {
    lineStart = s;
    lineLength = len;
    linePosition = position;
    if (start == 0) {
      lineNumber++;
    }
  }

  private void skipPartialLine() throws IOException {
    long before = lineNumber;
    if (!next()) {
      done = true;
    }
    lineNumber = before;
  }

  /** The index of the next separator's first byte at or after {@code from}, or -1. */
  private int findSeparator(int from) {
    byte[] b = buf;
    if (separator == null) {
      for (int i = from; i < limit; i++) {
        byte c = b[i];
        if (c == '\n' || c == '\r') {
          return i;
        }
      }
      return -1;
    }
    byte first = separator[0];
    int k = separator.length;
    for (int i = from; i + k <= limit; i++) {
      if (b[i] == first && Arrays.equals(b, i, i + k, separator, 0, k)) {
        return i;
      }
    }
    return -1;
  }

  /** The length of the separator at {@code t}, or -1 when it is '\r' with no byte after it yet. */
  private int separatorLengthAt(int t) {
    if (separator != null) {
      return separator.length;
    }
    if (buf[t] == '\n') {
      return 1;
    }
    if (t + 1 < limit) {
      return buf[t + 1] == '\n' ? 2 : 1;
    }
    return eof ? 1 : -1;
  }

  /** Reads more bytes after {@code limit}, compacting or growing the buffer; false at EOF. */
  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      bufOffset += pos;
      limit -= pos;
      pos = 0;
    }
    if (limit == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    int wanted = buf.length - limit;
    int n = in.readNBytes(buf, limit, wanted);
    // readNBytes returns short only at the end of the stream.
    if (n < wanted) {
      eof = true;
    }
    if (n <= 0) {
      return false;
    }
    limit += n;
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
