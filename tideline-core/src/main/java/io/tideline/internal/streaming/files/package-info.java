/**
 * The metadata logs of the file stream source and the file sink, in Spark's on-disk format so
 * either engine reads what the other wrote.
 *
 * <h2>Parts</h2>
 *
 * <ul>
 *   <li>{@link io.tideline.internal.streaming.files.CompactibleFileStreamLog}: a {@code
 *       MetadataLog} of file records with a {@code N.compact} file every {@code compactInterval}
 *       batches and delayed cleanup of older files.
 *   <li>Source: {@link io.tideline.internal.streaming.files.FileStreamSourceLog} ({@code
 *       <checkpoint>/sources/<i>/}), {@link io.tideline.internal.streaming.files.SeenFiles}, {@link
 *       io.tideline.internal.streaming.files.FileBatchPlanner} (which files make the next batch),
 *       {@link io.tideline.internal.streaming.files.FileStreamSourceOffset} and {@link
 *       io.tideline.internal.streaming.files.SourceFileCleaner} ({@code cleanSource}).
 *   <li>Sink: {@link io.tideline.internal.streaming.files.FileStreamSinkLog} ({@code <sink
 *       path>/_spark_metadata/}), {@link io.tideline.internal.streaming.files.FileSinkCommitter}
 *       (exactly-once commit by batch id) and {@link
 *       io.tideline.internal.streaming.files.SinkFileIndex} (what readers see).
 * </ul>
 *
 * <h2>One source batch</h2>
 *
 * <ol>
 *   <li>List the folder ({@link io.tideline.internal.streaming.files.SourceFile#listFolder}, or
 *       {@link io.tideline.internal.streaming.files.SinkFileIndex#asSourceFiles} when the folder is
 *       a file sink's output) and choose the batch with {@code FileBatchPlanner.nextBatch}.
 *   <li>If it is not empty, write its records to the source log as batch {@code N} (offset {@code
 *       {"logOffset":N}}), then record them in the seen-files map ({@code recordBatch}).
 *   <li>After the query commits batch {@code N}, clean its files when {@code cleanSource} is set.
 * </ol>
 *
 * <p>A restarted source rebuilds its seen-files map from the log ({@code
 * FileStreamSourceLog.restore}); the offset log says which log batch it stopped at.
 */
package io.tideline.internal.streaming.files;
