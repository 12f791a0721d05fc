/**
 * The built-in streaming sinks: {@code memory}, {@code console}, {@code foreachBatch} and the file
 * sinks ({@code json}, {@code parquet}, {@code csv}, {@code text}).
 *
 * <h2>How a sink is made</h2>
 *
 * <p>{@code writeStream().format(f).start()} leads the query manager to {@link
 * io.tideline.internal.streaming.sink.SinkProviders#forFormat}, which finds the provider of {@code
 * f} listed in {@code META-INF/services/io.tideline.connector.SinkProvider} ({@link
 * io.tideline.internal.streaming.sinks.MemorySinkProvider}, {@link
 * io.tideline.internal.streaming.sinks.ConsoleSinkProvider}, one {@link
 * io.tideline.internal.streaming.sinks.FileStreamSinkProvider} subclass per file format). The
 * manager checks the output mode against {@code supportedOutputModes()} (refusing with {@link
 * io.tideline.internal.streaming.sinks.SinkErrors#unsupportedOutputMode}) and calls {@code
 * createSink(context)}. {@code foreachBatch(f)} has no format: the manager makes a {@link
 * io.tideline.internal.streaming.sinks.ForeachBatchSink} from the function.
 *
 * <h2>One batch</h2>
 *
 * <p>The loop calls {@code addBatch(batchId, data)} on the stream thread with the batch's result as
 * a batch DataFrame. Every sink here treats a batch id it has already taken as a no-op, except
 * {@code foreachBatch}, where the user's function decides (it gets the id):
 *
 * <ul>
 *   <li>memory: runs the plan, keeps the result as columnar batches, publishes them to {@code
 *       t.table(queryName)} in one step;
 *   <li>console: prints Spark's {@code Batch: N} header and {@code showString};
 *   <li>files: checks the manifest {@code <path>/_spark_metadata}, writes one file per task and
 *       partition folder, then commits the file list to the manifest ({@link
 *       io.tideline.internal.streaming.files.FileSinkCommitter}); batch readers of the folder read
 *       the manifest's files only ({@link io.tideline.internal.streaming.files.SinkFileIndex}).
 * </ul>
 */
package io.tideline.internal.streaming.sinks;
