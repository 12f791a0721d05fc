package io.tideline.internal.exec;

import io.tideline.internal.eval.EvalContext;
import io.tideline.internal.eval.ExprCompiler;
import io.tideline.internal.eval.VectorEvaluator;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.BoundReference;
import io.tideline.internal.expr.Expr;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one task (one partition of one stage) knows about its query: the partition it computes, the
 * evaluation context, the expression compiler, and the stage's cancellation flag, which operators
 * check between batches so that a failure elsewhere stops the task promptly.
 */
public final class TaskContext {
  private final int partition;
  private final EvalContext evalContext;
  private final EvaluatorFactory evaluators;
  private final AtomicBoolean cancelled;

  public TaskContext(
      int partition,
      EvalContext evalContext,
      EvaluatorFactory evaluators,
      AtomicBoolean cancelled) {
    this.partition = partition;
    this.evalContext = evalContext;
    this.evaluators = evaluators;
    this.cancelled = cancelled;
  }

  public int partition() {
    return partition;
  }

  public EvalContext evalContext() {
    return evalContext;
  }

  /** Rows per batch that operators building new batches aim for. */
  public int batchSize() {
    return evalContext.conf().batchSize();
  }

  public boolean ansi() {
    return evalContext.ansi();
  }

  /**
   * An evaluator of {@code bound} for this task's thread; a bare column reference is served without
   * the compiler, so pass-through columns cost nothing.
   */
  public VectorEvaluator compile(Expr bound, List<Attribute> input) {
    if (bound instanceof BoundReference) {
      return compile(bound);
    }
    return ExprCompiler.namingColumns(compile(bound), input);
  }

  /**
   * An evaluator of {@code bound} whose errors show column positions; prefer {@link #compile(Expr,
   * List)}, which names the columns.
   */
  public VectorEvaluator compile(Expr bound) {
    if (bound instanceof BoundReference ref) {
      int ordinal = ref.ordinal();
      return batch -> batch.column(ordinal);
    }
    return evaluators.compile(bound, evalContext);
  }

  /** Throws when the stage was cancelled because another task failed. */
  public void checkCancelled() {
    if (cancelled.get() || Thread.currentThread().isInterrupted()) {
      throw new CancellationException("Task for partition " + partition + " was cancelled");
    }
  }
}
