package io.tideline.internal.state;

/**
 * @param numKeys keys in the store after this batch's changes
 * @param numUpdated keys put by this batch
 * @param numRemoved keys removed by this batch
 * @param memoryUsedBytes an estimate of the heap the loaded version takes
 * @param commitTimeMs time spent in {@link StateStore#commit()}
 */
public record StateStoreMetrics(
    long numKeys, long numUpdated, long numRemoved, long memoryUsedBytes, long commitTimeMs) {}
