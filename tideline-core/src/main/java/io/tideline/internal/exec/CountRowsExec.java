package io.tideline.internal.exec;

import io.tideline.internal.expr.Attribute;
import io.tideline.internal.vector.Batch;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/** Passes its child's batches through, adding their live row counts to a counter (per batch). */
public final class CountRowsExec extends ExecNode {
  private final ExecNode child;
  private final LongAdder rows;

  public CountRowsExec(ExecNode child, LongAdder rows) {
    this.child = child;
    this.rows = rows;
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
      @Override
      public Batch next() {
        Batch b = input.next();
        if (b != null) {
          rows.add(b.size());
        }
        return b;
      }

      @Override
      public void close() {
        input.close();
      }
    };
  }

  @Override
  public String simpleString() {
    return "CountRows";
  }
}
