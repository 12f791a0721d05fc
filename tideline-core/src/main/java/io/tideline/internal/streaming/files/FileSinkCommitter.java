package io.tideline.internal.streaming.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The file sink's commit protocol, as Spark's {@code ManifestFileCommitProtocol} with {@code
 * FileStreamSink.addBatch}: data files become part of the output only when the manifest records
 * them.
 *
 * <p>Protocol for batch {@code N}:
 *
 * <ol>
 *   <li>{@link #isCommitted}{@code (N)}: if the manifest already has batch {@code N} (or a later
 *       one), the batch is a replay after a crash that followed the commit; skip it, writing
 *       nothing.
 *   <li>Each task writes its files directly into the sink folder under names from {@link
 *       #newTaskFile}, unique per attempt ({@code part-<partition>-<uuid><ext>}), so a retried or
 *       replayed attempt never overwrites a committed file.
 *   <li>{@link #addBatch}{@code (N, files)} records the files in one atomically published manifest
 *       file. This is the commit point: a crash before it leaves files no manifest lists, which
 *       {@link SinkFileIndex} ignores; a crash after it makes the replay skip at step 1.
 *   <li>On failure before the commit, {@link #abort} deletes the attempt's files.
 * </ol>
 *
 * <p>Exactly once: a second {@link #addBatch} of a committed batch id changes nothing and returns
 * false. Two queries writing one sink folder are not supported; the loser of a race for one batch
 * gets {@code FILE_SINK_COMMIT_FAILED}.
 */
public final class FileSinkCommitter {

  private final Path sinkPath;
  private final FileStreamSinkLog log;

  public FileSinkCommitter(Path sinkPath, FileStreamSinkLog log) {
    this.sinkPath = sinkPath.toAbsolutePath().normalize();
    this.log = log;
  }

  /** The sink's output folder. */
  public Path sinkPath() {
    return sinkPath;
  }

  /** The manifest. */
  public FileStreamSinkLog log() {
    return log;
  }

  /**
   * Whether batch {@code batchId} is already in the manifest, so writing it again must be skipped.
   */
  public boolean isCommitted(long batchId) {
    return log.getLatestBatchId().orElse(-1) >= batchId;
  }

  /**
   * A new, unique file for one task's output, in the sink folder or a partition sub-folder of it.
   *
   * @param partitionDir a relative folder such as {@code date=2024-01-01}, or "" for none
   * @param extension the file's suffix including its dot, e.g. {@code .c000.json}
   */
  public Path newTaskFile(String partitionDir, int partitionId, String extension) {
    String name =
        String.format(Locale.ROOT, "part-%05d-%s%s", partitionId, UUID.randomUUID(), extension);
    Path dir = partitionDir.isEmpty() ? sinkPath : sinkPath.resolve(partitionDir);
    return dir.resolve(name);
  }

  /**
   * Commits a batch: records its files in the manifest in one atomic file.
   *
   * @return true if committed now; false if the batch was already committed, in which case nothing
   *     changed and {@code files} are not part of the output
   * @throws io.tideline.internal.errors.TidelineException {@code FILE_SINK_COMMIT_FAILED} if a file
   *     is missing or another writer committed the batch at the same time
   */
  public boolean addBatch(long batchId, List<Path> files) {
    if (isCommitted(batchId)) {
      return false;
    }
    List<SinkFileStatus> statuses = new ArrayList<>(files.size());
    for (Path file : files) {
      try {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        statuses.add(
            SinkFileStatus.added(
                FilePaths.toUri(file),
                attributes.size(),
                attributes.lastModifiedTime().toMillis()));
      } catch (IOException e) {
        throw FileStreamErrors.sinkCommitFailed(
            batchId, sinkPath, "the task file " + file + " cannot be read (" + e + ")");
      }
    }
    if (!log.add(batchId, statuses)) {
      throw FileStreamErrors.sinkCommitFailed(
          batchId,
          sinkPath,
          "another writer committed the same batch concurrently (" + log.batchFile(batchId) + ")");
    }
    return true;
  }

  /**
   * Deletes the files of a failed attempt, best effort: a file left behind is invisible to readers
   * anyway, since no manifest lists it.
   */
  public void abort(List<Path> files) {
    for (Path file : files) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // Invisible to readers without a manifest entry; leaving it costs only disk space.
      }
    }
  }
}
