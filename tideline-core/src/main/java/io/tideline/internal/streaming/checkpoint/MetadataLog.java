package io.tideline.internal.streaming.checkpoint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A write-ahead log of one entry per micro-batch, kept as one file per batch id under a folder
 * ({@code <dir>/0}, {@code <dir>/1}, ...), as Spark's {@code HDFSMetadataLog}.
 *
 * <p>File format: line 1 is the format version {@code v<n>}; the rest is the body written by the
 * entry's {@link LogFormat}. A reader refuses a file whose version is newer than its format's
 * {@link LogFormat#version()}, naming the file and both versions.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link #add} never overwrites: it returns false if the batch exists, and keeps the first
 *       entry. Files are published atomically (see {@link AtomicFiles}), so a reader never sees a
 *       partial file, even after a crash midway through a write.
 *   <li>Listing ignores anything that is not a batch id, in particular temporary files left by a
 *       crash and checksum files of other tools.
 *   <li>{@link #purge} deletes entries older than a threshold, for retention ({@code
 *       minBatchesToRetain}, default {@value #DEFAULT_MIN_BATCHES_TO_RETAIN} as in Spark).
 * </ul>
 *
 * <p>Concurrency: one query's stream thread uses a log; the checkpoint lock keeps other queries
 * out. Even so, two racing writers of one batch cannot both succeed.
 *
 * @param <T> the entry type
 */
public class MetadataLog<T> {

  /** Spark's default of {@code spark.sql.streaming.minBatchesToRetain}. */
  public static final int DEFAULT_MIN_BATCHES_TO_RETAIN = 100;

  /** The conf key of the number of batches whose log entries (and state) stay recoverable. */
  public static final String MIN_BATCHES_TO_RETAIN_KEY =
      "tideline.sql.streaming.minBatchesToRetain";

  /**
   * Whether checkpoint files are forced to the device before they are published. Off by default, as
   * Spark (which renames checkpoint files without forcing them): a killed process still leaves
   * whole files or none, and forcing costs about 5 ms per file on an ordinary disk, which would be
   * most of a small batch's time. Turn it on to survive power loss of the machine.
   */
  public static final String FSYNC_KEY = "tideline.sql.streaming.checkpoint.fsync";

  /** One entry with its batch id. */
  public record Entry<T>(long batchId, T value) {}

  private final Path dir;
  private final LogFormat<T> format;
  private volatile boolean forceToDisk = true;

  public MetadataLog(Path dir, LogFormat<T> format) {
    this.dir = dir;
    this.format = format;
  }

  /**
   * Sets whether new files are forced to the device before they are published ({@link #FSYNC_KEY});
   * on unless set.
   */
  public MetadataLog<T> forceToDisk(boolean force) {
    this.forceToDisk = force;
    return this;
  }

  /** The folder holding the batch files. */
  public Path dir() {
    return dir;
  }

  /** The file of a batch, whether or not it exists. */
  public Path batchFile(long batchId) {
    return dir.resolve(Long.toString(batchId));
  }

  /**
   * Stores the entry of a batch unless that batch already has one.
   *
   * @return true if written; false if the batch already had an entry, which is kept unchanged
   * @throws io.tideline.internal.errors.TidelineException {@code CHECKPOINT_WRITE_FAILED} if the
   *     file cannot be written; then no file for the batch is visible
   */
  public boolean add(long batchId, T entry) {
    return add(batchId, entry, () -> {});
  }

  /**
   * As {@link #add(long, Object)}, calling {@code beforePublish} after the entry is written to its
   * temporary file and before it becomes visible (the loop's {@code DURING_CHECKPOINT_RENAME}
   * point). An exception from it leaves no file for the batch.
   */
  public boolean add(long batchId, T entry, Runnable beforePublish) {
    if (batchId < 0) {
      throw new IllegalArgumentException("Bug in Tideline: negative batch id " + batchId);
    }
    if (entry == null) {
      throw new IllegalArgumentException("Bug in Tideline: null entry for batch " + batchId);
    }
    Path file = batchFile(batchId);
    try {
      return AtomicFiles.createNew(
          file,
          out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            writer.write("v" + format.version());
            writer.write('\n');
            format.write(entry, writer);
            writer.flush();
          },
          beforePublish,
          forceToDisk);
    } catch (IOException e) {
      throw CheckpointErrors.writeFailed(file, e);
    }
  }

  /** The entry of a batch, or empty if the batch has no file (never written, or purged). */
  public Optional<T> get(long batchId) {
    Path file = batchFile(batchId);
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
      int version = checkVersion(readVersion(in.readLine(), file), file);
      return Optional.of(format.read(version, in, file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw CheckpointErrors.readFailed(file, e);
    }
  }

  /** The highest batch id with a file, without reading the file. */
  public OptionalLong getLatestBatchId() {
    List<Long> ids = batchIds();
    return ids.isEmpty() ? OptionalLong.empty() : OptionalLong.of(ids.get(ids.size() - 1));
  }

  /**
   * The entry with the highest batch id. If that file cannot be read this fails rather than fall
   * back to an older batch, which would silently re-run data.
   */
  public Optional<Entry<T>> getLatest() {
    OptionalLong latest = getLatestBatchId();
    if (latest.isEmpty()) {
      return Optional.empty();
    }
    long batchId = latest.getAsLong();
    T value =
        get(batchId)
            .orElseThrow(
                () ->
                    CheckpointErrors.malformedLogFile(
                        batchFile(batchId), "the file disappeared while it was being read"));
    return Optional.of(new Entry<>(batchId, value));
  }

  /** Every batch id with a file, ascending. */
  public List<Long> batchIds() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Long> ids = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        long id = parseBatchId(file.getFileName().toString());
        if (id >= 0) {
          ids.add(id);
        }
      }
    } catch (IOException e) {
      throw CheckpointErrors.readFailed(dir, e);
    }
    Collections.sort(ids);
    return ids;
  }

  /** Deletes every entry whose batch id is below {@code thresholdBatchId} (exclusive). */
  public void purge(long thresholdBatchId) {
    for (long batchId : batchIds()) {
      if (batchId >= thresholdBatchId) {
        break;
      }
      Path file = batchFile(batchId);
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw CheckpointErrors.writeFailed(file, e);
      }
    }
  }

  /**
   * Purges for retention when batch {@code currentBatchId} starts, keeping the entries of the last
   * {@code minBatchesToRetain} batches, as Spark does: nothing is purged until more than that many
   * batches exist.
   */
  public void purgeRetaining(long currentBatchId, int minBatchesToRetain) {
    if (minBatchesToRetain < 1) {
      throw new IllegalArgumentException(
          MIN_BATCHES_TO_RETAIN_KEY + " must be at least 1, but is " + minBatchesToRetain);
    }
    if (minBatchesToRetain < currentBatchId) {
      purge(currentBatchId - minBatchesToRetain);
    }
  }

  /** Parses a version line {@code v<n>}, refusing anything else as malformed. */
  static int readVersion(String line, Path file) {
    if (line == null) {
      throw CheckpointErrors.malformedLogFile(file, "the file is empty");
    }
    String text = line.trim();
    int version = -1;
    if (text.length() > 1 && text.charAt(0) == 'v') {
      try {
        version = Integer.parseInt(text.substring(1));
      } catch (NumberFormatException e) {
        version = -1;
      }
    }
    if (version <= 0) {
      throw CheckpointErrors.malformedLogFile(
          file, "failed to read the log version from the first line '" + text + "'");
    }
    return version;
  }

  /** Checks a version read by {@link #readVersion} against the format, naming the file. */
  private int checkVersion(int version, Path file) {
    if (version > format.version()) {
      throw CheckpointErrors.unsupportedLogVersion(file, version, format.version());
    }
    return version;
  }

  private static long parseBatchId(String name) {
    if (name.isEmpty() || name.length() > 19) {
      return -1;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
    }
    try {
      return Long.parseLong(name);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
