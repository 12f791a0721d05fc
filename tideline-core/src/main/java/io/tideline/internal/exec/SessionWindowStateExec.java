package io.tideline.internal.exec;

import io.tideline.internal.expr.AggregateCall;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.plan.EventTimeKey;
import io.tideline.internal.plan.Explain;
import io.tideline.internal.state.RowCodec;
import io.tideline.internal.state.StateStore;
import io.tideline.internal.state.StatefulOperatorInfo;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.internal.vector.StructVector;
import io.tideline.streaming.OutputMode;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The stateful half of a streaming aggregation grouped by a session window: Spark's {@code
 * SessionWindowStateStoreRestoreExec}, {@code MergingSessionsExec} and {@code
 * SessionWindowStateStoreSaveExec} in one operator, one task per state partition.
 *
 * <h2>Protocol (one task, state partition {@code p}, batch {@code n})</h2>
 *
 * <ol>
 *   <li>Load store version {@code n} of partition {@code p}. Its entries are sessions, as Spark's
 *       {@code StreamingSessionWindowStateManager} keeps them: key {@code [keys..., session
 *       start]}, value {@code [session end, buffers...]}, so several sessions of one key live side
 *       by side.
 *   <li>Gather the exchanged partial buffers {@code [grouping..., buffers...]} (each row one key
 *       and one own session {@code [t, t + gap)}, partially aggregated). A row whose session ends
 *       at or before the late-rows watermark is dropped and counted in {@code
 *       numRowsDroppedByWatermark} (Spark does so in every output mode).
 *   <li>Scan the store once: the sessions of the keys the batch touches are restored next to the
 *       batch's rows; in Append mode, when the watermark moved, sessions of other keys that ended
 *       at or before the eviction watermark are removed and emitted as they go by.
 *   <li>Per touched key, sort its rows and restored sessions by start and merge them with {@link
 *       SessionMerger} (sessions that overlap or touch merge, so a new row can bridge two stored
 *       sessions), then merge the buffers of each merged session in start order.
 *   <li>Put every merged session of a touched key (Spark's {@code updateSessions}: each counts as
 *       updated) and remove the stored sessions whose start is no longer a session start (merged
 *       into an earlier one).
 *   <li>Output: Append emits and removes the merged sessions at or before the eviction watermark;
 *       Complete emits every session in the store and evicts nothing. Update is refused at start.
 *   <li>Commit version {@code n + 1}, record metrics, then hand out the output. A failure before
 *       the commit aborts the store, so a re-run starts again from version {@code n}.
 * </ol>
 *
 * <p>Eviction scans run only when the eviction watermark is ahead of the late-rows watermark: every
 * stored session ended after the previous batch's eviction watermark (which is this batch's
 * late-rows one), and a merged session ends no earlier than any row in it.
 *
 * <p>Why one scan of the partition's sessions per batch with input: the state store SPI has no
 * prefix scan, so the sessions of a key cannot be looked up without knowing their starts. One
 * sequential scan per batch serves the restore and the eviction together; a prefix scan in the SPI
 * would make the restore proportional to the touched keys.
 */
final class SessionWindowStateExec extends ExecNode {
  /** The operator name progress shows, as Spark's. */
  static final String OPERATOR_NAME = "sessionWindowStateStoreSaveExec";

  private final StatefulOperatorInfo info;
  private final EventTimeKey eventTimeKey;
  private final List<Expr> grouping;
  private final int sessionIndex;
  private final StateAggregateBuffers aggregation;
  private final List<Expr> boundResults;
  private final List<Attribute> output;
  private final ExecNode child;
  private final StructType sessionType;
  private final List<DataType> keyTypes;
  private final List<DataType> bufferTypes;
  private final List<DataType> rowTypes;
  private final StructType keySchema;
  private final StructType valueSchema;

