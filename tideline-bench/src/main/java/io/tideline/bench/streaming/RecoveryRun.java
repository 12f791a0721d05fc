package io.tideline.bench.streaming;

/**
 * One restart over existing state.
 *
 * @param buildSeconds how long the first run took to build the state (AvailableNow, to its end)
 * @param recoverySeconds from just before the second {@code start()} until its first batch with
 *     input rows had committed
 * @param stateRows the state's rows after the first run, from its last progress
 * @param firstBatch the checksum of that first batch's output
 */
record RecoveryRun(
    double buildSeconds, double recoverySeconds, long stateRows, WindowedAnswer firstBatch) {}
