package io.tideline.internal.analysis;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.BinaryOp;
import io.tideline.internal.expr.BinaryOperator;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.expr.UnresolvedColumn;
import io.tideline.internal.expr.UnresolvedFunction;
import io.tideline.internal.expr.UnresolvedStar;
import io.tideline.types.DataType;
import java.util.List;

/** Short builders for expression trees in the analyser's tests. */
final class Exprs {
  private Exprs() {}

  static UnresolvedColumn col(String... parts) {
    return UnresolvedColumn.of(parts);
  }

  static Attribute attr(String name, DataType type) {
    return new Attribute(name, type, true);
  }

  static Attribute attr(String name, DataType type, boolean nullable) {
    return new Attribute(name, type, nullable);
  }

  static BinaryOp op(BinaryOperator op, Expr l, Expr r) {
    return new BinaryOp(op, l, r);
  }

  static UnresolvedFunction fn(String name, Expr... args) {
    return new UnresolvedFunction(name, List.of(args), false);
  }

  static UnresolvedFunction distinct(String name, Expr... args) {
    return new UnresolvedFunction(name, List.of(args), true);
  }

  static UnresolvedStar star(String... target) {
    return new UnresolvedStar(List.of(target));
  }

  static Literal lit(Object v) {
    if (v instanceof Integer i) {
      return Literal.of(i);
    }
    if (v instanceof Long l) {
      return Literal.of(l);
    }
    if (v instanceof Double d) {
      return Literal.of(d);
    }
    if (v instanceof String s) {
      return Literal.of(s);
    }
    if (v instanceof Boolean b) {
      return b ? Literal.TRUE : Literal.FALSE;
    }
    throw new IllegalArgumentException("no literal shortcut for " + v);
  }

  static ExpressionResolver ansi() {
    return new ExpressionResolver(new TidelineConf());
  }

  static ExpressionResolver legacy() {
    return new ExpressionResolver(new TidelineConf().set(TidelineConf.ANSI_ENABLED, "false"));
  }
}
