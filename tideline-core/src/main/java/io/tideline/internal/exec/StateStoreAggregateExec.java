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
import io.tideline.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The stateful half of a streaming aggregation: Spark's {@code StateStoreRestoreExec}, final merge
 * and {@code StateStoreSaveExec} in one operator, one task per state partition.
 *
 * <h2>Protocol (one task, state partition {@code p}, batch {@code n})</h2>
 *
 * <ol>
 *   <li>Load store version {@code n} of partition {@code p}.
 *   <li>Read the exchanged partial buffers {@code [keys..., buffers...]}. Each key gets a dense
 *       group id from a {@link GroupKeyTable}; the first time a key shows up in this batch, its
 *       stored buffers (if any) are decoded into vectors and merged into the group <em>before</em>
 *       any of the batch's buffers, so {@code first} keeps the oldest value and {@code last} the
 *       newest. Keys new to the batch are restored together, a batch at a time, so the merge runs
 *       column-wise through the functions' own {@code merge}.
 *   <li>With an event-time key in Append or Update mode, drop the touched keys that are late: event
 *       time (a window's {@code end}) at or before the late-rows watermark. Spark counts them in
 *       {@code numRowsDroppedByWatermark} one per key and partition, after the batch's partial
 *       aggregation, so this does too.
 *   <li>Write each remaining touched key's merged buffers back ({@code put}).
 *   <li>Compute the output the mode asks for: update emits the touched keys, then evicts the keys
 *       at or before the eviction watermark without emitting them; append evicts those keys and
 *       emits them, as they can no longer change; complete decodes every entry of the store (this
 *       batch's puts included) and emits all of them, and never evicts.
 *   <li>Commit version {@code n + 1}, record metrics, and only then hand out the output. A failure
 *       before the commit aborts the store, so a re-run of batch {@code n} starts again from
 *       version {@code n} and yields the same output and the same version {@code n + 1}.
 * </ol>
 *
 * <p>Eviction scans the store only when the eviction watermark is ahead of the late-rows watermark.
 * Otherwise nothing can be due: every key left in the store passed the previous batch's eviction,
 * which used the watermark this batch judges late rows by, and every key put in this batch is later
 * than it. This skips the scan of every data batch that follows a no-data batch.
 *
 * <p>The work happens in {@link #execute} before the first batch is returned, so a consumer that
 * stops early (a limit over complete output) still leaves the store committed.
 *
 * <p>State layout: key = the grouping values ({@link #keySchema}), value = the aggregation buffers
 * of every function, in call order ({@link #valueSchema}), both in {@link RowCodec}'s encoding. A
 * global aggregation has one key, the empty row.
 *
 * <p>Why not Spark's three operators: they exist so Spark's code generation can fuse a hash
 * aggregate between them; here one hash table serves restore, merge and save, and keys are encoded
 * once per batch for both the lookup and the write.
 */
final class StateStoreAggregateExec extends ExecNode {
  /** The operator name progress shows, as Spark's for a streaming aggregation. */
  static final String OPERATOR_NAME = "stateStoreSave";

  private final StatefulOperatorInfo info;
  private final EventTimeKey eventTimeKey;
  private final StateAggregateBuffers aggregation;
  private final List<Expr> boundResults;
  private final List<Attribute> output;
  private final ExecNode child;
  private final List<DataType> keyTypes;
  private final List<DataType> bufferTypes;
  private final StructType keySchema;
  private final StructType valueSchema;

  /**
   * @param child the exchanged output of a partial {@link HashAggregateExec}: {@code [keys...,
   *     buffers...]}, hash-partitioned on the keys into {@code info.numPartitions()} partitions
   */
  StateStoreAggregateExec(
      StatefulOperatorInfo info,
      EventTimeKey eventTimeKey,
      List<Expr> grouping,
      List<AggregateCall> aggregates,
      List<Expr> aggregateList,
      ExecNode child) {
    this.info = info;
    this.eventTimeKey = eventTimeKey;
    this.boundResults = HashAggregateExec.bindResults(aggregateList, grouping, aggregates);
    this.output = aggregateList.stream().map(Explain::toAttribute).toList();
    this.child = child;
    List<Attribute> in = child.output();
    StructType keys = new StructType();
    List<DataType> kt = new ArrayList<>();
    for (int i = 0; i < grouping.size(); i++) {
      keys = keys.add(in.get(i).name(), in.get(i).dataType(), true);
      kt.add(in.get(i).dataType());
    }
    this.aggregation =
        new StateAggregateBuffers(info, grouping, aggregates, in, new StructType(), "aggregation");
    this.keyTypes = List.copyOf(kt);
    this.bufferTypes = aggregation.bufferTypes();
    this.keySchema = keys;
    this.valueSchema = aggregation.valueSchema();
  }

  /** The schema of the state's keys: the grouping values. */
  StructType keySchema() {
    return keySchema;
  }

  /** The schema of the state's values: every function's aggregation buffer, in call order. */
  StructType valueSchema() {
    return valueSchema;
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
    return StateAggregateBuffers.nonEmpty(new StateTask(partition, ctx).run());
  }

  @Override
  public String simpleString() {
    return aggregation.simpleString(
        "StateStoreAggregate",
        eventTimeKey.isPresent() ? ", eventTimeKey=" + eventTimeKey.keyIndex() : "");
  }

  /** The per-task state of one partition's run; lives only inside {@link #execute}. */
  private final class StateTask {
    private final int partition;
    private final TaskContext ctx;
    private final int numKeys = keyTypes.size();
    private final RowCodec keyCodec = new RowCodec(keySchema);
    private final RowCodec valueCodec = RowCodec.forValues(valueSchema);
    private final AggregateFunction[] fns;
    private byte[][] groupKeys = new byte[16][];
    private int numGroups;
    private ColumnVector[] restored;
    private int[] restoredGroups = new int[16];
    private long updatesNanos;
    private int numKept;
    private long removalsNanos;

    StateTask(int partition, TaskContext ctx) {
      this.partition = partition;
      this.ctx = ctx;
      this.fns = aggregation.newFunctions(ctx.ansi());
    }

    List<Batch> run() {
      StateStore store =
          info.stores()
              .getStore(info.operatorId(), partition, keySchema, valueSchema, info.batchId());
      try {
        long start = System.nanoTime();
        GroupKeyTable table = numKeys == 0 ? null : new GroupKeyTable(keyTypes, simpleString());
        if (table == null) {
          // A global aggregation has exactly one group, touched by every batch, as in Spark.
          addGroups(store, null, 1);
        }
        mergeIncoming(store, table);
        ColumnVector[] keyVectors = table == null ? new ColumnVector[0] : table.keyVectors();
        ColumnVector[] buffers = writeBuffers();
        int[] kept = dropLate(keyVectors);
        for (int k = 0; k < numKept; k++) {
          int g = kept == null ? k : kept[k];
          store.put(groupKeys[g], valueCodec.encode(buffers, g));
        }
        updatesNanos += System.nanoTime() - start;
        List<Batch> out =
            switch (info.outputMode()) {
              case UPDATE -> {
                Batch updated = results(keyVectors, fns, numGroups);
                if (kept != null) {
                  updated = updated.withSelection(kept, numKept).compact();
                }
                evict(store, false);
                yield List.of(updated);
              }
              case COMPLETE -> allRows(store);
              case APPEND -> {
                if (!eventTimeKey.isPresent()) {
                  throw ExecErrors.bug(
                      "an append-mode streaming aggregation without an event-time key reached"
                          + " execution; the output mode checker refuses it");
                }
                yield evict(store, true);
              }
            };
        // The store times its own commit and reports its counts to the registry.
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

    /** Folds the exchanged partial buffers into the groups, restoring each new key first. */
    private void mergeIncoming(StateStore store, GroupKeyTable table) {
      int[] ids = new int[0];
      ColumnVector[] keys = new ColumnVector[numKeys];
      try (BatchIterator input = child.execute(partition, ctx)) {
        Batch b;
        while ((b = input.next()) != null) {
          ctx.checkCancelled();
          int n = b.size();
          if (n == 0) {
            continue;
          }
          if (ids.length < n) {
            ids = new int[Math.max(n, ids.length * 2)];
          }
          if (table != null) {
            for (int i = 0; i < numKeys; i++) {
              keys[i] = b.column(i);
            }
            table.findOrInsert(keys, b, ids);
            if (table.size() > numGroups) {
              addGroups(store, table.keyVectors(), table.size());
            }
          } else {
            Arrays.fill(ids, 0, n, 0);
          }
          for (int f = 0; f < fns.length; f++) {
            fns[f].merge(aggregation.bufferColumns(b.columns(), numKeys, f), b, ids);
          }
        }
      }
    }

    /**
     * Makes groups {@code numGroups..upTo-1} known: encodes their keys once (for the lookup here
     * and the put later) and merges the stored buffers of those that have state.
     */
    private void addGroups(StateStore store, ColumnVector[] keyVectors, int upTo) {
      int from = numGroups;
      if (groupKeys.length < upTo) {
        groupKeys = Arrays.copyOf(groupKeys, Math.max(upTo, groupKeys.length * 2));
      }
      for (AggregateFunction fn : fns) {
        fn.resize(upTo);
      }
      numGroups = upTo;
      int count = upTo - from;
      if (restored == null) {
        restored = StateAggregateBuffers.allocate(bufferTypes, Math.max(count, 16));
      }
      for (ColumnVector v : restored) {
        v.reset();
        v.ensureCapacity(count);
      }
      if (restoredGroups.length < count) {
        restoredGroups = new int[Math.max(count, restoredGroups.length * 2)];
      }
      ColumnVector[] noKeys = new ColumnVector[0];
      int found = 0;
      for (int g = from; g < upTo; g++) {
        byte[] key = keyCodec.encode(keyVectors == null ? noKeys : keyVectors, g);
        groupKeys[g] = key;
        byte[] value = store.get(key);
        if (value != null) {
          valueCodec.decode(value, restored, found);
          restoredGroups[found++] = g;
        }
      }
      if (found == 0) {
        return;
      }
      Batch stored = new Batch(restored, found);
      for (int f = 0; f < fns.length; f++) {
        fns[f].merge(aggregation.bufferColumns(restored, 0, f), stored, restoredGroups);
      }
    }

    /** The merged buffers of groups {@code 0..numGroups-1}, one vector per value column. */
    private ColumnVector[] writeBuffers() {
      ColumnVector[] out = StateAggregateBuffers.allocate(bufferTypes, Math.max(numGroups, 1));
      for (int f = 0; f < fns.length; f++) {
        fns[f].writeBuffers(aggregation.bufferColumns(out, 0, f), numGroups);
      }
      return out;
    }

    /**
     * Finds the touched groups that are late (Append and Update mode with an event-time key) and
     * counts them as dropped by the watermark.
     *
     * @return the groups to keep, ascending, in the first {@code numKept} entries; null to keep all
     */
    private int[] dropLate(ColumnVector[] keyVectors) {
      numKept = numGroups;
      if (!evictsState() || numGroups == 0) {
        return null;
      }
      long lateMicros = info.eventTimeWatermarkForLateEvents() * 1000;
      int[] kept = null;
      int k = 0;
      for (int g = 0; g < numGroups; g++) {
        if (isAtOrBefore(keyVectors, g, lateMicros)) {
          if (kept == null) {
            kept = new int[numGroups];
            for (int i = 0; i < g; i++) {
              kept[i] = i;
            }
            k = g;
          }
        } else if (kept != null) {
          kept[k++] = g;
        }
      }
      if (kept == null) {
        return null;
      }
      numKept = k;
      info.stores()
          .operatorMetrics(info.operatorId(), info.batchId())
          .addRowsDroppedByWatermark(numGroups - k);
      return kept;
    }

    /**
     * Removes the entries whose event time is at or before the eviction watermark; with {@code
     * emit}, returns their output rows (append mode), else nothing (update mode).
     */
    private List<Batch> evict(StateStore store, boolean emit) {
      if (!evictsState()
          || info.eventTimeWatermarkForEviction() <= info.eventTimeWatermarkForLateEvents()) {
        return List.of();
      }
      long start = System.nanoTime();
      long evictionMicros = info.eventTimeWatermarkForEviction() * 1000;
      int keyIndex = eventTimeKey.keyIndex();
      boolean window = eventTimeKey.endField() >= 0;
      List<Batch> out = new ArrayList<>();
      int chunk = Math.max(1, ctx.batchSize());
      ColumnVector[] keyVectors = null;
      ColumnVector[] values = null;
      int n = 0;
      Iterator<StateStore.Entry> it = store.iterator();
      while (it.hasNext()) {
        StateStore.Entry e = it.next();
        boolean due;
        if (window || emit) {
          if (keyVectors == null) {
            keyVectors = StateAggregateBuffers.allocate(keyTypes, chunk);
            values = StateAggregateBuffers.allocate(bufferTypes, chunk);
          }
          keyCodec.decode(e.key(), keyVectors, n);
          due = isAtOrBefore(keyVectors, n, evictionMicros);
        } else {
          due =
              !keyCodec.isNullAt(e.key(), keyIndex)
                  && keyCodec.getLong(e.key(), keyIndex) <= evictionMicros;
        }
        if (!due) {
          continue;
        }
        store.remove(e.key());
        if (emit) {
          valueCodec.decode(e.value(), values, n);
          if (++n == chunk) {
            out.add(finish(keyVectors, values, n));
            keyVectors = null;
            n = 0;
          }
        }
      }
      if (emit && n > 0) {
        out.add(finish(keyVectors, values, n));
      }
      removalsNanos += System.nanoTime() - start;
      return out;
    }

    /**
     * Whether the event time of key row {@code row} is at or before {@code micros}; null is not.
     */
    private boolean isAtOrBefore(ColumnVector[] keyVectors, int row, long micros) {
      ColumnVector key = keyVectors[eventTimeKey.keyIndex()];
      if (key.isNullAt(row)) {
        return false;
      }
      if (eventTimeKey.endField() >= 0) {
        key = ((StructVector) key).child(eventTimeKey.endField());
        if (key.isNullAt(row)) {
          return false;
        }
      }
      return ((LongVector) key).get(row) <= micros;
    }

    /** Whether this operator drops late rows and evicts state: an event-time key, not Complete. */
    private boolean evictsState() {
      return eventTimeKey.isPresent() && info.outputMode() != OutputMode.COMPLETE;
    }

    /** Every entry of the store, decoded and finished a batch at a time: complete mode. */
    private List<Batch> allRows(StateStore store) {
      List<Batch> out = new ArrayList<>();
      int chunk = Math.max(1, ctx.batchSize());
      ColumnVector[] keyVectors = null;
      ColumnVector[] values = null;
      int n = 0;
      Iterator<StateStore.Entry> it = store.iterator();
      while (it.hasNext()) {
        if (keyVectors == null) {
          keyVectors = StateAggregateBuffers.allocate(keyTypes, chunk);
          values = StateAggregateBuffers.allocate(bufferTypes, chunk);
        }
        StateStore.Entry e = it.next();
        keyCodec.decode(e.key(), keyVectors, n);
        valueCodec.decode(e.value(), values, n);
        if (++n == chunk || !it.hasNext()) {
          out.add(finish(keyVectors, values, n));
          keyVectors = null;
          n = 0;
        }
      }
      return out;
    }

    /** The output rows of {@code n} decoded entries. */
    private Batch finish(ColumnVector[] keyVectors, ColumnVector[] values, int n) {
      AggregateFunction[] chunkFns = aggregation.newFunctions(ctx.ansi());
      int[] ids = new int[n];
      for (int i = 0; i < n; i++) {
        ids[i] = i;
      }
      Batch decoded = new Batch(values, n);
      for (int f = 0; f < chunkFns.length; f++) {
        chunkFns[f].resize(n);
        chunkFns[f].merge(aggregation.bufferColumns(values, 0, f), decoded, ids);
      }
      return results(keyVectors, chunkFns, n);
    }

    /** Evaluates the output list over {@code [keys..., results...]} of {@code n} groups. */
    private Batch results(ColumnVector[] keyVectors, AggregateFunction[] functions, int n) {
      ColumnVector[] cols = new ColumnVector[numKeys + functions.length];
      System.arraycopy(keyVectors, 0, cols, 0, numKeys);
      for (int f = 0; f < functions.length; f++) {
        cols[numKeys + f] = functions[f].result(n);
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
