package io.tideline.internal.eval;

import io.tideline.internal.expr.BoundReference;
import io.tideline.internal.expr.Cast;
import io.tideline.internal.vector.ArrayVector;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.types.ArrayType;

/**
 * ARRAY to ARRAY of another element type: the elements of the live arrays are gathered densely,
 * cast as one column by the element type's kernel, and gathered into the result. Slices of rows may
 * overlap or come in any order in the input, which is why the elements are gathered first rather
 * than cast in place under a selection.
 */
final class ArrayCast implements VectorEvaluator {
  private final VectorEvaluator child;
  private final VectorEvaluator elementCast;
  private final OutputBuffer dense;
  private final OutputBuffer output;
  private int[] from = new int[0];
  private int[] to = new int[0];
  private int[] identity = new int[0];

  private ArrayCast(
      VectorEvaluator child, VectorEvaluator elementCast, ArrayType fromType, ArrayType toType) {
    this.child = child;
    this.elementCast = elementCast;
    this.dense = new OutputBuffer(fromType.elementType());
    this.output = new OutputBuffer(toType);
  }

  static VectorEvaluator compile(
      VectorEvaluator child, ArrayType from, ArrayType to, Cast cast, EvalContext ctx) {
    BoundReference element = new BoundReference(0, from.elementType(), from.containsNull());
    VectorEvaluator elementCast =
        ExprCompiler.compile(
            new Cast(element, to.elementType(), cast.tryCast(), cast.implicit()), ctx);
    return new ArrayCast(child, elementCast, from, to);
  }

  @Override
  public ColumnVector eval(Batch batch) {
    ArrayVector in = (ArrayVector) child.eval(batch);
    ArrayVector out = (ArrayVector) output.prepare(batch.numRows());
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
    int base = out.reserveElements(total);
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
    ColumnVector elements = dense.prepare(total);
    VectorCopier.gather(in.elements(), from, elements, identity, total);
    ColumnVector cast = elementCast.eval(new Batch(new ColumnVector[] {elements}, total));
    VectorCopier.gather(cast, identity, out.elements(), to, total);
    return out;
  }
}
