package io.tideline.internal.exec;

import io.tideline.internal.eval.VectorEvaluator;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.types.DataType;
import java.util.Arrays;
import java.util.List;

/**
 * The build side of a join: its rows copied into dense vectors, and for each distinct key a chain
 * of the rows holding it ({@code head} per key group, {@code next} per row, in input order). Rows
 * with a null in a key compared by {@code =} are left out, since such keys never match; a key
 * compared by {@code <=>} keeps its nulls, which match each other. Without keys (a nested-loop
 * join) every row is in the one chain. Read-only once built, so broadcast tasks share one.
 */
final class HashedRelation {
  private static final int END = -1;

  private final Batch rows;
  private final GroupKeyTable table;
  private final int[] head;
  private final int[] next;

  private final boolean[] nullSafe;

  private HashedRelation(
      Batch rows, GroupKeyTable table, int[] head, int[] next, boolean[] nullSafe) {
    this.nullSafe = nullSafe;
    this.rows = rows;
    this.table = table;
    this.head = head;
    this.next = next;
  }

  /**
   * @param nullSafe per key, true for {@code <=>} (a null matches a null), false for {@code =}
   */
  static HashedRelation build(
      BatchIterator input,
      List<DataType> types,
      List<Expr> boundKeys,
      boolean[] nullSafe,
      TaskContext ctx) {
    BatchBuilder builder = new BatchBuilder(types, ctx.batchSize());
    Batch b;
    while ((b = input.next()) != null) {
      ctx.checkCancelled();
      builder.appendBatch(b);
    }
    Batch all = builder.build(0);
    int n = all.numRows();
    int[] next = new int[n];
    Arrays.fill(next, END);
    if (boundKeys.isEmpty()) {
      for (int r = 0; r + 1 < n; r++) {
        next[r] = r + 1;
      }
      return new HashedRelation(all, null, new int[] {n == 0 ? END : 0}, next, nullSafe);
    }
    ColumnVector[] keys = new ColumnVector[boundKeys.size()];
    for (int i = 0; i < keys.length; i++) {
      VectorEvaluator eval = ctx.compile(boundKeys.get(i));
      keys[i] = eval.eval(all);
    }
    int[] nonNull = new int[n];
    int live = 0;
    for (int r = 0; r < n; r++) {
      if (!strictKeyNull(keys, nullSafe, r)) {
        nonNull[live++] = r;
      }
    }
    GroupKeyTable table =
        new GroupKeyTable(boundKeys.stream().map(Expr::dataType).toList(), "a join key");
    int[] ids = new int[Math.max(live, 1)];
    table.findOrInsert(keys, all.withSelection(nonNull, live), ids);
    int groups = table.size();
    int[] head = new int[groups];
    int[] tail = new int[groups];
    Arrays.fill(head, END);
    for (int k = 0; k < live; k++) {
      int r = nonNull[k];
      int g = ids[k];
      if (head[g] == END) {
        head[g] = r;
      } else {
        next[tail[g]] = r;
      }
      tail[g] = r;
    }
    return new HashedRelation(all, table, head, next, nullSafe);
  }

  /** True when a key compared with {@code =} (not {@code <=>}) is null in {@code row}. */
  private static boolean strictKeyNull(ColumnVector[] keys, boolean[] nullSafe, int row) {
    for (int i = 0; i < keys.length; i++) {
      if (!nullSafe[i] && keys[i].isNullAt(row)) {
        return true;
      }
    }
    return false;
  }

  private boolean anyNullSafe() {
    for (boolean b : nullSafe) {
      if (b) {
        return true;
      }
    }
    return false;
  }

  Batch rows() {
    return rows;
  }

  int numRows() {
    return rows.numRows();
  }

  /** For the {@code k}-th live row of {@code batch}, the first matching build row or -1. */
  void lookup(ColumnVector[] keys, Batch batch, int[] firstRows) {
    int n = batch.size();
    if (table == null) {
      Arrays.fill(firstRows, 0, n, head[0]);
      return;
    }
    if (anyNullSafe()) {
      table.findNullSafe(keys, batch, firstRows);
      for (int k = 0; k < n; k++) {
        if (firstRows[k] >= 0 && strictKeyNull(keys, nullSafe, batch.rowAt(k))) {
          firstRows[k] = END;
        }
      }
    } else {
      table.find(keys, batch, firstRows);
    }
    for (int k = 0; k < n; k++) {
      int g = firstRows[k];
      firstRows[k] = g < 0 ? END : head[g];
    }
  }

  /** The build row after {@code row} with the same key, or -1. */
  int nextRow(int row) {
    return next[row];
  }
}
