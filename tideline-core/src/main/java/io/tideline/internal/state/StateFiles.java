package io.tideline.internal.state;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.NavigableSet;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes the in-memory provider's files: {@code <version>.delta} (the keys one batch put
 * or removed) and {@code <version>.snapshot} (every key of a version). The RocksDB provider writes
 * its {@code <version>.changelog} files in the delta format too.
 *
 * <p>Format, version 1 (integers big-endian):
 *
 * <ol>
 *   <li>magic {@code TLSS} (4 bytes), format version (int), kind (byte: 1 delta, 2 snapshot), the
 *       store version (long), the record count (long);
 *   <li>each record: key length (int), key bytes, value length (int, -1 for a removed key), value
 *       bytes;
 *   <li>an end marker (int -1) and the CRC-32 of every byte before it (int).
 * </ol>
 *
 * <p>Files are published atomically: written to {@code .<name>.<uuid>.tmp} in the same folder,
 * forced to disk (unless fsync is off), then renamed over the final name. A re-run batch replaces
 * its version's file, as Spark's provider overwrites it; the content is that run's changes. A crash
 * before the rename leaves only a temporary file, which readers never look at.
 */
public final class StateFiles {
  private static final Logger LOG = LoggerFactory.getLogger(StateFiles.class);

  public static final int FORMAT_VERSION = 1;
  public static final byte KIND_DELTA = 1;
  static final byte KIND_SNAPSHOT = 2;
  static final String DELTA_SUFFIX = ".delta";
  static final String SNAPSHOT_SUFFIX = ".snapshot";
  private static final int MAGIC = ('T' << 24) | ('L' << 16) | ('S' << 8) | 'S';
  private static final int END_MARKER = -1;
  private static final int REMOVED_LENGTH = -1;

  /** Called between writing a temporary file and publishing it; tests crash here. */
  @FunctionalInterface
  public interface PublishHook {
    PublishHook NONE = (temp, target) -> {};

    void beforePublish(Path temp, Path target) throws IOException;
  }

  /** Receives the records of a file as it is read. */
  public interface RecordSink {
    void put(byte[] key, byte[] value);

    void remove(byte[] key);
  }

  private StateFiles() {}

