package io.tideline.internal.state.rocksdb;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.state.BytesMap;
import io.tideline.internal.state.StateFileRetention;
import io.tideline.internal.state.StateFiles;
import io.tideline.internal.state.StateStore;
import io.tideline.internal.state.StateStoreErrors;
import io.tideline.internal.state.StateStoreId;
import io.tideline.internal.state.StateStoreProvider;
import io.tideline.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.UUID;
import org.rocksdb.RocksDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A state store provider that keeps each store's state in a local RocksDB instead of the heap, for
 * state larger than memory; selected by {@code
 * tideline.sql.streaming.stateStore.providerClass=rocksdb} (or this class's name, or Spark's {@code
 * RocksDBStateStoreProvider}).
 *
 * <h2>Files</h2>
 *
 * In the store's checkpoint folder, as Spark's provider with changelog checkpointing:
 *
 * <ul>
 *   <li>{@code <v>.changelog}: the keys batch {@code v - 1} put or removed, in {@link StateFiles}'
 *       delta format, written at every commit (so a commit costs O(changes), not a RocksDB
 *       checkpoint);
 *   <li>{@code <v>.zip}: every key of version {@code v}, a RocksDB checkpoint packed by {@link
 *       SnapshotArchive}, written by {@link #doMaintenance()} once more than {@code
 *       minDeltasForSnapshot} changelogs follow the last snapshot.
 * </ul>
 *
 * Version {@code v} is the newest snapshot at or below it plus the changelogs after it. Files of
 * versions older than the last {@code minBatchesToRetain} are deleted by maintenance.
 *
 * <h2>Working copy</h2>
 *
 * The loaded version lives in one RocksDB under {@code
 * <java.io.tmpdir>/tideline-rocksdb/<jvm-run>/<store>-<uuid>}, deleted at {@link #close()}; after a
 * crash it is worthless (the checkpoint is the truth) and the next JVM's {@link WorkingFolders}
 * sweeps it. {@link #getStore getStore(v)} reuses it when it holds {@code v}, rolls it forward over
 * changelogs when it holds an older version, and otherwise rebuilds it from the checkpoint. A
 * store's changes stay on the heap until commit, which publishes the changelog and then writes them
 * into RocksDB in one write batch; abort just drops them.
 *
 * <h2>Counts and memory</h2>
 *
 * The key count is exact (RocksDB's own is an estimate): each put checks whether the key existed,
 * as Spark does with {@code trackTotalNumberOfRows}, and snapshots record the count. Native memory
 * is bounded by {@link RocksDbMemory}; {@code memoryUsedBytes} reports memtables, table readers and
 * the store's share of the block cache.
 *
 * <p>Thread-safety as for the in-memory provider: synchronized, one store open at a time, and
 * maintenance may run on another thread.
 */
public final class RocksDbStateStoreProvider implements StateStoreProvider {
  static final String CHANGELOG_SUFFIX = ".changelog";

  private static final Logger LOG = LoggerFactory.getLogger(RocksDbStateStoreProvider.class);

  /** The value marking a removed key in a batch's changes. */
  static final byte[] REMOVED = new byte[0];

  private StateStoreId id;
  private Path dir;
  private RocksDbConf conf;
  private RocksDbMemory.Lease memory;
  private Path workRoot;
  private int workDirs;

  /** Called between writing a file and publishing it; tests crash here. */
  StateFiles.PublishHook publishHook = StateFiles.PublishHook.NONE;

  // Guarded by this.
  private RocksDbInstance instance;
  private long loadedVersion = -1;
  private long numKeys;
  private RocksDbStateStore openStore;
  private final NavigableSet<Long> changelogVersions = new TreeSet<>();
  private final NavigableSet<Long> snapshotVersions = new TreeSet<>();
  private long lineage;
  private boolean closed;
  private long lastWriteBatchMs;
  private long lastChangelogMs;

  /** Changes whenever the working copy moves to another version; stores check it. */
  volatile long generation;

  @Override
  public synchronized void init(
      StateStoreId id, StructType keySchema, StructType valueSchema, TidelineConf conf) {
    this.id = id;
    this.dir = id.dir();
    this.conf = RocksDbConf.from(conf);
    String store =
        id.operatorId()
            + "-"
            + id.partitionId()
            + (StateStoreId.DEFAULT_STORE_NAME.equals(id.storeName()) ? "" : "-" + id.storeName());
    this.workRoot = WorkingFolders.jvmRoot().resolve(store + "-" + UUID.randomUUID());
    this.memory = RocksDbMemory.acquire(this.conf);
    StateFiles.listVersions(
        id, dir, CHANGELOG_SUFFIX, changelogVersions, SnapshotArchive.SUFFIX, snapshotVersions);
  }

  static Path changelogFile(Path dir, long version) {
    return dir.resolve(version + CHANGELOG_SUFFIX);
  }

  @Override
  public synchronized StateStore getStore(long version) {
    if (closed) {
      throw StateStoreErrors.bug(id, "getStore(" + version + ") after close()");
    }
    if (version < 0) {
      throw StateStoreErrors.bug(id, "negative version " + version);
    }
    positionAt(version);
    openStore = new RocksDbStateStore(this, id, version, generation, instance, numKeys);
    return openStore;
  }

  private void positionAt(long version) {
    if (instance != null && loadedVersion == version) {
      return;
    }
    // Before any change, so that a load failing halfway still invalidates open stores.
    moveAway();
    try {
      if (instance != null && version > loadedVersion && hasChangelogs(loadedVersion, version)) {
        for (long v = loadedVersion + 1; v <= version; v++) {
          replayChangelog(v, version);
          loadedVersion = v;
        }
      } else {
        rebuild(version);
      }
    } catch (RuntimeException e) {
      discardInstance();
      throw e;
    }
  }

  /** Invalidates the open store and releases its native iterators before the instance changes. */
  private void moveAway() {
    generation++;
    if (openStore != null) {
      openStore.releaseNative();
      openStore = null;
    }
  }

  private boolean hasChangelogs(long fromExclusive, long toInclusive) {
    return changelogVersions.subSet(fromExclusive, false, toInclusive, true).size()
        == toInclusive - fromExclusive;
  }

  /** Builds a fresh working copy of {@code version} from the newest snapshot and changelogs. */
  private void rebuild(long version) {
    discardInstance();
    Path dbDir = workRoot.resolve("db-" + (++workDirs));
    try {
      openWorkingCopy(version, dbDir);
    } catch (RuntimeException e) {
      if (instance == null) {
        // A partly unpacked snapshot that no instance owns.
        deleteTree(dbDir);
      }
      throw e;
    }
  }

  private void openWorkingCopy(long version, Path dbDir) {
    Long snapshot = version == 0 ? null : snapshotVersions.floor(version);
    long keys = 0;
    if (snapshot != null) {
      keys = unpackSnapshot(snapshot, version, dbDir);
    } else {
      try {
        Files.createDirectories(dbDir);
      } catch (IOException e) {
        throw StateStoreErrors.corruptFile(
            id, version, dbDir, "cannot create the RocksDB working folder: " + e, e);
      }
    }
    try {
      instance = RocksDbInstance.open(dbDir, conf, memory);
    } catch (RocksDBException e) {
      Path file = snapshot == null ? dbDir : SnapshotArchive.file(dir, snapshot);
      throw StateStoreErrors.corruptFile(
          id, version, file, "RocksDB cannot open it: " + e.getMessage(), e);
    }
    numKeys = keys;
    loadedVersion = snapshot == null ? 0 : snapshot;
    for (long v = loadedVersion + 1; v <= version; v++) {
      if (!changelogVersions.contains(v)) {
        throw StateStoreErrors.deltaFileMissing(id, version, changelogFile(dir, v));
      }
      replayChangelog(v, version);
      loadedVersion = v;
    }
  }

  private long unpackSnapshot(long snapshot, long loadingVersion, Path dbDir) {
    Path file = SnapshotArchive.file(dir, snapshot);
    try {
      long keys = SnapshotArchive.unpack(file, snapshot, dbDir);
      if (keys < 0) {
        throw StateStoreErrors.corruptFile(
            id, loadingVersion, file, "its manifest has no key count", null);
      }
      return keys;
    } catch (SnapshotArchive.BadArchive bad) {
      if (bad.foundFormat > SnapshotArchive.FORMAT_VERSION) {
        throw StateStoreErrors.newerFormat(
            id, loadingVersion, file, bad.foundFormat, SnapshotArchive.FORMAT_VERSION);
      }
      throw StateStoreErrors.corruptFile(
          id, loadingVersion, file, bad.getMessage(), bad.getCause());
    } catch (NoSuchFileException e) {
      throw StateStoreErrors.corruptFile(id, loadingVersion, file, "it does not exist", e);
    } catch (IOException e) {
      throw StateStoreErrors.corruptFile(
          id, loadingVersion, file, "cannot unpack it to " + dbDir + ": " + e, e);
    }
  }

  /** Applies changelog {@code version} to the working copy, keeping the key count exact. */
  private void replayChangelog(long version, long loadingVersion) {
    Path file = changelogFile(dir, version);
    BytesMap changes = new BytesMap();
    try {
      if (StateFiles.read(
              file,
              StateFiles.KIND_DELTA,
              version,
              new StateFiles.RecordSink() {
                @Override
                public void put(byte[] key, byte[] value) {
                  changes.put(key, value);
                }

                @Override
                public void remove(byte[] key) {
                  changes.put(key, REMOVED);
                }
              })
          < 0) {
        throw StateStoreErrors.deltaFileMissing(id, loadingVersion, file);
      }
    } catch (StateFiles.BadFile bad) {
      if (bad.foundVersion > StateFiles.FORMAT_VERSION) {
        throw StateStoreErrors.newerFormat(
            id, loadingVersion, file, bad.foundVersion, StateFiles.FORMAT_VERSION);
      }
      throw StateStoreErrors.corruptFile(
          id, loadingVersion, file, bad.getMessage(), bad.getCause());
    }
    try {
      long keys = numKeys;
      for (int s = 0, n = changes.capacity(); s < n; s++) {
        byte[] key = changes.keyAt(s);
        if (key == null) {
          continue;
        }
        boolean existed = instance.contains(key);
        if (changes.valueAt(s) == REMOVED) {
          keys -= existed ? 1 : 0;
        } else {
          keys += existed ? 0 : 1;
        }
      }
      instance.write(changes, REMOVED);
      numKeys = keys;
    } catch (RocksDBException e) {
      throw StateStoreErrors.corruptFile(
          id,
          loadingVersion,
          instance.dir(),
          "RocksDB failed applying " + file.getFileName() + ": " + e.getMessage(),
          e);
    }
  }

  /** Closes the working copy and deletes its folder. */
  private void discardInstance() {
    if (instance != null) {
      Path old = instance.dir();
      instance.close();
      instance = null;
      deleteTree(old);
    }
    loadedVersion = -1;
    numKeys = 0;
  }

  /**
   * Commits a store's changes as version {@code version + 1}: publishes the changelog, then writes
   * the changes into RocksDB. Called by the store.
   */
  synchronized void commit(
      RocksDbStateStore store, long version, BytesMap changes, long newNumKeys) {
    if (store.generation() != generation || closed) {
      throw StateStoreErrors.bug(
          id,
          "a store at version "
              + version
              + " was committed after the provider moved to "
              + (closed ? "close()" : "version " + loadedVersion));
    }
    long newVersion = version + 1;
    Path file = changelogFile(dir, newVersion);
    if (newVersion <= latestVersionOnDisk()) {
      lineage++;
    }
    // Snapshots first, so that a crash after publishing never leaves a stale snapshot that
    // loading would prefer to the new changelog.
    for (Long v : snapshotVersions.tailSet(newVersion, true).toArray(new Long[0])) {
      delete(SnapshotArchive.file(dir, v), snapshotVersions, v);
    }
    long start = System.nanoTime();
    try {
      StateFiles.write(
          file, StateFiles.KIND_DELTA, newVersion, changes, REMOVED, conf.fsync(), publishHook);
    } catch (IOException e) {
      throw StateStoreErrors.cannotCommit(id, newVersion, file, e);
    }
    changelogVersions.add(newVersion);
    // Later versions belong to the run this commit re-runs.
    for (Long v : changelogVersions.tailSet(newVersion, false).toArray(new Long[0])) {
      delete(changelogFile(dir, v), changelogVersions, v);
    }
    moveAway();
    long written = System.nanoTime();
    lastChangelogMs = (written - start) / 1_000_000;
    try {
      instance.write(changes, REMOVED);
    } catch (RocksDBException e) {
      // The changelog is published, so the version loads from the checkpoint; the working copy
      // is in an unknown state and is rebuilt on the next load.
      Path work = instance.dir();
      discardInstance();
      throw StateStoreErrors.cannotCommit(id, newVersion, work, e);
    }
    lastWriteBatchMs = (System.nanoTime() - written) / 1_000_000;
    loadedVersion = newVersion;
    numKeys = newNumKeys;
  }

  /** Called by a store that aborts, so its native iterators are no longer tracked. */
  synchronized void released(RocksDbStateStore store) {
    if (openStore == store) {
      openStore = null;
    }
  }

  private void delete(Path file, NavigableSet<Long> versions, long version) {
    try {
      Files.deleteIfExists(file);
      versions.remove(version);
    } catch (IOException e) {
      LOG.warn("Could not delete state file {} of {}: {}", file, StateStoreErrors.describe(id), e);
    }
  }

  /**
   * Native memory of the working copy: memtables, table readers and its share of the block cache.
   */
  synchronized long memoryUsedBytes() {
    if (closed) {
      return 0;
    }
    if (instance == null) {
      return memory.cacheUsageShare();
    }
    // With bounded memory the write buffer manager charges memtables to the shared cache already.
    return (memory.bounded() ? instance.tableReaderBytes() : instance.memTableAndReaderBytes())
        + memory.cacheUsageShare();
  }

  /**
   * Provider counters for progress's {@code customMetrics}, with the names of Spark's RocksDB
   * provider: the last commit's time writing the changelog ({@code rocksdbCommitFileSyncLatencyMs})
   * and writing the batch into RocksDB ({@code rocksdbCommitWriteBatchLatency}), the SST bytes of
   * the working copy, and its share of the cache's pinned blocks.
   */
  synchronized Map<String, Long> customMetrics() {
    Map<String, Long> m = new java.util.TreeMap<>();
    m.put("rocksdbCommitFileSyncLatencyMs", lastChangelogMs);
    m.put("rocksdbCommitWriteBatchLatency", lastWriteBatchMs);
    m.put("rocksdbSstFileSize", closed || instance == null ? 0 : instance.sstFileBytes());
    m.put("rocksdbPinnedBlocksMemoryUsage", closed ? 0 : memory.pinnedUsageShare());
    return m;
  }

  /** The local folder of the working copy, deleted at close; for tests and diagnostics. */
  Path workRoot() {
    return workRoot;
  }

  /** The version in the working copy, or -1; for tests and diagnostics. */
  synchronized long loadedVersion() {
    return instance == null ? -1 : loadedVersion;
  }

  /**
   * Writes a snapshot of the latest version when due, then deletes files outside the retained
   * versions. The RocksDB checkpoint (a flush and hard links) is taken under the lock; packing it
   * into the archive happens outside it, so the next batch is not held up.
   */
  @Override
  public void doMaintenance() {
    long snapshotVersion;
    long snapshotKeys;
    long startLineage;
    Path checkpoint;
    synchronized (this) {
      if (closed || instance == null) {
        return;
      }
      long latest = latestVersionOnDisk();
      if (!snapshotDue(latest)) {
        cleanup(latest);
        return;
      }
      snapshotVersion = latest;
      snapshotKeys = numKeys;
      startLineage = lineage;
      checkpoint = workRoot.resolve("checkpoint-" + snapshotVersion + "-" + UUID.randomUUID());
      try {
        instance.checkpoint(checkpoint);
      } catch (RocksDBException e) {
        LOG.warn(
            "Could not checkpoint RocksDB for snapshot {} of {}: {}",
            snapshotVersion,
            StateStoreErrors.describe(id),
            e.toString());
        deleteTree(checkpoint);
        return;
      }
    }
    Path file = SnapshotArchive.file(dir, snapshotVersion);
    Path temp;
    try {
      temp =
          SnapshotArchive.writeTemp(checkpoint, file, snapshotVersion, snapshotKeys, conf.fsync());
    } catch (IOException e) {
      // A missing snapshot only costs a longer recovery; the changelogs are still there.
      LOG.warn(
          "Could not write state snapshot {} of {}: {}", file, StateStoreErrors.describe(id), e);
      return;
    } finally {
      deleteTree(checkpoint);
    }
    synchronized (this) {
      if (StateFiles.publishSnapshotQuietly(
          temp,
          file,
          conf.fsync(),
          !closed && lineage == startLineage,
          publishHook,
          StateStoreErrors.describe(id))) {
        snapshotVersions.add(snapshotVersion);
      }
      if (!closed) {
        cleanup(latestVersionOnDisk());
      }
    }
  }

  private boolean snapshotDue(long latest) {
    return StateFileRetention.snapshotDue(
        changelogVersions, snapshotVersions, latest, loadedVersion, conf.minDeltasForSnapshot());
  }

  /** Deletes files older than the snapshot needed for version {@code latest - retained}. */
  private void cleanup(long latest) {
    long base = StateFileRetention.cleanupBase(snapshotVersions, latest, conf.minBatchesToRetain());
    if (base < 0) {
      return;
    }
    for (Long v : snapshotVersions.headSet(base, false).toArray(new Long[0])) {
      delete(SnapshotArchive.file(dir, v), snapshotVersions, v);
    }
    // The base's own changelog stays: a re-run commit of that version deletes the snapshot
    // first, and if the commit then fails the changelog is what still loads it.
    for (Long v : changelogVersions.headSet(base, false).toArray(new Long[0])) {
      delete(changelogFile(dir, v), changelogVersions, v);
    }
  }

  private long latestVersionOnDisk() {
    return StateFileRetention.latestVersion(changelogVersions, snapshotVersions);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    moveAway();
    closed = true;
    discardInstance();
    memory.close();
    deleteTree(workRoot);
  }

  private static void deleteTree(Path root) {
    WorkingFolders.deleteTree(root);
  }

  @Override
  public String toString() {
    return "RocksDbStateStoreProvider["
        + (id == null ? "uninitialised" : StateStoreErrors.describe(id))
        + "]";
  }
}
