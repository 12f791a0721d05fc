/**
 * The {@code rate} streaming source: rows {@code (timestamp TIMESTAMP, value BIGINT)} generated at
 * {@code rowsPerSecond}, with an optional linear ramp-up, as Spark's rate source.
 *
 * <h2>One batch</h2>
 *
 * <ol>
 *   <li>{@link io.tideline.internal.streaming.sources.rate.RateStreamProvider} checks the options
 *       at {@code load()} ({@link io.tideline.internal.streaming.sources.rate.RateOptions}).
 *   <li>When the query starts, the source reads its start time from {@code
 *       <checkpoint>/sources/<i>/0}, writing the clock's time there on the first start ({@code
 *       RateStartTimeLog}).
 *   <li>{@code latestOffset} is the whole seconds elapsed on the query's clock since then.
 *   <li>{@code getBatch(start, end)} turns the seconds {@code (start, end]} into the values {@code
 *       valueAtSecond(start) .. valueAtSecond(end) - 1} with timestamps spread across those
 *       seconds, generated into columnar batches split into {@code numPartitions} partitions
 *       ({@code RateBatches}), and returns them as a {@code LocalRelation}.
 * </ol>
 */
package io.tideline.internal.streaming.sources.rate;
