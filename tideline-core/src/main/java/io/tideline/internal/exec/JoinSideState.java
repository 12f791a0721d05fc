package io.tideline.internal.exec;

import io.tideline.internal.state.RowCodec;
import io.tideline.internal.state.StateStore;
import io.tideline.internal.state.StatefulOperatorInfo;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.types.DataTypes;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The buffered rows of one side of a stream-stream join in one state partition: Spark's {@code
 * SymmetricHashJoinStateManager}, with its two stores per side.
 *
 * <ul>
 *   <li>{@code <side>-keyToNumValues}: join key → number of rows buffered for it ({@code count
 *       BIGINT});
 *   <li>{@code <side>-keyWithIndexToValue}: join key plus an index in {@code [0, count)} → the row
 *       (the side's columns) plus its {@code matched} flag, set once the row joined with a row of
 *       the other side, so an outer join never emits a null-padded row for it.
 * </ul>
 *
 * <p>Invariant: for every key of the first store with count {@code n}, the second holds exactly the
 * indices {@code 0..n-1}. Removing rows compacts the survivors of a key to the lowest indices.
 *
 * <p>Used by one task thread; every method reads or changes the stores of this batch's version.
 */
final class JoinSideState {
  static final String KEY_TO_NUM_VALUES = "keyToNumValues";
  static final String KEY_WITH_INDEX_TO_VALUE = "keyWithIndexToValue";

  private final StateStore counts;
  private final StateStore values;
  private final RowCodec keyCodec;
  private final RowCodec keyIndexCodec;
  private final RowCodec countCodec;
  private final RowCodec valueCodec;
  private final int matchedField;
  private final ColumnVector[] keyScratch;
  private final ColumnVector[] keyIndexScratch;
  private final LongVector indexScratch;
  private final ColumnVector[] countScratch = {ColumnVector.allocate(DataTypes.LongType, 1)};
  private byte[] scratchKey;

  /**
   * @param side {@code left} or {@code right}, the prefix of the store names
   * @param keySchema the join keys' types
   * @param rowSchema the side's columns
   */
  JoinSideState(
      String side,
      StatefulOperatorInfo info,
      int partition,
      StructType keySchema,
      StructType rowSchema) {
    StructType keyIndexSchema = keySchema.add("index", DataTypes.LongType, false);
    StructType countSchema = new StructType().add("count", DataTypes.LongType, false);
    StructType valueSchema = rowSchema.add("matched", DataTypes.BooleanType, false);
    this.keyCodec = new RowCodec(keySchema);
    this.keyIndexCodec = new RowCodec(keyIndexSchema);
    this.countCodec = RowCodec.forValues(countSchema);
    this.valueCodec = RowCodec.forValues(valueSchema);
    this.matchedField = rowSchema.fields().size();
    this.keyScratch = allocate(keySchema);
    this.keyIndexScratch = new ColumnVector[keyScratch.length + 1];
    System.arraycopy(keyScratch, 0, keyIndexScratch, 0, keyScratch.length);
    this.indexScratch = (LongVector) ColumnVector.allocate(DataTypes.LongType, 1);
    keyIndexScratch[keyScratch.length] = indexScratch;
    StateStore c = null;
    try {
      c =
          info.stores()
              .getStore(
                  info.operatorId(),
                  partition,
                  side + "-" + KEY_TO_NUM_VALUES,
                  keySchema,
                  countSchema,
                  info.batchId());
      this.values =
          info.stores()
              .getStore(
                  info.operatorId(),
                  partition,
                  side + "-" + KEY_WITH_INDEX_TO_VALUE,
                  keyIndexSchema,
                  valueSchema,
                  info.batchId());
    } catch (RuntimeException | Error e) {
      if (c != null) {
        c.abort();
      }
      throw e;
    }
    this.counts = c;
  }

  private static ColumnVector[] allocate(StructType schema) {
    List<StructField> fields = schema.fields();
    ColumnVector[] out = new ColumnVector[fields.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ColumnVector.allocate(fields.get(i).dataType(), 1);
    }
    return out;
  }

  RowCodec keyCodec() {
    return keyCodec;
  }

  RowCodec valueCodec() {
    return valueCodec;
  }

  /** The number of rows buffered for {@code key}. */
  int numValues(byte[] key) {
    byte[] c = counts.get(key);
    return c == null ? 0 : (int) countCodec.getLong(c, 0);
  }

  /** The buffered row {@code index} of {@code key} (row columns plus the matched flag). */
  byte[] get(byte[] key, int index) {
    byte[] v = values.get(keyWithIndex(key, index));
    if (v == null) {
      throw ExecErrors.bug(
          "join state " + values.id() + " lacks index " + index + " of a key it counts");
    }
    return v;
  }

  boolean matched(byte[] value) {
    return valueCodec.getBoolean(value, matchedField);
  }

  /** Marks row {@code index} of {@code key} matched; returns whether it was not yet. */
  boolean markMatched(byte[] key, int index) {
    byte[] k = keyWithIndex(key, index);
    byte[] v = values.get(k);
    if (v == null || valueCodec.getBoolean(v, matchedField)) {
      return false;
    }
    values.put(k, valueCodec.withBoolean(v, matchedField, true));
    return true;
  }

  /** Buffers an encoded value (the row and its matched flag) under {@code key}. */
  void append(byte[] key, byte[] value) {
    int n = numValues(key);
    values.put(keyWithIndex(key, n), value);
    putCount(key, n + 1);
  }

  /** What eviction decides for one buffered row. */
  interface RowPredicate {
    boolean test(byte[] key, byte[] value);
  }

  /**
   * Removes every buffered row {@code due} accepts and returns the values of the removed rows that
   * never matched (for null-padded output) when {@code collectUnmatched}; counts the removed rows
   * in {@code removed[0]}.
   */
  List<byte[]> evict(RowPredicate due, boolean collectUnmatched, long[] removed) {
    List<byte[]> unmatched = new ArrayList<>();
    List<byte[]> survivors = new ArrayList<>();
    List<byte[]> keys = new ArrayList<>();
    Iterator<StateStore.Entry> it = counts.iterator();
    while (it.hasNext()) {
      keys.add(it.next().key());
    }
    for (byte[] key : keys) {
      int n = numValues(key);
      survivors.clear();
      boolean any = false;
      for (int i = 0; i < n; i++) {
        byte[] v = get(key, i);
        if (due.test(key, v)) {
          any = true;
          removed[0]++;
          if (collectUnmatched && !matched(v)) {
            unmatched.add(v);
          }
        } else {
          survivors.add(v);
        }
      }
      if (!any) {
        continue;
      }
      // Compact: survivors take indices 0..m-1, the rest of the old range goes.
      int m = survivors.size();
      for (int i = 0; i < m; i++) {
        values.put(keyWithIndex(key, i), survivors.get(i));
      }
      for (int i = m; i < n; i++) {
        values.remove(keyWithIndex(key, i));
      }
      if (m == 0) {
        counts.remove(key);
      } else {
        putCount(key, m);
      }
    }
    return unmatched;
  }

  /** Rows buffered after this batch's changes. */
  long numRows() {
    return values.metrics().numKeys();
  }

  void commit() {
    counts.commit();
    values.commit();
  }

  void abort() {
    if (!counts.hasCommitted()) {
      counts.abort();
    }
    if (!values.hasCommitted()) {
      values.abort();
    }
  }

  private void putCount(byte[] key, long n) {
    ((LongVector) countScratch[0]).set(0, n);
    counts.put(key, countCodec.encode(countScratch, 0));
  }

  /** The key of row {@code index} of {@code key} in the value store. */
  private byte[] keyWithIndex(byte[] key, int index) {
    if (key != scratchKey) {
      for (ColumnVector v : keyScratch) {
        v.reset();
      }
      keyCodec.decode(key, keyScratch, 0);
      scratchKey = key;
    }
    indexScratch.set(0, index);
    return keyIndexCodec.encode(keyIndexScratch, 0);
  }
}
