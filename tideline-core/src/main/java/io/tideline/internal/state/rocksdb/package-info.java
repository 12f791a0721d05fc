/**
 * The RocksDB state store provider: state kept in a local RocksDB per store instead of the heap,
 * for queries whose state outgrows memory. Select it with {@code
 * tideline.sql.streaming.stateStore.providerClass=rocksdb} (also accepted: {@link
 * io.tideline.internal.state.rocksdb.RocksDbStateStoreProvider}'s class name and Spark's {@code
 * org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider}); like every provider
 * setting it is pinned in the checkpoint at the query's first start.
 *
 * <p>Pieces:
 *
 * <ul>
 *   <li>{@link io.tideline.internal.state.rocksdb.RocksDbStateStoreProvider}: versions, recovery,
 *       commit, snapshots and cleanup for one store; documents the file layout ({@code
 *       <v>.changelog} per commit, {@code <v>.zip} snapshots).
 *   <li>{@code RocksDbStateStore}: one batch's changes on the heap over the RocksDB working copy.
 *   <li>{@code RocksDbInstance}: one open native database with its option objects.
 *   <li>{@code SnapshotArchive}: packs and verifies a RocksDB checkpoint as one zip file.
 *   <li>{@code RocksDbMemory}: the block caches and the shared, bounded memory budget.
 *   <li>{@code WorkingFolders}: this JVM's local folder, and the sweep of folders crashed JVMs
 *       left.
 *   <li>{@code RocksDbConf}: the settings, Spark's {@code stateStore.rocksdb.*} keys under {@code
 *       tideline.}: {@code boundedMemoryUsage} (false), {@code maxMemoryUsageMB} (500), {@code
 *       writeBufferCacheRatio} (0.5), {@code highPriorityPoolRatio} (0.1), {@code blockCacheSizeMB}
 *       (8), {@code blockSizeKB} (4), {@code writeBufferSizeMB} (-1: RocksDB's default), {@code
 *       maxWriteBufferNumber} (-1), {@code compression} (lz4); plus {@code
 *       stateStore.minDeltasForSnapshot}, {@code minBatchesToRetain} and {@code stateStore.fsync}
 *       shared with the in-memory provider.
 * </ul>
 *
 * <p>Native resources: every RocksDB object (options, filters, iterators, write batches,
 * checkpoints, caches) is closed by its owner; native iterators handed out by a store are closed
 * when exhausted, at commit or abort, or when the provider moves to another version, since a
 * RocksDB must never be closed under a live iterator. The native library comes from the {@code
 * org.rocksdb:rocksdbjni} jar with the {@code linux64} classifier: glibc Linux only (x86_64,
 * aarch64, ppc64le, s390x, riscv64), not macOS, Windows or musl.
 */
package io.tideline.internal.state.rocksdb;
