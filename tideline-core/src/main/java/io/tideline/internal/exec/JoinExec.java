package io.tideline.internal.exec;

import io.tideline.internal.eval.VectorEvaluator;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.plan.JoinType;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The join algorithm shared by {@link HashJoinExec} (equi-keys) and {@link NestedLoopJoinExec} (no
 * keys: every build row is a candidate): one side is built into a {@link HashedRelation}, the other
 * streamed against it.
 *
 * <p>Per stream batch: (1) look up each row's chain of build rows with equal keys (a null key
 * matches nothing, except under {@code <=>}); (2) gather candidate pairs, a batch size at a time,
 * into a joined batch; (3) apply the non-equi condition as a selection; (4) emit matches (inner,
 * outer), and remember which stream and build rows matched; (5) emit unmatched stream rows padded
 * with nulls (outer on the stream side), or the matched / unmatched stream rows themselves (semi /
 * anti, by selection). At the end a full outer join emits the build rows that never matched. Outer
 * and semi/anti sides are always streamed, except the build side of a full outer join, which is
 * never broadcast, so its matches are all seen by one task.
 *
 * <p>Partitioning: a broadcast join has the stream side's partitions, and each task builds its own
 * relation from the shared broadcast rows; a shuffled join has both sides hash-exchanged on the
 * keys into the same number of partitions and builds one relation per partition.
 */
public abstract class JoinExec extends ExecNode {

  /** Which input is built into the hash table. */
  public enum BuildSide {
    LEFT,
    RIGHT
  }

  protected final JoinType joinType;
  protected final List<Expr> leftKeys;
  protected final List<Expr> rightKeys;
  protected final boolean[] nullSafe;
  protected final BuildSide buildSide;
  protected final Expr condition;
  protected final ExecNode left;
  protected final ExecNode right;
  protected final boolean broadcast;
  private final List<Attribute> output;
  private final List<Expr> boundStreamKeys;
  private final List<Expr> boundBuildKeys;
  private final Expr boundCondition;

  protected JoinExec(
      JoinType joinType,
      List<Expr> leftKeys,
      List<Expr> rightKeys,
      boolean[] nullSafe,
      BuildSide buildSide,
      Expr condition,
      ExecNode left,
      ExecNode right,
      boolean broadcast) {
    this.joinType = joinType;
    this.leftKeys = List.copyOf(leftKeys);
    this.rightKeys = List.copyOf(rightKeys);
    this.nullSafe = nullSafe.clone();
    this.buildSide = buildSide;
    this.condition = condition;
    this.left = left;
    this.right = right;
    this.broadcast = broadcast;
    boolean semiOrAnti = joinType == JoinType.LEFT_SEMI || joinType == JoinType.LEFT_ANTI;
    if ((semiOrAnti || joinType == JoinType.LEFT_OUTER) && buildSide == BuildSide.LEFT
        || joinType == JoinType.RIGHT_OUTER && buildSide == BuildSide.RIGHT
        || joinType == JoinType.FULL_OUTER && broadcast) {
      throw ExecErrors.bug("cannot build the " + buildSide + " side of a " + joinType + " join");
    }
    List<Attribute> out = new ArrayList<>();
    boolean leftNullable = joinType == JoinType.RIGHT_OUTER || joinType == JoinType.FULL_OUTER;
    boolean rightNullable = joinType == JoinType.LEFT_OUTER || joinType == JoinType.FULL_OUTER;
    for (Attribute a : left.output()) {
      out.add(leftNullable ? a.withNullable(true) : a);
    }
    if (!semiOrAnti) {
      for (Attribute a : right.output()) {
        out.add(rightNullable ? a.withNullable(true) : a);
      }
    }
    this.output = List.copyOf(out);
    this.boundStreamKeys =
        AttributeBinder.bindAll(
            buildSide == BuildSide.RIGHT ? leftKeys : rightKeys, stream().output());
    this.boundBuildKeys =
        AttributeBinder.bindAll(
            buildSide == BuildSide.RIGHT ? rightKeys : leftKeys, build().output());
    List<Attribute> both = new ArrayList<>(left.output());
    both.addAll(right.output());
    this.boundCondition = condition == null ? null : AttributeBinder.bind(condition, both);
  }

  protected final ExecNode stream() {
    return buildSide == BuildSide.RIGHT ? left : right;
  }

  protected final ExecNode build() {
    return buildSide == BuildSide.RIGHT ? right : left;
  }

  @Override
  public List<Attribute> output() {
    return output;
  }

  @Override
  public List<ExecNode> children() {
    return List.of(left, right);
  }

  @Override
  public int numPartitions() {
    return stream().numPartitions();
  }

