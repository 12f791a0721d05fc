package io.tideline.streaming;

import io.tideline.DataFrame;

/**
 * The function of {@code writeStream().foreachBatch(...)}: gets each micro-batch as a batch
 * DataFrame and its id. The id repeats when a batch is re-run after a crash, so a function that
 * writes somewhere can skip a batch id it has already written.
 */
@FunctionalInterface
public interface ForeachBatchFunction {
  void call(DataFrame batch, Long batchId) throws Exception;
}
