package io.tideline.delta;

import io.tideline.DataFrame;
import io.tideline.Tideline;
import io.tideline.internal.delta.DeltaOptimize;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@code OPTIMIZE} of a Delta table being described, as delta-spark's {@code
 * DeltaOptimizeBuilder}: {@code where} restricts it to partitions, {@code executeCompaction} runs
 * it.
 *
 * <p>Compaction rewrites, per partition, the files smaller than {@code
 * tideline.delta.optimize.minFileSize} (1 GiB) into files of up to {@code
 * tideline.delta.optimize.maxFileSize} (1 GiB), in one commit with operation {@code OPTIMIZE} that
 * changes no row, so Delta streaming readers skip it. It is safe while streams append to the table.
 */
public final class DeltaOptimizeBuilder {
  private final Tideline session;
  private final String path;
  private final List<String> predicates = new ArrayList<>();

  DeltaOptimizeBuilder(Tideline session, String path) {
    this.session = session;
    this.path = path;
  }

  /**
   * Restricts the compaction to the partitions where {@code partitionFilter} (Spark SQL on
   * partition columns only, e.g. {@code "date >= '2026-11-01' AND product = 'books'"}) is true.
   * Called again, both conditions must hold.
   */
  public DeltaOptimizeBuilder where(String partitionFilter) {
    predicates.add(partitionFilter);
    return this;
  }

  /**
   * Compacts the table and returns one row: {@code path} and the {@code metrics} struct ({@code
   * numFilesAdded}, {@code numFilesRemoved}, {@code filesAdded}, {@code filesRemoved}, {@code
   * partitionsOptimized}, {@code numBatches}, {@code totalConsideredFiles}, {@code
   * totalFilesSkipped}, ...).
   *
   * @throws io.tideline.AnalysisException {@code DELTA_NON_PARTITION_COLUMN_REFERENCE} when the
   *     filter references another column, {@code DELTA_FAILED_RECOGNIZE_PREDICATE} when it does not
   *     parse
   */
  public DataFrame executeCompaction() {
    return DeltaOptimize.execute(session, path, predicates);
  }
}