  /**
   * The build side's hash table for one task. A broadcast join builds it per task from the shared
   * broadcast rows rather than sharing one table: probing a table writes its key scratch buffer, so
   * a table shared by concurrent tasks would mix their keys (and lose matches). The broadcast side
   * is small by construction, so the extra builds are cheap.
   */
  private HashedRelation relation(int partition, TaskContext ctx) {
    try (BatchIterator in = build().execute(broadcast ? 0 : partition, ctx)) {
      return HashedRelation.build(
          in, BatchBuilder.typesOf(build().output()), boundBuildKeys, nullSafe, ctx);
    }
  }

  @Override
  public BatchIterator execute(int partition, TaskContext ctx) {
    HashedRelation relation = relation(partition, ctx);
    BatchIterator streamInput = stream().execute(partition, ctx);
    return new Prober(relation, streamInput, ctx);
  }

  /** The per-task state of a join: one stream batch at a time, outputs queued. */
  private final class Prober implements BatchIterator {
    private final HashedRelation relation;
    private final BatchIterator input;
    private final TaskContext ctx;
    private final VectorEvaluator[] keyEvals;
    private final VectorEvaluator conditionEval;
    private final boolean[] buildMatched;
    private final ArrayDeque<Batch> ready = new ArrayDeque<>();
    private final int batchSize;
    private boolean inputDone;
    private int[] firstRows = new int[0];
    private boolean[] streamMatched = new boolean[0];
    private final int[] pairStreamRow;
    private final int[] pairStreamIndex;
    private final int[] pairBuildRow;
    private int pairs;

    Prober(HashedRelation relation, BatchIterator input, TaskContext ctx) {
      this.relation = relation;
      this.input = input;
      this.ctx = ctx;
      this.batchSize = ctx.batchSize();
      this.keyEvals = new VectorEvaluator[boundStreamKeys.size()];
      for (int i = 0; i < keyEvals.length; i++) {
        keyEvals[i] = ctx.compile(boundStreamKeys.get(i));
      }
      this.conditionEval = boundCondition == null ? null : ctx.compile(boundCondition);
      this.buildMatched = joinType == JoinType.FULL_OUTER ? new boolean[relation.numRows()] : null;
      this.pairStreamRow = new int[batchSize];
      this.pairStreamIndex = new int[batchSize];
      this.pairBuildRow = new int[batchSize];
    }

    @Override
    public Batch next() {
      while (ready.isEmpty()) {
        if (inputDone) {
          return null;
        }
        Batch b = input.next();
        ctx.checkCancelled();
        if (b == null) {
          inputDone = true;
          if (buildMatched != null) {
            emitUnmatchedBuildRows();
          }
        } else if (!b.isEmpty()) {
          probe(b);
        }
      }
      return ready.poll();
    }

    private void probe(Batch b) {
      int n = b.size();
      if (firstRows.length < n) {
        firstRows = new int[Math.max(n, firstRows.length * 2)];
        streamMatched = new boolean[firstRows.length];
      }
      java.util.Arrays.fill(streamMatched, 0, n, false);
      if (relation.numRows() == 0) {
        java.util.Arrays.fill(firstRows, 0, n, -1);
      } else {
        ColumnVector[] keys = new ColumnVector[keyEvals.length];
        for (int i = 0; i < keys.length; i++) {
          keys[i] = keyEvals[i].eval(b);
        }
        relation.lookup(keys, b, firstRows);
      }
      pairs = 0;
      for (int k = 0; k < n; k++) {
        int streamRow = b.rowAt(k);
        for (int r = firstRows[k]; r >= 0; r = relation.nextRow(r)) {
          pairStreamRow[pairs] = streamRow;
          pairStreamIndex[pairs] = k;
          pairBuildRow[pairs] = r;
          if (++pairs == batchSize) {
            flushPairs(b);
          }
        }
      }
      if (pairs > 0) {
        flushPairs(b);
      }
      finishStreamBatch(b);
    }

    private void flushPairs(Batch b) {
      int count = pairs;
      pairs = 0;
      ColumnVector[] streamCols = copyRows(b.columns(), pairStreamRow, count);
      ColumnVector[] buildCols = gatherRows(relation.rows().columns(), pairBuildRow, count);
      ColumnVector[] joined = joinedColumns(streamCols, buildCols);
      Batch candidates = new Batch(joined, count);
      if (conditionEval != null) {
        candidates = FilterExec.select(candidates, conditionEval.eval(candidates));
      }
      for (int i = 0; i < candidates.size(); i++) {
        int pair = candidates.rowAt(i);
        streamMatched[pairStreamIndex[pair]] = true;
        if (buildMatched != null) {
          buildMatched[pairBuildRow[pair]] = true;
        }
      }
      if (joinType != JoinType.LEFT_SEMI
          && joinType != JoinType.LEFT_ANTI
          && !candidates.isEmpty()) {
        ready.add(candidates);
      }
    }

