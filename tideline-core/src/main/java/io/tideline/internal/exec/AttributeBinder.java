package io.tideline.internal.exec;

import io.tideline.internal.eval.ExprBinder;
import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Binding helpers for operators: {@link ExprBinder} binds one expression's {@link Attribute}s to
 * the ordinals of an operator's input by expression id (names may repeat across a join; ids do
 * not); these add lists, alias stripping and the id-to-ordinal map.
 */
final class AttributeBinder {
  private AttributeBinder() {}

  static Expr bind(Expr expr, List<Attribute> input) {
    return ExprBinder.bind(expr, input);
  }

  static List<Expr> bindAll(List<? extends Expr> exprs, List<Attribute> input) {
    return exprs.stream().map(e -> bind(e, input)).toList();
  }

  /** The expression without a top-level alias: what to evaluate for a named output column. */
  static Expr stripAlias(Expr e) {
    return e instanceof Alias a ? a.child() : e;
  }

  static Map<Long, Integer> ordinals(List<Attribute> input) {
    Map<Long, Integer> ordinals = new HashMap<>();
    for (int i = 0; i < input.size(); i++) {
      ordinals.putIfAbsent(input.get(i).exprId(), i);
    }
    return ordinals;
  }
}
