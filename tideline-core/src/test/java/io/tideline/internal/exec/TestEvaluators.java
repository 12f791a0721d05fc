package io.tideline.internal.exec;

import io.tideline.internal.eval.VectorEvaluator;
import io.tideline.internal.expr.BinaryOp;
import io.tideline.internal.expr.BoundReference;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.expr.UnaryOp;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;

/**
 * A deliberately simple, row-at-a-time evaluator for this package's tests only, covering the
 * handful of nodes the tests use (column references, literals, comparisons, arithmetic on numbers,
 * AND/OR, IS [NOT] NULL). Production code compiles through {@code ExprCompiler}.
 */
final class TestEvaluators {
  private TestEvaluators() {}

  static final EvaluatorFactory FACTORY = (bound, ctx) -> compile(bound);

  static VectorEvaluator compile(Expr e) {
    return batch -> {
      ColumnVector out = ColumnVector.allocate(e.dataType(), Math.max(batch.numRows(), 1));
      for (int k = 0; k < batch.size(); k++) {
        int row = batch.rowAt(k);
        out.setObject(row, eval(e, batch, row));
      }
      return out;
    };
  }

  private static Object eval(Expr e, Batch b, int row) {
    if (e instanceof BoundReference r) {
      ColumnVector v = b.column(r.ordinal());
      if (v.isNullAt(row)) {
        return null;
      }
      return v.getObject(row);
    }
    if (e instanceof Literal l) {
      return l.value();
    }
    if (e instanceof UnaryOp u) {
      Object x = eval(u.child(), b, row);
      return switch (u.op()) {
        case IS_NULL -> x == null;
        case IS_NOT_NULL -> x != null;
        case NOT -> x == null ? null : !(Boolean) x;
        case NEGATE -> x == null ? null : negate(x);
        default -> throw new UnsupportedOperationException(u.sql());
      };
    }
    if (e instanceof BinaryOp op) {
      Object l = eval(op.left(), b, row);
      Object r = eval(op.right(), b, row);
      switch (op.op()) {
        case AND:
          if (Boolean.FALSE.equals(l) || Boolean.FALSE.equals(r)) {
            return false;
          }
          return l == null || r == null ? null : true;
        case OR:
          if (Boolean.TRUE.equals(l) || Boolean.TRUE.equals(r)) {
            return true;
          }
          return l == null || r == null ? null : false;
        default:
          break;
      }
      if (l == null || r == null) {
        return null;
      }
      if (op.op().isComparison()) {
        int c = compare(l, r);
        return switch (op.op()) {
          case EQ -> c == 0;
          case NOT_EQ -> c != 0;
          case LT -> c < 0;
          case LE -> c <= 0;
          case GT -> c > 0;
          case GE -> c >= 0;
          default -> throw new UnsupportedOperationException(op.sql());
        };
      }
      if (l instanceof Double
          || r instanceof Double
          || op.op() == io.tideline.internal.expr.BinaryOperator.DIVIDE) {
        double x = ((Number) l).doubleValue();
        double y = ((Number) r).doubleValue();
        return switch (op.op()) {
          case ADD -> x + y;
          case SUBTRACT -> x - y;
          case MULTIPLY -> x * y;
          case DIVIDE -> y == 0 ? null : x / y;
          default -> throw new UnsupportedOperationException(op.sql());
        };
      }
      long x = ((Number) l).longValue();
      long y = ((Number) r).longValue();
      return switch (op.op()) {
        case ADD -> x + y;
        case SUBTRACT -> x - y;
        case MULTIPLY -> x * y;
        case MOD -> x % y;
        default -> throw new UnsupportedOperationException(op.sql());
      };
    }
    throw new UnsupportedOperationException("test evaluator: " + e.sql());
  }

  private static Object negate(Object x) {
    if (x instanceof Long l) {
      return -l;
    }
    if (x instanceof Integer i) {
      return -i;
    }
    return -((Number) x).doubleValue();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object l, Object r) {
    if (l instanceof Number x && r instanceof Number y && !(l instanceof java.math.BigDecimal)) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    return ((Comparable) l).compareTo(r);
  }
}
