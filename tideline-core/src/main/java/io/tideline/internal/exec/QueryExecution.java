package io.tideline.internal.exec;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.internal.vector.Batch;
import java.util.List;
import java.util.concurrent.ExecutorService;

/** Temporary stand-in with the executor's signatures; replaced by the real one at merge. */
public final class QueryExecution {
  public QueryExecution(LogicalPlan plan, TidelineConf conf, ExecutorService pool) {}

  public List<Batch> collect() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public long count() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public void runPartitions(PartitionTask task) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  public String explainString(boolean extended) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