  /**
   * @param sessionIndex the position of the session window among the grouping expressions
   * @param child the exchanged output of a partial {@link HashAggregateExec}: {@code [grouping...,
   *     buffers...]}, hash-partitioned on the grouping keys other than the session
   */
  SessionWindowStateExec(
      StatefulOperatorInfo info,
      EventTimeKey eventTimeKey,
      List<Expr> grouping,
      int sessionIndex,
      List<AggregateCall> aggregates,
      List<Expr> aggregateList,
      ExecNode child) {
    this.info = info;
    this.eventTimeKey = eventTimeKey;
    this.grouping = List.copyOf(grouping);
    this.sessionIndex = sessionIndex;
    this.boundResults = HashAggregateExec.bindResults(aggregateList, grouping, aggregates);
    this.output = aggregateList.stream().map(Explain::toAttribute).toList();
    this.child = child;
    this.sessionType = (StructType) grouping.get(sessionIndex).dataType();
    List<Attribute> in = child.output();
    StructType keys = new StructType();
    List<DataType> kt = new ArrayList<>();
    for (int i = 0; i < grouping.size(); i++) {
      if (i != sessionIndex) {
        keys = keys.add(in.get(i).name(), in.get(i).dataType(), true);
        kt.add(in.get(i).dataType());
      }
    }
    this.keySchema = keys.add("sessionStartTime", DataTypes.TimestampType, false);
    this.aggregation =
        new StateAggregateBuffers(
            info,
            grouping,
            aggregates,
            in,
            new StructType().add("sessionEndTime", DataTypes.TimestampType, false),
            "session aggregation");
    List<DataType> bt = aggregation.bufferTypes();
    this.keyTypes = List.copyOf(kt);
    this.bufferTypes = bt;
    List<DataType> rows = new ArrayList<>(kt);
    rows.add(DataTypes.TimestampType);
    rows.add(DataTypes.TimestampType);
    rows.addAll(bt);
    this.rowTypes = List.copyOf(rows);
    this.valueSchema = aggregation.valueSchema();
  }

  @Override
  public List<Attribute> output() {
    return output;
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
    return StateAggregateBuffers.nonEmpty(new SessionTask(partition, ctx).run());
  }

  @Override
  public String simpleString() {
    return aggregation.simpleString("SessionWindowStateAggregate", "");
  }

  /**
   * The per-task work of one partition; lives only inside {@link #execute}. Rows of sessions (the
   * batch's and the restored ones) share one layout, {@code [keys..., start, end, buffers...]}.
   */
  private final class SessionTask {
    private final int partition;
    private final TaskContext ctx;
    private final int numKeys = keyTypes.size();
    private final RowCodec keyCodec = new RowCodec(keySchema);
    private final RowCodec valueCodec = RowCodec.forValues(valueSchema);
    private final long lateMicros = info.eventTimeWatermarkForLateEvents() * 1000;
    private final long evictionMicros = info.eventTimeWatermarkForEviction() * 1000;
    private final boolean evictionDue =
        info.outputMode() == OutputMode.APPEND
            && eventTimeKey.isPresent()
            && info.eventTimeWatermarkForEviction() > info.eventTimeWatermarkForLateEvents();
    private final BatchBuilder emitted;
    private long updatesNanos;
    private long removalsNanos;

    SessionTask(int partition, TaskContext ctx) {
      this.partition = partition;
      this.ctx = ctx;
      this.emitted = new BatchBuilder(rowTypes, 16);
    }

    List<Batch> run() {
      if (info.outputMode() == OutputMode.UPDATE) {
        throw ExecErrors.bug(
            "an update-mode session window aggregation reached execution; the output mode checker"
                + " refuses it");
      }
      StateStore store =
          info.stores()
              .getStore(info.operatorId(), partition, keySchema, valueSchema, info.batchId());
      try {
        long start = System.nanoTime();
        Batch rows = ownSessions();
        GroupKeyTable table = new GroupKeyTable(keyTypes, simpleString());
        int numInput = rows.size();
        int[] groups = new int[Math.max(numInput, 16)];
        table.findOrInsert(Arrays.copyOfRange(rows.columns(), 0, numKeys), rows, groups);
        int touched = table.size();
        // The gathered rows are copied once more, live rows only, next to the restored sessions.
        List<byte[]> restoredKeys = new ArrayList<>();
        BatchBuilder all = new BatchBuilder(rowTypes, Math.max(numInput, 16));
        all.appendBatch(rows);
        if (touched > 0 || evictionDue) {
          groups = scan(store, table, all, groups, restoredKeys);
        }
        Batch merged = all.build(0);
        List<byte[]> sessionKeys = new ArrayList<>();
        Batch sessions = merge(merged, groups, numInput, restoredKeys, store, sessionKeys);
        updatesNanos += System.nanoTime() - start;
        List<Batch> out = new ArrayList<>();
        if (info.outputMode() == OutputMode.COMPLETE) {
          out.addAll(everySession(store));
        } else {
          evictMerged(store, sessions, sessionKeys);
          if (emitted.size() > 0) {
            out.add(finish(emitted.build(0)));
          }
        }
        store.commit();
        aggregation.recordMetrics(OPERATOR_NAME, numPartitions(), updatesNanos, removalsNanos);
        return out;
      } catch (RuntimeException | Error e) {
        if (!store.hasCommitted()) {
          store.abort();
        }
        throw e;
      }
    }

