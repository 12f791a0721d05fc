package io.tideline.internal.exec;

import io.tideline.internal.vector.ArrayVector;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.BooleanVector;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.DecimalVector;
import io.tideline.internal.vector.DoubleVector;
import io.tideline.internal.vector.FloatVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.internal.vector.NullVector;
import io.tideline.internal.vector.StructVector;
import io.tideline.types.AtomicType;
import io.tideline.types.DataType;
import io.tideline.types.DecimalType;
import java.util.Arrays;
import java.util.List;

/**
 * A hash table from key values to dense group ids {@code 0..size()-1}, assigned in order of first
 * appearance: the heart of hash aggregation, deduplication, DISTINCT and join build sides.
 *
 * <p>Design. Open addressing with linear probing over a power-of-two slot array holding group ids.
 * A single fixed-width key (integers, dates, timestamps, floating point, compact decimals,
 * booleans) is packed into a long and compared as one; any other key list is encoded per row into a
 * compact byte string (a null flag per column, fixed-width values in 4 or 8 bytes, strings and
 * binary length-prefixed) kept in one arena, compared by bytes after a hash check. Floating point
 * keys are normalised so that {@code -0.0} groups with {@code 0.0} and every NaN with every other,
 * as Spark's {@code NormalizeFloatingNumbers} does. The first row of each group is copied into
 * {@link #keyVectors()}, so group keys come out columnar without decoding. A null key is a group of
 * its own; {@link #find} (for joins) never matches a row with a null key.
 */
final class GroupKeyTable {
  private static final int EMPTY = -1;

  private final ColumnVector[] keyVectors;
  private final boolean packed;
  private int numGroups;

  private int[] slots;
  private int mask;

  // Packed mode: the key of each group, and the group of the null key.
  private long[] groupLongKeys;
  private int nullGroup = EMPTY;

  // Encoded mode: each group's bytes in the arena, and its hash.
  private long[] groupHashes;
  private int[] groupOffsets;
  private int[] groupLengths;
  private byte[] arena;
  private int arenaSize;
  private byte[] scratch = new byte[64];

  // The key vectors of the batch being probed, so inserting a group allocates nothing.
  private ColumnVector[] probeKeys;

  GroupKeyTable(List<DataType> keyTypes, String keyDescription) {
    for (DataType t : keyTypes) {
      checkKeyType(t, keyDescription);
    }
    this.keyVectors = new ColumnVector[keyTypes.size()];
    for (int i = 0; i < keyVectors.length; i++) {
      keyVectors[i] = ColumnVector.allocate(keyTypes.get(i), 64);
    }
    this.packed = keyTypes.size() == 1 && packable(keyTypes.get(0));
    int capacity = 64;
    slots = new int[capacity];
    Arrays.fill(slots, EMPTY);
    mask = capacity - 1;
    if (packed) {
      groupLongKeys = new long[32];
    } else {
      groupHashes = new long[32];
      groupOffsets = new int[32];
      groupLengths = new int[32];
      arena = new byte[1024];
    }
  }

  private static void checkKeyType(DataType t, String keyDescription) {
    if (t instanceof io.tideline.types.MapType) {
      throw ExecErrors.unsupportedKeyType(t.sql(), keyDescription);
    }
  }

  private static boolean packable(DataType t) {
    if (t instanceof DecimalType d) {
      return d.fitsInLong();
    }
    if (t instanceof AtomicType a) {
      return switch (a.kind()) {
        case STRING, BINARY, NULL -> false;
        default -> true;
      };
    }
    return false;
  }

  int size() {
    return numGroups;
  }

  /** The key values of every group, indexed by group id (rows {@code 0..size()-1}). */
  ColumnVector[] keyVectors() {
    return keyVectors;
  }

  /**
   * Writes the group id of the {@code k}-th live row of {@code batch} to {@code groupIds[k]},
   * adding a group for each key not seen before. {@code keys} are row-aligned with the batch.
   */
  void findOrInsert(ColumnVector[] keys, Batch batch, int[] groupIds) {
    probe(keys, batch, groupIds, true);
  }

  /** Like {@link #findOrInsert} but never inserts: {@code -1} for a new key or a null in a key. */
  void find(ColumnVector[] keys, Batch batch, int[] groupIds) {
    probe(keys, batch, groupIds, false, false);
  }

  /** Like {@link #find}, but a null matches a null ({@code <=>}): {@code -1} only for new keys. */
  void findNullSafe(ColumnVector[] keys, Batch batch, int[] groupIds) {
    probe(keys, batch, groupIds, false, true);
  }

  private void probe(ColumnVector[] keys, Batch batch, int[] groupIds, boolean insert) {
    probe(keys, batch, groupIds, insert, true);
  }

