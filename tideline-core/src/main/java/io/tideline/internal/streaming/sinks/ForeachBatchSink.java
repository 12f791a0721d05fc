package io.tideline.internal.streaming.sinks;

import io.tideline.DataFrame;
import io.tideline.connector.Sink;
import io.tideline.internal.errors.TidelineException;
import io.tideline.streaming.ForeachBatchFunction;

/**
 * The sink of {@code writeStream().foreachBatch(f)}, as Spark's {@code ForeachBatchSink}: calls
 * {@code f} with each micro-batch as a batch DataFrame (not streaming: every batch operation,
 * {@code write()} and {@code collectAsList()} included, is allowed) and the batch id.
 *
 * <p>Each action the function runs on the DataFrame executes the batch's plan again, as in Spark.
 * Tideline has no {@code persist()}: a function that writes the batch to several places and must
 * not recompute it can {@code collectAsList()} once and build a DataFrame of the rows.
 *
 * <p>Exactly-once is the function's business: the loop calls it again with the same batch id after
 * a crash before the batch's commit, so an idempotent function skips ids it has written.
 *
 * <p>Failures: a {@link TidelineException} from the function (a failed write, an analysis error)
 * passes through as it is; any other exception is wrapped, cause kept, in Spark's {@code
 * FOREACH_BATCH_USER_FUNCTION_ERROR}, naming the batch id (an {@code AssertionError} too, as in
 * Spark; only fatal JVM errors pass unwrapped). The loop then fails the query with it. An {@code
 * InterruptedException} is wrapped the same way with the thread's interrupt status set again, so
 * the loop can tell a stop from a failure.
 */
public final class ForeachBatchSink implements Sink {

  private final ForeachBatchFunction function;

  public ForeachBatchSink(ForeachBatchFunction function) {
    this.function = function;
  }

  @Override
  public void addBatch(long batchId, DataFrame data) {
    try {
      function.call(data, batchId);
    } catch (TidelineException | VirtualMachineError | LinkageError e) {
      throw e;
    } catch (Exception | Error e) {
      if (e instanceof InterruptedException) {
        // Keep the stop request visible to the loop, which checks the thread's interrupt status.
        Thread.currentThread().interrupt();
      }
      throw SinkErrors.foreachBatchFailed(batchId, e);
    }
  }

  @Override
  public String description() {
    return "ForeachBatchSink";
  }

  @Override
  public String toString() {
    return description();
  }
}
