/**
 * The file streaming sources ({@code json}, {@code csv}, {@code parquet}, {@code text}): every file
 * that appears under a folder or glob is read exactly once, across restarts, as Spark's {@code
 * FileStreamSource}. The metadata pieces they wire together (source log, seen-files map, batch
 * planner, cleaner) live in {@code io.tideline.internal.streaming.files}.
 *
 * <h2>From load() to one batch</h2>
 *
 * <ol>
 *   <li>{@code load()}: a {@link
 *       io.tideline.internal.streaming.sources.file.FileStreamSourceProvider} subclass (one per
 *       format name) checks the options ({@code FileSourceSettings}) and fixes the schema.
 *   <li>Query start: {@code FileStreamSource} opens its log at {@code <checkpoint>/sources/<i>/}
 *       and rebuilds the seen-files map from it.
 *   <li>Each trigger, {@code latestOffset} lists the path once ({@code FileSourceListing}, or the
 *       sink manifest when the folder is a file sink's output), picks the new files within the read
 *       limit, and logs them as the next log batch before returning its offset {@code
 *       {"logOffset":N}}.
 *   <li>{@code getBatch(start, end)} returns a batch {@code FileRelation} of the files of log
 *       batches {@code (start, end]}, read by the file format with the user's options.
 *   <li>{@code commit(end)} archives or deletes those files when {@code cleanSource} is set.
 * </ol>
 */
package io.tideline.internal.streaming.sources.file;
