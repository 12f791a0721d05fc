package io.tideline.internal.delta;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.internal.delta.DeltaScan.ScanFile;
import io.tideline.types.StructType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one {@code OPTIMIZE} did, in delta-spark's shapes: the {@code metrics} struct of {@code
 * executeCompaction()}'s result (a subset of delta-spark's {@code OptimizeMetrics}, same names) and
 * the {@code operationMetrics} of the commit.
 *
 * @param numFilesAdded files written
 * @param numFilesRemoved files rewritten (removed)
 * @param filesAdded the sizes of the files written
 * @param filesRemoved the sizes of the files removed
 * @param p25FileSize the 25th percentile size of the files written (0 for no file)
 * @param p50FileSize their median size
 * @param p75FileSize their 75th percentile size
 * @param partitionsOptimized partitions with at least one bin
 * @param numBatches bins, each written as one file
 * @param totalConsideredFiles files of the partitions the predicate selects
 * @param totalFilesSkipped considered files left as they are
 * @param startTimeMs when the command started
 * @param endTimeMs when it ended
 */
record OptimizeMetrics(
    long numFilesAdded,
    long numFilesRemoved,
    FileSizes filesAdded,
    FileSizes filesRemoved,
    long p25FileSize,
    long p50FileSize,
    long p75FileSize,
    long partitionsOptimized,
    long numBatches,
    long totalConsideredFiles,
    long totalFilesSkipped,
    long startTimeMs,
    long endTimeMs) {

  /** The schema of {@code executeCompaction()}'s result, as delta-spark's (a subset of fields). */
  static final StructType SCHEMA =
      StructType.fromDDL(
          "path STRING, metrics STRUCT<numFilesAdded: BIGINT, numFilesRemoved: BIGINT,"
              + " filesAdded: STRUCT<min: BIGINT, max: BIGINT, avg: DOUBLE, totalFiles: BIGINT,"
              + " totalSize: BIGINT>, filesRemoved: STRUCT<min: BIGINT, max: BIGINT, avg: DOUBLE,"
              + " totalFiles: BIGINT, totalSize: BIGINT>, partitionsOptimized: BIGINT,"
              + " numBatches: BIGINT, totalConsideredFiles: BIGINT, totalFilesSkipped: BIGINT,"
              + " startTimeMs: BIGINT, endTimeMs: BIGINT>");

  /**
   * Size statistics of a set of files, as delta-spark's {@code FileSizeMetrics}; {@code min} and
   * {@code max} are null for no file.
   */
  record FileSizes(Long min, Long max, double avg, long totalFiles, long totalSize) {
    static FileSizes of(long[] sorted) {
      long total = 0;
      for (long s : sorted) {
        total += s;
      }
      int n = sorted.length;
      return new FileSizes(
          n == 0 ? null : sorted[0],
          n == 0 ? null : sorted[n - 1],
          n == 0 ? 0.0 : (double) total / n,
          n,
          total);
    }

    Row toRow() {
      return Row.of(min, max, avg, totalFiles, totalSize);
    }
  }

  /** The nearest-rank percentile {@code p} (0 to 1) of sorted sizes; 0 for no file. */
  static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static OptimizeMetrics of(
      List<DataFile> added,
      List<ScanFile> removed,
      long partitionsOptimized,
      long numBatches,
      long considered,
      long startTimeMs,
      long endTimeMs) {
    long[] addedSizes = new long[added.size()];
    for (int i = 0; i < addedSizes.length; i++) {
      addedSizes[i] = added.get(i).size();
    }
    Arrays.sort(addedSizes);
    long[] removedSizes = new long[removed.size()];
    for (int i = 0; i < removedSizes.length; i++) {
      removedSizes[i] = removed.get(i).size();
    }
    Arrays.sort(removedSizes);
    return new OptimizeMetrics(
        added.size(),
        removed.size(),
        FileSizes.of(addedSizes),
        FileSizes.of(removedSizes),
        percentile(addedSizes, 0.25),
        percentile(addedSizes, 0.5),
        percentile(addedSizes, 0.75),
        partitionsOptimized,
        numBatches,
        considered,
        considered - removed.size(),
        startTimeMs,
        endTimeMs);
  }

  /** The result of {@code executeCompaction()}: one row, the table's path and the metrics. */
  DataFrame toDataFrame(Tideline session, String path) {
    Row metrics =
        Row.of(
            numFilesAdded,
            numFilesRemoved,
            filesAdded.toRow(),
            filesRemoved.toRow(),
            partitionsOptimized,
            numBatches,
            totalConsideredFiles,
            totalFilesSkipped,
            startTimeMs,
            endTimeMs);
    return session.createDataFrame(List.of(Row.of(path, metrics)), SCHEMA);
  }

  /** The commit's {@code operationMetrics}, with Delta's names for {@code OPTIMIZE}. */
  Map<String, String> forLog() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("numAddedFiles", Long.toString(numFilesAdded));
    out.put("numRemovedFiles", Long.toString(numFilesRemoved));
    out.put("numAddedBytes", Long.toString(filesAdded.totalSize()));
    out.put("numRemovedBytes", Long.toString(filesRemoved.totalSize()));
    out.put("minFileSize", String.valueOf(filesAdded.min() == null ? 0 : filesAdded.min()));
    out.put("p25FileSize", Long.toString(p25FileSize));
    out.put("p50FileSize", Long.toString(p50FileSize));
    out.put("p75FileSize", Long.toString(p75FileSize));
    out.put("maxFileSize", String.valueOf(filesAdded.max() == null ? 0 : filesAdded.max()));
    out.put("numDeletionVectorsRemoved", "0");
    return out;
  }
}
