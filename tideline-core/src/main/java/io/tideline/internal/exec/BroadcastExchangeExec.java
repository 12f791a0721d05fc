package io.tideline.internal.exec;

import io.tideline.internal.expr.Attribute;
import io.tideline.internal.vector.Batch;
import io.tideline.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects all rows of its child, in partition order, for every task of the stage above to read:
 * the small side of a broadcast join. One process needs no network copy: the tasks share the
 * collected batches, read-only.
 */
public final class BroadcastExchangeExec extends ExchangeExec {
  private final ExecNode child;
  private final List<DataType> types;
  private List<Batch> batches;

  public BroadcastExchangeExec(ExecNode child) {
    this.child = child;
    this.types = BatchBuilder.typesOf(child.output());
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
    return 1;
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized void materialize(StageScheduler scheduler) {
    if (batches != null) {
      return;
    }
    List<Batch>[] parts = new List[child.numPartitions()];
    scheduler.run(
        child.numPartitions(),
        ctx -> {
          BatchBuilder builder = new BatchBuilder(types, ctx.batchSize());
          try (BatchIterator in = child.execute(ctx.partition(), ctx)) {
            Batch b;
            while ((b = in.next()) != null) {
              ctx.checkCancelled();
              builder.appendBatch(b);
            }
          }
          parts[ctx.partition()] = List.of(builder.build(0));
        });
    List<Batch> all = new ArrayList<>();
    for (List<Batch> p : parts) {
      all.addAll(p);
    }
    batches = List.copyOf(all);
  }

  /** The collected rows; valid once materialised. */
  List<Batch> batches() {
    if (batches == null) {
      throw ExecErrors.bug("a broadcast was read before it was materialised");
    }
    return batches;
  }

  @Override
  public BatchIterator execute(int partition, TaskContext ctx) {
    List<Batch> data = batches();
    return new BatchIterator() {
      int next;

      @Override
      public Batch next() {
        return next < data.size() ? data.get(next++) : null;
      }
    };
  }

  @Override
  public String simpleString() {
    return "BroadcastExchange";
  }
}
