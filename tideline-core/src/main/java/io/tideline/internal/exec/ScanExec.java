package io.tideline.internal.exec;

import io.tideline.connector.BatchScan;
import io.tideline.connector.ScanPartition;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.plan.Explain;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a connector's {@link BatchScan} ({@code ScanRelation}): its partitions are planned when
 * this node is built, that is when the query runs, and each is read by its own task. Only the
 * {@code columns} the plan needs are passed on, without copying.
 */
public final class ScanExec extends ExecNode {
  private static final Logger LOG = LoggerFactory.getLogger(ScanExec.class);

  private final List<Attribute> output;
  private final int[] columns;
  private final List<ScanPartition> partitions;
  private final String description;

  /**
   * @param columns for each output column, its index in the scan's batches
   */
  public ScanExec(List<Attribute> output, int[] columns, BatchScan scan) {
    this.output = List.copyOf(output);
    this.columns = columns.clone();
    this.partitions = List.copyOf(scan.planPartitions());
    this.description = scan.description();
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
    return Math.max(1, partitions.size());
  }

  @Override
  public BatchIterator execute(int partition, TaskContext ctx) {
    if (partition >= partitions.size()) {
      return BatchIterator.empty();
    }
    Iterator<Batch> in = partitions.get(partition).read();
    return new BatchIterator() {
      @Override
      public Batch next() {
        ctx.checkCancelled();
        if (!in.hasNext()) {
          return null;
        }
        Batch b = in.next();
        ColumnVector[] cols = new ColumnVector[columns.length];
        for (int i = 0; i < columns.length; i++) {
          cols[i] = b.column(columns[i]);
        }
        return b.withColumns(cols);
      }

      @Override
      public void close() {
        closeQuietly(in);
      }
    };
  }

  /**
   * Closes a partition's iterator that holds connections (see {@link ScanPartition#read()}),
   * whether the task read it to the end or stopped early; a failure to close is not the task's.
   */
  private void closeQuietly(Iterator<Batch> in) {
    if (in instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.warn("Closing a partition of {} failed", description, e);
      }
    }
  }

  @Override
  public String simpleString() {
    return "BatchScan "
        + description
        + " "
        + Explain.attributes(output)
        + " "
        + partitions.size()
        + " partitions";
  }
}
