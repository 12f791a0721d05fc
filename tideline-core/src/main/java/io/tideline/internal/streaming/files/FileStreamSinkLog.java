package io.tideline.internal.streaming.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.streaming.Clock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The file sink's manifest of committed files, {@code <sink path>/_spark_metadata/}, as Spark's
 * {@code FileStreamSinkLog}: batch {@code N} lists the files batch {@code N} wrote, and a reader of
 * the sink folder reads only files listed here.
 *
 * <p>File format (Spark's, version 1), one record per line:
 *
 * <pre>
 * v1
 * {"path":"file:///out/part-00000-....parquet","size":1024,"isDir":false,"modificationTime":1700000000000,"blockReplication":1,"blockSize":33554432,"action":"add"}
 * </pre>
 *
 * <p>Compaction drops every path that has a {@code delete} record. With a {@code retention} (the
 * sink option, a time string), records of files modified longer ago than the retention are dropped
 * at compaction and when reading, as in Spark; the files themselves stay on disk.
 */
public final class FileStreamSinkLog extends CompactibleFileStreamLog<SinkFileStatus> {

  /** The folder of the manifest inside the sink's output folder. */
  public static final String METADATA_DIR = "_spark_metadata";

  /** Conf key of the compact interval (Spark: {@code spark.sql.streaming.fileSink.log.*}). */
  public static final String COMPACT_INTERVAL_KEY =
      "tideline.sql.streaming.fileSink.log.compactInterval";

  /**
   * Conf key of the delay before old manifest files are deleted: a time string, as the source's.
   */
  public static final String CLEANUP_DELAY_KEY = "tideline.sql.streaming.fileSink.log.cleanupDelay";

  /** Conf key that turns the deletion of old manifest files on or off. */
  public static final String DELETION_KEY = "tideline.sql.streaming.fileSink.log.deletion";

  public static final int DEFAULT_COMPACT_INTERVAL = 10;
  public static final long DEFAULT_CLEANUP_DELAY_MS = 10 * 60 * 1000L;

  private final long retentionMs;

  /**
   * @param retentionMs how long a record stays after its file's modification; {@code
   *     Long.MAX_VALUE} for ever
   */
  public FileStreamSinkLog(
      Path metadataDir, int compactInterval, Cleanup cleanup, Clock clock, long retentionMs) {
    super(metadataDir, new Format(), compactInterval, cleanup, clock);
    if (retentionMs < 0) {
      throw FileStreamErrors.invalidOption(
          "retention", Long.toString(retentionMs) + "ms", "must not be negative");
    }
    this.retentionMs = retentionMs;
  }

  /**
   * Opens the manifest of a sink folder with the conf's settings.
   *
   * @param retention the sink's {@code retention} option (e.g. {@code 7d}), or null for none
   */
  public static FileStreamSinkLog open(
      Path sinkPath, TidelineConf conf, Clock clock, String retention) {
    return new FileStreamSinkLog(
        sinkPath.resolve(METADATA_DIR),
        conf.getInt(COMPACT_INTERVAL_KEY, DEFAULT_COMPACT_INTERVAL),
        new Cleanup(
            conf.getBoolean(DELETION_KEY, true),
            TimeStrings.toMs(
                CLEANUP_DELAY_KEY, conf.get(CLEANUP_DELAY_KEY, DEFAULT_CLEANUP_DELAY_MS + "ms")),
            conf.getInt(MIN_BATCHES_TO_RETAIN_KEY, DEFAULT_MIN_BATCHES_TO_RETAIN)),
        clock,
        retention == null ? Long.MAX_VALUE : TimeStrings.toMs("retention", retention));
  }

  @Override
  protected List<SinkFileStatus> compactLogs(List<SinkFileStatus> logs) {
    Set<String> deleted = new HashSet<>();
    for (SinkFileStatus status : logs) {
      if (SinkFileStatus.DELETE_ACTION.equals(status.action())) {
        deleted.add(status.path());
      }
    }
    if (deleted.isEmpty()) {
      return logs;
    }
    List<SinkFileStatus> live = new ArrayList<>(logs.size());
    for (SinkFileStatus status : logs) {
      if (!deleted.contains(status.path())) {
        live.add(status);
      }
    }
    return live;
  }

  @Override
  protected boolean shouldRetain(SinkFileStatus entry, long nowMs) {
    return retentionMs == Long.MAX_VALUE || nowMs - entry.modificationTime() <= retentionMs;
  }

  private static final class Format implements EntryFormat<SinkFileStatus> {
    @Override
    public ObjectNode toJson(SinkFileStatus status, ObjectMapper mapper) {
      ObjectNode node = mapper.createObjectNode();
      node.put("path", status.path());
      node.put("size", status.size());
      node.put("isDir", status.isDir());
      node.put("modificationTime", status.modificationTime());
      node.put("blockReplication", status.blockReplication());
      node.put("blockSize", status.blockSize());
      node.put("action", status.action());
      return node;
    }

    @Override
    public SinkFileStatus fromJson(JsonNode node) {
      long replication = LogJson.longValue(node, "blockReplication");
      return new SinkFileStatus(
          LogJson.text(node, "path"),
          LogJson.longValue(node, "size"),
          LogJson.bool(node, "isDir"),
          LogJson.longValue(node, "modificationTime"),
          (int) replication,
          LogJson.longValue(node, "blockSize"),
          LogJson.text(node, "action"));
    }
  }
}
