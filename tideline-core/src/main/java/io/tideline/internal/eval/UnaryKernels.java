package io.tideline.internal.eval;

import io.tideline.internal.expr.UnaryOp;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.BooleanVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.DecimalVector;
import io.tideline.internal.vector.DoubleVector;
import io.tideline.internal.vector.FloatVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.types.AtomicType;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.DecimalType;

/** Kernels for {@code NOT}, unary minus, {@code ~}, {@code IS NULL} and {@code IS NOT NULL}. */
final class UnaryKernels {
  private UnaryKernels() {}

  static VectorEvaluator compile(UnaryOp u, EvalContext ctx) {
    VectorEvaluator child = ExprCompiler.compile(u.child(), ctx);
    switch (u.op()) {
      case POSITIVE:
        return child;
      case NOT:
        return new Not(
            ExprCompiler.compile(CaseWhenEvaluator.coerce(u.child(), DataTypes.BooleanType), ctx));
      case IS_NULL:
        return new NullTest(child, true);
      case IS_NOT_NULL:
        return new NullTest(child, false);
      case NEGATE:
        return new Negate(child, u.dataType(), ctx.ansi(), u.sql(), false);
      case BIT_NOT:
        return new Negate(child, u.dataType(), ctx.ansi(), u.sql(), true);
      default:
        throw EvalErrors.unsupported(u.sql(), "unknown unary operator " + u.op());
    }
  }

  /** Boolean negation; null stays null. */
  static final class Not extends StrictKernel {
    Not(VectorEvaluator child) {
      super(DataTypes.BooleanType, child);
    }

    @Override
    protected void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n) {
      boolean[] a = ((BooleanVector) in[0]).values();
      boolean[] o = ((BooleanVector) out).values();
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        o[i] = !a[i];
      }
    }
  }

  /** {@code IS NULL} / {@code IS NOT NULL}: never null itself. */
  static final class NullTest implements VectorEvaluator {
    private final VectorEvaluator child;
    private final boolean isNull;
    private final OutputBuffer output = new OutputBuffer(DataTypes.BooleanType);

    NullTest(VectorEvaluator child, boolean isNull) {
      this.child = child;
      this.isNull = isNull;
    }

    @Override
    public ColumnVector eval(Batch batch) {
      ColumnVector c = child.eval(batch);
      BooleanVector out = (BooleanVector) output.prepare(batch.numRows());
      boolean[] o = out.values();
      int[] sel = batch.selection();
      int n = batch.size();
      boolean nulls = c.mayHaveNulls();
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        o[i] = (nulls && c.isNullAt(i)) == isNull;
      }
      return out;
    }
  }

  /** Unary minus with Spark's overflow check, or bitwise NOT. */
  static final class Negate extends StrictKernel {
    private final DataType type;
    private final boolean ansi;
    private final String sql;
    private final boolean bitNot;
    private final int shift;

    Negate(VectorEvaluator child, DataType type, boolean ansi, String sql, boolean bitNot) {
      super(type, child);
      this.type = type;
      this.ansi = ansi;
      this.sql = sql;
      this.bitNot = bitNot;
      this.shift = type instanceof AtomicType a ? 64 - ArithmeticKernels.bitsOf(a.kind()) : 32;
    }

    @Override
    protected void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n) {
      if (out instanceof IntVector o) {
        int[] a = ((IntVector) in[0]).values();
        int[] r = o.values();
        for (int k = 0; k < n; k++) {
          int i = sel == null ? k : sel[k];
          long v = bitNot ? ~(long) a[i] : -(long) a[i];
          long w = (v << shift) >> shift;
          if (w != v && ansi) {
            throw EvalErrors.arithmeticOverflow(
                ArithmeticKernels.overflowMessage(type), "try_subtract", sql);
          }
          r[i] = (int) w;
        }
      } else if (out instanceof LongVector o) {
        long[] a = ((LongVector) in[0]).values();
        long[] r = o.values();
        for (int k = 0; k < n; k++) {
          int i = sel == null ? k : sel[k];
          long v = a[i];
          if (!bitNot && v == Long.MIN_VALUE && ansi) {
            throw EvalErrors.arithmeticOverflow(
                ArithmeticKernels.overflowMessage(type), "try_subtract", sql);
          }
          r[i] = bitNot ? ~v : -v;
        }
      } else if (out instanceof DoubleVector o) {
        double[] a = ((DoubleVector) in[0]).values();
        double[] r = o.values();
        for (int k = 0; k < n; k++) {
          int i = sel == null ? k : sel[k];
          r[i] = -a[i];
        }
      } else if (out instanceof FloatVector o) {
        float[] a = ((FloatVector) in[0]).values();
        float[] r = o.values();
        for (int k = 0; k < n; k++) {
          int i = sel == null ? k : sel[k];
          r[i] = -a[i];
        }
      } else if (out instanceof DecimalVector o && type instanceof DecimalType) {
        DecimalVector a = (DecimalVector) in[0];
        for (int k = 0; k < n; k++) {
          int i = sel == null ? k : sel[k];
          if (o.isCompact()) {
            o.unscaledValues()[i] = -a.unscaledValues()[i];
          } else {
            o.setDecimal(i, a.getDecimal(i).negate());
          }
        }
      } else {
        throw EvalErrors.unsupported(sql, "negation of " + type.sql());
      }
    }
  }
}
