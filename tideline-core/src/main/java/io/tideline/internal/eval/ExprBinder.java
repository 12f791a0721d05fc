package io.tideline.internal.eval;

import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.BoundReference;
import io.tideline.internal.expr.Expr;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds a resolved expression to an operator's input: every {@link Attribute} becomes a {@link
 * BoundReference} to the input column with the same {@code exprId}, so the tree can be compiled by
 * {@link ExprCompiler}. Executors call it once per operator, before the first batch.
 */
public final class ExprBinder {
  private ExprBinder() {}

  /**
   * Replaces the attributes of {@code resolved} by references to their positions in {@code input}.
   *
   * @throws IllegalStateException when an attribute is not among the input columns: the analyser or
   *     a plan rewrite produced an inconsistent plan, a bug in Tideline
   */
  public static Expr bind(Expr resolved, List<Attribute> input) {
    Map<Long, Integer> ordinals = new HashMap<>(input.size() * 2);
    for (int i = 0; i < input.size(); i++) {
      ordinals.putIfAbsent(input.get(i).exprId(), i);
    }
    return resolved.transformUp(
        e -> {
          if (!(e instanceof Attribute a)) {
            return e;
          }
          Integer ordinal = ordinals.get(a.exprId());
          if (ordinal == null) {
            throw EvalErrors.bug(
                "cannot bind column "
                    + a.sql()
                    + "#"
                    + a.exprId()
                    + " to the operator's input "
                    + describe(input));
          }
          return new BoundReference(ordinal, a.dataType(), a.nullable());
        });
  }

  private static String describe(List<Attribute> input) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < input.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(input.get(i).name()).append('#').append(input.get(i).exprId());
    }
    return sb.append(']').toString();
  }
}
