package io.tideline.internal.exec;

import io.tideline.internal.expr.Attribute;
import io.tideline.internal.plan.EventTimeColumns;
import io.tideline.internal.plan.Explain;
import io.tideline.internal.plan.StatefulDeduplicate;
import io.tideline.internal.state.RowCodec;
import io.tideline.internal.state.StateStore;
import io.tideline.internal.state.StatefulOperatorInfo;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.internal.vector.StructVector;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The stateful deduplication of one micro-batch, one task per state partition: Spark's {@code
 * StreamingDeduplicateExec} ({@code dropDuplicates}) and {@code
 * StreamingDeduplicateWithinWatermarkExec} ({@code dropDuplicatesWithinWatermark}).
 *
 * <h2>Protocol (one task, state partition {@code p}, batch {@code n})</h2>
 *
 * <ol>
 *   <li>Load store version {@code n} of partition {@code p}.
 *   <li>For each exchanged input row: when the stream has a watermark, drop it as late if its event
 *       time is at or before the late-rows watermark ({@code numRowsDroppedByWatermark}); else look
 *       its key up: a stored key drops the row ({@code numDroppedDuplicateRows}), a new one is put
 *       and the row kept. Rows of one batch are seen in order, so the first of a key wins.
 *   <li>Evict: plain dedup with the event-time column among its keys removes the keys whose event
 *       time is at or before the eviction watermark; within-watermark dedup removes the keys whose
 *       expiry (first event time plus the delay, the stored value) is at or before it.
 *   <li>Commit version {@code n + 1}, record metrics, and only then hand out the kept rows, so a
 *       consumer that stops early still leaves the store committed and a failure before the commit
 *       aborts it (a re-run of batch {@code n} starts again from version {@code n}).
 * </ol>
 *
 * <p>As in the aggregation, eviction scans the store only when the eviction watermark is ahead of
 * the late-rows watermark: otherwise every stored key already survived an eviction at that
 * watermark, and every key put in this batch is later than it.
 *
 * <p>State layout: key = the dedup key values, value = nothing (plain) or the expiry in
 * microseconds (within watermark), both in {@link RowCodec}'s encoding.
 */
final class StreamingDeduplicateExec extends ExecNode {
  /** The operator name progress shows for {@code dropDuplicates}, as Spark's. */
  static final String DEDUPE = "dedupe";

  /** The operator name progress shows for {@code dropDuplicatesWithinWatermark}, as Spark's. */
  static final String DEDUPE_WITHIN_WATERMARK = "dedupeWithinWatermark";

  /** The custom metric counting rows dropped because their key was already stored. */
  static final String DROPPED_DUPLICATES = "numDroppedDuplicateRows";

  private final StatefulDeduplicate dedup;
  private final StatefulOperatorInfo info;
  private final int[] keyColumns;
  private final StructType keySchema;
  private final StructType valueSchema;
  private final int timeEndField;
  private final int keyEndField;
  private final ExecNode child;

  /**
   * @param child the rows to deduplicate, hash-partitioned on the keys into {@code
   *     info.numPartitions()} partitions, with the deduplication's input columns
   */
  StreamingDeduplicateExec(StatefulDeduplicate dedup, ExecNode child) {
    this.dedup = dedup;
    this.info = dedup.info();
    this.child = child;
    List<Attribute> in = child.output();
    List<Attribute> keys = dedup.deduplicate().keys();
    this.keyColumns = new int[keys.size()];
    StructType ks = new StructType();
    for (int i = 0; i < keys.size(); i++) {
      keyColumns[i] = indexOf(in, keys.get(i));
      ks = ks.add(keys.get(i).name(), keys.get(i).dataType(), true);
    }
    this.keySchema = ks;
    this.valueSchema =
        dedup.withinWatermark()
            ? new StructType().add("expiresAtMicros", DataTypes.LongType, false)
            : new StructType();
    this.timeEndField =
        dedup.watermarked()
            ? EventTimeColumns.endField(in.get(dedup.eventTimeColumn()).dataType())
            : -1;
    this.keyEndField =
        dedup.eventTimeKey() >= 0
            ? EventTimeColumns.endField(keys.get(dedup.eventTimeKey()).dataType())
            : -1;
  }

  private static int indexOf(List<Attribute> in, Attribute key) {
    for (int i = 0; i < in.size(); i++) {
      if (in.get(i).exprId() == key.exprId()) {
        return i;
      }
    }
    throw ExecErrors.bug("dedup key " + key.name() + " is missing from its input " + in);
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
    List<Batch> out = new StateTask(partition, ctx).run();
    Iterator<Batch> it = out.iterator();
    return () -> it.hasNext() ? it.next() : null;
  }

  @Override
  public String simpleString() {
    return (dedup.withinWatermark()
            ? "StreamingDeduplicateWithinWatermark(keys="
            : "StreamingDeduplicate(keys=")
        + Explain.attributes(dedup.deduplicate().keys())
        + ", operator="
        + info.operatorId()
        + ", batch="
        + info.batchId()
        + (dedup.watermarked() ? ", eventTimeColumn=" + dedup.eventTimeColumn() : "")
        + ", partitions="
        + info.numPartitions()
        + ')';
  }

  /** The run of one state partition; lives only inside {@link #execute}. */
  private final class StateTask {
    private final int partition;
    private final TaskContext ctx;
    private final RowCodec keyCodec = new RowCodec(keySchema);
    private final RowCodec valueCodec = RowCodec.forValues(valueSchema);
    private final ColumnVector[] keys = new ColumnVector[keyColumns.length];
    private final ColumnVector[] expiry = {ColumnVector.allocate(DataTypes.LongType, 1)};
    private final byte[] present;
    private long late;
    private long duplicates;
    private long updatesNanos;
    private long removalsNanos;

