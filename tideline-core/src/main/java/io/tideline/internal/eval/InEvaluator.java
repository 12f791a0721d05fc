package io.tideline.internal.eval;

import io.tideline.internal.expr.BinaryOp;
import io.tideline.internal.expr.BinaryOperator;
import io.tideline.internal.expr.Cast;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.In;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.BooleanVector;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.DecimalVector;
import io.tideline.internal.vector.DoubleVector;
import io.tideline.internal.vector.FloatVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code x IN (list)}. A constant list becomes a primitive hash set probed once per row (no boxing
 * for integers, floating point or strings); a list with column references is compiled as the
 * equivalent {@code x = a OR x = b ...}. Three-valued: no match and a null in the list gives null.
 */
final class InEvaluator implements VectorEvaluator {
  private final VectorEvaluator value;
  private final boolean listHasNull;
  private final LongHashSet longs;
  private final BytesHashSet bytes;
  private final Set<BigDecimal> decimals;
  private final OutputBuffer output = new OutputBuffer(DataTypes.BooleanType);

  private InEvaluator(
      VectorEvaluator value,
      boolean listHasNull,
      LongHashSet longs,
      BytesHashSet bytes,
      Set<BigDecimal> decimals) {
    this.value = value;
    this.listHasNull = listHasNull;
    this.longs = longs;
    this.bytes = bytes;
    this.decimals = decimals;
  }

  static VectorEvaluator compile(In in, EvalContext ctx) {
    DataType type = in.value().dataType();
    List<ConstantEvaluator> constants = new ArrayList<>();
    for (Expr e : in.list()) {
      Expr coerced = e.dataType().equals(type) ? e : Cast.implicit(e, type);
      ConstantEvaluator c = ExprCompiler.constantOf(coerced, ctx);
      if (c == null) {
        return orChain(in, ctx);
      }
      constants.add(c);
    }
    boolean hasNull = false;
    LongHashSet longs = new LongHashSet();
    BytesHashSet bytes = new BytesHashSet();
    Set<BigDecimal> decimals = new HashSet<>();
    for (ConstantEvaluator c : constants) {
      if (c.isNull()) {
        hasNull = true;
        continue;
      }
      ColumnVector s = c.seed();
      if (s instanceof IntVector iv) {
        longs.add(iv.get(0));
      } else if (s instanceof LongVector lv) {
        longs.add(lv.get(0));
      } else if (s instanceof DoubleVector dv) {
        longs.add(doubleKey(dv.get(0)));
      } else if (s instanceof FloatVector fv) {
        longs.add(doubleKey(fv.get(0)));
      } else if (s instanceof BooleanVector bv) {
        longs.add(bv.get(0) ? 1 : 0);
      } else if (s instanceof BytesVector bv) {
        bytes.add(bv.getBytes(0));
      } else if (s instanceof DecimalVector dv && dv.isCompact()) {
        // The list is cast to the value's type, so equal values have equal unscaled longs.
        longs.add(dv.getUnscaled(0));
      } else if (s instanceof DecimalVector dv) {
        decimals.add(dv.getDecimal(0).stripTrailingZeros());
      } else {
        return orChain(in, ctx);
      }
    }
    return new InEvaluator(ExprCompiler.compile(in.value(), ctx), hasNull, longs, bytes, decimals);
  }

  private static VectorEvaluator orChain(In in, EvalContext ctx) {
    Expr chain = null;
    for (Expr e : in.list()) {
      Expr eq = new BinaryOp(BinaryOperator.EQ, in.value(), e);
      chain = chain == null ? eq : new BinaryOp(BinaryOperator.OR, chain, eq);
    }
    return ExprCompiler.compile(chain, ctx);
  }

  /** Spark's equality on doubles as a long: every NaN is one key, -0.0 is 0.0. */
  static long doubleKey(double d) {
    if (Double.isNaN(d)) {
      return 0x7ff8000000000000L;
    }
    return d == 0.0 ? 0L : Double.doubleToRawLongBits(d);
  }

  @Override
  public ColumnVector eval(Batch batch) {
    ColumnVector v = value.eval(batch);
    BooleanVector out = (BooleanVector) output.prepare(batch.numRows());
    boolean[] o = out.values();
    int[] sel = batch.selection();
    int n = batch.size();
    boolean nulls = v.mayHaveNulls();
    for (int k = 0; k < n; k++) {
      int i = sel == null ? k : sel[k];
      if (nulls && v.isNullAt(i)) {
        out.setNull(i);
        continue;
      }
      boolean found;
      if (v instanceof IntVector iv) {
        found = longs.contains(iv.values()[i]);
      } else if (v instanceof LongVector lv) {
        found = longs.contains(lv.values()[i]);
      } else if (v instanceof DoubleVector dv) {
        found = longs.contains(doubleKey(dv.values()[i]));
      } else if (v instanceof FloatVector fv) {
        found = longs.contains(doubleKey(fv.values()[i]));
      } else if (v instanceof BooleanVector bv) {
        found = longs.contains(bv.values()[i] ? 1 : 0);
      } else if (v instanceof BytesVector bv) {
        found = bytes.contains(bv.data(), bv.start(i), bv.length(i));
      } else if (v instanceof DecimalVector dv && dv.isCompact()) {
        found = longs.contains(dv.unscaledValues()[i]);
      } else {
        found = decimals.contains(((DecimalVector) v).getDecimal(i).stripTrailingZeros());
      }
      if (found) {
        o[i] = true;
      } else if (listHasNull) {
        out.setNull(i);
      } else {
        o[i] = false;
      }
    }
    return out;
  }
}