  private void probe(
      ColumnVector[] keys, Batch batch, int[] groupIds, boolean insert, boolean nullsMatch) {
    probeKeys = keys;
    int n = batch.size();
    int[] sel = batch.selection();
    if (packed) {
      ColumnVector key = keys[0];
      boolean nulls = key.mayHaveNulls();
      if (key instanceof LongVector lv && !nulls) {
        long[] values = lv.values();
        for (int k = 0; k < n; k++) {
          int row = sel == null ? k : sel[k];
          groupIds[k] = probeLong(values[row], row, insert);
        }
        return;
      }
      if (key instanceof IntVector iv && !nulls) {
        int[] values = iv.values();
        for (int k = 0; k < n; k++) {
          int row = sel == null ? k : sel[k];
          groupIds[k] = probeLong(values[row], row, insert);
        }
        return;
      }
      for (int k = 0; k < n; k++) {
        int row = sel == null ? k : sel[k];
        if (key.isNullAt(row)) {
          groupIds[k] = insert ? nullGroup(row) : (nullsMatch ? nullGroup : EMPTY);
        } else {
          groupIds[k] = probeLong(longKey(key, row), row, insert);
        }
      }
      return;
    }
    for (int k = 0; k < n; k++) {
      int row = sel == null ? k : sel[k];
      if (!nullsMatch && anyNull(keys, row)) {
        groupIds[k] = EMPTY;
        continue;
      }
      int len = 0;
      for (ColumnVector key : keys) {
        len = encode(key, row, len);
      }
      groupIds[k] = probeBytes(len, keys, row, insert);
    }
  }

  private static boolean anyNull(ColumnVector[] keys, int row) {
    for (ColumnVector key : keys) {
      if (key.isNullAt(row)) {
        return true;
      }
    }
    return false;
  }

  private int nullGroup(int row) {
    if (nullGroup == EMPTY) {
      nullGroup = newGroup(probeKeys, row);
    }
    return nullGroup;
  }

  private static long mix(long x) {
    long h = x * 0x9E3779B97F4A7C15L;
    return h ^ (h >>> 29) ^ (h >>> 47);
  }

  private int probeLong(long value, int row, boolean insert) {
    int slot = (int) mix(value) & mask;
    while (true) {
      int g = slots[slot];
      if (g == EMPTY) {
        if (!insert) {
          return EMPTY;
        }
        int ng = newGroup(probeKeys, row);
        if (ng >= groupLongKeys.length) {
          groupLongKeys = Arrays.copyOf(groupLongKeys, groupLongKeys.length * 2);
        }
        groupLongKeys[ng] = value;
        slots[slot] = ng;
        maybeGrow();
        return ng;
      }
      if (g != nullGroup && groupLongKeys[g] == value) {
        return g;
      }
      slot = (slot + 1) & mask;
    }
  }

