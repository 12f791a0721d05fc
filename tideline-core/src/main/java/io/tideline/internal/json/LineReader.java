package io.tideline.internal.json;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads the lines of one byte range of a file, with {@code FileSplit}'s ownership rule: a reader
 * owns every line that starts in {@code [start, end)}, reads the last one past {@code end} to its
 * terminator, and leaves the partial line at {@code start} to the previous split. So splits at any
 * byte boundaries yield each line exactly once.
 *
 * <p>Lines are handed out in place, as a range of {@link #buffer()}, valid until the next call to
 * {@link #next()}: no per-line copy, and not after {@link #close()}, which recycles the buffer. The
 * default terminator is {@code \n}, with a {@code \r} before it dropped; a user {@code lineSep} is
 * matched as given.
 */
final class LineReader implements Closeable {
  private static final int DEFAULT_BUFFER = 4 << 20;
  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
          long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  /**
   * One spare read buffer per thread, handed from a closed reader to the next one: a split's 4 MB
   * buffer is a humongous allocation for G1, and one per split costs a collection every few splits.
   * A reader takes the spare exclusively, so readers open at the same time never share a buffer.
   */
  private static final ThreadLocal<byte[]> SPARE_BUFFER = new ThreadLocal<>();

  /** Buffers grown past this (for very long lines) are not kept. */
  private static final int MAX_SPARE_BUFFER = 4 * DEFAULT_BUFFER;

  private final FileChannel channel;
  private final long end;
  private final byte[] sep;
  private final boolean defaultSep;

  private byte[] buf;

  /** File offset of {@code buf[0]}. */
  private long bufFileOffset;

  private int limit;
  private int pos;
  private boolean eof;
  private boolean done;

  private int fills;

  private int lineStart;
  private int lineLength;
  private long lineNumber;

  /**
   * @param lineSep the separator, or null for the default ({@code \n} or {@code \r\n})
   */
  LineReader(Path path, long start, long length, byte[] lineSep) throws IOException {
    this.channel = FileChannel.open(path, StandardOpenOption.READ);
    this.end = start + length;
    this.defaultSep = lineSep == null;
    this.sep = lineSep == null ? new byte[] {'\n'} : lineSep;
    this.buf = takeBuffer((int) Math.min(DEFAULT_BUFFER, Math.max(64 << 10, length + (64 << 10))));
    if (start > 0) {
      long from = Math.max(0, start - sep.length);
      bufFileOffset = from;
      channel.position(from);
      // Skip to the end of the first separator that ends at or after start: the line there is ours.
      while (true) {
        int i = indexOfSep(pos);
        if (i >= 0 && bufFileOffset + i + sep.length >= start) {
          pos = i + sep.length;
          break;
        }
        if (i >= 0) {
          pos = i + 1;
          continue;
        }
        if (eof) {
          done = true;
          break;
        }
        pos = Math.max(pos, limit - sep.length + 1);
        fill();
      }
    } else {
      channel.position(0);
    }
  }

  private static byte[] takeBuffer(int size) {
    byte[] spare = SPARE_BUFFER.get();
    if (spare != null && spare.length >= size) {
      SPARE_BUFFER.set(null);
      return spare;
    }
    return new byte[size];
  }

  /** Advances to the next owned line; false when there is none. */
  boolean next() throws IOException {
    if (done) {
      return false;
    }
    if (bufFileOffset + pos >= end) {
      done = true;
      return false;
    }
    int searchFrom = pos;
    while (true) {
      int i = indexOfSep(searchFrom);
      if (i >= 0) {
        setLine(pos, i);
        pos = i + sep.length;
        return true;
      }
      if (eof) {
        if (pos < limit) {
          setLine(pos, limit);
          pos = limit;
          return true;
        }
        done = true;
        return false;
      }
      int scanned = limit - pos;
      fill();
      searchFrom = pos + Math.max(0, scanned - sep.length + 1);
    }
  }

  /**
   * Where the next owned line starts in {@link #buffer()}, for a caller that finds the line's end
   * itself and then calls {@link #skipLine}; -1 when there is no next owned line, or the separator
   * is not the default one. The line may run past {@link #limit()}.
   */
  int peekLineStart() {
    if (!defaultSep || done || bufFileOffset + pos >= end) {
      return -1;
    }
    return pos;
  }

  /**
   * Makes the line from {@link #peekLineStart()} to the {@code \n} at {@code newlineAt} (a caller
   * found it before {@link #limit()}) the current line, as {@link #next()} would have.
   */
  void skipLine(int newlineAt) {
    setLine(pos, newlineAt);
    pos = newlineAt + 1;
  }

  private void setLine(int from, int to) {
    int len = to - from;
    if (defaultSep && len > 0 && buf[to - 1] == '\r') {
      len--;
    }
    lineStart = from;
    lineLength = len;
    lineNumber++;
  }

  /** How often the buffer's contents moved or grew: lines handed out earlier are then stale. */
  int fills() {
    return fills;
  }

  /** The end of the valid bytes in {@link #buffer()}. */
  int limit() {
    return limit;
  }

  byte[] buffer() {
    return buf;
  }

  int lineStart() {
    return lineStart;
  }

  int lineLength() {
    return lineLength;
  }

  /** The 1-based number of the current line within this split. */
  long lineNumber() {
    return lineNumber;
  }

  /** The file offset of the current line's first byte. */
  long lineOffset() {
    return bufFileOffset + lineStart;
  }

  private int indexOfSep(int from) {
    byte[] b = buf;
    int lim = limit;
    if (sep.length == 1) {
      byte s = sep[0];
      int i = from;
      // Eight bytes at a time: a zero byte in (word ^ pattern) marks the separator.
      long pattern = (s & 0xFFL) * 0x0101010101010101L;
      for (; i + 8 <= lim; i += 8) {
        long x = (long) LONGS.get(b, i) ^ pattern;
        long found = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
        if (found != 0) {
          return i + (Long.numberOfTrailingZeros(found) >>> 3);
        }
      }
      for (; i < lim; i++) {
        if (b[i] == s) {
          return i;
        }
      }
      return -1;
    }
    outer:
    for (int i = from; i <= lim - sep.length; i++) {
      for (int k = 0; k < sep.length; k++) {
        if (b[i + k] != sep[k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** Keeps the unconsumed bytes from {@code pos}, moves them to the front and reads more. */
  private void fill() throws IOException {
    fills++;
    int keep = limit - pos;
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, keep);
      bufFileOffset += pos;
      pos = 0;
      limit = keep;
    }
    if (limit == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    ByteBuffer bb = ByteBuffer.wrap(buf, limit, buf.length - limit);
    while (bb.hasRemaining()) {
      int n = channel.read(bb);
      if (n < 0) {
        eof = true;
        break;
      }
    }
    limit = bb.position();
  }

  @Override
  public void close() throws IOException {
    byte[] b = buf;
    // Cleared first, so a second close cannot hand out a buffer another reader has taken.
    buf = null;
    if (b != null && b.length <= MAX_SPARE_BUFFER) {
      SPARE_BUFFER.set(b);
    }
    channel.close();
  }
}
