package io.tideline.internal.eval;

import io.tideline.internal.expr.BinaryOp;
import io.tideline.internal.expr.BoundReference;
import io.tideline.internal.expr.CaseWhen;
import io.tideline.internal.expr.Cast;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.In;
import io.tideline.internal.expr.Like;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.expr.ScalarCall;
import io.tideline.internal.expr.UnaryOp;
import io.tideline.types.AtomicType;
import io.tideline.types.DataType;
import io.tideline.types.DecimalType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A deliberately naive row-at-a-time interpreter over boxed values (Long, Integer, Double, String,
 * Boolean, BigDecimal), written from Spark's documented semantics for the subset of expressions the
 * property test generates. It is the oracle the vectorised evaluator is checked against.
 */
final class ReferenceEvaluator {
  /** Raised where Spark raises an ANSI error. */
  static final class RefError extends RuntimeException {
    RefError(String what) {
      super(what);
    }
  }

  private final boolean ansi;

  ReferenceEvaluator(boolean ansi) {
    this.ansi = ansi;
  }

  Object eval(Expr e, Object[] row) {
    if (e instanceof Literal l) {
      return l.value();
    }
    if (e instanceof BoundReference r) {
      return row[r.ordinal()];
    }
    if (e instanceof UnaryOp u) {
      Object v = eval(u.child(), row);
      switch (u.op()) {
        case IS_NULL:
          return v == null;
        case IS_NOT_NULL:
          return v != null;
        case NOT:
          return v == null ? null : !(Boolean) v;
        case NEGATE:
          if (v == null) {
            return null;
          }
          long x = (Long) v;
          if (x == Long.MIN_VALUE && ansi) {
            throw new RefError("overflow");
          }
          return -x;
        default:
          throw new IllegalArgumentException(u.toString());
      }
    }
    if (e instanceof BinaryOp b) {
      return binary(b, row);
    }
    if (e instanceof Cast c) {
      Object v = eval(c.child(), row);
      return v == null ? null : cast(v, c.child().dataType(), c.to());
    }
    if (e instanceof CaseWhen cw) {
      for (int i = 0; i < cw.conditions().size(); i++) {
        if (Boolean.TRUE.equals(eval(cw.conditions().get(i), row))) {
          return eval(cw.values().get(i), row);
        }
      }
      return cw.elseValue() == null ? null : eval(cw.elseValue(), row);
    }
    if (e instanceof In in) {
      Object v = eval(in.value(), row);
      if (v == null) {
        return null;
      }
      boolean sawNull = false;
      for (Expr item : in.list()) {
        Object x = eval(item, row);
        if (x == null) {
          sawNull = true;
        } else if (x.equals(v)) {
          return true;
        }
      }
      return sawNull ? null : false;
    }
    if (e instanceof Like like) {
      Object v = eval(like.value(), row);
      Object p = v == null ? null : eval(like.pattern(), row);
      if (v == null || p == null) {
        return null;
      }
      return likeRegex((String) p).matcher((String) v).matches();
    }
    if (e instanceof ScalarCall call) {
      return function(call, row);
    }
    throw new IllegalArgumentException("reference cannot evaluate " + e);
  }

  private Object function(ScalarCall call, Object[] row) {
    switch (call.name()) {
      case "coalesce":
        for (Expr a : call.args()) {
          Object v = eval(a, row);
          if (v != null) {
            return v;
          }
        }
        return null;
      case "greatest":
        {
          Object best = null;
          for (Expr a : call.args()) {
            Object v = eval(a, row);
            if (v != null && (best == null || compare(v, best) > 0)) {
              best = v;
            }
          }
          return best;
        }
      case "trim":
        {
          Object v = eval(call.args().get(0), row);
          if (v == null) {
            return null;
          }
          String str = (String) v;
          int from = 0;
          int to = str.length();
          while (from < to && str.charAt(from) == ' ') {
            from++;
          }
          while (to > from && str.charAt(to - 1) == ' ') {
            to--;
          }
          return str.substring(from, to);
        }
      case "instr":
        {
          Object v = eval(call.args().get(0), row);
          if (v == null) {
            return null;
          }
          Object sub = eval(call.args().get(1), row);
          if (sub == null) {
            return null;
          }
          int at = ((String) v).indexOf((String) sub);
          return at < 0 ? 0 : ((String) v).codePointCount(0, at) + 1;
        }
      case "upper":
        {
          Object v = eval(call.args().get(0), row);
          return v == null ? null : ((String) v).toUpperCase(Locale.ROOT);
        }
      case "length":
        {
          Object v = eval(call.args().get(0), row);
          return v == null ? null : ((String) v).codePointCount(0, ((String) v).length());
        }
      case "concat":
        {
          StringBuilder sb = new StringBuilder();
          for (Expr a : call.args()) {
            Object v = eval(a, row);
            if (v == null) {
              return null;
            }
            sb.append(v);
          }
          return sb.toString();
        }
      case "substring":
        {
          Object s = eval(call.args().get(0), row);
          if (s == null) {
            return null;
          }
          Object pos = eval(call.args().get(1), row);
          if (pos == null) {
            return null;
          }
          Object len = eval(call.args().get(2), row);
          if (len == null) {
            return null;
          }
          int[] cps = ((String) s).codePoints().toArray();
          int p = (Integer) pos;
          long start = p > 0 ? p - 1 : p < 0 ? cps.length + p : 0;
          long end = start + (Integer) len;
          start = Math.max(0, start);
          end = Math.min(end, cps.length);
          if (start >= end) {
            return "";
          }
          return new String(cps, (int) start, (int) (end - start));
        }
      default:
        throw new IllegalArgumentException(call.name());
    }
  }

