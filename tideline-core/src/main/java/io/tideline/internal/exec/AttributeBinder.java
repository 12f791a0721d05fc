package io.tideline.internal.exec;

import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.BoundReference;
import io.tideline.internal.expr.Expr;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds the {@link Attribute}s of a resolved expression to the ordinals of an operator's input, by
 * expression id (names may repeat across a join; ids do not).
 */
final class AttributeBinder {
  private AttributeBinder() {}

  static Expr bind(Expr expr, List<Attribute> input) {
    Map<Long, Integer> ordinals = ordinals(input);
    return expr.transformUp(
        e -> {
          if (e instanceof Attribute a) {
            Integer ordinal = ordinals.get(a.exprId());
            if (ordinal == null) {
              throw ExecErrors.bug(
                  "column "
                      + a.name()
                      + "#"
                      + a.exprId()
                      + " is not among the operator's input "
                      + io.tideline.internal.plan.Explain.attributes(input));
            }
            return new BoundReference(ordinal, a.dataType(), a.nullable());
          }
          return e;
        });
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
