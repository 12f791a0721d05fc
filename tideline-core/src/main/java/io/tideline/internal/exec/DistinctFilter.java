package io.tideline.internal.exec;

import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds a DISTINCT aggregate only the first row of each distinct (group, arguments) pair, by a hash
 * table on the pair: {@code count(DISTINCT x)} becomes a count over first occurrences.
 */
final class DistinctFilter {
  private final GroupKeyTable seen;
  private int[] ids = new int[0];

  DistinctFilter(List<DataType> argTypes, String description) {
    List<DataType> keyTypes = new ArrayList<>();
    keyTypes.add(DataTypes.IntegerType);
    keyTypes.addAll(argTypes);
    this.seen = new GroupKeyTable(keyTypes, description);
  }

  /** The rows of {@code batch} new to their group, with their group ids in {@code outIds}. */
  Batch firstOccurrences(ColumnVector[] args, Batch batch, int[] groupIds, int[] outIds) {
    int n = batch.size();
    IntVector groups = new IntVector(DataTypes.IntegerType, Math.max(batch.numRows(), 1));
    int[] g = groups.values();
    for (int k = 0; k < n; k++) {
      g[batch.rowAt(k)] = groupIds[k];
    }
    ColumnVector[] keys = new ColumnVector[args.length + 1];
    keys[0] = groups;
    System.arraycopy(args, 0, keys, 1, args.length);
    if (ids.length < n) {
      ids = new int[Math.max(n, ids.length * 2)];
    }
    int expected = seen.size();
    seen.findOrInsert(keys, batch, ids);
    int[] sel = new int[n];
    int kept = 0;
    for (int k = 0; k < n; k++) {
      if (ids[k] == expected) {
        sel[kept] = batch.rowAt(k);
        outIds[kept] = groupIds[k];
        kept++;
        expected++;
      }
    }
    return batch.withSelection(sel, kept);
  }
}
