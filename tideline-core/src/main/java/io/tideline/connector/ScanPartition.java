package io.tideline.connector;

import io.tideline.internal.vector.Batch;
import java.util.Iterator;

/**
 * One task's share of a {@link BatchScan}, as Spark's {@code InputPartition} with its reader.
 *
 * <p>{@link #read()} is called on a pool thread, once per execution of the task; partitions of one
 * scan are read concurrently, so an implementation holds no state shared with its siblings (each
 * opens its own connections). The batches have every column of the scan's schema, in order; the
 * engine prunes the columns the query does not need.
 */
public interface ScanPartition {

  /**
   * The rows of this partition, as columnar batches. An iterator that holds connections or files
   * may also implement {@link AutoCloseable}: the engine then closes it when the task ends, whether
   * it read every batch, stopped early (a {@code limit}) or failed.
   */
  Iterator<Batch> read();
}