    /**
     * The batch's rows as {@code [keys..., start, end, buffers...]}, the late ones (their own
     * session ends at or before the late-rows watermark) counted and left out of the selection.
     */
    private Batch ownSessions() {
      List<DataType> inTypes = BatchBuilder.typesOf(child.output());
      BatchBuilder in = new BatchBuilder(inTypes, ctx.batchSize());
      try (BatchIterator input = child.execute(partition, ctx)) {
        Batch b;
        while ((b = input.next()) != null) {
          ctx.checkCancelled();
          in.appendBatch(b);
        }
      }
      Batch gathered = in.build(0);
      int n = gathered.numRows();
      ColumnVector[] cols = new ColumnVector[rowTypes.size()];
      int c = 0;
      for (int i = 0; i < grouping.size(); i++) {
        if (i != sessionIndex) {
          cols[c++] = gathered.column(i);
        }
      }
      StructVector session = (StructVector) gathered.column(sessionIndex);
      cols[c++] = session.child(0);
      cols[c++] = session.child(1);
      System.arraycopy(
          gathered.columns(), grouping.size(), cols, c, gathered.numColumns() - grouping.size());
      Batch rows = new Batch(cols, n);
      if (!eventTimeKey.isPresent() || n == 0) {
        return rows;
      }
      long[] end = ((LongVector) session.child(1)).values();
      int[] kept = new int[n];
      int k = 0;
      for (int r = 0; r < n; r++) {
        if (end[r] > lateMicros) {
          kept[k++] = r;
        }
      }
      if (k == n) {
        return rows;
      }
      info.stores()
          .operatorMetrics(info.operatorId(), info.batchId())
          .addRowsDroppedByWatermark(n - k);
      return rows.withSelection(kept, k);
    }

    /**
     * One pass over the store: restores the sessions of touched keys into {@code all} (their group
     * ids appended to the returned array, their state keys to {@code restoredKeys}), and in Append
     * mode evicts and emits due sessions of the other keys.
     */
    private int[] scan(
        StateStore store,
        GroupKeyTable table,
        BatchBuilder all,
        int[] groups,
        List<byte[]> restoredKeys) {
      int chunk = Math.max(1, ctx.batchSize());
      ColumnVector[] decoded = StateAggregateBuffers.allocate(rowTypes, chunk);
      ColumnVector[] keyPart = Arrays.copyOfRange(decoded, 0, numKeys + 1);
      ColumnVector[] valuePart = Arrays.copyOfRange(decoded, numKeys + 1, decoded.length);
      ColumnVector[] keysOnly = Arrays.copyOfRange(decoded, 0, numKeys);
      byte[][] entryKeys = new byte[chunk][];
      int[] ids = new int[chunk];
      int[] restoreRows = new int[chunk];
      int[] emitRows = new int[chunk];
      int[] out = groups;
      int numOut = all.size();
      int n = 0;
      Iterator<StateStore.Entry> it = store.iterator();
      while (it.hasNext()) {
        StateStore.Entry e = it.next();
        keyCodec.decode(e.key(), keyPart, n);
        valueCodec.decode(e.value(), valuePart, n);
        entryKeys[n] = e.key();
        if (++n < chunk && it.hasNext()) {
          continue;
        }
        table.findNullSafe(keysOnly, new Batch(decoded, n), ids);
        long[] ends = ((LongVector) decoded[numKeys + 1]).values();
        int restore = 0;
        int emit = 0;
        for (int r = 0; r < n; r++) {
          // The table holds only the touched keys, so a hit is one of them.
          if (ids[r] >= 0) {
            restoreRows[restore++] = r;
            restoredKeys.add(entryKeys[r]);
            if (numOut + restore > out.length) {
              out = Arrays.copyOf(out, Math.max(numOut + restore, out.length * 2));
            }
            out[numOut + restore - 1] = ids[r];
          } else if (evictionDue && ends[r] <= evictionMicros) {
            store.remove(entryKeys[r]);
            emitRows[emit++] = r;
          }
        }
        all.append(decoded, restoreRows, restore);
        numOut += restore;
        emitted.append(decoded, emitRows, emit);
        for (ColumnVector v : decoded) {
          v.reset();
        }
        n = 0;
      }
      return out;
    }

