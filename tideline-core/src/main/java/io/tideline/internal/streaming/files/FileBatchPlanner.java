package io.tideline.internal.streaming.files;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses the files of the file stream source's next batch from a folder listing, as Spark's {@code
 * FileStreamSource.fetchMaxOffset}. A pure function: it neither reads the file system nor changes
 * the seen-files map; the caller records the chosen files with {@link #recordBatch} once their log
 * entry is written.
 *
 * <p>Order: modification time ascending (descending with {@code latestFirst}). Spark keeps the
 * listing's order among files with equal times, which depends on the file system; Tideline breaks
 * ties by path, ascending, so a batch is the same on every run.
 *
 * <p>Limits: {@code maxFilesPerTrigger} takes the first n new files. {@code maxBytesPerTrigger}
 * takes files in order while their total stays within the limit, stops at the first file that does
 * not fit (it does not skip ahead to smaller ones), and always takes the first file, however large,
 * so a big file cannot stall the stream.
 */
public final class FileBatchPlanner {

  private static final Comparator<SourceFile> OLDEST_FIRST =
      Comparator.comparingLong(SourceFile::modificationTimeMs).thenComparing(SourceFile::path);
  private static final Comparator<SourceFile> LATEST_FIRST =
      Comparator.comparingLong(SourceFile::modificationTimeMs)
          .reversed()
          .thenComparing(SourceFile::path);

  private FileBatchPlanner() {}

  /** The files of the next batch, in reading order; empty if nothing new was listed. */
  public static List<SourceFile> nextBatch(
      List<SourceFile> listing, SeenFiles seenFiles, FileStreamSourceOptions options) {
    List<SourceFile> newFiles = new ArrayList<>();
    for (SourceFile file : listing) {
      if (seenFiles.isNewFile(file.path(), file.modificationTimeMs())) {
        newFiles.add(file);
      }
    }
    newFiles.sort(options.latestFirst() ? LATEST_FIRST : OLDEST_FIRST);
    if (options.maxFilesPerTrigger().isPresent()) {
      int max = options.maxFilesPerTrigger().getAsInt();
      return newFiles.size() <= max ? newFiles : List.copyOf(newFiles.subList(0, max));
    }
    if (options.maxBytesPerTrigger().isPresent()) {
      return takeUntilMaxBytes(newFiles, options.maxBytesPerTrigger().getAsLong());
    }
    return newFiles;
  }

  /**
   * The log entries of a chosen batch, and records its files as seen, then purges the map, as the
   * source does after writing a batch's log entry.
   */
  public static List<FileEntry> recordBatch(
      long batchId, List<SourceFile> batchFiles, SeenFiles seenFiles) {
    List<FileEntry> entries = new ArrayList<>(batchFiles.size());
    for (SourceFile file : batchFiles) {
      entries.add(new FileEntry(file.path(), file.modificationTimeMs(), batchId));
      seenFiles.add(file.path(), file.modificationTimeMs());
    }
    seenFiles.purge();
    return entries;
  }

  private static List<SourceFile> takeUntilMaxBytes(List<SourceFile> files, long maxBytes) {
    List<SourceFile> taken = new ArrayList<>();
    long total = 0;
    for (SourceFile file : files) {
      if (!taken.isEmpty() && (file.size() > maxBytes - total)) {
        break;
      }
      taken.add(file);
      total += file.size();
    }
    return taken;
  }
}
