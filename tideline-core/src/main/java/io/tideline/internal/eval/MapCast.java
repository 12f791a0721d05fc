package io.tideline.internal.eval;

import io.tideline.internal.expr.BoundReference;
import io.tideline.internal.expr.Cast;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.MapVector;
import io.tideline.types.MapType;

/**
 * MAP to MAP of other key and value types: the entries of the live maps are gathered densely, keys
 * and values cast as two columns, and gathered into the result, as {@link ArrayCast} does for
 * elements.
 */
final class MapCast implements VectorEvaluator {
  private final VectorEvaluator child;
  private final VectorEvaluator keyCast;
  private final VectorEvaluator valueCast;
  private final OutputBuffer denseKeys;
  private final OutputBuffer denseValues;
  private final OutputBuffer output;
  private int[] from = new int[0];
  private int[] to = new int[0];
  private int[] identity = new int[0];

  private MapCast(
      VectorEvaluator child,
      VectorEvaluator keyCast,
      VectorEvaluator valueCast,
      MapType fromType,
      MapType toType) {
    this.child = child;
    this.keyCast = keyCast;
    this.valueCast = valueCast;
    this.denseKeys = new OutputBuffer(fromType.keyType());
    this.denseValues = new OutputBuffer(fromType.valueType());
    this.output = new OutputBuffer(toType);
  }

  static VectorEvaluator compile(
      VectorEvaluator child, MapType from, MapType to, Cast cast, EvalContext ctx) {
    VectorEvaluator keys =
        ExprCompiler.compile(
            new Cast(
                new BoundReference(0, from.keyType(), false),
                to.keyType(),
                cast.tryCast(),
                cast.implicit()),
            ctx);
    VectorEvaluator values =
        ExprCompiler.compile(
            new Cast(
                new BoundReference(0, from.valueType(), true),
                to.valueType(),
                cast.tryCast(),
                cast.implicit()),
            ctx);
    return new MapCast(child, keys, values, from, to);
  }

  @Override
  public ColumnVector eval(Batch batch) {
    MapVector in = (MapVector) child.eval(batch);
    MapVector out = (MapVector) output.prepare(batch.numRows());
    int[] sel = batch.selection();
    int n = batch.size();
    int total = 0;
    for (int k = 0; k < n; k++) {
      int i = sel == null ? k : sel[k];
      if (!in.isNullAt(i)) {
        total += in.length(i);
      }
    }
    if (from.length < total) {
      int cap = Math.max(total, 16);
      from = new int[cap];
      to = new int[cap];
      identity = new int[cap];
      for (int e = 0; e < cap; e++) {
        identity[e] = e;
      }
    }
    int base = out.reserveEntries(total);
    int e = 0;
    for (int k = 0; k < n; k++) {
      int i = sel == null ? k : sel[k];
      if (in.isNullAt(i)) {
        out.setNull(i);
        continue;
      }
      int len = in.length(i);
      out.setSlice(i, base + e, len);
      for (int j = 0; j < len; j++) {
        from[e] = in.start(i) + j;
        to[e] = base + e;
        e++;
      }
    }
    ColumnVector keys = denseKeys.prepare(total);
    VectorCopier.gather(in.keys(), from, keys, identity, total);
    ColumnVector values = denseValues.prepare(total);
    VectorCopier.gather(in.values(), from, values, identity, total);
    ColumnVector castKeys = keyCast.eval(new Batch(new ColumnVector[] {keys}, total));
    VectorCopier.gather(castKeys, identity, out.keys(), to, total);
    ColumnVector castValues = valueCast.eval(new Batch(new ColumnVector[] {values}, total));
    VectorCopier.gather(castValues, identity, out.values(), to, total);
    return out;
  }
}