    /**
     * Merges the sessions of each touched key ({@code rows}: the batch's first, then the restored
     * ones) and writes them to the store.
     *
     * @return the merged sessions as {@code [keys..., start, end, buffers...]}; their state keys
     *     are added to {@code sessionKeys}
     */
    private Batch merge(
        Batch rows,
        int[] groups,
        int numInput,
        List<byte[]> restoredKeys,
        StateStore store,
        List<byte[]> sessionKeys) {
      int m = rows.numRows();
      if (m == 0) {
        return new Batch(StateAggregateBuffers.allocate(rowTypes, 1), 0);
      }
      long[] start = ((LongVector) rows.column(numKeys)).values();
      long[] end = ((LongVector) rows.column(numKeys + 1)).values();
      int[] index = new int[m];
      for (int i = 0; i < m; i++) {
        index[i] = i;
      }
      SortExec.mergeSort(
          index,
          new int[m],
          0,
          m,
          (i, j) -> {
            int c = Integer.compare(groups[i], groups[j]);
            return c != 0 ? c : Long.compare(start[i], start[j]);
          });
      long[] mergedStart = new long[m];
      long[] mergedEnd = new long[m];
      int from = 0;
      for (int k = 1; k <= m; k++) {
        if (k == m || groups[index[k]] != groups[index[from]]) {
          SessionMerger.merge(start, end, index, from, k, mergedStart, mergedEnd);
          from = k;
        }
      }
      // Dense session ids in (key, start) order; each session's first row carries its key.
      int[] sessionOfSorted = new int[m];
      int[] firstRow = new int[m];
      int numSessions = 0;
      for (int k = 0; k < m; k++) {
        int r = index[k];
        if (k == 0
            || groups[r] != groups[index[k - 1]]
            || mergedStart[r] != mergedStart[index[k - 1]]) {
          firstRow[numSessions++] = r;
        }
        sessionOfSorted[k] = numSessions - 1;
      }
      AggregateFunction[] fns = aggregation.newFunctions(ctx.ansi());
      Batch sorted = rows.withSelection(index, m);
      ColumnVector[] buffers = Arrays.copyOfRange(rows.columns(), numKeys + 2, rows.numColumns());
      ColumnVector[] out = new ColumnVector[rowTypes.size()];
      for (int i = numKeys + 2; i < out.length; i++) {
        out[i] = ColumnVector.allocate(rowTypes.get(i), numSessions);
      }
      for (int f = 0; f < fns.length; f++) {
        fns[f].resize(numSessions);
        fns[f].merge(aggregation.bufferColumns(buffers, 0, f), sorted, sessionOfSorted);
      }
      for (int f = 0; f < fns.length; f++) {
        fns[f].writeBuffers(aggregation.bufferColumns(out, numKeys + 2, f), numSessions);
      }
      BatchBuilder keys = new BatchBuilder(keyTypes, numSessions);
      keys.append(rows.columns(), firstRow, numSessions);
      System.arraycopy(keys.build(0).columns(), 0, out, 0, numKeys);
      LongVector startOut = new LongVector(DataTypes.TimestampType, numSessions);
      LongVector endOut = new LongVector(DataTypes.TimestampType, numSessions);
      for (int s = 0; s < numSessions; s++) {
        startOut.set(s, mergedStart[firstRow[s]]);
        endOut.set(s, mergedEnd[firstRow[s]]);
      }
      out[numKeys] = startOut;
      out[numKeys + 1] = endOut;
      ColumnVector[] keyPart = Arrays.copyOfRange(out, 0, numKeys + 1);
      ColumnVector[] valuePart = Arrays.copyOfRange(out, numKeys + 1, out.length);
      for (int s = 0; s < numSessions; s++) {
        byte[] key = keyCodec.encode(keyPart, s);
        sessionKeys.add(key);
        store.put(key, valueCodec.encode(valuePart, s));
      }
      // A stored session merged into one that starts earlier is no longer a session of its own.
      for (int r = numInput; r < m; r++) {
        if (mergedStart[r] != start[r]) {
          store.remove(restoredKeys.get(r - numInput));
        }
      }
      return new Batch(out, numSessions);
    }