  private Object binary(BinaryOp b, Object[] row) {
    switch (b.op()) {
      case AND:
      case OR:
        {
          boolean and = b.op() == io.tideline.internal.expr.BinaryOperator.AND;
          Object l = eval(b.left(), row);
          if (l != null && (Boolean) l != and) {
            return !and;
          }
          Object r = eval(b.right(), row);
          if (r != null && (Boolean) r != and) {
            return !and;
          }
          if (l == null || r == null) {
            return null;
          }
          return and;
        }
      case EQ_NULL_SAFE:
        {
          Object l = eval(b.left(), row);
          Object r = eval(b.right(), row);
          if (l == null || r == null) {
            return l == null && r == null;
          }
          return compare(l, r) == 0;
        }
      default:
        break;
    }
    Object l = eval(b.left(), row);
    if (l == null) {
      return null;
    }
    Object r = eval(b.right(), row);
    if (r == null) {
      return null;
    }
    switch (b.op()) {
      case EQ:
        return compare(l, r) == 0;
      case NOT_EQ:
        return compare(l, r) != 0;
      case LT:
        return compare(l, r) < 0;
      case LE:
        return compare(l, r) <= 0;
      case GT:
        return compare(l, r) > 0;
      case GE:
        return compare(l, r) >= 0;
      default:
        return arithmetic(b, l, r);
    }
  }

  private Object arithmetic(BinaryOp b, Object l, Object r) {
    DataType t = b.dataType();
    if (t instanceof DecimalType d) {
      BigDecimal x = (BigDecimal) l;
      BigDecimal y = (BigDecimal) r;
      BigDecimal v;
      switch (b.op()) {
        case ADD:
          v = x.add(y);
          break;
        case SUBTRACT:
          v = x.subtract(y);
          break;
        case MULTIPLY:
          v = x.multiply(y);
          break;
        default:
          throw new IllegalArgumentException(b.op().toString());
      }
      return fitDecimal(v, d);
    }
    if (l instanceof Double x) {
      double y = (Double) r;
      switch (b.op()) {
        case ADD:
          return x + y;
        case SUBTRACT:
          return x - y;
        case MULTIPLY:
          return x * y;
        default:
          if (y == 0) {
            return divideByZero();
          }
          return x / y;
      }
    }
    if (l instanceof Integer x) {
      int y = (Integer) r;
      try {
        switch (b.op()) {
          case ADD:
            return ansi ? Math.addExact(x, y) : x + y;
          default:
            throw new IllegalArgumentException(b.op().toString());
        }
      } catch (ArithmeticException overflow) {
        throw new RefError("overflow");
      }
    }
    long x = (Long) l;
    long y = (Long) r;
    try {
      switch (b.op()) {
        case ADD:
          return ansi ? Math.addExact(x, y) : x + y;
        case SUBTRACT:
          return ansi ? Math.subtractExact(x, y) : x - y;
        case MULTIPLY:
          return ansi ? Math.multiplyExact(x, y) : x * y;
        case INT_DIVIDE:
          if (y == 0) {
            return divideByZero();
          }
          if (ansi && x == Long.MIN_VALUE && y == -1) {
            throw new RefError("overflow");
          }
          return x / y;
        case MOD:
          if (y == 0) {
            return divideByZero();
          }
          return x % y;
        default:
          throw new IllegalArgumentException(b.op().toString());
      }
    } catch (ArithmeticException overflow) {
      throw new RefError("overflow");
    }
  }

