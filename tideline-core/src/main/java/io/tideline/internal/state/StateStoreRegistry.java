package io.tideline.internal.state;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.types.StructType;
import java.nio.file.Path;

/**
 * The state stores of one running query, by {@link StateStoreId}: made on first use with the
 * configured provider, kept loaded between batches, closed when the query stops. Also collects each
 * operator's per-batch metrics for progress. Thread-safe: tasks of one batch call it concurrently.
 */
public final class StateStoreRegistry implements AutoCloseable {

  private final Path checkpointStateDir;
  private final TidelineConf conf;
  private final StatefulOperatorMetrics operatorMetrics = new StatefulOperatorMetrics();

  /**
   * @param checkpointStateDir {@code <checkpoint>/state}
   */
  public StateStoreRegistry(Path checkpointStateDir, TidelineConf conf) {
    this.checkpointStateDir = checkpointStateDir;
    this.conf = conf;
  }

  public Path checkpointStateDir() {
    return checkpointStateDir;
  }

  /** The store of {@code operatorId}/{@code partitionId} at {@code version}. */
  public StateStore getStore(
      long operatorId,
      int partitionId,
      StructType keySchema,
      StructType valueSchema,
      long version) {
    throw new UnsupportedOperationException("TODO(state): state store registry");
  }

  /**
   * Each stateful operator's state metrics for the batch that just ran, by operator id order: what
   * progress shows as {@code stateOperators}.
   */
  public java.util.List<io.tideline.streaming.StateOperatorProgress> progress() {
    return operatorMetrics.drain();
  }

  /** Where the stateful operators' tasks record what they did in the running batch. */
  public StatefulOperatorMetrics operatorMetrics() {
    return operatorMetrics;
  }

  /** Runs every provider's maintenance (snapshots, cleanup); called by the loop between batches. */
  public void doMaintenance() {}

  @Override
  public void close() {}
}