    /** Append mode: removes the merged sessions that are final and adds them to the output. */
    private void evictMerged(StateStore store, Batch sessions, List<byte[]> sessionKeys) {
      if (!evictionDue || sessions.numRows() == 0) {
        return;
      }
      long begin = System.nanoTime();
      long[] end = ((LongVector) sessions.column(numKeys + 1)).values();
      int[] due = new int[sessions.numRows()];
      int d = 0;
      for (int s = 0; s < sessions.numRows(); s++) {
        if (end[s] <= evictionMicros) {
          store.remove(sessionKeys.get(s));
          due[d++] = s;
        }
      }
      emitted.append(sessions.columns(), due, d);
      removalsNanos += System.nanoTime() - begin;
    }

    /** Complete mode: every session in the store, decoded and finished a batch at a time. */
    private List<Batch> everySession(StateStore store) {
      List<Batch> out = new ArrayList<>();
      int chunk = Math.max(1, ctx.batchSize());
      ColumnVector[] decoded = null;
      ColumnVector[] keyPart = null;
      ColumnVector[] valuePart = null;
      int n = 0;
      Iterator<StateStore.Entry> it = store.iterator();
      while (it.hasNext()) {
        if (decoded == null) {
          decoded = StateAggregateBuffers.allocate(rowTypes, chunk);
          keyPart = Arrays.copyOfRange(decoded, 0, numKeys + 1);
          valuePart = Arrays.copyOfRange(decoded, numKeys + 1, decoded.length);
        }
        StateStore.Entry e = it.next();
        keyCodec.decode(e.key(), keyPart, n);
        valueCodec.decode(e.value(), valuePart, n);
        if (++n == chunk || !it.hasNext()) {
          out.add(finish(new Batch(decoded, n)));
          decoded = null;
          n = 0;
        }
      }
      return out;
    }

    /** The output rows of sessions {@code [keys..., start, end, buffers...]}. */
    private Batch finish(Batch sessions) {
      int n = sessions.numRows();
      AggregateFunction[] fns = aggregation.newFunctions(ctx.ansi());
      int[] ids = new int[n];
      for (int i = 0; i < n; i++) {
        ids[i] = i;
      }
      ColumnVector[] buffers =
          Arrays.copyOfRange(sessions.columns(), numKeys + 2, sessions.numColumns());
      for (int f = 0; f < fns.length; f++) {
        fns[f].resize(n);
        fns[f].merge(aggregation.bufferColumns(buffers, 0, f), sessions, ids);
      }
      ColumnVector[] cols = new ColumnVector[grouping.size() + fns.length];
      int k = 0;
      for (int i = 0; i < grouping.size(); i++) {
        cols[i] =
            i == sessionIndex
                ? TimeWindowExec.struct(
                    sessionType,
                    (LongVector) sessions.column(numKeys),
                    (LongVector) sessions.column(numKeys + 1),
                    n)
                : sessions.column(k++);
      }
      for (int f = 0; f < fns.length; f++) {
        cols[grouping.size() + f] = fns[f].result(n);
      }
      Batch aggregated = new Batch(cols, n);
      ColumnVector[] out = new ColumnVector[boundResults.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = ctx.compile(boundResults.get(i)).eval(aggregated);
      }
      return new Batch(out, n);
    }
  }
}
