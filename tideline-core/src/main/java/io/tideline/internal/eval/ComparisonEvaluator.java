package io.tideline.internal.eval;

import io.tideline.internal.expr.BinaryOp;
import io.tideline.internal.expr.BinaryOperator;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.BooleanVector;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.DecimalVector;
import io.tideline.internal.vector.DoubleVector;
import io.tideline.internal.vector.FloatVector;
import io.tideline.internal.vector.IntVector;
import io.tideline.internal.vector.LongVector;
import io.tideline.internal.vector.NullVector;
import io.tideline.types.DataTypes;

/**
 * {@code = <=> != < <= > >=} for every orderable type, in two tight passes: a type-specific pass
 * writes a three-way comparison per live row into a scratch {@code int[]}, then an operator-
 * specific pass turns it into booleans. Orders follow Spark: strings and binary by unsigned bytes;
 * doubles with {@code NaN = NaN}, NaN above every other value and {@code -0.0 = 0.0}.
 */
final class ComparisonEvaluator implements VectorEvaluator {
  private final BinaryOperator op;
  private final VectorEvaluator left;
  private final VectorEvaluator right;
  private final String sql;
  private final OutputBuffer output = new OutputBuffer(DataTypes.BooleanType);
  private int[] cmp = new int[0];
  private int[] nonNullLeft = new int[0];
  private boolean[] skip = new boolean[0];

  private ComparisonEvaluator(
      BinaryOperator op, VectorEvaluator left, VectorEvaluator right, String sql) {
    this.op = op;
    this.left = left;
    this.right = right;
    this.sql = sql;
  }

  static VectorEvaluator compile(BinaryOp b, EvalContext ctx) {
    return new ComparisonEvaluator(
        b.op(), ExprCompiler.compile(b.left(), ctx), ExprCompiler.compile(b.right(), ctx), b.sql());
  }

