package io.tideline.internal.eval;

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
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numeric functions: {@code abs}, {@code ceil}, {@code floor}, {@code round}, {@code bround} and
 * the DOUBLE functions {@code sqrt}, {@code exp}, {@code ln}/{@code log}, {@code pow}. As in Spark,
 * logarithms of non-positive numbers are null, and {@code round} rounds the decimal form of a
 * double (so {@code round(2.675, 2)} is 2.68, not IEEE's 2.67).
 */
final class MathKernels {
  private MathKernels() {}

  enum DoubleFn {
    SQRT,
    EXP,
    LN,
    LOG,
    LOG10,
    SIGNUM,
    POW
  }

  /** Functions of DOUBLE arguments returning DOUBLE. */
  static final class DoubleFunction extends StrictKernel {
    private final DoubleFn fn;

    DoubleFunction(DoubleFn fn, VectorEvaluator[] args) {
      super(DataTypes.DoubleType, args);
      this.fn = fn;
    }

    @Override
    protected void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n) {
      double[] a = ((DoubleVector) in[0]).values();
      double[] b = in.length > 1 ? ((DoubleVector) in[1]).values() : null;
      double[] o = ((DoubleVector) out).values();
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        double x = a[i];
        switch (fn) {
          case SQRT:
            o[i] = Math.sqrt(x);
            break;
          case EXP:
            o[i] = Math.exp(x);
            break;
          case LN:
            if (x <= 0) {
              out.setNull(i);
            } else {
              o[i] = Math.log(x);
            }
            break;
          case LOG:
            // log(base, x)
            double y = b[i];
            if (x <= 0 || y <= 0) {
              out.setNull(i);
            } else {
              o[i] = Math.log(y) / Math.log(x);
            }
            break;
          case LOG10:
            if (x <= 0) {
              out.setNull(i);
            } else {
              o[i] = Math.log10(x);
            }
            break;
          case SIGNUM:
            o[i] = Math.signum(x);
            break;
          default:
            o[i] = Math.pow(x, b[i]);
            break;
        }
      }
    }
  }

  /** {@code abs}: integers overflow on their minimum under ANSI, as in Spark. */
  static final class Abs extends StrictKernel {
    private final DataType type;
    private final boolean ansi;
    private final String sql;

    Abs(VectorEvaluator arg, DataType type, boolean ansi, String sql) {
      super(type, arg);
      this.type = type;
      this.ansi = ansi;
      this.sql = sql;
    }

    @Override
    protected void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n) {
      if (out instanceof IntVector o) {
        int[] a = ((IntVector) in[0]).values();
        long min = CastCompiler.minOf(((AtomicType) type).kind());
        for (int k = 0; k < n; k++) {
          int i = sel == null ? k : sel[k];
          if (a[i] == min && ansi) {
            throw EvalErrors.arithmeticOverflow(
                ArithmeticKernels.overflowMessage(type), "try_abs", sql);
          }
          o.values()[i] =
              (int) CastCompiler.wrap(Math.abs((long) a[i]), ((AtomicType) type).kind());
        }
      } else if (out instanceof LongVector o) {
        long[] a = ((LongVector) in[0]).values();
        for (int k = 0; k < n; k++) {
          int i = sel == null ? k : sel[k];
          if (a[i] == Long.MIN_VALUE && ansi) {
            throw EvalErrors.arithmeticOverflow("long overflow", "try_abs", sql);
          }
          o.values()[i] = Math.abs(a[i]);
        }
      } else if (out instanceof DoubleVector o) {
        double[] a = ((DoubleVector) in[0]).values();
        for (int k = 0; k < n; k++) {
          int i = sel == null ? k : sel[k];
          o.values()[i] = Math.abs(a[i]);
        }
      } else if (out instanceof FloatVector o) {
        float[] a = ((FloatVector) in[0]).values();
        for (int k = 0; k < n; k++) {
          int i = sel == null ? k : sel[k];
          o.values()[i] = Math.abs(a[i]);
        }
      } else {
        DecimalVector a = (DecimalVector) in[0];
        DecimalVector o = (DecimalVector) out;
        for (int k = 0; k < n; k++) {
          int i = sel == null ? k : sel[k];
          o.setDecimal(i, a.getDecimal(i).abs());
        }
      }
    }
  }

  /**
   * {@code ceil}, {@code floor}, {@code round} (HALF_UP) and {@code bround} (HALF_EVEN) at a scale,
   * producing the type the analyser chose (BIGINT for {@code ceil(double)}, a decimal for decimals,
   * the input type for {@code round}).
   */
  static final class Rounding extends StrictKernel {
    private final RoundingMode mode;
    private final int scale;
    private final boolean ansi;
    private final String sql;
    private int[] rows = new int[0];

    Rounding(
        VectorEvaluator arg,
        DataType type,
        RoundingMode mode,
        int scale,
        boolean ansi,
        String sql) {
      super(type, arg);
      this.mode = mode;
      this.scale = scale;
      this.ansi = ansi;
      this.sql = sql;
    }

    @Override
    protected void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n) {
      ColumnVector src = in[0];
      boolean integralIdentity =
          scale >= 0
              && (src instanceof IntVector || src instanceof LongVector)
              && src.type().equals(out.type());
      if (integralIdentity) {
        if (rows.length < n) {
          rows = new int[Math.max(n, 16)];
        }
        for (int k = 0; k < n; k++) {
          rows[k] = sel == null ? k : sel[k];
        }
        VectorCopier.copyRows(src, out, rows, n);
        return;
      }
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        if (src instanceof DoubleVector || src instanceof FloatVector) {
          double d =
              src instanceof DoubleVector dv ? dv.values()[i] : ((FloatVector) src).values()[i];
          if (Double.isNaN(d) || Double.isInfinite(d)) {
            writeDouble(out, i, d);
            continue;
          }
          if (out instanceof LongVector lv
              && (mode == RoundingMode.CEILING || mode == RoundingMode.FLOOR)) {
            // Spark converts ceil/floor of a double with Double.toLong, which saturates at the
            // BIGINT range rather than wrapping.
            lv.values()[i] = (long) (mode == RoundingMode.CEILING ? Math.ceil(d) : Math.floor(d));
            continue;
          }
          BigDecimal b =
              src instanceof FloatVector
                  ? new BigDecimal(Float.toString((float) d))
                  : BigDecimal.valueOf(d);
          write(out, i, b.setScale(scale, mode));
        } else {
          BigDecimal b =
              src instanceof DecimalVector dv
                  ? dv.getDecimal(i)
                  : BigDecimal.valueOf(
                      src instanceof IntVector iv
                          ? iv.values()[i]
                          : ((LongVector) src).values()[i]);
          write(out, i, b.setScale(scale, mode));
        }
      }
    }

    private void writeDouble(ColumnVector out, int i, double d) {
      if (out instanceof DoubleVector || out instanceof FloatVector) {
        CastCompiler.writeDouble(out, i, d);
      } else {
        CastCompiler.writeIntegral(out, i, (long) d);
      }
    }

    private void write(ColumnVector out, int i, BigDecimal v) {
      if (out instanceof DecimalVector dv) {
        if (!dv.setDecimal(i, v)) {
          if (ansi) {
            DecimalType t = dv.decimalType();
            throw EvalErrors.decimalOutOfRange(v.toPlainString(), t.precision(), t.scale(), sql);
          }
          out.setNull(i);
        }
      } else if (out instanceof DoubleVector || out instanceof FloatVector) {
        CastCompiler.writeDouble(out, i, v.doubleValue());
      } else {
        long r = v.setScale(0, RoundingMode.DOWN).longValue();
        if (out instanceof IntVector iv && out.type() instanceof AtomicType a) {
          long w = CastCompiler.wrap(r, a.kind());
          if (w != r && ansi) {
            throw EvalErrors.arithmeticOverflow(
                ArithmeticKernels.overflowMessage(a), "try_round", sql);
          }
          iv.values()[i] = (int) w;
        } else {
          ((LongVector) out).values()[i] = r;
        }
      }
    }
  }
}
