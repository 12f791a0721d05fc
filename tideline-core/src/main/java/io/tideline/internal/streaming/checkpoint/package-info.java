/**
 * The checkpoint of a streaming query: the files that let a restarted query continue exactly where
 * it stopped, in Spark's layout so a Spark user finds what they know.
 *
 * <h2>Layout</h2>
 *
 * <pre>
 * &lt;checkpoint&gt;/
 *   metadata          the query id                           StreamMetadata
 *   .lock             held while a run is active             CheckpointLock
 *   offsets/N         end offsets, watermark, timestamp of N OffsetLog
 *   commits/N         batch N reached the sink               CommitLog
 *   sources/, state/  owned by sources and state stores
 * </pre>
 *
 * <h2>Protocol for batch N</h2>
 *
 * <ol>
 *   <li>Write {@code offsets/N} before reading any data, so a crash replays exactly that range. If
 *       it already exists another writer is on this checkpoint: fail with {@code
 *       CONCURRENT_STREAM_LOG_UPDATE} ({@link
 *       io.tideline.internal.streaming.checkpoint.CheckpointErrors#concurrentStreamLogUpdate}).
 *   <li>Purge entries older than {@code N - minBatchesToRetain}.
 *   <li>Run the batch and hand it to the sink with batch id N.
 *   <li>Write {@code commits/N} with the next batch's watermark.
 * </ol>
 *
 * <h2>Recovery</h2>
 *
 * {@link io.tideline.internal.streaming.checkpoint.RecoveryPoint#recover} decides: the latest
 * {@code offsets/N} without {@code commits/N} is re-run with the recorded offsets, watermark and
 * timestamp; with {@code commits/N}, batch N+1 starts from {@code offsets/N}.
 *
 * <h2>Invariants</h2>
 *
 * <ul>
 *   <li>Every file starts with a format version line; a reader refuses a newer version.
 *   <li>Files are never overwritten and never partially visible: written to a hidden temporary file
 *       and published with a no-replace hard link (see {@code AtomicFiles}).
 *   <li>One run at a time holds a checkpoint; a second fails fast naming the holder.
 *   <li>Files are not forced to the device unless {@code tideline.sql.streaming.checkpoint.fsync}
 *       is true (Spark does not force them either): a killed process cannot lose a published file,
 *       a power loss can. Forcing costs about 5 ms per file on an ordinary disk, which would be
 *       most of a small batch's time.
 * </ul>
 *
 * <h2>Why not Spark's behaviour for two runs</h2>
 *
 * Spark stops the older run of the same query in one driver, and across drivers only notices when
 * the second writer of a batch loses the race, possibly after both have written to the sink.
 * Tideline refuses the second run before it reads anything.
 */
package io.tideline.internal.streaming.checkpoint;
