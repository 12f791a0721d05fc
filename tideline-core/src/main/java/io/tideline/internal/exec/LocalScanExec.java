package io.tideline.internal.exec;

import io.tideline.internal.expr.Attribute;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import java.util.ArrayList;
import java.util.List;

/**
 * Scans in-memory batches ({@code LocalRelation}): the rows are cut into slices of at most the
 * batch size (by selection vectors, without copying) and the slices spread over partitions in
 * order, so partition 0 holds the first rows. Only the {@code columns} the plan needs are passed
 * on.
 */
public final class LocalScanExec extends ExecNode {
  private final List<Attribute> output;
  private final List<Batch> slices;
  private final int numPartitions;

  /**
   * @param columns for each output column, its index in the relation's batches
   */
  public LocalScanExec(
      List<Attribute> output, int[] columns, List<Batch> batches, int batchSize, int parallelism) {
    this.output = List.copyOf(output);
    List<Batch> cut = new ArrayList<>();
    for (Batch b : batches) {
      ColumnVector[] cols = new ColumnVector[columns.length];
      for (int i = 0; i < columns.length; i++) {
        cols[i] = b.column(columns[i]);
      }
      Batch pruned = b.withColumns(cols);
      int n = pruned.size();
      if (n == 0) {
        continue;
      }
      if (n <= batchSize) {
        cut.add(pruned);
        continue;
      }
      int[] live = pruned.selectionOrIdentity();
      for (int from = 0; from < n; from += batchSize) {
        int len = Math.min(batchSize, n - from);
        int[] sel = java.util.Arrays.copyOfRange(live, from, from + len);
        cut.add(pruned.withSelection(sel, len));
      }
    }
    this.slices = List.copyOf(cut);
    this.numPartitions = Math.max(1, Math.min(parallelism, slices.size()));
  }

  @Override
  public List<Attribute> output() {
    return output;
  }

  @Override
  public List<ExecNode> children() {
    return List.of();
  }

  @Override
  public int numPartitions() {
    return numPartitions;
  }

  @Override
  public BatchIterator execute(int partition, TaskContext ctx) {
    int from = (int) ((long) slices.size() * partition / numPartitions);
    int to = (int) ((long) slices.size() * (partition + 1) / numPartitions);
    return new BatchIterator() {
      int next = from;

      @Override
      public Batch next() {
        ctx.checkCancelled();
        return next < to ? slices.get(next++) : null;
      }
    };
  }

  @Override
  public String simpleString() {
    return "LocalTableScan " + io.tideline.internal.plan.Explain.attributes(output);
  }
}
