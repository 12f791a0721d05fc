/**
 * The micro-batch loop and the life of a streaming query.
 *
 * <p>Start: {@code DataStreamWriter.start()} hands a {@link
 * io.tideline.internal.streaming.exec.WriteSpec} to the session's {@code StreamingQueryManager},
 * which has {@link io.tideline.internal.streaming.exec.QueryStarter} check the plan and output
 * mode, pick the sink and the checkpoint folder, refuse a duplicate name or a running query id,
 * take the checkpoint lock and compare the query with the checkpoint's recorded {@link
 * io.tideline.internal.streaming.exec.CheckpointShape}. The resulting {@link
 * io.tideline.internal.streaming.exec.StreamExecution} posts the started event and starts its
 * stream thread.
 *
 * <p>Per trigger, on the stream thread: the trigger's executor calls {@link
 * io.tideline.internal.streaming.exec.MicroBatchExecution#runTrigger()}, which asks the sources for
 * their end offsets, writes {@code offsets/N}, replaces each {@code StreamingRelation} by its
 * source's batch plan (wrapped in {@code CountRows} for progress), binds stateful operators, hands
 * the batch to the sink, folds the event times its watermark nodes saw into the {@link
 * io.tideline.internal.streaming.exec.WatermarkTracker}, writes {@code commits/N} with the next
 * watermark, commits the sources and reports progress through the {@link
 * io.tideline.internal.streaming.exec.ProgressReporter}, whose events the session's {@link
 * io.tideline.internal.streaming.exec.ListenerBus} delivers on its own thread. {@link
 * io.tideline.internal.streaming.exec.LoopSignal} wakes an idle loop when data arrives and releases
 * {@code processAllAvailable()} callers. When the new watermark makes state due (a window to emit
 * or evict), the next trigger runs a batch without new data. {@link
 * io.tideline.internal.streaming.exec.LoopHooks} fire at each {@link
 * io.tideline.internal.streaming.exec.LoopPoint} for the test kit's crash injection.
 *
 * <p>Checkpoint files this package writes: {@code tideline-query} ({@link
 * io.tideline.internal.streaming.exec.CheckpointShape}); {@code offsets/N} and {@code commits/N}
 * through the logs of the {@code checkpoint} package.
 */
package io.tideline.internal.streaming.exec;
