package io.tideline.internal.eval;

import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.MapVector;
import io.tideline.types.DataType;

/** {@code map[key]} and {@code element_at(map, key)}: the value of the first equal key, or null. */
final class GetMapValueEvaluator implements VectorEvaluator {
  private final VectorEvaluator map;
  private final VectorEvaluator key;
  private final OutputBuffer output;
  private int[] from = new int[0];
  private int[] to = new int[0];

  GetMapValueEvaluator(VectorEvaluator map, VectorEvaluator key, DataType type) {
    this.map = map;
    this.key = key;
    this.output = new OutputBuffer(type);
  }

  @Override
  public ColumnVector eval(Batch batch) {
    MapVector m = (MapVector) map.eval(batch);
    ColumnVector k = key.eval(batch);
    ColumnVector out = output.prepare(batch.numRows());
    int n = batch.size();
    int[] sel = batch.selection();
    if (from.length < n) {
      from = new int[Math.max(n, 16)];
      to = new int[from.length];
    }
    ColumnVector keys = m.keys();
    int found = 0;
    for (int r = 0; r < n; r++) {
      int i = sel == null ? r : sel[r];
      if (m.isNullAt(i) || k.isNullAt(i)) {
        out.setNull(i);
        continue;
      }
      int hit = -1;
      for (int e = m.start(i), end = e + m.length(i); e < end; e++) {
        if (!keys.isNullAt(e) && ValueOrdering.compare(keys, e, k, i) == 0) {
          hit = e;
          break;
        }
      }
      if (hit < 0) {
        out.setNull(i);
      } else {
        from[found] = hit;
        to[found++] = i;
      }
    }
    VectorCopier.gather(m.values(), from, out, to, found);
    return out;
  }
}
