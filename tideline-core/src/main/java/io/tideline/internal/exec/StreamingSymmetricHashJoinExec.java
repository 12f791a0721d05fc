package io.tideline.internal.exec;

import io.tideline.internal.eval.VectorEvaluator;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Conjunctions;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.plan.EventTimeColumns;
import io.tideline.internal.plan.JoinType;
import io.tideline.internal.plan.StatefulJoin;
import io.tideline.internal.plan.StreamingJoinHelper;
import io.tideline.internal.state.OperatorStateMetrics;
import io.tideline.internal.state.RowCodec;
import io.tideline.internal.state.StatefulOperatorInfo;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.BooleanVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.internal.vector.StructVector;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A stream-stream join of one micro-batch, one task per state partition: Spark's {@code
 * StreamingSymmetricHashJoinExec}. Both inputs are hash-exchanged on the join keys into the state
 * partitions; each side buffers its rows in a {@link JoinSideState}.
 *
 * <h2>Protocol (one task, state partition {@code p}, batch {@code n})</h2>
 *
 * <ol>
 *   <li>Load version {@code n} of the four stores of partition {@code p} ({@code left-} and {@code
 *       right-keyToNumValues}, {@code left-} and {@code right-keyWithIndexToValue}).
 *   <li>Left input: drop rows whose event time is at or before the late-rows watermark ({@code
 *       numRowsDroppedByWatermark}); a row failing the left-only part of the condition never
 *       matches, so it is emitted at once padded with nulls (left and full outer) or dropped;
 *       otherwise it is matched against the right rows buffered by earlier batches (marking them
 *       matched) and then buffered, with its own matched flag, even when it is already due for
 *       eviction, since this batch's right rows have yet to see it.
 *   <li>Right input: the same against the left state, which now holds this batch's left rows too,
 *       so every pair is produced exactly once. A right row already due for eviction is not
 *       buffered, unless a right or full outer join still owes it a null-padded row.
 *   <li>Evict: each side whose eviction predicate exists removes its due rows (by the watermarked
 *       join key, or by its event time against its state value watermark); on the outer side(s) the
 *       removed rows that never matched are emitted padded with nulls. This is the only place outer
 *       null rows of matchable rows come from, so a matched row never yields one.
 *   <li>Commit version {@code n + 1} of the four stores, record metrics, then hand out the rows.
 * </ol>
 *
 * <p>Left semi: a left row that matches is emitted once and not buffered; a buffered left row is
 * emitted by the first right row that matches it (its matched flag set), never again.
 *
 * <p>Null join keys (with {@code =}) match nothing. On a side that cannot be null-padded they are
 * dropped before the join, as the {@code IS NOT NULL} filter Spark infers for such keys does.
 *
 * <p>Progress counts as Spark's: {@code numRowsTotal} the buffered rows of both sides, {@code
 * numRowsUpdated} the rows buffered by this batch, {@code numRowsRemoved} the rows evicted from a
 * side that emits nothing for them (Spark does not count the outer side's evictions), four store
 * instances per partition.
 */
final class StreamingSymmetricHashJoinExec extends ExecNode {
  /** The operator name progress shows, as Spark's. */
  static final String OPERATOR_NAME = "symmetricHashJoin";

  private final StatefulJoin join;
  private final StatefulOperatorInfo info;
  private final JoinType type;
  private final ExecNode left;
  private final ExecNode right;
  private final StructType keySchema;
  private final StructType leftSchema;
  private final StructType rightSchema;
  private final List<Expr> leftKeys;
  private final List<Expr> rightKeys;
  private final boolean[] nullSafe;
  private final Expr leftOnly;
  private final Expr rightOnly;
  private final Expr bothSides;
  private final List<Attribute> output;
  private final List<Attribute> joinedInput;

  /**
   * @param left the left rows, hash-partitioned on the left keys into {@code info.numPartitions()}
   * @param right the right rows, partitioned alike on the right keys
   */
  StreamingSymmetricHashJoinExec(StatefulJoin join, ExecNode left, ExecNode right) {
    this.join = join;
    this.info = join.info();
    this.type = join.joinType();
    this.left = left;
    this.right = right;
    this.leftSchema = schemaOf(left.output());
    this.rightSchema = schemaOf(right.output());
    StreamingJoinHelper.EquiKeys keys = join.keys();
    StructType ks = new StructType();
    for (int i = 0; i < keys.leftKeys().size(); i++) {
      ks = ks.add("field" + i, keys.leftKeys().get(i).dataType(), true);
    }
    this.keySchema = ks;
    this.leftKeys = AttributeBinder.bindAll(keys.leftKeys(), left.output());
    this.rightKeys = AttributeBinder.bindAll(keys.rightKeys(), right.output());
    this.nullSafe = keys.nullSafe().clone();
    Set<Long> leftIds = Conjunctions.ids(left.output());
    Set<Long> rightIds = Conjunctions.ids(right.output());
    List<Expr> l = new ArrayList<>();
    List<Expr> r = new ArrayList<>();
    List<Expr> both = new ArrayList<>();
    // Spark's JoinConditionSplitPredicates: left-only (constants too), right-only, the rest.
    for (Expr c : keys.residual()) {
      Set<Long> refs = Conjunctions.referencedIds(c);
      if (leftIds.containsAll(refs)) {
        l.add(c);
      } else if (rightIds.containsAll(refs)) {
        r.add(c);
      } else {
        both.add(c);
      }
    }
    this.joinedInput = new ArrayList<>(left.output());
    joinedInput.addAll(right.output());
    this.leftOnly = l.isEmpty() ? null : AttributeBinder.bind(Conjunctions.and(l), left.output());
    this.rightOnly = r.isEmpty() ? null : AttributeBinder.bind(Conjunctions.and(r), right.output());
    this.bothSides =
        both.isEmpty() ? null : AttributeBinder.bind(Conjunctions.and(both), joinedInput);
    this.output = join.output();
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
    return left.numPartitions();
  }

  @Override
  public BatchIterator execute(int partition, TaskContext ctx) {
    List<Batch> out = new StateTask(partition, ctx).run();
    Iterator<Batch> it = out.iterator();
    return () -> it.hasNext() ? it.next() : null;
  }

  @Override
  public String simpleString() {
    return "StreamingSymmetricHashJoin("
        + type
        + ", leftKeys="
        + join.keys().leftKeys().stream().map(Expr::sql).toList()
        + ", rightKeys="
        + join.keys().rightKeys().stream().map(Expr::sql).toList()
        + ", operator="
        + info.operatorId()
        + ", batch="
        + info.batchId()
        + ", left "
        + join.leftEviction()
        + ", right "
        + join.rightEviction()
        + ", partitions="
        + info.numPartitions()
        + ')';
  }

  private boolean outerSide(boolean isLeft) {
    return type == JoinType.FULL_OUTER
        || (isLeft ? type == JoinType.LEFT_OUTER : type == JoinType.RIGHT_OUTER);
  }

  /** One side's compiled pieces and counters for one task. */
  private final class Side {
    final boolean isLeft;
    final JoinSideState state;
    final VectorEvaluator[] keyEvals;
    final VectorEvaluator preFilter;
    final int eventTimeColumn;
    final int eventTimeEnd;
    final StreamingJoinHelper.Eviction eviction;
    final int evictionEnd;
    final ColumnVector[] keyScratch;
    final ColumnVector[] valueScratch;
    long appended;

    Side(boolean isLeft, JoinSideState state, TaskContext ctx) {
      this.isLeft = isLeft;
      this.state = state;
      List<Expr> keys = isLeft ? leftKeys : rightKeys;
      List<Attribute> in = (isLeft ? left : right).output();
      this.keyEvals = new VectorEvaluator[keys.size()];
      for (int i = 0; i < keyEvals.length; i++) {
        keyEvals[i] = ctx.compile(keys.get(i), in);
      }
      Expr pre = isLeft ? leftOnly : rightOnly;
      this.preFilter = pre == null ? null : ctx.compile(pre, in);
      this.eventTimeColumn = isLeft ? join.leftEventTime() : join.rightEventTime();
      this.eventTimeEnd =
          eventTimeColumn >= 0 ? EventTimeColumns.endField(in.get(eventTimeColumn).dataType()) : -1;
      this.eviction = isLeft ? join.leftEviction() : join.rightEviction();
      if (eviction instanceof StreamingJoinHelper.EvictByKey k) {
        this.evictionEnd =
            EventTimeColumns.endField(keySchema.fields().get(k.keyOrdinal()).dataType());
      } else if (eviction instanceof StreamingJoinHelper.EvictByValue v) {
        this.evictionEnd = EventTimeColumns.endField(in.get(v.column()).dataType());
      } else {
        this.evictionEnd = -1;
      }
      this.keyScratch = allocate(keySchema);
      this.valueScratch = allocate(state.valueCodec().schema());
    }

    boolean evicts() {
      return !(eviction instanceof StreamingJoinHelper.NoEviction);
    }

    /** Whether a buffered row (its encoded key and value) is due for eviction. */
    boolean due(byte[] key, byte[] value) {
      if (eviction instanceof StreamingJoinHelper.EvictByKey k) {
        return atOrBefore(
            state.keyCodec(), key, k.keyOrdinal(), evictionEnd, keyScratch, k.watermarkMs());
      }
      if (eviction instanceof StreamingJoinHelper.EvictByValue v) {
        return atOrBefore(
            state.valueCodec(), value, v.column(), evictionEnd, valueScratch, v.stateWatermarkMs());
      }
      return false;
    }

    /** Whether input row {@code row} would be evicted at once (Spark's check for right rows). */
    boolean dueNow(ColumnVector[] keys, Batch b, int row) {
      if (eviction instanceof StreamingJoinHelper.EvictByKey k) {
        return atOrBefore(keys[k.keyOrdinal()], evictionEnd, row, k.watermarkMs());
      }
      if (eviction instanceof StreamingJoinHelper.EvictByValue v) {
        return atOrBefore(b.column(v.column()), evictionEnd, row, v.stateWatermarkMs());
      }
      return false;
    }
  }

  /** Whether an event-time vector (a TIMESTAMP or a window by its end) is non-null and ≤ wm. */
  private static boolean atOrBefore(ColumnVector v, int endField, int row, long watermarkMs) {
    if (v.isNullAt(row)) {
      return false;
    }
    ColumnVector t = endField >= 0 ? ((StructVector) v).child(endField) : v;
    return !t.isNullAt(row) && ((LongVector) t).get(row) <= watermarkMs * 1000;
  }

  private static boolean atOrBefore(
      RowCodec codec,
      byte[] bytes,
      int field,
      int endField,
      ColumnVector[] scratch,
      long watermarkMs) {
    if (codec.isNullAt(bytes, field)) {
      return false;
    }
    if (endField < 0) {
      return codec.getLong(bytes, field) <= watermarkMs * 1000;
    }
    for (ColumnVector v : scratch) {
      v.reset();
    }
    codec.decode(bytes, scratch, 0);
    return atOrBefore(scratch[field], endField, 0, watermarkMs);
  }

  /** The run of one state partition; lives only inside {@link #execute}. */
  private final class StateTask {
    private final int partition;
    private final TaskContext ctx;
    private final List<Batch> out = new ArrayList<>();
    private final VectorEvaluator postFilter;
    private long late;
    private long removed;

    StateTask(int partition, TaskContext ctx) {
      this.partition = partition;
      this.ctx = ctx;
      this.postFilter = bothSides == null ? null : ctx.compile(bothSides, joinedInput);
    }

    List<Batch> run() {
      JoinSideState leftState = new JoinSideState("left", info, partition, keySchema, leftSchema);
      JoinSideState rightState;
      try {
        rightState = new JoinSideState("right", info, partition, keySchema, rightSchema);
      } catch (RuntimeException | Error e) {
        leftState.abort();
        throw e;
      }
      try {
        long start = System.nanoTime();
        Side l = new Side(true, leftState, ctx);
        Side r = new Side(false, rightState, ctx);
        consume(l, r, left.execute(partition, ctx));
        consume(r, l, right.execute(partition, ctx));
        long joined = System.nanoTime();
        evict(l, r);
        long evicted = System.nanoTime();
        leftState.commit();
        rightState.commit();
        recordMetrics(l, r, joined - start, evicted - joined);
        return out;
      } catch (RuntimeException | Error e) {
        leftState.abort();
        rightState.abort();
        throw e;
      }
    }

    private void consume(Side mine, Side other, BatchIterator input) {
      try (input) {
        Batch b;
        while ((b = input.next()) != null) {
          ctx.checkCancelled();
          if (!b.isEmpty()) {
            joinBatch(mine, other, b);
          }
        }
      }
    }

    /** Matches one input batch of {@code mine} against {@code other}'s state, then buffers it. */
    private void joinBatch(Side mine, Side other, Batch b) {
      int n = b.size();
      ColumnVector[] keys = new ColumnVector[mine.keyEvals.length];
      for (int i = 0; i < keys.length; i++) {
        keys[i] = mine.keyEvals[i].eval(b);
      }
      ColumnVector pre = mine.preFilter == null ? null : mine.preFilter.eval(b);
      boolean outer = outerSide(mine.isLeft);
      boolean semi = type == JoinType.LEFT_SEMI;
      boolean excludeMatched = semi && !mine.isLeft;
      long lateMicros = info.eventTimeWatermarkForLateEvents() * 1000;
      boolean[] matched = new boolean[b.numRows()];
      int[] nullRows = new int[n];
      int nulls = 0;
      int[] pendingRows = new int[n];
      byte[][] pendingKeys = new byte[n][];
      int pending = 0;
      Candidates cands = new Candidates(mine, other, b, matched);
      for (int k = 0; k < n; k++) {
        int row = b.rowAt(k);
        boolean nullKey = hasNullKey(keys, row);
        if (nullKey && !outer) {
          continue;
        }
        if (mine.eventTimeColumn >= 0
            && lateRow(b.column(mine.eventTimeColumn), mine.eventTimeEnd, row, lateMicros)) {
          late++;
          continue;
        }
        if (pre != null && !isTrue(pre, row)) {
          if (outer) {
            nullRows[nulls++] = row;
          }
          continue;
        }
        byte[] key = mine.state.keyCodec().encode(keys, row);
        if (!nullKey) {
          int count = other.state.numValues(key);
          for (int i = 0; i < count; i++) {
            byte[] v = other.state.get(key, i);
            if (excludeMatched && other.state.matched(v)) {
              continue;
            }
            cands.add(row, key, i, v);
          }
        }
        pendingRows[pending] = row;
        pendingKeys[pending++] = key;
      }
      cands.flush();
      if (semi && mine.isLeft) {
        int[] rows = new int[n];
        int count = 0;
        for (int k = 0; k < n; k++) {
          int row = b.rowAt(k);
          if (matched[row]) {
            rows[count++] = row;
          }
        }
        if (count > 0) {
          out.add(new Batch(copyRows(b.columns(), rows, count), count));
        }
      }
      if (nulls > 0) {
        ColumnVector[] mineCols = copyRows(b.columns(), nullRows, nulls);
        ColumnVector[] otherCols =
            JoinExec.nullColumns(mine.isLeft ? right.output() : left.output(), nulls);
        out.add(new Batch(joined(mine.isLeft, mineCols, otherCols), nulls));
      }
      BooleanVector flags = new BooleanVector(DataTypes.BooleanType, Math.max(b.numRows(), 1));
      ColumnVector[] valueCols = new ColumnVector[b.numColumns() + 1];
      System.arraycopy(b.columns(), 0, valueCols, 0, b.numColumns());
      valueCols[b.numColumns()] = flags;
      for (int p = 0; p < pending; p++) {
        int row = pendingRows[p];
        boolean m = matched[row];
        boolean store;
        if (semi && mine.isLeft) {
          store = !m;
        } else if (mine.isLeft) {
          // This batch's right rows have yet to meet it, even when it is already due.
          store = true;
        } else {
          store = !mine.dueNow(keys, b, row) || (outer && !m);
        }
        if (store) {
          flags.set(row, m);
          mine.state.append(pendingKeys[p], mine.state.valueCodec().encode(valueCols, row));
          mine.appended++;
        }
      }
    }

    /** The evictions of both sides, null-padding the unmatched rows of outer sides. */
    private void evict(Side l, Side r) {
      for (Side s : new Side[] {l, r}) {
        if (!s.evicts()) {
          continue;
        }
        boolean outer = outerSide(s.isLeft);
        long[] count = {0};
        List<byte[]> unmatched = s.state.evict(s::due, outer, count);
        if (!outer) {
          // Spark counts only the evictions that emit nothing.
          removed += count[0];
        }
        emitNullPadded(s, unmatched);
      }
    }

    private void emitNullPadded(Side s, List<byte[]> values) {
      int batchSize = ctx.batchSize();
      List<Attribute> mineOut = (s.isLeft ? left : right).output();
      List<Attribute> otherOut = (s.isLeft ? right : left).output();
      for (int from = 0; from < values.size(); from += batchSize) {
        int len = Math.min(batchSize, values.size() - from);
        ColumnVector[] cols = decodeAll(s.state.valueCodec(), values, from, len);
        ColumnVector[] mineCols = new ColumnVector[mineOut.size()];
        System.arraycopy(cols, 0, mineCols, 0, mineCols.length);
        out.add(new Batch(joined(s.isLeft, mineCols, JoinExec.nullColumns(otherOut, len)), len));
      }
    }

    private void recordMetrics(Side l, Side r, long updatesNanos, long removalsNanos) {
      info.stores().describeOperator(info.operatorId(), OPERATOR_NAME, numPartitions());
      OperatorStateMetrics metrics =
          info.stores().operatorMetrics(info.operatorId(), info.batchId());
      metrics.addRowsDroppedByWatermark(late);
      metrics.addUpdatesTimeNs(updatesNanos);
      metrics.addRemovalsTimeNs(removalsNanos);
      metrics.addStateRows(
          l.state.numRows() + r.state.numRows(), l.appended + r.appended, removed, 4);
    }

    /**
     * The pairs of one input batch with the other side's buffered rows, gathered a batch size at a
     * time, filtered by the two-sided part of the condition, in input order.
     */
    private final class Candidates {
      private final Side mine;
      private final Side other;
      private final Batch input;
      private final boolean[] matched;
      private final int capacity = ctx.batchSize();
      private final int[] rows = new int[capacity];
      private final byte[][] keys = new byte[capacity][];
      private final int[] indices = new int[capacity];
      private final byte[][] values = new byte[capacity][];
      private int size;

      Candidates(Side mine, Side other, Batch input, boolean[] matched) {
        this.mine = mine;
        this.other = other;
        this.input = input;
        this.matched = matched;
      }

      void add(int row, byte[] key, int index, byte[] value) {
        rows[size] = row;
        keys[size] = key;
        indices[size] = index;
        values[size++] = value;
        if (size == capacity) {
          flush();
        }
      }

      void flush() {
        int count = size;
        size = 0;
        if (count == 0) {
          return;
        }
        ColumnVector[] mineCols = copyRows(input.columns(), rows, count);
        ColumnVector[] decoded =
            decodeAll(other.state.valueCodec(), java.util.Arrays.asList(values), 0, count);
        int otherWidth = (other.isLeft ? left : right).output().size();
        ColumnVector[] otherCols = new ColumnVector[otherWidth];
        System.arraycopy(decoded, 0, otherCols, 0, otherWidth);
        Batch pairs = new Batch(joined(mine.isLeft, mineCols, otherCols), count);
        if (postFilter != null) {
          pairs = FilterExec.select(pairs, postFilter.eval(pairs));
        }
        boolean semi = type == JoinType.LEFT_SEMI;
        int[] firstTime = semi && !mine.isLeft ? new int[pairs.size()] : null;
        int first = 0;
        for (int k = 0; k < pairs.size(); k++) {
          int pair = pairs.rowAt(k);
          matched[rows[pair]] = true;
          boolean newlyMatched = other.state.markMatched(keys[pair], indices[pair]);
          if (firstTime != null && newlyMatched) {
            firstTime[first++] = pair;
          }
        }
        if (!semi) {
          if (!pairs.isEmpty()) {
            out.add(pairs);
          }
        } else if (firstTime != null && first > 0) {
          // Right rows emit the buffered left rows they match for the first time.
          out.add(new Batch(copyRows(otherCols, firstTime, first), first));
        }
      }
    }
  }

  private boolean hasNullKey(ColumnVector[] keys, int row) {
    for (int i = 0; i < keys.length; i++) {
      if (!nullSafe[i] && keys[i].isNullAt(row)) {
        return true;
      }
    }
    return false;
  }

  private static boolean lateRow(ColumnVector v, int endField, int row, long lateMicros) {
    if (v.isNullAt(row)) {
      return false;
    }
    ColumnVector t = endField >= 0 ? ((StructVector) v).child(endField) : v;
    return !t.isNullAt(row) && ((LongVector) t).get(row) <= lateMicros;
  }

  private static boolean isTrue(ColumnVector mask, int row) {
    return mask instanceof BooleanVector b && !mask.isNullAt(row) && b.get(row);
  }

  /** Output columns: left then right ({@code mine} is the left side's when {@code isLeft}). */
  private static ColumnVector[] joined(boolean isLeft, ColumnVector[] mine, ColumnVector[] other) {
    ColumnVector[] l = isLeft ? mine : other;
    ColumnVector[] r = isLeft ? other : mine;
    ColumnVector[] out = new ColumnVector[l.length + r.length];
    System.arraycopy(l, 0, out, 0, l.length);
    System.arraycopy(r, 0, out, l.length, r.length);
    return out;
  }

  private static ColumnVector[] decodeAll(RowCodec codec, List<byte[]> values, int from, int len) {
    ColumnVector[] cols = allocate(codec.schema(), Math.max(len, 1));
    for (int i = 0; i < len; i++) {
      codec.decode(values.get(from + i), cols, i);
    }
    return cols;
  }

  private static ColumnVector[] copyRows(ColumnVector[] cols, int[] rows, int count) {
    ColumnVector[] out = new ColumnVector[cols.length];
    for (int c = 0; c < cols.length; c++) {
      ColumnVector v = ColumnVector.allocate(cols[c].type(), Math.max(count, 1));
      BatchBuilder.copyRows(cols[c], rows, count, v, 0);
      out[c] = v;
    }
    return out;
  }

  private static ColumnVector[] allocate(StructType schema) {
    return allocate(schema, 1);
  }

  private static ColumnVector[] allocate(StructType schema, int capacity) {
    ColumnVector[] out = new ColumnVector[schema.fields().size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ColumnVector.allocate(schema.fields().get(i).dataType(), capacity);
    }
    return out;
  }

  private static StructType schemaOf(List<Attribute> attrs) {
    StructType s = new StructType();
    for (Attribute a : attrs) {
      DataType t = a.dataType();
      s = s.add(a.name(), t, true);
    }
    return s;
  }
}