    private void finishStreamBatch(Batch b) {
      int n = b.size();
      boolean wantMatched = joinType == JoinType.LEFT_SEMI;
      boolean outerStream =
          joinType == JoinType.LEFT_OUTER
              || joinType == JoinType.RIGHT_OUTER
              || joinType == JoinType.FULL_OUTER;
      if (!wantMatched && !outerStream && joinType != JoinType.LEFT_ANTI) {
        return;
      }
      int[] rows = new int[n];
      int count = 0;
      for (int k = 0; k < n; k++) {
        if (streamMatched[k] == wantMatched) {
          rows[count++] = b.rowAt(k);
        }
      }
      if (count == 0) {
        return;
      }
      if (!outerStream) {
        ready.add(b.withSelection(rows, count));
        return;
      }
      ColumnVector[] streamCols = copyRows(b.columns(), rows, count);
      ColumnVector[] nulls = nullColumns(build().output(), count);
      ready.add(new Batch(joinedColumns(streamCols, nulls), count));
    }

    private void emitUnmatchedBuildRows() {
      int n = relation.numRows();
      int[] rows = new int[n];
      int count = 0;
      for (int r = 0; r < n; r++) {
        if (!buildMatched[r]) {
          rows[count++] = r;
        }
      }
      for (int from = 0; from < count; from += batchSize) {
        int len = Math.min(batchSize, count - from);
        int[] slice = java.util.Arrays.copyOfRange(rows, from, from + len);
        ColumnVector[] buildCols = gatherRows(relation.rows().columns(), slice, len);
        ColumnVector[] nulls = nullColumns(stream().output(), len);
        ready.add(new Batch(joinedColumns(nulls, buildCols), len));
      }
    }

    @Override
    public void close() {
      input.close();
    }
  }

  /** Stream and build columns in output order: left then right. */
  private ColumnVector[] joinedColumns(ColumnVector[] streamCols, ColumnVector[] buildCols) {
    ColumnVector[] l = buildSide == BuildSide.RIGHT ? streamCols : buildCols;
    ColumnVector[] r = buildSide == BuildSide.RIGHT ? buildCols : streamCols;
    ColumnVector[] out = new ColumnVector[l.length + r.length];
    System.arraycopy(l, 0, out, 0, l.length);
    System.arraycopy(r, 0, out, l.length, r.length);
    return out;
  }

  /** Copies rows out of a batch the producer may overwrite. */
  private static ColumnVector[] copyRows(ColumnVector[] cols, int[] rows, int count) {
    ColumnVector[] out = new ColumnVector[cols.length];
    for (int c = 0; c < cols.length; c++) {
      ColumnVector v = ColumnVector.allocate(cols[c].type(), Math.max(count, 1));
      BatchBuilder.copyRows(cols[c], rows, count, v, 0);
      out[c] = v;
    }
    return out;
  }

  /** Gathers rows of the relation, which nobody overwrites, sharing its bytes. */
  private static ColumnVector[] gatherRows(ColumnVector[] cols, int[] rows, int count) {
    ColumnVector[] out = new ColumnVector[cols.length];
    for (int c = 0; c < cols.length; c++) {
      if (cols[c] instanceof io.tideline.internal.vector.BytesVector) {
        out[c] = cols[c].gather(rows, count);
      } else {
        out[c] = ColumnVector.allocate(cols[c].type(), Math.max(count, 1));
        BatchBuilder.copyRows(cols[c], rows, count, out[c], 0);
      }
    }
    return out;
  }

  /** {@code count} rows of nulls for the columns {@code attrs}: an outer join's missing side. */
  static ColumnVector[] nullColumns(List<Attribute> attrs, int count) {
    ColumnVector[] out = new ColumnVector[attrs.size()];
    for (int c = 0; c < out.length; c++) {
      ColumnVector v = ColumnVector.allocate(attrs.get(c).dataType(), Math.max(count, 1));
      for (int i = 0; i < count; i++) {
        v.setNull(i);
      }
      out[c] = v;
    }
    return out;
  }

  protected final String conditionSuffix() {
    return condition == null ? "" : ", " + ExprPrinter.print(condition);
  }

  protected final String joinTypeName() {
    return switch (joinType) {
      case INNER -> "Inner";
      case LEFT_OUTER -> "LeftOuter";
      case RIGHT_OUTER -> "RightOuter";
      case FULL_OUTER -> "FullOuter";
      case LEFT_SEMI -> "LeftSemi";
      case LEFT_ANTI -> "LeftAnti";
      case CROSS -> "Cross";
    };
  }

  protected final String buildSideName() {
    return buildSide == BuildSide.RIGHT ? "BuildRight" : "BuildLeft";
  }
}