  private Object divideByZero() {
    if (ansi) {
      throw new RefError("divide by zero");
    }
    return null;
  }

  private Object fitDecimal(BigDecimal v, DecimalType d) {
    BigDecimal s = v.setScale(d.scale(), RoundingMode.HALF_UP);
    if (s.precision() > d.precision() && s.signum() != 0) {
      if (ansi) {
        throw new RefError("decimal overflow");
      }
      return null;
    }
    return s;
  }

  static int compare(Object l, Object r) {
    if (l instanceof Double x) {
      double a = x == 0.0 ? 0.0 : x;
      double b = (Double) r == 0.0 ? 0.0 : (Double) r;
      return Double.compare(a, b);
    }
    if (l instanceof String x) {
      return Integer.signum(
          Arrays.compareUnsigned(
              x.getBytes(StandardCharsets.UTF_8), ((String) r).getBytes(StandardCharsets.UTF_8)));
    }
    if (l instanceof BigDecimal x) {
      return x.compareTo((BigDecimal) r);
    }
    @SuppressWarnings("unchecked")
    Comparable<Object> c = (Comparable<Object>) l;
    return Integer.signum(c.compareTo(r));
  }

  private Object cast(Object v, DataType from, DataType to) {
    if (to instanceof DecimalType d) {
      return fitDecimal(BigDecimal.valueOf((Long) v), d);
    }
    AtomicType.Kind target = ((AtomicType) to).kind();
    AtomicType.Kind source = ((AtomicType) from).kind();
    switch (target) {
      case STRING:
        return v.toString();
      case LONG:
        if (source == AtomicType.Kind.INT) {
          return ((Integer) v).longValue();
        }
        if (source == AtomicType.Kind.DOUBLE) {
          double d = (Double) v;
          if (ansi && !(Math.floor(d) <= Long.MAX_VALUE && Math.ceil(d) >= Long.MIN_VALUE)) {
            throw new RefError("cast overflow");
          }
          return (long) d;
        }
        return parseLong((String) v);
      case INT:
        long x = (Long) v;
        if (x != (int) x && ansi) {
          throw new RefError("cast overflow");
        }
        return (int) x;
      case DOUBLE:
        if (source == AtomicType.Kind.LONG) {
          return ((Long) v).doubleValue();
        }
        return parseDouble((String) v);
      default:
        throw new IllegalArgumentException("cast to " + to);
    }
  }

  private static final Pattern INTEGRAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");

  /** Spark's ANSI cast takes no fraction: '3.0' is malformed. */
  private static final Pattern ANSI_INTEGRAL = Pattern.compile("[+-]?\\d+");

  private Object parseLong(String s) {
    String t = trimControl(s);
    if ((ansi ? ANSI_INTEGRAL : INTEGRAL).matcher(t).matches()) {
      BigInteger whole = new BigDecimal(t).toBigInteger();
      if (whole.bitLength() < 64) {
        return whole.longValue();
      }
    }
    return invalid();
  }

  private Object parseDouble(String s) {
    String t = trimControl(s).toLowerCase(Locale.ROOT);
    switch (t) {
      case "inf":
      case "+inf":
      case "infinity":
      case "+infinity":
        return Double.POSITIVE_INFINITY;
      case "-inf":
      case "-infinity":
        return Double.NEGATIVE_INFINITY;
      case "nan":
        return Double.NaN;
      default:
        break;
    }
    if (t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)(e[+-]?\\d+)?")) {
      return Double.parseDouble(t);
    }
    return invalid();
  }

  private Object invalid() {
    if (ansi) {
      throw new RefError("invalid input");
    }
    return null;
  }

  private static String trimControl(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && s.charAt(from) <= ' ') {
      from++;
    }
    while (to > from && s.charAt(to - 1) <= ' ') {
      to--;
    }
    return s.substring(from, to);
  }

  /** LIKE with the default escape, translated naively to a regex. */
  static Pattern likeRegex(String pattern) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        sb.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '%') {
        sb.append(".*");
      } else if (c == '_') {
        sb.append('.');
      } else {
        sb.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(sb.toString(), Pattern.DOTALL);
  }

  static boolean sameValue(Object a, Object b) {
    return Objects.equals(a, b);
  }
}
