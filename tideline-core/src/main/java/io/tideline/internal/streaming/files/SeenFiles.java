package io.tideline.internal.streaming.files;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The files the file stream source has already taken, with their modification times, as Spark's
 * {@code SeenFilesMap}: a file is new if its path was never taken and it is not older than the last
 * purge's threshold.
 *
 * <p>Aging: {@link #purge} forgets files older than {@code latest seen timestamp - maxAgeMs} and
 * from then on treats every file older than that threshold as old, so forgetting a path never makes
 * it look new again. The threshold only moves at a purge, which the source does once per batch;
 * between purges no file can be missed that a purge has not yet dropped.
 *
 * <p>Paths are compared as URIs; {@code file:///x} and {@code file:/x} (how Hadoop, hence Spark,
 * writes local paths) are the same file, so a log written by Spark restores correctly. With {@code
 * fileNameOnly}, only the last path segment counts, as in Spark.
 *
 * <p>Not thread-safe: one source's stream thread owns it.
 */
public final class SeenFiles {

  private final long maxAgeMs;
  private final boolean fileNameOnly;
  private final Map<String, Long> timestampsByPath = new HashMap<>();
  private long latestTimestamp;
  private long lastPurgeTimestamp;

  /**
   * @param maxAgeMs how much older than the newest seen file a file may be and still be new; {@code
   *     Long.MAX_VALUE} for no limit
   */
  public SeenFiles(long maxAgeMs, boolean fileNameOnly) {
    if (maxAgeMs < 0) {
      throw new IllegalArgumentException("Bug in Tideline: negative maxAgeMs " + maxAgeMs);
    }
    this.maxAgeMs = maxAgeMs;
    this.fileNameOnly = fileNameOnly;
  }

  /** Records a file as taken. */
  public void add(String path, long timestampMs) {
    timestampsByPath.put(key(path), timestampMs);
    if (timestampMs > latestTimestamp) {
      latestTimestamp = timestampMs;
    }
  }

  /** Whether a listed file should be read: never taken, and not older than the purge threshold. */
  public boolean isNewFile(String path, long timestampMs) {
    return timestampMs >= lastPurgeTimestamp && !timestampsByPath.containsKey(key(path));
  }

  /**
   * Forgets files older than the newest seen timestamp minus the max age, and makes that the
   * threshold below which files are old.
   *
   * @return how many files were forgotten
   */
  public int purge() {
    lastPurgeTimestamp = maxAgeMs == Long.MAX_VALUE ? Long.MIN_VALUE : latestTimestamp - maxAgeMs;
    int purged = 0;
    Iterator<Map.Entry<String, Long>> entries = timestampsByPath.entrySet().iterator();
    while (entries.hasNext()) {
      if (entries.next().getValue() < lastPurgeTimestamp) {
        entries.remove();
        purged++;
      }
    }
    return purged;
  }

  /** How many files are remembered. */
  public int size() {
    return timestampsByPath.size();
  }

  /** The threshold set by the last purge: files older than this are never new. */
  public long lastPurgeTimestamp() {
    return lastPurgeTimestamp;
  }

  private String key(String path) {
    String uri = FilePaths.normalizeUri(path);
    if (!fileNameOnly) {
      return uri;
    }
    int slash = uri.lastIndexOf('/');
    return slash < 0 ? uri : uri.substring(slash + 1);
  }
}
