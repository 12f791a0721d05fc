package io.tideline.internal.streaming.sinks;

import io.tideline.DataFrame;
import io.tideline.internal.errors.TidelineException;
import io.tideline.internal.streaming.sink.Sink;
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
 * FOREACH_BATCH_USER_FUNCTION_ERROR}, naming the batch id. The loop then fails the query with it.
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
    } catch (TidelineException e) {
      throw e;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
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
