package io.tideline.internal.exec;

/** Work run once per output partition of a query, e.g. writing that partition to a file. */
@FunctionalInterface
public interface PartitionTask {
  void run(int partition, BatchIterator input) throws Exception;
}