  /**
   * Lists a store's folder once, adding the version of each change file (ending in {@code
   * changeSuffix}) to {@code changes} and of each snapshot to {@code snapshots}; a missing folder
   * adds nothing. Providers track the files they write afterwards, so this runs only at start.
   */
  public static void listVersions(
      StateStoreId id,
      Path dir,
      String changeSuffix,
      NavigableSet<Long> changes,
      String snapshotSuffix,
      NavigableSet<Long> snapshots) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (name.endsWith(changeSuffix)) {
          addVersion(name, changeSuffix, changes);
        } else if (name.endsWith(snapshotSuffix)) {
          addVersion(name, snapshotSuffix, snapshots);
        }
      }
    } catch (IOException e) {
      throw StateStoreErrors.corruptFile(id, 0, dir, "cannot list the folder: " + e, e);
    }
  }

  private static void addVersion(String name, String suffix, NavigableSet<Long> into) {
    String digits = name.substring(0, name.length() - suffix.length());
    if (!digits.isEmpty() && digits.chars().allMatch(Character::isDigit)) {
      into.add(Long.parseLong(digits));
    }
  }

  static Path deltaFile(Path dir, long version) {
    return dir.resolve(version + DELTA_SUFFIX);
  }

  static Path snapshotFile(Path dir, long version) {
    return dir.resolve(version + SNAPSHOT_SUFFIX);
  }

  /**
   * Writes {@code map}'s entries as a file of {@code kind} and publishes it as {@code target}; in a
   * delta a value identical to {@code removed} marks a removed key.
   */
  public static void write(
      Path target,
      byte kind,
      long version,
      BytesMap map,
      byte[] removed,
      boolean fsync,
      PublishHook hook)
      throws IOException {
    Path temp = writeTemp(target, kind, version, map, removed, fsync);
    try {
      hook.beforePublish(temp, target);
      publish(temp, target, fsync);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Writes the file to a temporary name next to {@code target}, to be {@link #publish published} or
   * deleted by the caller; returns the temporary file.
   */
  static Path writeTemp(
      Path target, byte kind, long version, BytesMap map, byte[] removed, boolean fsync)
      throws IOException {
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path temp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    boolean written = false;
    try (FileChannel channel =
        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      OutputStream raw = Channels.newOutputStream(channel);
      CRC32 crc = new CRC32();
      // The buffer sits above the checksum so the CRC is updated a block at a time.
      DataOutputStream out =
          new DataOutputStream(
              new BufferedOutputStream(new CheckedOutputStream(raw, crc), 1 << 16));
      out.writeInt(MAGIC);
      out.writeInt(FORMAT_VERSION);
      out.writeByte(kind);
      out.writeLong(version);
      out.writeLong(map.size());
      for (int s = 0, n = map.capacity(); s < n; s++) {
        byte[] key = map.keyAt(s);
        if (key == null) {
          continue;
        }
        byte[] value = map.valueAt(s);
        out.writeInt(key.length);
        out.write(key);
        if (value == removed) {
          out.writeInt(REMOVED_LENGTH);
        } else {
          out.writeInt(value.length);
          out.write(value);
        }
      }
      out.writeInt(END_MARKER);
      out.flush();
      new DataOutputStream(raw).writeInt((int) crc.getValue());
      if (fsync) {
        channel.force(true);
      }
      written = true;
    } finally {
      if (!written) {
        Files.deleteIfExists(temp);
      }
    }
    return temp;
  }

  /**
   * Publishes a snapshot written to {@code temp} as {@code file} when {@code stillCurrent}, and
   * deletes {@code temp} in every case. Never fails: a snapshot that cannot be published only costs
   * a longer recovery, since the change files are still there.
   *
   * @param store the store, as error messages name it
   * @return whether the snapshot was published
   */
  public static boolean publishSnapshotQuietly(
      Path temp, Path file, boolean fsync, boolean stillCurrent, PublishHook hook, String store) {
    try {
      if (!stillCurrent) {
        return false;
      }
      hook.beforePublish(temp, file);
      publish(temp, file, fsync);
      return true;
    } catch (IOException e) {
      LOG.warn("Could not publish state snapshot {} of {}: {}", file, store, e);
      return false;
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // A leftover temporary file is never read.
      }
    }
  }

  /** Renames a temporary file over {@code target}, replacing an existing file atomically. */
  public static void publish(Path temp, Path target, boolean fsync) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    if (fsync) {
      syncDirectory(target.getParent());
    }
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // Windows cannot open directories; NTFS journals the rename itself.
    }
  }

  /** Why a file could not be read, for the caller to turn into a store error. */
  public static final class BadFile extends Exception {
    private static final long serialVersionUID = 1L;
    public final int foundVersion;

    BadFile(String reason, int foundVersion, Throwable cause) {
      super(reason, cause);
      this.foundVersion = foundVersion;
    }
  }

  /**
   * Reads a file of {@code kind} for store version {@code version} into {@code sink}, verifying
   * header and checksum; returns the record count from the header, or -1 if the file is missing.
   * Records reach the sink before the checksum is verified: callers read into a fresh map and drop
   * it on failure.
   */
  public static long read(Path file, byte kind, long version, RecordSink sink) throws BadFile {
    long fileSize;
    InputStream in;
    try {
      fileSize = Files.size(file);
      in = Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      return -1;
    } catch (IOException e) {
      throw new BadFile("cannot open it: " + e, 0, e);
    }
    try (ChecksummedInput data = new ChecksummedInput(in)) {
      if (data.readInt() != MAGIC) {
        throw new BadFile("it does not start with the state file magic number", 0, null);
      }
      int formatVersion = data.readInt();
      if (formatVersion > FORMAT_VERSION || formatVersion < 1) {
        throw new BadFile("unsupported format version " + formatVersion, formatVersion, null);
      }
      byte foundKind = data.readByte();
      long foundVersion = data.readLong();
      if (foundKind != kind || foundVersion != version) {
        throw new BadFile(
            "it holds "
                + (foundKind == KIND_DELTA ? "the changes" : "a snapshot")
                + " of version "
                + foundVersion
                + " where "
                + (kind == KIND_DELTA ? "the changes" : "a snapshot")
                + " of version "
                + version
                + " was expected",
            0,
            null);
      }
      long count = data.readLong();
      long records = 0;
      while (true) {
        int keyLength = data.readInt();
        if (keyLength == END_MARKER) {
          break;
        }
        byte[] key = readBytes(data, keyLength, fileSize);
        int valueLength = data.readInt();
        if (valueLength == REMOVED_LENGTH && kind == KIND_DELTA) {
          sink.remove(key);
        } else {
          sink.put(key, readBytes(data, valueLength, fileSize));
        }
        records++;
      }
      int expected = data.checksum();
      int stored = data.readInt();
      if (stored != expected) {
        throw new BadFile("checksum mismatch", 0, null);
      }
      if (records != count) {
        throw new BadFile("it holds " + records + " records, its header says " + count, 0, null);
      }
      if (!data.atEnd()) {
        throw new BadFile("unexpected bytes after the checksum", 0, null);
      }
      return count;
    } catch (EOFException e) {
      throw new BadFile("it is truncated", 0, e);
    } catch (IOException e) {
      throw new BadFile("cannot read it: " + e, 0, e);
    }
  }

  private static byte[] readBytes(ChecksummedInput data, int length, long fileSize)
      throws IOException, BadFile {
    if (length < 0 || length > fileSize) {
      throw new BadFile("a record length of " + length + " bytes is impossible", 0, null);
    }
    byte[] bytes = new byte[length];
    data.readFully(bytes);
    return bytes;
  }

  /**
   * A buffered big-endian reader that keeps a CRC-32 of the bytes consumed so far (not of the bytes
   * merely buffered), updated a block at a time.
   */
  private static final class ChecksummedInput implements AutoCloseable {
    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private final CRC32 crc = new CRC32();
    private int pos;
    private int limit;
    private int crcFrom;

    ChecksummedInput(InputStream in) {
      this.in = in;
    }

    /** Makes {@code n} (at most the buffer size) bytes available; false at end of input. */
    private boolean fill(int n) throws IOException {
      if (limit - pos >= n) {
        return true;
      }
      crc.update(buf, crcFrom, pos - crcFrom);
      int remaining = limit - pos;
      System.arraycopy(buf, pos, buf, 0, remaining);
      pos = 0;
      crcFrom = 0;
      limit = remaining;
      while (limit < n) {
        int read = in.read(buf, limit, buf.length - limit);
        if (read < 0) {
          return false;
        }
        limit += read;
      }
      return true;
    }

    private void require(int n) throws IOException {
      if (!fill(n)) {
        throw new EOFException();
      }
    }

    byte readByte() throws IOException {
      require(1);
      return buf[pos++];
    }

    int readInt() throws IOException {
      require(4);
      int v = (int) ValueCodec.INT_BE.get(buf, pos);
      pos += 4;
      return v;
    }

    long readLong() throws IOException {
      require(8);
      long v = (long) ValueCodec.LONG_BE.get(buf, pos);
      pos += 8;
      return v;
    }

    void readFully(byte[] dst) throws IOException {
      int done = 0;
      while (done < dst.length) {
        require(1);
        int n = Math.min(dst.length - done, limit - pos);
        System.arraycopy(buf, pos, dst, done, n);
        pos += n;
        done += n;
      }
    }

    /** The CRC-32 of every byte consumed so far. */
    int checksum() {
      crc.update(buf, crcFrom, pos - crcFrom);
      crcFrom = pos;
      return (int) crc.getValue();
    }

    boolean atEnd() throws IOException {
      return !fill(1);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
