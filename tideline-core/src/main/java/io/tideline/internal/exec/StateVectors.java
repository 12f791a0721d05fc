package io.tideline.internal.exec;

import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;

/**
 * Keeps per-group state vectors of strings from growing without bound: replacing a group's value
 * appends the new bytes and strands the old ones, so {@code max} over rising strings or {@code
 * last} over any strings would hold every value ever seen. Once the bytes grow past twice what the
 * last compaction kept (plus a floor), the live values are copied into a fresh vector, which keeps
 * the amortised cost per replacement constant.
 */
final class StateVectors {
  private static final int FLOOR_BYTES = 1 << 20;

  private long keptBytes;

  /** {@code state}, or a compacted copy of its first {@code numGroups} rows. */
  ColumnVector compactIfWasteful(ColumnVector state, int numGroups) {
    if (!(state instanceof BytesVector bytes) || bytes.dataSize() <= 2 * keptBytes + FLOOR_BYTES) {
      return state;
    }
    ColumnVector fresh = ColumnVector.allocate(state.type(), Math.max(state.capacity(), 1));
    for (int g = 0; g < numGroups; g++) {
      fresh.copyFrom(state, g, g);
    }
    keptBytes = ((BytesVector) fresh).dataSize();
    return fresh;
  }
}
