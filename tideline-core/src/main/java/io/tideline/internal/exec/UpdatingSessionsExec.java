package io.tideline.internal.exec;

import io.tideline.internal.eval.VectorEvaluator;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.internal.vector.StructVector;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaces each row's own session by the merged session of its key ({@code MergeSessions}), as
 * Spark's {@code UpdatingSessionsExec} does before a batch aggregation by session window: the
 * partition's rows (all rows of a key, below a hash exchange on the keys) are gathered, their
 * indexes sorted by keys then session start, and {@link SessionMerger} merges each key's run. The
 * rows are not reordered or copied again: the output is the gathered batch, with the merged session
 * column, sliced into batches by selection.
 */
public final class UpdatingSessionsExec extends ExecNode {
  private final List<Expr> keys;
  private final List<Expr> boundKeys;
  private final Attribute session;
  private final int sessionOrdinal;
  private final ExecNode child;

  public UpdatingSessionsExec(List<Expr> keys, Attribute session, ExecNode child) {
    this.keys = List.copyOf(keys);
    this.session = session;
    this.child = child;
    List<Expr> b = new ArrayList<>(keys.size());
    for (Expr k : keys) {
      b.add(AttributeBinder.bind(k, child.output()));
    }
    this.boundKeys = List.copyOf(b);
    int ordinal = -1;
    for (int i = 0; i < child.output().size(); i++) {
      if (child.output().get(i).exprId() == session.exprId()) {
        ordinal = i;
      }
    }
    if (ordinal < 0) {
      throw ExecErrors.bug("session column " + session.name() + " missing below MergeSessions");
    }
    this.sessionOrdinal = ordinal;
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
    BatchBuilder builder = new BatchBuilder(BatchBuilder.typesOf(child.output()), ctx.batchSize());
    try (BatchIterator in = child.execute(partition, ctx)) {
      Batch b;
      while ((b = in.next()) != null) {
        ctx.checkCancelled();
        builder.appendBatch(b);
      }
    }
    Batch all = builder.build(0);
    int n = all.numRows();
    if (n == 0) {
      return BatchIterator.empty();
    }
    StructVector own = (StructVector) all.column(sessionOrdinal);
    long[] start = ((LongVector) own.child(0)).values();
    long[] end = ((LongVector) own.child(1)).values();
    SortExec.RowComparator[] keyCmp = new SortExec.RowComparator[boundKeys.size()];
    for (int i = 0; i < keyCmp.length; i++) {
      VectorEvaluator eval = ctx.compile(boundKeys.get(i), child.output());
      keyCmp[i] = SortExec.comparator(eval.eval(all), true, true);
    }
    SortExec.RowComparator sameKey =
        (i, j) -> {
          for (SortExec.RowComparator k : keyCmp) {
            int c = k.compare(i, j);
            if (c != 0) {
              return c;
            }
          }
          return 0;
        };
    int[] index = new int[n];
    for (int i = 0; i < n; i++) {
      index[i] = i;
    }
    SortExec.mergeSort(
        index,
        new int[n],
        0,
        n,
        (i, j) -> {
          int c = sameKey.compare(i, j);
          return c != 0 ? c : Long.compare(start[i], start[j]);
        });
    LongVector mergedStart = new LongVector(DataTypes.TimestampType, n);
    LongVector mergedEnd = new LongVector(DataTypes.TimestampType, n);
    int from = 0;
    for (int k = 1; k <= n; k++) {
      if (k == n || sameKey.compare(index[from], index[k]) != 0) {
        SessionMerger.merge(start, end, index, from, k, mergedStart.values(), mergedEnd.values());
        from = k;
      }
    }
    ColumnVector[] cols = all.columns().clone();
    cols[sessionOrdinal] =
        new StructVector(
            (StructType) session.dataType(), new ColumnVector[] {mergedStart, mergedEnd}, n);
    Batch merged = new Batch(cols, n);
    int batchSize = ctx.batchSize();
    return new BatchIterator() {
      int at;

      @Override
      public Batch next() {
        if (at >= n) {
          return null;
        }
        int len = Math.min(batchSize, n - at);
        int[] sel = new int[len];
        for (int i = 0; i < len; i++) {
          sel[i] = at + i;
        }
        at += len;
        return merged.withSelection(sel, len);
      }
    };
  }

  @Override
  public String simpleString() {
    return "UpdatingSessions " + ExprPrinter.list(keys) + ", " + ExprPrinter.list(List.of(session));
  }
}
