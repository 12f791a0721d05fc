package io.tideline.internal.exec;

import io.tideline.internal.eval.EvalContext;
import io.tideline.internal.eval.VectorEvaluator;
import io.tideline.internal.expr.Expr;

/**
 * Compiles a bound expression into an evaluator. Production code uses {@code
 * ExprCompiler::compile}; the indirection lets tests of this package run with a small evaluator of
 * their own.
 */
@FunctionalInterface
public interface EvaluatorFactory {
  VectorEvaluator compile(Expr bound, EvalContext ctx);
}
