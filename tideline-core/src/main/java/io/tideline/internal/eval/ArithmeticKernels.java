package io.tideline.internal.eval;

import io.tideline.internal.expr.BinaryOp;
import io.tideline.internal.expr.BinaryOperator;
import io.tideline.internal.expr.Cast;
import io.tideline.internal.expr.Expr;
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
 * Kernels for {@code + - * / div % pmod & | ^} by physical type. The operator is a final field; the
 * switch on it inside each loop is loop-invariant, which the JIT unswitches, so each loop runs as a
 * straight-line primitive loop. Overflow and division by zero follow Spark: an error under ANSI,
 * otherwise Java's wrap-around (integers) or null (division by zero, decimal overflow).
 */
final class ArithmeticKernels {
  private ArithmeticKernels() {}

  static VectorEvaluator compile(BinaryOp b, EvalContext ctx) {
    DataType result = b.dataType();
    BinaryOperator op = b.op();
    String sql = b.sql();
    if (result instanceof DecimalType d) {
      return new DecimalArith(
          op,
          d,
          operand(b.left(), ctx, true, null),
          operand(b.right(), ctx, true, null),
          ctx.ansi(),
          sql);
    }
    if (op == BinaryOperator.INT_DIVIDE
        && (b.left().dataType() instanceof DecimalType
            || b.right().dataType() instanceof DecimalType)) {
      return new DecimalIntDivide(
          operand(b.left(), ctx, true, null), operand(b.right(), ctx, true, null), ctx.ansi(), sql);
    }
    AtomicType.Kind kind = ((AtomicType) result).kind();
    VectorEvaluator l = operand(b.left(), ctx, false, result);
    VectorEvaluator r = operand(b.right(), ctx, false, result);
    switch (kind) {
      case BYTE:
      case SHORT:
      case INT:
      case DATE:
      case YEAR_MONTH_INTERVAL:
        return new IntArith(op, result, bitsOf(kind), l, r, ctx.ansi(), sql);
      case LONG:
      case TIMESTAMP:
      case DAY_TIME_INTERVAL:
        return new LongArith(op, result, l, r, ctx.ansi(), sql);
      case DOUBLE:
        return new DoubleArith(op, l, r, ctx.ansi(), sql);
      case FLOAT:
        return new FloatArith(op, l, r, ctx.ansi(), sql);
      default:
        throw EvalErrors.unsupported(sql, "arithmetic on " + result.sql());
    }
  }

  /** Compiles an operand, cast to the kernel's type when the analyser left it narrower. */
  private static VectorEvaluator operand(Expr e, EvalContext ctx, boolean decimal, DataType to) {
    DataType t = e.dataType();
    DataType target = decimal ? (t instanceof DecimalType ? t : decimalFor(t)) : to;
    if (t.equals(target) || sharesMicros(t, target)) {
      return ExprCompiler.compile(e, ctx);
    }
    return ExprCompiler.compile(Cast.implicit(e, target), ctx);
  }

  /**
   * A day-time interval operand of timestamp arithmetic ({@code ts + INTERVAL '1' HOUR}): both are
   * microseconds, so the long kernel adds them as they are.
   */
  private static boolean sharesMicros(DataType operand, DataType result) {
    return DataTypes.is(operand, AtomicType.Kind.DAY_TIME_INTERVAL)
        && DataTypes.is(result, AtomicType.Kind.TIMESTAMP);
  }

  /** Spark's decimal type holding every value of an integral type. */
  static DecimalType decimalFor(DataType t) {
    if (t instanceof AtomicType a) {
      switch (a.kind()) {
        case BYTE:
          return DataTypes.createDecimalType(3, 0);
        case SHORT:
          return DataTypes.createDecimalType(5, 0);
        case INT:
          return DataTypes.createDecimalType(10, 0);
        case LONG:
          return DataTypes.createDecimalType(20, 0);
        default:
          break;
      }
    }
    return DecimalType.SYSTEM_DEFAULT;
  }

  static int bitsOf(AtomicType.Kind kind) {
    switch (kind) {
      case BYTE:
        return 8;
      case SHORT:
        return 16;
      default:
        return 32;
    }
  }

  static String overflowMessage(DataType t) {
    if (t instanceof AtomicType a) {
      switch (a.kind()) {
        case BYTE:
          return "tinyint overflow";
        case SHORT:
          return "smallint overflow";
        case INT:
          return "integer overflow";
        case LONG:
          return "long overflow";
        default:
          break;
      }
    }
    return t.simpleString() + " overflow";
  }

