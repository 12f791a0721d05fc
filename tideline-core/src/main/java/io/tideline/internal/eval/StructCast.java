package io.tideline.internal.eval;

import io.tideline.internal.expr.BoundReference;
import io.tideline.internal.expr.Cast;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.StructVector;
import io.tideline.types.StructField;
import io.tideline.types.StructType;

/**
 * STRUCT to STRUCT with the same number of fields: each field vector is cast as a column of its own
 * (fields whose type does not change are shared, not copied), and the struct's nulls carry over.
 */
final class StructCast implements VectorEvaluator {
  private final VectorEvaluator child;
  private final StructType to;
  private final VectorEvaluator[] fieldCasts;
  private int[] rows = new int[0];

  private StructCast(VectorEvaluator child, StructType to, VectorEvaluator[] fieldCasts) {
    this.child = child;
    this.to = to;
    this.fieldCasts = fieldCasts;
  }

  static VectorEvaluator compile(
      VectorEvaluator child, StructType from, StructType to, Cast cast, EvalContext ctx) {
    if (from.size() != to.size()) {
      throw EvalErrors.unsupported(
          cast.sql(),
          "a struct of " + from.size() + " fields cannot be cast to one of " + to.size());
    }
    VectorEvaluator[] casts = new VectorEvaluator[from.size()];
    for (int f = 0; f < casts.length; f++) {
      StructField source = from.field(f);
      BoundReference field = new BoundReference(f, source.dataType(), source.nullable());
      casts[f] =
          ExprCompiler.compile(
              new Cast(field, to.field(f).dataType(), cast.tryCast(), cast.implicit()), ctx);
    }
    return new StructCast(child, to, casts);
  }

  @Override
  public ColumnVector eval(Batch batch) {
    StructVector in = (StructVector) child.eval(batch);
    int[] sel = batch.selection();
    int n = batch.size();
    int[] live = sel;
    int m = n;
    if (in.mayHaveNulls()) {
      // Fields of a null struct hold anything: casting them could raise a spurious ANSI error.
      if (rows.length < n) {
        rows = new int[Math.max(n, 16)];
      }
      m = 0;
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        if (!in.isNullAt(i)) {
          rows[m++] = i;
        }
      }
      live = rows;
    }
    Batch fields = new Batch(in.children(), batch.numRows(), live, m);
    ColumnVector[] children = new ColumnVector[fieldCasts.length];
    for (int f = 0; f < children.length; f++) {
      children[f] = fieldCasts[f].eval(fields);
    }
    StructVector out = new StructVector(to, children, Math.max(batch.numRows(), 1));
    if (in.mayHaveNulls()) {
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        if (in.isNullAt(i)) {
          out.setNull(i);
        }
      }
    }
    return out;
  }
}
