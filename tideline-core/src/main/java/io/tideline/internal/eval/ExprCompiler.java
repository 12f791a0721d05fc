package io.tideline.internal.eval;

import io.tideline.internal.expr.Expr;

/**
 * Compiles a resolved, bound expression tree (columns as {@code BoundReference}s) into a {@link
 * VectorEvaluator}: one specialised kernel per node and type, chosen once, so evaluation runs tight
 * loops over primitive arrays with no per-row dispatch or boxing.
 */
public final class ExprCompiler {
  private ExprCompiler() {}

  public static VectorEvaluator compile(Expr bound, EvalContext ctx) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
