/**
 * State stores: the versioned, recoverable key-value state under every stateful streaming operator
 * (aggregation, deduplication, joins, windows).
 *
 * <p>How data flows through it, for batch {@code b} of a query:
 *
 * <ol>
 *   <li>The stateful operator's task for state partition {@code p} asks the query's {@link
 *       io.tideline.internal.state.StateStoreRegistry} for the store of its operator id and {@code
 *       p} at version {@code b} (the state after batch {@code b - 1}). The registry makes the
 *       {@link io.tideline.internal.state.StateStoreProvider} on first use ({@code
 *       tideline.sql.streaming.stateStore.providerClass}, default {@link
 *       io.tideline.internal.state.InMemoryStateStoreProvider}) and keeps it, so the version the
 *       last batch committed is still in memory.
 *   <li>The operator encodes grouping keys and aggregation buffers with a {@link
 *       io.tideline.internal.state.RowCodec} (equal rows give equal bytes) and reads, puts and
 *       removes them in the {@link io.tideline.internal.state.StateStore}.
 *   <li>{@link io.tideline.internal.state.StateStore#commit()} makes the changes durable as version
 *       {@code b + 1}: the in-memory provider writes {@code
 *       <checkpoint>/state/<op>/<p>/<b+1>.delta} ({@link io.tideline.internal.state.StateFiles}
 *       documents the format) and applies the changes to its live map. The loop writes {@code
 *       commits/b} only after every store committed, so a crash before that re-runs batch {@code b}
 *       from version {@code b}.
 *   <li>After the batch the loop reads {@link
 *       io.tideline.internal.state.StateStoreRegistry#progress()} for {@code stateOperators} and
 *       calls {@link io.tideline.internal.state.StateStoreRegistry#doMaintenance()}, which writes
 *       snapshots and deletes files beyond {@code tideline.sql.streaming.minBatchesToRetain} in the
 *       background.
 * </ol>
 */
package io.tideline.internal.state;