  @Override
  public ColumnVector eval(Batch batch) {
    ColumnVector l = left.eval(batch);
    ColumnVector r = right.eval(rightBatch(batch, l));
    int rows = batch.numRows();
    int n = batch.size();
    int[] sel = batch.selection();
    BooleanVector out = (BooleanVector) output.prepare(rows);
    boolean[] o = out.values();
    if (cmp.length < rows) {
      cmp = new int[Math.max(rows, 16)];
      skip = new boolean[cmp.length];
    }
    boolean nulls = l.mayHaveNulls() || r.mayHaveNulls();
    boolean nullSafe = op == BinaryOperator.EQ_NULL_SAFE;
    if (nulls) {
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        boolean ln = l.isNullAt(i);
        boolean rn = r.isNullAt(i);
        skip[i] = ln || rn;
        if (ln || rn) {
          if (nullSafe) {
            o[i] = ln && rn;
          } else {
            out.setNull(i);
          }
        }
      }
    }
    if (l instanceof NullVector || r instanceof NullVector) {
      return out;
    }
    compare(l, r, sel, n, nulls);
    switch (op) {
      case EQ:
      case EQ_NULL_SAFE:
        for (int k = 0; k < n; k++) {
          int i = sel == null ? k : sel[k];
          if (!nulls || !skip[i]) {
            o[i] = cmp[i] == 0;
          }
        }
        break;
      case NOT_EQ:
        for (int k = 0; k < n; k++) {
          int i = sel == null ? k : sel[k];
          o[i] = cmp[i] != 0;
        }
        break;
      case LT:
        for (int k = 0; k < n; k++) {
          int i = sel == null ? k : sel[k];
          o[i] = cmp[i] < 0;
        }
        break;
      case LE:
        for (int k = 0; k < n; k++) {
          int i = sel == null ? k : sel[k];
          o[i] = cmp[i] <= 0;
        }
        break;
      case GT:
        for (int k = 0; k < n; k++) {
          int i = sel == null ? k : sel[k];
          o[i] = cmp[i] > 0;
        }
        break;
      case GE:
        for (int k = 0; k < n; k++) {
          int i = sel == null ? k : sel[k];
          o[i] = cmp[i] >= 0;
        }
        break;
      default:
        throw EvalErrors.unsupported(sql, "not a comparison: " + op);
    }
    return out;
  }

  /**
   * The rows to evaluate the right side on: all live rows for {@code <=>}, else only those where
   * the left side is non-null, since Spark skips the right side of a null-intolerant comparison (an
   * ANSI error there must not fire for a row whose result is null anyway).
   */
  private Batch rightBatch(Batch batch, ColumnVector l) {
    if (op == BinaryOperator.EQ_NULL_SAFE || !l.mayHaveNulls()) {
      return batch;
    }
    int n = batch.size();
    int[] sel = batch.selection();
    if (nonNullLeft.length < n) {
      nonNullLeft = new int[Math.max(n, 16)];
    }
    int m = 0;
    for (int k = 0; k < n; k++) {
      int i = sel == null ? k : sel[k];
      if (!l.isNullAt(i)) {
        nonNullLeft[m++] = i;
      }
    }
    return m == n ? batch : batch.withSelection(nonNullLeft, m);
  }

  private void compare(ColumnVector l, ColumnVector r, int[] sel, int n, boolean nulls) {
    int[] c = cmp;
    if (l instanceof IntVector && r instanceof IntVector) {
      int[] a = ((IntVector) l).values();
      int[] b = ((IntVector) r).values();
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        c[i] = Integer.compare(a[i], b[i]);
      }
    } else if (l instanceof LongVector && r instanceof LongVector) {
      long[] a = ((LongVector) l).values();
      long[] b = ((LongVector) r).values();
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        c[i] = Long.compare(a[i], b[i]);
      }
    } else if (l instanceof DoubleVector && r instanceof DoubleVector) {
      double[] a = ((DoubleVector) l).values();
      double[] b = ((DoubleVector) r).values();
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        c[i] = compareDoubles(a[i], b[i]);
      }
    } else if (l instanceof FloatVector && r instanceof FloatVector) {
      float[] a = ((FloatVector) l).values();
      float[] b = ((FloatVector) r).values();
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        c[i] = compareDoubles(a[i], b[i]);
      }
    } else if (l instanceof BooleanVector && r instanceof BooleanVector) {
      boolean[] a = ((BooleanVector) l).values();
      boolean[] b = ((BooleanVector) r).values();
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        c[i] = Boolean.compare(a[i], b[i]);
      }
    } else if (l instanceof BytesVector a && r instanceof BytesVector b) {
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        if (!nulls || !skip[i]) {
          c[i] = Integer.signum(BytesVector.compare(a, i, b, i));
        }
      }
    } else if (l instanceof DecimalVector a && r instanceof DecimalVector b) {
      if (a.isCompact() && b.isCompact() && a.decimalType().scale() == b.decimalType().scale()) {
        long[] x = a.unscaledValues();
        long[] y = b.unscaledValues();
        for (int k = 0; k < n; k++) {
          int i = sel == null ? k : sel[k];
          c[i] = Long.compare(x[i], y[i]);
        }
      } else if (a.isCompact() && b.isCompact()) {
        compareCompactDecimals(a, b, sel, n, nulls);
      } else {
        for (int k = 0; k < n; k++) {
          int i = sel == null ? k : sel[k];
          if (!nulls || !skip[i]) {
            c[i] = a.getDecimal(i).compareTo(b.getDecimal(i));
          }
        }
      }
    } else {
      for (int k = 0; k < n; k++) {
        int i = sel == null ? k : sel[k];
        if (!nulls || !skip[i]) {
          c[i] = ValueOrdering.compare(l, i, r, i);
        }
      }
    }
  }

  /**
   * Compact decimals of different scales: the side with fewer fraction digits is scaled up in long
   * arithmetic; a row where that overflows compares through BigDecimal.
   */
  private void compareCompactDecimals(
      DecimalVector a, DecimalVector b, int[] sel, int n, boolean nulls) {
    int sa = a.decimalType().scale();
    int sb = b.decimalType().scale();
    long fa = ArithmeticKernels.pow10(Math.max(sb - sa, 0));
    long fb = ArithmeticKernels.pow10(Math.max(sa - sb, 0));
    long[] x = a.unscaledValues();
    long[] y = b.unscaledValues();
    for (int k = 0; k < n; k++) {
      int i = sel == null ? k : sel[k];
      try {
        cmp[i] = Long.compare(Math.multiplyExact(x[i], fa), Math.multiplyExact(y[i], fb));
      } catch (ArithmeticException overflow) {
        cmp[i] = a.getDecimal(i).compareTo(b.getDecimal(i));
      }
    }
  }

  /** Spark's double order: NaN equals NaN and sorts last; -0.0 equals 0.0. */
  static int compareDoubles(double a, double b) {
    return a == b ? 0 : Double.compare(a, b);
  }
}
