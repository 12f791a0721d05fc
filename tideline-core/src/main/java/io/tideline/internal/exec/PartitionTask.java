package io.tideline.internal.exec;

/** Work done on one output partition of a query, for writers: runs on a pool thread. */
@FunctionalInterface
public interface PartitionTask {
  void run(int partition, BatchIterator input) throws Exception;
}
