package io.tideline.internal.exec;

import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.BooleanVector;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.DecimalVector;
import io.tideline.internal.vector.DoubleVector;
import io.tideline.internal.vector.FloatVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.internal.vector.LongVector;

/**
 * Hashes of key columns for hash partitioning. Equal keys of equal types hash equally on both sides
 * of a join (floating point normalised as in {@link GroupKeyTable}); the exact function is ours,
 * not Spark's Murmur3, since rows never leave the process.
 */
final class KeyHashing {
  private static final long SEED = 42L;
  private static final long NULL_HASH = 0x5DEECE66DL;

  private KeyHashing() {}

  /** Writes the hash of the keys of the {@code k}-th live row to {@code hashes[k]}. */
  static void hash(ColumnVector[] keys, Batch batch, long[] hashes) {
    int n = batch.size();
    int[] sel = batch.selection();
    java.util.Arrays.fill(hashes, 0, n, SEED);
    for (ColumnVector key : keys) {
      boolean nulls = key.mayHaveNulls();
      if (key instanceof LongVector lv && !nulls) {
        long[] v = lv.values();
        for (int k = 0; k < n; k++) {
          hashes[k] = hashes[k] * 31 + Xxh64.hashLong(v[sel == null ? k : sel[k]], SEED);
        }
      } else if (key instanceof IntVector iv && !nulls) {
        int[] v = iv.values();
        for (int k = 0; k < n; k++) {
          hashes[k] = hashes[k] * 31 + Xxh64.hashLong(v[sel == null ? k : sel[k]], SEED);
        }
      } else {
        for (int k = 0; k < n; k++) {
          int row = sel == null ? k : sel[k];
          hashes[k] = hashes[k] * 31 + valueHash(key, row);
        }
      }
    }
  }

  private static long valueHash(ColumnVector v, int row) {
    if (v.isNullAt(row)) {
      return NULL_HASH;
    }
    if (v instanceof BytesVector bv) {
      return Xxh64.hashBytes(bv.data(), bv.start(row), bv.length(row), SEED);
    } else if (v instanceof DecimalVector dv) {
      if (dv.isCompact()) {
        return Xxh64.hashLong(dv.getUnscaled(row), SEED);
      }
      java.math.BigInteger unscaled = dv.getDecimal(row).unscaledValue();
      return unscaled.bitLength() < 64
          ? Xxh64.hashLong(unscaled.longValue(), SEED)
          : unscaled.hashCode();
    } else if (v instanceof LongVector
        || v instanceof IntVector
        || v instanceof DoubleVector
        || v instanceof FloatVector
        || v instanceof BooleanVector) {
      return Xxh64.hashLong(GroupKeyTable.longKey(v, row), SEED);
    }
    Object value = v.getObject(row);
    return value == null ? NULL_HASH : value.hashCode();
  }
}
