/**
 * Streaming execution parts that do not depend on the batch engine: when triggers happen ({@link
 * io.tideline.internal.streaming.TriggerExecutor} and its implementations, driven by an injectable
 * {@link io.tideline.internal.streaming.Clock}), interval strings, and the error factory of stream
 * setup. The checkpoint lives in the {@code checkpoint} sub-package.
 *
 * <p>Threading: a query has one stream thread. It calls {@code TriggerExecutor.execute}, which
 * calls the query's {@link io.tideline.internal.streaming.BatchRunner} once per trigger and waits
 * on the clock between triggers; stopping the query interrupts that wait.
 */
package io.tideline.internal.streaming;
