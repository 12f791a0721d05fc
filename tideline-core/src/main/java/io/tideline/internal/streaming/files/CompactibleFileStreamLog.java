package io.tideline.internal.streaming.files;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tideline.internal.streaming.Clock;
import io.tideline.internal.streaming.checkpoint.LogFormat;
import io.tideline.internal.streaming.checkpoint.MetadataLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
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
 * A metadata log whose entries are lists of file records and whose every {@code compactInterval}-th
 * batch is a compaction holding all live records up to it, as Spark's {@code
 * CompactibleFileStreamLog}. The file source's log of processed files and the file sink's {@code
 * _spark_metadata} manifest are both built on it.
 *
 * <p>Layout (Spark's, so either engine reads the other's log): batch {@code N} is the file {@code
 * <dir>/N}, except when {@code (N + 1) % compactInterval == 0}, where it is {@code
 * <dir>/N.compact}. Each file is the version line {@code v1} followed by one JSON object per
 * record, one per line. A compaction file holds the records of the previous compaction file, of the
 * batches after it, and of its own batch, after {@link #compactLogs} and {@link #shouldRetain}, so
 * the latest state is one compaction file plus at most {@code compactInterval - 1} batch files.
 *
 * <p>Protocol of {@link #add} for a compaction batch {@code N}:
 *
 * <ol>
 *   <li>Read the previous compaction file and every batch after it, failing if one is missing.
 *   <li>Publish {@code N.compact} atomically; a crash before this leaves the older files intact, so
 *       a rerun of batch {@code N} compacts again from the same inputs.
 * </ol>
 *
 * <p>Cleanup, after every successful {@link #add} when deletion is on: the files before the latest
 * compaction that still covers the last {@code minBatchesToRetain} batches are deleted once they
 * are at least {@code cleanupDelayMs} old; the delay leaves readers that listed the folder before
 * the compaction time to finish with the old files.
 *
 * <p>The compact interval is fixed by the files on disk once a compaction exists, as in Spark: two
 * compaction files give it by their distance; a single one, {@code N.compact}, by the smallest
 * divisor of {@code N + 1} not below the configured interval. So a changed setting never moves the
 * compaction files away from where readers look for them.
 *
 * <p>{@link #purge} is refused: retention is by compaction, not by batch id.
 *
 * @param <E> the record type
 */
public abstract class CompactibleFileStreamLog<E> extends MetadataLog<List<E>> {

  /** The version of the log files, the only one Spark writes for file logs. */
  public static final int VERSION = 1;

  /** The suffix of compaction files. */
  public static final String COMPACT_FILE_SUFFIX = ".compact";

  /** How one record is written as and read from one JSON line. */
  public interface EntryFormat<E> {
    /** The record as a JSON object whose field order is Spark's. */
    ObjectNode toJson(E entry, ObjectMapper mapper);

    /**
     * The record of one JSON object.
     *
     * @throws IllegalArgumentException with a reason if a field is missing or has the wrong type
     */
    E fromJson(JsonNode node);
  }

  /**
   * When and whether old log files are deleted.
   *
   * @param deletion whether to delete at all ({@code ...log.deletion})
   * @param cleanupDelayMs how old a file must be before it is deleted ({@code ...log.cleanupDelay})
   * @param minBatchesToRetain how many recent batches stay readable ({@code
   *     tideline.sql.streaming.minBatchesToRetain}, 100 by default)
   */
  public record Cleanup(boolean deletion, long cleanupDelayMs, int minBatchesToRetain) {
    public Cleanup {
      if (cleanupDelayMs < 0) {
        throw new IllegalArgumentException(
            "Bug in Tideline: negative cleanup delay " + cleanupDelayMs);
      }
      if (minBatchesToRetain < 1) {
        throw new IllegalArgumentException(
            MetadataLog.MIN_BATCHES_TO_RETAIN_KEY
                + " must be at least 1, but is "
                + minBatchesToRetain);
      }
    }

    /** Deletion as configured, keeping Spark's default of 100 recent batches readable. */
    public Cleanup(boolean deletion, long cleanupDelayMs) {
      this(deletion, cleanupDelayMs, MetadataLog.DEFAULT_MIN_BATCHES_TO_RETAIN);
    }
  }

  static final ObjectMapper MAPPER = new ObjectMapper();

  private final int compactInterval;
  private final Cleanup cleanup;
  private final Clock clock;

  protected CompactibleFileStreamLog(
      Path dir,
      EntryFormat<E> entryFormat,
      int defaultCompactInterval,
      Cleanup cleanup,
      Clock clock) {
    super(dir, new ListFormat<>(entryFormat));
    if (defaultCompactInterval < 1) {
      throw new IllegalArgumentException(
          "The compact interval of a file stream log must be positive, but is "
              + defaultCompactInterval);
    }
    this.cleanup = cleanup;
    this.clock = clock;
    this.compactInterval = decideCompactInterval(defaultCompactInterval);
  }

  /** Whether batch {@code batchId} is a compaction under {@code compactInterval}. */
  public static boolean isCompactionBatch(long batchId, int compactInterval) {
    return (batchId + 1) % compactInterval == 0;
  }

  /**
   * The batches whose files hold the state as of {@code batchId}: the latest compaction at or
   * before it (if any) and every batch after that compaction, ascending.
   */
  public static List<Long> validBatchesUpTo(long batchId, int compactInterval) {
    long start = Math.max(0, (batchId + 1) / compactInterval * compactInterval - 1);
    List<Long> ids = new ArrayList<>();
    for (long id = start; id <= batchId; id++) {
      ids.add(id);
    }
    return ids;
  }

  /** The first compaction batch after {@code batchId}. */
  static long nextCompactionBatchId(long batchId, int compactInterval) {
    return (batchId + compactInterval + 1) / compactInterval * compactInterval - 1;
  }

  /** The interval in use, which may differ from the configured one (see the class comment). */
  public int compactInterval() {
    return compactInterval;
  }

  /**
   * Collapses the records of several batches before they are written to a compaction file or
   * returned by {@link #allFiles}; the default keeps them all.
   */
  protected List<E> compactLogs(List<E> logs) {
    return logs;
  }

  /** Whether a record is still live at {@code nowMs}; the default keeps every record forever. */
  protected boolean shouldRetain(E entry, long nowMs) {
    return true;
  }

  @Override
  public Path batchFile(long batchId) {
    String name = Long.toString(batchId);
    return dir()
        .resolve(isCompactionBatch(batchId, compactInterval) ? name + COMPACT_FILE_SUFFIX : name);
  }

  @Override
  public List<Long> batchIds() {
    List<Long> ids = new ArrayList<>();
    for (Path file : listLogFiles()) {
      ids.add(batchIdOf(file.getFileName().toString()));
    }
    Collections.sort(ids);
    return ids;
  }

  /**
   * Stores the records of a batch, compacting when the batch is a compaction batch, then deletes
   * expired files when deletion is on.
   *
   * @return false if the batch already had a file, which is kept unchanged
   */
  @Override
  public boolean add(long batchId, List<E> entries) {
    // A retried compaction must not need inputs that cleanup may already have deleted.
    if (Files.exists(batchFile(batchId))) {
      return false;
    }
    boolean added =
        isCompactionBatch(batchId, compactInterval)
            ? super.add(batchId, compact(batchId, entries))
            : super.add(batchId, List.copyOf(entries));
    if (added && cleanup.deletion()) {
      deleteExpiredLog(batchId);
    }
    return added;
  }

  /** Refused: see the class comment. */
  @Override
  public void purge(long thresholdBatchId) {
    throw FileStreamErrors.purgeUnsupported(dir());
  }

  /**
   * Every live record as of the latest batch: the latest compaction plus the batches after it,
   * after {@link #shouldRetain} and {@link #compactLogs}.
   *
   * <p>A concurrent writer may compact and delete the files this call is about to read. Then the
   * log has reached the next compaction and the read starts again from there; if it has not, the
   * log is damaged and this fails.
   */
  public List<E> allFiles() {
    OptionalLong latest = getLatestBatchId();
    while (latest.isPresent()) {
      long latestId = latest.getAsLong();
      long nowMs = clock.nowMs();
      List<E> logs = new ArrayList<>();
      boolean complete = true;
      for (long id : validBatchesUpTo(latestId, compactInterval)) {
        Optional<List<E>> batch = get(id);
        if (batch.isEmpty()) {
          complete = false;
          OptionalLong now = getLatestBatchId();
          if (now.orElse(-1) < nextCompactionBatchId(latestId, compactInterval)) {
            throw FileStreamErrors.missingCompactedBatch(
                dir(), batchFile(id), "read the state as of batch " + latestId, compactInterval);
          }
          latest = now;
          break;
        }
        for (E entry : batch.get()) {
          if (shouldRetain(entry, nowMs)) {
            logs.add(entry);
          }
        }
      }
      if (complete) {
        return compactLogs(logs);
      }
    }
    return List.of();
  }

  private List<E> compact(long batchId, List<E> entries) {
    List<E> all = new ArrayList<>();
    for (long id = Math.max(0, batchId - compactInterval); id < batchId; id++) {
      long batch = id;
      all.addAll(
          get(batch)
              .orElseThrow(
                  () ->
                      FileStreamErrors.missingCompactedBatch(
                          dir(), batchFile(batch), "compact batch " + batchId, compactInterval)));
    }
    all.addAll(entries);
    long nowMs = clock.nowMs();
    List<E> retained = new ArrayList<>(all.size());
    for (E entry : all) {
      if (shouldRetain(entry, nowMs)) {
        retained.add(entry);
      }
    }
    return List.copyOf(compactLogs(retained));
  }

  /**
   * Deletes the files no longer needed to read the last {@code minBatchesToRetain} batches: every
   * file before the latest compaction at or before the oldest retained batch, once it is older than
   * the cleanup delay. The delay leaves readers that listed the folder before a compaction time to
   * read the files they found.
   */
  private void deleteExpiredLog(long currentBatchId) {
    long minBatchId = currentBatchId + 1 - cleanup.minBatchesToRetain();
    if (compactInterval > minBatchId) {
      return;
    }
    long minCompactionBatchId = minBatchId - (minBatchId % compactInterval) - 1;
    long expiredMs = clock.nowMs() - cleanup.cleanupDelayMs();
    for (Path file : listLogFiles()) {
      if (batchIdOf(file.getFileName().toString()) >= minCompactionBatchId) {
        continue;
      }
      try {
        if (Files.getLastModifiedTime(file).toMillis() <= expiredMs) {
          Files.deleteIfExists(file);
        }
      } catch (NoSuchFileException alreadyGone) {
        // Another cleaner got there first; the file is gone either way.
      } catch (IOException e) {
        // Best effort, as in Spark: a file left behind is deleted by a later add.
      }
    }
  }

  /**
   * The interval the files on disk were written with, as Spark decides it: the distance between the
   * two latest compactions; with one compaction, the smallest divisor of {@code latest + 1} not
   * below the configured interval (or {@code latest + 1} itself); with none, the configured one.
   */
  private int decideCompactInterval(int defaultInterval) {
    long latest = -1;
    long previous = -1;
    for (Path file : listLogFiles()) {
      String name = file.getFileName().toString();
      if (name.endsWith(COMPACT_FILE_SUFFIX)) {
        long id = batchIdOf(name);
        if (id > latest) {
          previous = latest;
          latest = id;
        } else if (id > previous) {
          previous = id;
        }
      }
    }
    if (latest < 0) {
      return defaultInterval;
    }
    if (previous >= 0) {
      return Math.toIntExact(latest - previous);
    }
    int batches = Math.toIntExact(latest + 1);
    if (batches <= defaultInterval || defaultInterval >= batches / 2) {
      return batches;
    }
    for (int interval = defaultInterval; interval <= batches / 2; interval++) {
      if (batches % interval == 0) {
        return interval;
      }
    }
    return batches;
  }

  private List<Path> listLogFiles() {
    Path dir = dir();
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path file : stream) {
        if (batchIdOf(file.getFileName().toString()) >= 0) {
          files.add(file);
        }
      }
    } catch (IOException e) {
      throw FileStreamErrors.listFailed(dir, e);
    }
    return files;
  }

  /** The batch id of a log file name ({@code N} or {@code N.compact}), or -1 for other files. */
  static long batchIdOf(String name) {
    String digits =
        name.endsWith(COMPACT_FILE_SUFFIX)
            ? name.substring(0, name.length() - COMPACT_FILE_SUFFIX.length())
            : name;
    if (digits.isEmpty() || digits.length() > 18) {
      return -1;
    }
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
    }
    return Long.parseLong(digits);
  }

  /** The body of a batch file: one JSON record per line, no trailing newline, as Spark writes. */
  private static final class ListFormat<E> implements LogFormat<List<E>> {
    private final EntryFormat<E> entryFormat;

    ListFormat(EntryFormat<E> entryFormat) {
      this.entryFormat = entryFormat;
    }

    @Override
    public int version() {
      return VERSION;
    }

    @Override
    public void write(List<E> entries, Writer out) throws IOException {
      for (int i = 0; i < entries.size(); i++) {
        if (i > 0) {
          out.write('\n');
        }
        out.write(MAPPER.writeValueAsString(entryFormat.toJson(entries.get(i), MAPPER)));
      }
    }

    @Override
    public List<E> read(int version, BufferedReader body, Path file) throws IOException {
      List<E> entries = new ArrayList<>();
      int lineNumber = 1;
      for (String line = body.readLine(); line != null; line = body.readLine()) {
        lineNumber++;
        if (line.isEmpty()) {
          continue;
        }
        try {
          entries.add(entryFormat.fromJson(MAPPER.readTree(line)));
        } catch (JsonProcessingException e) {
          throw FileStreamErrors.malformedLogFile(
              file,
              "line " + lineNumber + " is not valid JSON (" + e.getOriginalMessage() + ")",
              e);
        } catch (IllegalArgumentException e) {
          throw FileStreamErrors.malformedLogFile(
              file, "line " + lineNumber + " is not a log entry: " + e.getMessage(), e);
        }
      }
      return List.copyOf(entries);
    }
  }
}
