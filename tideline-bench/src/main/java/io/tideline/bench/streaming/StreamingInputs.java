package io.tideline.bench.streaming;

import io.tideline.bench.DataGen;
import io.tideline.bench.OrdersDataset;
import io.tideline.bench.ProductTotals;
import java.nio.file.Path;

/**
 * The benchmark's input folders inside the work folder, written by {@link DataGen}, with the
 * answers the engines must give on them.
 *
 * @param small the start-to-first-commit input: one file of {@link #SMALL_RECORDS} order lines
 * @param smallOver100 how many of those have {@code amount > 100}: batch 0's count
 * @param orders the throughput input
 */
record StreamingInputs(Path small, long smallOver100, OrdersDataset orders) {
  static final int SMALL_RECORDS = 100;

  /** Writes both inputs under {@code workDir}; the generator's manifests sit beside the folders. */
  static StreamingInputs write(Path workDir, long records, int files) {
    OrdersDataset small =
        DataGen.ensure(workDir.resolve("small"), SMALL_RECORDS, 1, DataGen.DEFAULT_SEED);
    long over100 = small.expected().stream().mapToLong(ProductTotals::count).sum();
    OrdersDataset orders =
        DataGen.ensure(workDir.resolve("orders"), records, files, DataGen.DEFAULT_SEED);
    return new StreamingInputs(small.dir(), over100, orders);
  }

  /**
   * The rows the throughput query keeps: all of them, since every generated order has an amount of
   * at least 1.00 and a customer.
   */
  long throughputRows() {
    return orders.records();
  }

  /** The batches AvailableNow must run: the files split into groups of {@code maxFiles}. */
  long throughputBatches(int maxFilesPerTrigger) {
    return (orders.files() + maxFilesPerTrigger - 1) / maxFilesPerTrigger;
  }
}