  private int probeBytes(int len, ColumnVector[] keys, int row, boolean insert) {
    long hash = Xxh64.hashBytes(scratch, 0, len, 0);
    int slot = (int) mix(hash) & mask;
    while (true) {
      int g = slots[slot];
      if (g == EMPTY) {
        if (!insert) {
          return EMPTY;
        }
        int ng = newGroup(keys, row);
        if (ng >= groupHashes.length) {
          int cap = groupHashes.length * 2;
          groupHashes = Arrays.copyOf(groupHashes, cap);
          groupOffsets = Arrays.copyOf(groupOffsets, cap);
          groupLengths = Arrays.copyOf(groupLengths, cap);
        }
        if (arenaSize + len > arena.length) {
          arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaSize + len));
        }
        System.arraycopy(scratch, 0, arena, arenaSize, len);
        groupHashes[ng] = hash;
        groupOffsets[ng] = arenaSize;
        groupLengths[ng] = len;
        arenaSize += len;
        slots[slot] = ng;
        maybeGrow();
        return ng;
      }
      if (groupHashes[g] == hash
          && groupLengths[g] == len
          && Arrays.equals(arena, groupOffsets[g], groupOffsets[g] + len, scratch, 0, len)) {
        return g;
      }
      slot = (slot + 1) & mask;
    }
  }

  private int newGroup(ColumnVector[] keys, int row) {
    int g = numGroups++;
    for (int c = 0; c < keyVectors.length; c++) {
      keyVectors[c].ensureCapacity(g + 1);
      keyVectors[c].copyFrom(keys[c], row, g);
      normalize(keyVectors[c], g);
    }
    return g;
  }

  /** Stores a group's floating point key as Spark outputs it: {@code 0.0}, canonical NaN. */
  private static void normalize(ColumnVector v, int g) {
    if (v.isNullAt(g)) {
      return;
    }
    if (v instanceof DoubleVector dv) {
      double d = dv.get(g);
      dv.set(g, d == 0.0 ? 0.0 : (Double.isNaN(d) ? Double.NaN : d));
    } else if (v instanceof FloatVector fv) {
      float f = fv.get(g);
      fv.set(g, f == 0.0f ? 0.0f : (Float.isNaN(f) ? Float.NaN : f));
    }
  }

  private void maybeGrow() {
    if (numGroups * 2 <= slots.length) {
      return;
    }
    int capacity = slots.length * 2;
    int[] newSlots = new int[capacity];
    Arrays.fill(newSlots, EMPTY);
    int newMask = capacity - 1;
    for (int g = 0; g < numGroups; g++) {
      if (packed && g == nullGroup) {
        continue;
      }
      long h = packed ? mix(groupLongKeys[g]) : mix(groupHashes[g]);
      int slot = (int) h & newMask;
      while (newSlots[slot] != EMPTY) {
        slot = (slot + 1) & newMask;
      }
      newSlots[slot] = g;
    }
    slots = newSlots;
    mask = newMask;
  }

  /** The packed form of a non-null fixed-width key value. */
  static long longKey(ColumnVector v, int row) {
    if (v instanceof LongVector lv) {
      return lv.get(row);
    } else if (v instanceof IntVector iv) {
      return iv.get(row);
    } else if (v instanceof DoubleVector dv) {
      return normalizedBits(dv.get(row));
    } else if (v instanceof FloatVector fv) {
      return normalizedBits(fv.get(row));
    } else if (v instanceof BooleanVector bv) {
      return bv.get(row) ? 1 : 0;
    } else if (v instanceof DecimalVector dv) {
      return dv.getUnscaled(row);
    }
    throw ExecErrors.bug("no packed key form for " + v.type());
  }

  static long normalizedBits(double d) {
    return d == 0.0 ? 0L : Double.doubleToLongBits(d);
  }

  static int normalizedBits(float f) {
    return f == 0.0f ? 0 : Float.floatToIntBits(f);
  }

  private void reserve(int need) {
    if (need > scratch.length) {
      scratch = Arrays.copyOf(scratch, Math.max(need, scratch.length * 2));
    }
  }

  private int putLong(int pos, long v) {
    reserve(pos + 8);
    for (int i = 0; i < 8; i++) {
      scratch[pos + i] = (byte) (v >>> (8 * i));
    }
    return pos + 8;
  }

  private int putInt(int pos, int v) {
    reserve(pos + 4);
    for (int i = 0; i < 4; i++) {
      scratch[pos + i] = (byte) (v >>> (8 * i));
    }
    return pos + 4;
  }

  private int putBytes(int pos, byte[] src, int off, int len) {
    pos = putInt(pos, len);
    reserve(pos + len);
    System.arraycopy(src, off, scratch, pos, len);
    return pos + len;
  }

  /** Appends the encoding of {@code v[row]} at {@code pos}; returns the new end. */
  private int encode(ColumnVector v, int row, int pos) {
    reserve(pos + 1);
    if (v.isNullAt(row)) {
      scratch[pos] = 0;
      return pos + 1;
    }
    scratch[pos++] = 1;
    if (v instanceof BytesVector bv) {
      return putBytes(pos, bv.data(), bv.start(row), bv.length(row));
    } else if (v instanceof LongVector lv) {
      return putLong(pos, lv.get(row));
    } else if (v instanceof IntVector iv) {
      return putInt(pos, iv.get(row));
    } else if (v instanceof DoubleVector dv) {
      return putLong(pos, normalizedBits(dv.get(row)));
    } else if (v instanceof FloatVector fv) {
      return putInt(pos, normalizedBits(fv.get(row)));
    } else if (v instanceof BooleanVector bv) {
      reserve(pos + 1);
      scratch[pos] = (byte) (bv.get(row) ? 1 : 0);
      return pos + 1;
    } else if (v instanceof DecimalVector dv) {
      if (dv.isCompact()) {
        return putLong(pos, dv.getUnscaled(row));
      }
      byte[] unscaled =
          dv.getDecimal(row)
              .setScale(dv.decimalType().scale(), java.math.RoundingMode.UNNECESSARY)
              .unscaledValue()
              .toByteArray();
      return putBytes(pos, unscaled, 0, unscaled.length);
    } else if (v instanceof StructVector sv) {
      for (ColumnVector child : sv.children()) {
        pos = encode(child, row, pos);
      }
      return pos;
    } else if (v instanceof ArrayVector av) {
      int len = av.length(row);
      pos = putInt(pos, len);
      for (int i = 0; i < len; i++) {
        pos = encode(av.elements(), av.start(row) + i, pos);
      }
      return pos;
    } else if (v instanceof NullVector) {
      return pos;
    }
    throw ExecErrors.unsupportedKeyType(v.type().sql(), "a grouping, join or distinct key");
  }
}
