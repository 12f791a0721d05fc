package io.tideline.internal.eval;

import io.tideline.internal.expr.CaseWhen;
import io.tideline.internal.expr.Cast;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.BooleanVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;

/**
 * {@code CASE WHEN}: each condition runs only on the rows still undecided, and each value only on
 * the rows its condition claimed, so a branch's ANSI error cannot fire for a row another branch
 * decides (Spark's {@code CASE WHEN y = 0 THEN 0 ELSE x / y END} is safe). Also backs {@code if}
 * and {@code nullif}.
 */
final class CaseWhenEvaluator implements VectorEvaluator {
  private final VectorEvaluator[] conditions;
  private final VectorEvaluator[] values;
  private final VectorEvaluator elseValue;
  private final OutputBuffer output;
  private int[] undecided = new int[0];
  private int[] rest = new int[0];
  private int[] taken = new int[0];

  CaseWhenEvaluator(
      DataType type,
      VectorEvaluator[] conditions,
      VectorEvaluator[] values,
      VectorEvaluator elseValue) {
    this.conditions = conditions;
    this.values = values;
    this.elseValue = elseValue;
    this.output = new OutputBuffer(type);
  }

  static VectorEvaluator compile(CaseWhen cw, EvalContext ctx) {
    DataType type = cw.dataType();
    int n = cw.conditions().size();
    VectorEvaluator[] conds = new VectorEvaluator[n];
    VectorEvaluator[] vals = new VectorEvaluator[n];
    for (int i = 0; i < n; i++) {
      conds[i] = ExprCompiler.compile(coerce(cw.conditions().get(i), DataTypes.BooleanType), ctx);
      vals[i] = ExprCompiler.compile(coerce(cw.values().get(i), type), ctx);
    }
    VectorEvaluator otherwise =
        cw.elseValue() == null ? null : ExprCompiler.compile(coerce(cw.elseValue(), type), ctx);
    return new CaseWhenEvaluator(type, conds, vals, otherwise);
  }

  static Expr coerce(Expr e, DataType type) {
    return e.dataType().equals(type) ? e : Cast.implicit(e, type);
  }

  @Override
  public ColumnVector eval(Batch batch) {
    int n = batch.size();
    ColumnVector out = output.prepare(batch.numRows());
    if (undecided.length < n) {
      int cap = Math.max(n, 16);
      undecided = new int[cap];
      rest = new int[cap];
      taken = new int[cap];
    }
    int m = n;
    int[] sel = batch.selection();
    for (int k = 0; k < n; k++) {
      undecided[k] = sel == null ? k : sel[k];
    }
    for (int b = 0; b < conditions.length && m > 0; b++) {
      ColumnVector c = conditions[b].eval(batch.withSelection(undecided, m));
      boolean[] cv = ((BooleanVector) c).values();
      boolean nulls = c.mayHaveNulls();
      int t = 0;
      int r = 0;
      for (int k = 0; k < m; k++) {
        int i = undecided[k];
        if (cv[i] && (!nulls || !c.isNullAt(i))) {
          taken[t++] = i;
        } else {
          rest[r++] = i;
        }
      }
      if (t > 0) {
        ColumnVector v = values[b].eval(batch.withSelection(taken, t));
        VectorCopier.copyRows(v, out, taken, t);
      }
      int[] swap = undecided;
      undecided = rest;
      rest = swap;
      m = r;
    }
    if (m > 0) {
      if (elseValue == null) {
        for (int k = 0; k < m; k++) {
          out.setNull(undecided[k]);
        }
      } else {
        ColumnVector v = elseValue.eval(batch.withSelection(undecided, m));
        VectorCopier.copyRows(v, out, undecided, m);
      }
    }
    return out;
  }
}
