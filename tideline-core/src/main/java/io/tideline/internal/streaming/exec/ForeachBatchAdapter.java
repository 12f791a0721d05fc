package io.tideline.internal.streaming.exec;

import io.tideline.DataFrame;
import io.tideline.internal.streaming.sink.Sink;
import io.tideline.streaming.ForeachBatchFunction;

/**
 * The sink of {@code foreachBatch}: calls the user's function with each batch and its id. The
 * function's own exception is rethrown unwrapped (a checked one wrapped once), so the query's
 * exception has it as its cause, as Spark unwraps it.
 */
final class ForeachBatchAdapter implements Sink {
  private final ForeachBatchFunction function;

  ForeachBatchAdapter(ForeachBatchFunction function) {
    this.function = function;
  }

  @Override
  public void addBatch(long batchId, DataFrame data) {
    try {
      function.call(data, batchId);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new ForeachBatchFailure(batchId, e);
    }
  }

  @Override
  public String description() {
    return "ForeachBatchSink";
  }

  /** A checked exception of the user's function, carried out of the sink. */
  static final class ForeachBatchFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ForeachBatchFailure(long batchId, Exception cause) {
      super("The foreachBatch function failed on batch " + batchId + ": " + cause, cause);
    }
  }
}
