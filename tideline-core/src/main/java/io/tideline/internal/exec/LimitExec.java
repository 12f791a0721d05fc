package io.tideline.internal.exec;

import io.tideline.internal.expr.Attribute;
import io.tideline.internal.vector.Batch;
import java.util.List;

/**
 * The first {@code limit} rows of each partition ({@code LocalLimit}) or, over a single partition,
 * of the whole input ({@code GlobalLimit}). The last batch is cut by its selection, not copied, and
 * the input is not read further once the limit is reached.
 */
public final class LimitExec extends ExecNode {
  private final int limit;
  private final boolean global;
  private final ExecNode child;

  public LimitExec(int limit, boolean global, ExecNode child) {
    this.limit = limit;
    this.global = global;
    this.child = child;
    if (global && child.numPartitions() != 1) {
      throw ExecErrors.bug("a global limit over " + child.numPartitions() + " partitions");
    }
  }

  @Override
  public List<Attribute> output() {
    return child.output();
  }

  @Override
  public List<ExecNode> children() {
    return List.of(child);
  }

  @Override
  public int numPartitions() {
    return child.numPartitions();
  }

  @Override
  public BatchIterator execute(int partition, TaskContext ctx) {
    BatchIterator input = child.execute(partition, ctx);
    return new BatchIterator() {
      int remaining = limit;

      @Override
      public Batch next() {
        if (remaining <= 0) {
          return null;
        }
        Batch in = input.next();
        if (in == null) {
          return null;
        }
        if (in.size() <= remaining) {
          remaining -= in.size();
          return in;
        }
        int[] sel = java.util.Arrays.copyOf(in.selectionOrIdentity(), remaining);
        Batch out = in.withSelection(sel, remaining);
        remaining = 0;
        return out;
      }

      @Override
      public void close() {
        input.close();
      }
    };
  }

  @Override
  public String simpleString() {
    return (global ? "GlobalLimit " : "LocalLimit ") + limit;
  }
}
