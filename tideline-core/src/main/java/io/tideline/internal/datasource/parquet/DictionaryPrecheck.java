package io.tideline.internal.datasource.parquet;

import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.DecimalVector;
import io.tideline.internal.vector.DoubleVector;
import io.tideline.internal.vector.FloatVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.types.StructType;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Picks, from a file's first batch, the columns whose values are all distinct, for which the
 * columnar writer turns parquet-mr's dictionary encoding off.
 *
 * <p>Why. parquet-mr tries a dictionary for every non-boolean column and keeps it only when the
 * first page comes out smaller with it (dictionary plus ids smaller than the plain values); it also
 * gives up once the dictionary passes its page limit (1 MiB). For a column of unique values (order
 * ids, event timestamps, amounts) the dictionary is always dropped, but only after every value of
 * the first page, up to a megabyte of them, went through its hash table: on the Delta bronze rows
 * that doomed attempt was a third of the writer's CPU time. Those columns end up plain either way.
 *
 * <p>The rule: at least {@value #MIN_SAMPLE} non-null values among the first {@value #MAX_SAMPLE}
 * live rows, all distinct. A column whose values repeat in a period longer than the sample (a
 * counter modulo 10 000, say) is misjudged: its file is then plain where parquet-mr would have kept
 * a dictionary, larger but equally valid. Option {@value #OPTION} = false turns the precheck off.
 * Booleans (never dictionary-encoded) and decimals wider than 18 digits are left to parquet-mr.
 */
final class DictionaryPrecheck {
  /** The write option that turns the precheck off. */
  static final String OPTION = "tideline.parquet.dictionaryPrecheck";

  static final int MIN_SAMPLE = 1024;
  static final int MAX_SAMPLE = 4096;

  private DictionaryPrecheck() {}

  /** The names of the columns of {@code batch} whose sampled values are all distinct. */
  static Set<String> uniqueColumns(StructType schema, Batch batch) {
    Set<String> unique = new HashSet<>();
    int n = Math.min(batch.size(), MAX_SAMPLE);
    if (n < MIN_SAMPLE) {
      return unique;
    }
    long[] keys = new long[n];
    for (int c = 0; c < schema.size(); c++) {
      int count = keys(batch.column(c), batch.selection(), n, keys);
      if (count >= MIN_SAMPLE && allDistinct(keys, count)) {
        unique.add(schema.field(c).name());
      }
    }
    return unique;
  }

  /**
   * Fills {@code keys} with one long per non-null sampled value, equal for equal values (for
   * strings a 64-bit hash, so a collision can only make the column look repeated); returns how
   * many, or -1 for a column the precheck leaves alone.
   */
  private static int keys(ColumnVector v, int[] sel, int n, long[] keys) {
    int count = 0;
    for (int k = 0; k < n; k++) {
      int row = sel == null ? k : sel[k];
      if (v.isNullAt(row)) {
        continue;
      }
      long key;
      if (v instanceof LongVector l) {
        key = l.get(row);
      } else if (v instanceof IntVector i) {
        key = i.get(row);
      } else if (v instanceof DoubleVector d) {
        key = Double.doubleToRawLongBits(d.get(row));
      } else if (v instanceof FloatVector f) {
        key = Float.floatToRawIntBits(f.get(row));
      } else if (v instanceof DecimalVector d && d.isCompact()) {
        key = d.getUnscaled(row);
      } else if (v instanceof BytesVector b) {
        key = hash(b.data(), b.start(row), b.length(row));
      } else {
        return -1;
      }
      keys[count++] = key;
    }
    return count;
  }

  private static boolean allDistinct(long[] keys, int count) {
    Arrays.sort(keys, 0, count);
    for (int i = 1; i < count; i++) {
      if (keys[i] == keys[i - 1]) {
        return false;
      }
    }
    return true;
  }

  /** FNV-1a over the bytes, then mixed, with the length folded in. */
  private static long hash(byte[] data, int start, int length) {
    long h = 0xcbf29ce484222325L;
    for (int i = start; i < start + length; i++) {
      h = (h ^ data[i]) * 0x100000001b3L;
    }
    h ^= length;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    return h ^ (h >>> 33);
  }
}
