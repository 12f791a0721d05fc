package io.tideline.bench.streaming;

/**
 * One run of the start-to-first-commit measurement.
 *
 * @param seconds from just before {@code start()} until batch 0's progress reached a listener
 * @param startReturnedSeconds from just before {@code start()} until it returned
 * @param rows the rows batch 0 counted in {@code foreachBatch}
 */
record FirstBatchRun(double seconds, double startReturnedSeconds, long rows) {}