  /** The ANSI failure of a zero divisor: Spark names {@code %} apart from the divisions. */
  static RuntimeException byZero(BinaryOperator op, String sql) {
    return op == BinaryOperator.MOD
        ? EvalErrors.remainderByZero(sql)
        : EvalErrors.divideByZero(sql);
  }

  static String tryAlternative(BinaryOperator op) {
    switch (op) {
      case ADD:
        return "try_add";
      case SUBTRACT:
        return "try_subtract";
      case MULTIPLY:
        return "try_multiply";
      case DIVIDE:
      case INT_DIVIDE:
        return "try_divide";
      default:
        return "try_mod";
    }
  }

  /** INT, SMALLINT, TINYINT (and DATE, year-month interval) over int[]; computed in long. */
  static final class IntArith extends StrictKernel {
    private final BinaryOperator op;
    private final DataType type;
    private final int shift;
    private final boolean ansi;
    private final String sql;

    IntArith(
        BinaryOperator op,
        DataType type,
        int bits,
        VectorEvaluator l,
        VectorEvaluator r,
        boolean ansi,
        String sql) {
      super(type, l, r);
      this.op = op;
      this.type = type;
      this.shift = 64 - bits;
      this.ansi = ansi;
      this.sql = sql;
    }

    @Override
    protected void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n) {
      int[] a = ((IntVector) in[0]).values();
      int[] b = ((IntVector) in[1]).values();
      int[] o = ((IntVector) out).values();
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        long x = a[i];
        long y = b[i];
        long r;
        switch (op) {
          case ADD:
            r = x + y;
            break;
          case SUBTRACT:
            r = x - y;
            break;
          case MULTIPLY:
            r = x * y;
            break;
          case MOD:
            if (y == 0) {
              divideByZero(out, i);
              continue;
            }
            r = x % y;
            break;
          case BIT_AND:
            r = x & y;
            break;
          case BIT_OR:
            r = x | y;
            break;
          case BIT_XOR:
            r = x ^ y;
            break;
          default:
            throw EvalErrors.unsupported(sql, op + " on " + type.sql());
        }
        long wrapped = (r << shift) >> shift;
        if (wrapped != r && ansi) {
          throw EvalErrors.arithmeticOverflow(overflowMessage(type), tryAlternative(op), sql);
        }
        o[i] = (int) wrapped;
      }
    }

    private void divideByZero(ColumnVector out, int i) {
      if (ansi) {
        throw byZero(op, sql);
      }
      out.setNull(i);
    }
  }

  /** BIGINT (and TIMESTAMP, day-time interval) over long[], with exact overflow detection. */
  static final class LongArith extends StrictKernel {
    private final BinaryOperator op;
    private final DataType type;
    private final boolean ansi;
    private final String sql;

    LongArith(
        BinaryOperator op,
        DataType type,
        VectorEvaluator l,
        VectorEvaluator r,
        boolean ansi,
        String sql) {
      super(type, l, r);
      this.op = op;
      this.type = type;
      this.ansi = ansi;
      this.sql = sql;
    }

    @Override
    protected void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n) {
      long[] a = ((LongVector) in[0]).values();
      long[] b = ((LongVector) in[1]).values();
      long[] o = ((LongVector) out).values();
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        long x = a[i];
        long y = b[i];
        long r;
        boolean overflow;
        switch (op) {
          case ADD:
            r = x + y;
            overflow = ((x ^ r) & (y ^ r)) < 0;
            break;
          case SUBTRACT:
            r = x - y;
            overflow = ((x ^ y) & (x ^ r)) < 0;
            break;
          case MULTIPLY:
            r = x * y;
            long hi = Math.multiplyHigh(x, y);
            overflow = (hi != 0 || r < 0) && (hi != -1 || r >= 0);
            break;
          case INT_DIVIDE:
            if (y == 0) {
              divideByZero(out, i);
              continue;
            }
            r = x / y;
            overflow = x == Long.MIN_VALUE && y == -1;
            break;
          case MOD:
            if (y == 0) {
              divideByZero(out, i);
              continue;
            }
            r = x % y;
            overflow = false;
            break;
          case BIT_AND:
            r = x & y;
            overflow = false;
            break;
          case BIT_OR:
            r = x | y;
            overflow = false;
            break;
          case BIT_XOR:
            r = x ^ y;
            overflow = false;
            break;
          default:
            throw EvalErrors.unsupported(sql, op + " on " + type.sql());
        }
        if (overflow && ansi) {
          throw EvalErrors.arithmeticOverflow(
              op == BinaryOperator.INT_DIVIDE
                  ? "Overflow in integral divide"
                  : overflowMessage(type),
              tryAlternative(op),
              sql);
        }
        o[i] = r;
      }
    }

    private void divideByZero(ColumnVector out, int i) {
      if (ansi) {
        throw byZero(op, sql);
      }
      out.setNull(i);
    }
  }

  /** DOUBLE over double[]; division and remainder by zero follow Spark, not IEEE. */
  static final class DoubleArith extends StrictKernel {
    private final BinaryOperator op;
    private final boolean ansi;
    private final String sql;

    DoubleArith(BinaryOperator op, VectorEvaluator l, VectorEvaluator r, boolean ansi, String sql) {
      super(DataTypes.DoubleType, l, r);
      this.op = op;
      this.ansi = ansi;
      this.sql = sql;
    }

    @Override
    protected void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n) {
      double[] a = ((DoubleVector) in[0]).values();
      double[] b = ((DoubleVector) in[1]).values();
      double[] o = ((DoubleVector) out).values();
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        double x = a[i];
        double y = b[i];
        switch (op) {
          case ADD:
            o[i] = x + y;
            break;
          case SUBTRACT:
            o[i] = x - y;
            break;
          case MULTIPLY:
            o[i] = x * y;
            break;
          case DIVIDE:
          case MOD:
            if (y == 0) {
              if (ansi) {
                throw byZero(op, sql);
              }
              out.setNull(i);
            } else {
              o[i] = op == BinaryOperator.DIVIDE ? x / y : x % y;
            }
            break;
          default:
            throw EvalErrors.unsupported(sql, op + " on DOUBLE");
        }
      }
    }
  }

  /** FLOAT over float[]. */
  static final class FloatArith extends StrictKernel {
    private final BinaryOperator op;
    private final boolean ansi;
    private final String sql;

    FloatArith(BinaryOperator op, VectorEvaluator l, VectorEvaluator r, boolean ansi, String sql) {
      super(DataTypes.FloatType, l, r);
      this.op = op;
      this.ansi = ansi;
      this.sql = sql;
    }

    @Override
    protected void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n) {
      float[] a = ((FloatVector) in[0]).values();
      float[] b = ((FloatVector) in[1]).values();
      float[] o = ((FloatVector) out).values();
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        float x = a[i];
        float y = b[i];
        switch (op) {
          case ADD:
            o[i] = x + y;
            break;
          case SUBTRACT:
            o[i] = x - y;
            break;
          case MULTIPLY:
            o[i] = x * y;
            break;
          case DIVIDE:
          case MOD:
            if (y == 0) {
              if (ansi) {
                throw byZero(op, sql);
              }
              out.setNull(i);
            } else {
              o[i] = op == BinaryOperator.DIVIDE ? x / y : x % y;
            }
            break;
          default:
            throw EvalErrors.unsupported(sql, op + " on FLOAT");
        }
      }
    }
  }

  /**
   * DECIMAL at the result type the analyser chose: a long fast path for + and - on compact decimals
   * of the result's scale, exact BigDecimal arithmetic rounded HALF_UP otherwise.
   */
  static final class DecimalArith extends StrictKernel {
    private final BinaryOperator op;
    private final DecimalType type;
    private final boolean ansi;
    private final String sql;
    private final long bound;

    DecimalArith(
        BinaryOperator op,
        DecimalType type,
        VectorEvaluator l,
        VectorEvaluator r,
        boolean ansi,
        String sql) {
      super(type, l, r);
      this.op = op;
      this.type = type;
      this.ansi = ansi;
      this.sql = sql;
      this.bound = type.fitsInLong() ? pow10(type.precision()) : 0;
    }

    @Override
    protected void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n) {
      DecimalVector a = (DecimalVector) in[0];
      DecimalVector b = (DecimalVector) in[1];
      DecimalVector o = (DecimalVector) out;
      if (computeCompact(a, b, o, sel, n)) {
        return;
      }
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        BigDecimal x = a.getDecimal(i);
        BigDecimal y = b.getDecimal(i);
        BigDecimal r;
        switch (op) {
          case ADD:
            r = x.add(y);
            break;
          case SUBTRACT:
            r = x.subtract(y);
            break;
          case MULTIPLY:
            r = x.multiply(y);
            break;
          case DIVIDE:
          case MOD:
            if (y.signum() == 0) {
              if (ansi) {
                throw byZero(op, sql);
              }
              o.setNull(i);
              continue;
            }
            r =
                op == BinaryOperator.DIVIDE
                    ? x.divide(y, type.scale(), RoundingMode.HALF_UP)
                    : x.remainder(y);
            break;
          default:
            throw EvalErrors.unsupported(sql, op + " on " + type.sql());
        }
        if (!o.setDecimal(i, r)) {
          overflow(o, i, r);
        }
      }
    }

    /**
     * + - * over unscaled longs when every vector is compact: operands are rescaled to the result
     * scale (a product is rounded HALF_UP), all with exact long arithmetic. A row whose
     * intermediate overflows a long is redone with BigDecimal, which decides whether the value
     * itself fits. Returns false, computing nothing, when the scales rule the fast path out.
     */
    private boolean computeCompact(
        DecimalVector a, DecimalVector b, DecimalVector o, int[] sel, int n) {
      if (!o.isCompact() || !a.isCompact() || !b.isCompact()) {
        return false;
      }
      int sa = a.decimalType().scale();
      int sb = b.decimalType().scale();
      int sr = type.scale();
      long fa;
      long fb;
      long roundBy = 1;
      long scaleUp = 1;
      switch (op) {
        case ADD:
        case SUBTRACT:
          if (sr < sa || sr < sb) {
            return false;
          }
          fa = pow10(sr - sa);
          fb = pow10(sr - sb);
          break;
        case MULTIPLY:
          int shift = sa + sb - sr;
          if (Math.abs(shift) > 18) {
            return false;
          }
          fa = 1;
          fb = 1;
          if (shift >= 0) {
            roundBy = pow10(shift);
          } else {
            scaleUp = pow10(-shift);
          }
          break;
        default:
          return false;
      }
      long[] x = a.unscaledValues();
      long[] y = b.unscaledValues();
      long[] r = o.unscaledValues();
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        long v;
        try {
          if (op == BinaryOperator.MULTIPLY) {
            long p = Math.multiplyExact(x[i], y[i]);
            v = roundBy == 1 ? Math.multiplyExact(p, scaleUp) : roundHalfUp(p, roundBy);
          } else {
            long xs = fa == 1 ? x[i] : Math.multiplyExact(x[i], fa);
            long ys = fb == 1 ? y[i] : Math.multiplyExact(y[i], fb);
            v = op == BinaryOperator.ADD ? Math.addExact(xs, ys) : Math.subtractExact(xs, ys);
          }
        } catch (ArithmeticException longOverflow) {
          computeRow(a, b, o, i);
          continue;
        }
        if (v >= bound || v <= -bound) {
          overflow(o, i, BigDecimal.valueOf(v, sr));
        } else {
          r[i] = v;
        }
      }
      return true;
    }

    private void computeRow(DecimalVector a, DecimalVector b, DecimalVector o, int i) {
      BigDecimal x = a.getDecimal(i);
      BigDecimal y = b.getDecimal(i);
      BigDecimal r =
          op == BinaryOperator.ADD
              ? x.add(y)
              : op == BinaryOperator.SUBTRACT ? x.subtract(y) : x.multiply(y);
      if (!o.setDecimal(i, r)) {
        overflow(o, i, r);
      }
    }

    private static long roundHalfUp(long v, long divisor) {
      long q = v / divisor;
      long rem = v % divisor;
      if (Math.abs(rem) * 2 >= divisor) {
        q += v < 0 ? -1 : 1;
      }
      return q;
    }

    private void overflow(DecimalVector o, int i, BigDecimal value) {
      if (ansi) {
        throw EvalErrors.decimalOutOfRange(
            value.toPlainString(), type.precision(), type.scale(), sql);
      }
      o.setNull(i);
    }
  }

  /** {@code div} on decimals: the truncated quotient as BIGINT. */
  static final class DecimalIntDivide extends StrictKernel {
    private final boolean ansi;
    private final String sql;

    DecimalIntDivide(VectorEvaluator l, VectorEvaluator r, boolean ansi, String sql) {
      super(DataTypes.LongType, l, r);
      this.ansi = ansi;
      this.sql = sql;
    }

    @Override
    protected void compute(ColumnVector[] in, ColumnVector out, int[] sel, int n) {
      DecimalVector a = (DecimalVector) in[0];
      DecimalVector b = (DecimalVector) in[1];
      long[] o = ((LongVector) out).values();
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        BigDecimal y = b.getDecimal(i);
        if (y.signum() == 0) {
          if (ansi) {
            throw EvalErrors.divideByZero(sql);
          }
          out.setNull(i);
          continue;
        }
        BigDecimal q = a.getDecimal(i).divideToIntegralValue(y);
        if (q.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0
            || q.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0) {
          if (ansi) {
            throw EvalErrors.arithmeticOverflow("Overflow in integral divide", "try_divide", sql);
          }
        }
        o[i] = q.longValue();
      }
    }
  }

  static long pow10(int p) {
    long r = 1;
    for (int i = 0; i < p; i++) {
      r *= 10;
    }
    return r;
  }
}
