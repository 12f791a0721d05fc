package io.tideline.internal.streaming.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.streaming.Clock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The file stream source's log of the files each batch read, {@code <checkpoint>/sources/<i>/}, as
 * Spark's {@code FileStreamSourceLog}: batch {@code N} lists the files of source offset {@code
 * {"logOffset":N}}.
 *
 * <p>File format (Spark's, version 1), one record per line:
 *
 * <pre>
 * v1
 * {"path":"file:///data/in/a.json","timestamp":1700000000000,"batchId":0}
 * </pre>
 *
 * <p>A compaction file {@code N.compact} holds the records of every batch up to {@code N}, each
 * still carrying the batch id that read it, so {@link #get(long, long)} can answer for any batch.
 */
public final class FileStreamSourceLog extends CompactibleFileStreamLog<FileEntry> {

  /** Conf key of the compact interval (Spark: {@code spark.sql.streaming.fileSource.log.*}). */
  public static final String COMPACT_INTERVAL_KEY =
      "tideline.sql.streaming.fileSource.log.compactInterval";

  /**
   * Conf key of the delay before old log files are deleted: a time string, milliseconds without a
   * unit.
   */
  public static final String CLEANUP_DELAY_KEY =
      "tideline.sql.streaming.fileSource.log.cleanupDelay";

  /** Conf key that turns the deletion of old log files on or off. */
  public static final String DELETION_KEY = "tideline.sql.streaming.fileSource.log.deletion";

  public static final int DEFAULT_COMPACT_INTERVAL = 10;
  public static final long DEFAULT_CLEANUP_DELAY_MS = 10 * 60 * 1000L;

  public FileStreamSourceLog(Path dir, int compactInterval, Cleanup cleanup, Clock clock) {
    super(dir, new Format(), compactInterval, cleanup, clock);
  }

  /** Opens the log with the compact interval and cleanup settings of the conf. */
  public static FileStreamSourceLog open(Path dir, TidelineConf conf, Clock clock) {
    return new FileStreamSourceLog(
        dir,
        conf.getInt(COMPACT_INTERVAL_KEY, DEFAULT_COMPACT_INTERVAL),
        new Cleanup(
            conf.getBoolean(DELETION_KEY, true),
            TimeStrings.toMs(
                CLEANUP_DELAY_KEY, conf.get(CLEANUP_DELAY_KEY, DEFAULT_CLEANUP_DELAY_MS + "ms")),
            conf.getInt(MIN_BATCHES_TO_RETAIN_KEY, DEFAULT_MIN_BATCHES_TO_RETAIN)),
        clock);
  }

  /**
   * The files of every batch in {@code [startId, endId]} that has an entry, by batch id ascending.
   * A compaction file answers for its own batch with the records whose batch id is that batch. A
   * batch whose file cleanup already deleted is answered from the latest compaction, which holds
   * its records, as Spark does.
   */
  public Map<Long, List<FileEntry>> get(long startId, long endId) {
    Map<Long, List<FileEntry>> batches = new TreeMap<>();
    List<Long> removed = new ArrayList<>();
    for (long id = Math.max(0, startId); id <= endId; id++) {
      Optional<List<FileEntry>> entries = get(id);
      if (entries.isEmpty()) {
        removed.add(id);
      } else if (isCompactionBatch(id, compactInterval())) {
        batches.put(id, ofBatch(entries.get(), id));
      } else {
        batches.put(id, entries.get());
      }
    }
    OptionalLong latest = getLatestBatchId();
    if (!removed.isEmpty() && latest.isPresent()) {
      long latestCompaction = validBatchesUpTo(latest.getAsLong(), compactInterval()).get(0);
      Optional<List<FileEntry>> compacted =
          isCompactionBatch(latestCompaction, compactInterval())
              ? get(latestCompaction)
              : Optional.empty();
      if (compacted.isPresent()) {
        for (long id : removed) {
          List<FileEntry> own = ofBatch(compacted.get(), id);
          if (!own.isEmpty()) {
            batches.put(id, own);
          }
        }
      }
    }
    return batches;
  }

  private static List<FileEntry> ofBatch(List<FileEntry> entries, long batchId) {
    List<FileEntry> own = new ArrayList<>();
    for (FileEntry entry : entries) {
      if (entry.batchId() == batchId) {
        own.add(entry);
      }
    }
    return List.copyOf(own);
  }

  /**
   * Fills a seen-files map with every file this log recorded, then purges it, as a restarted source
   * does before its first listing.
   */
  public void restore(SeenFiles seenFiles) {
    for (FileEntry entry : allFiles()) {
      seenFiles.add(entry.path(), entry.timestamp());
    }
    seenFiles.purge();
  }

  private static final class Format implements EntryFormat<FileEntry> {
    @Override
    public ObjectNode toJson(FileEntry entry, ObjectMapper mapper) {
      ObjectNode node = mapper.createObjectNode();
      node.put("path", entry.path());
      node.put("timestamp", entry.timestamp());
      node.put("batchId", entry.batchId());
      return node;
    }

    @Override
    public FileEntry fromJson(JsonNode node) {
      return new FileEntry(
          LogJson.text(node, "path"),
          LogJson.longValue(node, "timestamp"),
          LogJson.longValue(node, "batchId"));
    }
  }
}
