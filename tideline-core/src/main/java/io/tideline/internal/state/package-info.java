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
 *
 * <h2>Providers</h2>
 *
 * <ul>
 *   <li>{@link io.tideline.internal.state.InMemoryStateStoreProvider} (default): each version in
 *       one heap map; {@code <v>.delta} per commit and {@code <v>.snapshot} files.
 *   <li>{@code io.tideline.internal.state.rocksdb.RocksDbStateStoreProvider} ({@code
 *       providerClass=rocksdb}, or Spark's {@code RocksDBStateStoreProvider} name): each store in a
 *       local RocksDB under {@code java.io.tmpdir/tideline-rocksdb/}, so state may exceed the heap;
 *       {@code <v>.changelog} per commit (the delta format of {@link
 *       io.tideline.internal.state.StateFiles}) and {@code <v>.zip} snapshots (a packed RocksDB
 *       checkpoint). Native memory is bounded JVM-wide with {@code
 *       tideline.sql.streaming.stateStore.rocksdb.boundedMemoryUsage=true} and {@code
 *       maxMemoryUsageMB}. See that package's documentation.
 * </ul>
 *
 * Both pass the same model-based contract test ({@code StateStoreModelContract} in the tests). The
 * two providers' files do not mix: the provider is pinned in the checkpoint at first start.
 */
package io.tideline.internal.state;
