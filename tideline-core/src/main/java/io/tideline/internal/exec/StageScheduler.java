package io.tideline.internal.exec;

import io.tideline.internal.eval.EvalContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the tasks of one stage (one per partition) on the query's thread pool and waits for them.
 *
 * <p>Failure: the first task to fail cancels the others (a shared flag the operators poll between
 * batches, plus an interrupt) and its exception is rethrown on the caller's thread: Tideline's own
 * errors as they are, anything else wrapped with the partition. Called from the driver thread only,
 * never from a pool task, so a small pool cannot deadlock on nested stages.
 */
public final class StageScheduler {
  private final ExecutorService pool;
  private final EvalContext evalContext;
  private final EvaluatorFactory evaluators;

  /** The body of one task. */
  @FunctionalInterface
  public interface TaskBody {
    void run(TaskContext ctx) throws Exception;
  }

  public StageScheduler(
      ExecutorService pool, EvalContext evalContext, EvaluatorFactory evaluators) {
    this.pool = pool;
    this.evalContext = evalContext;
    this.evaluators = evaluators;
  }

  /**
   * Runs {@code body} for partitions {@code 0..numPartitions-1} in parallel; returns when all end.
   */
  public void run(int numPartitions, TaskBody body) {
    if (numPartitions == 0) {
      return;
    }
    AtomicBoolean cancelled = new AtomicBoolean();
    ExecutorCompletionService<Integer> completion = new ExecutorCompletionService<>(pool);
    List<Future<Integer>> futures = new ArrayList<>(numPartitions);
    for (int p = 0; p < numPartitions; p++) {
      int partition = p;
      TaskContext ctx = new TaskContext(partition, evalContext, evaluators, cancelled);
      futures.add(
          completion.submit(
              () -> {
                body.run(ctx);
                return partition;
              }));
    }
    try {
      for (int done = 0; done < numPartitions; done++) {
        Future<Integer> f = completion.take();
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          int partition = futures.indexOf(f);
          cancelAll(cancelled, futures);
          throw ExecErrors.taskFailed(partition, e.getCause());
        } catch (CancellationException e) {
          cancelAll(cancelled, futures);
          throw e;
        }
      }
    } catch (InterruptedException e) {
      cancelAll(cancelled, futures);
      Thread.currentThread().interrupt();
      throw new CancellationException("Query interrupted while waiting for its tasks");
    }
  }

  private static void cancelAll(AtomicBoolean cancelled, List<Future<Integer>> futures) {
    cancelled.set(true);
    for (Future<Integer> f : futures) {
      f.cancel(true);
    }
  }
}