    StateTask(int partition, TaskContext ctx) {
      this.partition = partition;
      this.ctx = ctx;
      this.present = dedup.withinWatermark() ? null : valueCodec.encode(new ColumnVector[0], 0);
    }

    List<Batch> run() {
      StateStore store =
          info.stores()
              .getStore(info.operatorId(), partition, keySchema, valueSchema, info.batchId());
      try {
        long start = System.nanoTime();
        List<Batch> out = new ArrayList<>();
        try (BatchIterator input = child.execute(partition, ctx)) {
          Batch b;
          while ((b = input.next()) != null) {
            ctx.checkCancelled();
            Batch kept = firstOccurrences(store, b);
            if (!kept.isEmpty()) {
              out.add(kept);
            }
          }
        }
        updatesNanos = System.nanoTime() - start;
        evict(store);
        store.commit();
        recordMetrics();
        return out;
      } catch (RuntimeException | Error e) {
        if (!store.hasCommitted()) {
          store.abort();
        }
        throw e;
      }
    }

    /** {@code in} narrowed to its on-time rows whose key the store did not hold; stores them. */
    private Batch firstOccurrences(StateStore store, Batch in) {
      int n = in.size();
      if (n == 0) {
        return in;
      }
      for (int i = 0; i < keys.length; i++) {
        keys[i] = in.column(keyColumns[i]);
      }
      LongVector time = dedup.watermarked() ? eventTime(in.column(dedup.eventTimeColumn())) : null;
      ColumnVector timeVector = dedup.watermarked() ? in.column(dedup.eventTimeColumn()) : null;
      long lateMicros = info.eventTimeWatermarkForLateEvents() * 1000;
      long delayMicros = dedup.delayMs() * 1000;
      int[] sel = new int[n];
      int kept = 0;
      for (int k = 0; k < n; k++) {
        int row = in.rowAt(k);
        boolean hasTime = time != null && !isNull(timeVector, time, row);
        if (hasTime && time.get(row) <= lateMicros) {
          late++;
          continue;
        }
        byte[] key = keyCodec.encode(keys, row);
        if (store.get(key) != null) {
          duplicates++;
          continue;
        }
        if (dedup.withinWatermark()) {
          // A null event time counts as the epoch: the key expires at the first eviction.
          long expiresAt = (hasTime ? time.get(row) : 0) + delayMicros;
          ((LongVector) expiry[0]).set(0, expiresAt);
          store.put(key, valueCodec.encode(expiry, 0));
        } else {
          store.put(key, present);
        }
        sel[kept++] = row;
      }
      return kept == n ? in : in.withSelection(sel, kept);
    }

    /** Removes the keys whose event time (plain) or expiry (within watermark) is due. */
    private void evict(StateStore store) {
      boolean byKey = dedup.eventTimeKey() >= 0 && !dedup.withinWatermark();
      if (!(byKey || dedup.withinWatermark())
          || info.eventTimeWatermarkForEviction() <= info.eventTimeWatermarkForLateEvents()) {
        return;
      }
      long start = System.nanoTime();
      long evictionMicros = info.eventTimeWatermarkForEviction() * 1000;
      ColumnVector[] decoded = keyEndField >= 0 ? allocateKeys() : null;
      Iterator<StateStore.Entry> it = store.iterator();
      while (it.hasNext()) {
        StateStore.Entry e = it.next();
        boolean due;
        if (dedup.withinWatermark()) {
          due = valueCodec.getLong(e.value(), 0) <= evictionMicros;
        } else if (decoded != null) {
          keyCodec.decode(e.key(), decoded, 0);
          ColumnVector w = decoded[dedup.eventTimeKey()];
          LongVector end = (LongVector) ((StructVector) w).child(keyEndField);
          due = !w.isNullAt(0) && !end.isNullAt(0) && end.get(0) <= evictionMicros;
          for (ColumnVector v : decoded) {
            v.reset();
          }
        } else {
          int field = dedup.eventTimeKey();
          due =
              !keyCodec.isNullAt(e.key(), field)
                  && keyCodec.getLong(e.key(), field) <= evictionMicros;
        }
        if (due) {
          store.remove(e.key());
        }
      }
      removalsNanos = System.nanoTime() - start;
    }

    private ColumnVector[] allocateKeys() {
      ColumnVector[] out = new ColumnVector[keySchema.fields().size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = ColumnVector.allocate(keySchema.fields().get(i).dataType(), 1);
      }
      return out;
    }

    /** The event-time microseconds of an event-time column: itself, or a window's {@code end}. */
    private LongVector eventTime(ColumnVector column) {
      return (LongVector)
          (timeEndField >= 0 ? ((StructVector) column).child(timeEndField) : column);
    }

    private boolean isNull(ColumnVector column, LongVector time, int row) {
      return column.isNullAt(row) || (time != column && time.isNullAt(row));
    }

    private void recordMetrics() {
      info.stores()
          .describeOperator(
              info.operatorId(),
              dedup.withinWatermark() ? DEDUPE_WITHIN_WATERMARK : DEDUPE,
              numPartitions());
      var metrics = info.stores().operatorMetrics(info.operatorId(), info.batchId());
      metrics.addRowsDroppedByWatermark(late);
      metrics.addCustomMetric(DROPPED_DUPLICATES, duplicates);
      metrics.addUpdatesTimeNs(updatesNanos);
      metrics.addRemovalsTimeNs(removalsNanos);
    }
  }
}
