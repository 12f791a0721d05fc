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
  record FileSizes(Long min, Long max, double avg, long totalFiles, long totalSize, long[] sorted) {
    static FileSizes of(long[] sizes) {
      long[] sorted = sizes.clone();
      Arrays.sort(sorted);
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
          total,
          sorted);
    }

    /** The nearest-rank percentile {@code p} (0 to 1) of the sizes; 0 for no file. */
    long percentile(double p) {
      if (sorted.length == 0) {
        return 0;
      }
      int rank = (int) Math.ceil(p * sorted.length);
      return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    Row toRow() {
      return Row.of(min, max, avg, totalFiles, totalSize);
    }
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
    long[] removedSizes = new long[removed.size()];
    for (int i = 0; i < removedSizes.length; i++) {
      removedSizes[i] = removed.get(i).size();
    }
    return new OptimizeMetrics(
        added.size(),
        removed.size(),
        FileSizes.of(addedSizes),
        FileSizes.of(removedSizes),
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
    out.put("minFileSize", Long.toString(filesAdded.percentile(0)));
    out.put("p25FileSize", Long.toString(filesAdded.percentile(0.25)));
    out.put("p50FileSize", Long.toString(filesAdded.percentile(0.5)));
    out.put("p75FileSize", Long.toString(filesAdded.percentile(0.75)));
    out.put("maxFileSize", Long.toString(filesAdded.percentile(1)));
    out.put("numDeletionVectorsRemoved", "0");
    return out;
  }
}
