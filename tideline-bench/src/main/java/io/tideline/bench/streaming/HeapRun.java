package io.tideline.bench.streaming;

/**
 * One measurement of the heap a running query's state holds.
 *
 * @param keys the state's rows, from the query's last progress
 * @param heapBeforeBytes heap used after a full GC before the query started
 * @param heapWithStateBytes heap used after a full GC with the query running idle over its state
 * @param heapAfterStopBytes heap used after a full GC once the query had stopped
 * @param rssDeltaBytes growth of the process's resident memory from before the start to the idle
 *     query, or negative if unknown (heap and off-heap, as the OS sees it)
 * @param memoryUsedBytes the state operator's {@code memoryUsedBytes} in the last progress
 */
record HeapRun(
    long keys,
    long heapBeforeBytes,
    long heapWithStateBytes,
    long heapAfterStopBytes,
    long rssDeltaBytes,
    long memoryUsedBytes) {

  /** Retained heap per key: with the state minus after the stop, divided by the keys. */
  double heapBytesPerKey() {
    return keys == 0 ? Double.NaN : (double) (heapWithStateBytes - heapAfterStopBytes) / keys;
  }

  /** The same against the heap before the start, for a second view of one figure. */
  double heapBytesPerKeySinceStart() {
    return keys == 0 ? Double.NaN : (double) (heapWithStateBytes - heapBeforeBytes) / keys;
  }
}
