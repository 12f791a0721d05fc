/**
 * The streaming benchmark: Tideline's Structured Streaming against Spark's, in one command.
 *
 * <p>{@link io.tideline.bench.streaming.StreamingBenchmark} makes a temporary work folder, writes
 * the inputs into it ({@link io.tideline.bench.streaming.StreamingInputs}: one file of 100 order
 * lines, and the order lines of the throughput run in several files), starts each {@link
 * io.tideline.bench.streaming.StreamingEngine} once (Tideline in this JVM through its public API,
 * Spark in its own JVM through tideline-spark's {@code SparkPeer streaming-serve}), then for each
 * workload warms every engine up and alternates their measured runs, every run a fresh query on a
 * fresh checkpoint under the work folder. Each run's answer is checked before its figures count;
 * {@link io.tideline.bench.streaming.StreamingResultTable} turns the runs into best and median
 * figures and Tideline/Spark ratios against the goals. The work folder is deleted at the
 * end.
 *
 * <p>{@link io.tideline.bench.streaming.WindowedBenchmark} (issue 4 item 9) works the same way for
 * the windowed aggregation: {@link io.tideline.bench.streaming.BidEvents} generates bids, {@link
 * io.tideline.bench.streaming.WindowedInputs} writes them as JSON lines and as Parquet, each {@link
 * io.tideline.bench.streaming.WindowedEngine} runs the query over them (Spark through the same peer
 * and protocol), {@link io.tideline.bench.streaming.WindowedAnswer} is the checksum every run must
 * give, and {@link io.tideline.bench.streaming.WindowedFigures} the table.
 */
package io.tideline.bench.streaming;
