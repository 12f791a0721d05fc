package io.tideline.internal.state;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default state store provider: each version lives in memory as one hash map, and on disk as
 * one change file per version plus periodic snapshots, following the design of Spark's
 * HDFSBackedStateStoreProvider.
 *
 * <h2>Protocol</h2>
 *
 * <ol>
 *   <li>{@link #getStore getStore(v)} positions the in-memory map at version {@code v} (version v
 *       is the state after batch v-1; 0 is empty) and returns a store whose changes collect in a
 *       small map over it.
 *   <li>{@link StateStore#commit()} writes those changes atomically as {@code <v+1>.delta}, then
 *       applies them to the map in place: version {@code v+1} is now in memory.
 *   <li>{@link #doMaintenance()} writes {@code <latest>.snapshot} once more than {@code
 *       minDeltasForSnapshot} change files follow the last snapshot, and deletes files no longer
 *       needed to rebuild the last {@code minBatchesToRetain} versions.
 * </ol>
 *
 * <h2>Why not copy the map per version (as Spark does)</h2>
 *
 * Spark copies version v's map into a new one for v+1: O(state) work and garbage per batch per
 * partition, whatever the batch changed. Here a batch's changes sit in their own map, and commit
 * applies them to the one live map in place, recording the replaced values as an undo map. So a
 * batch costs O(changes), and the last {@code maxBatchesToRetainInMemory - 1} older versions stay
 * reachable by undoing (for a batch that is re-run in the same process) without a second copy of
 * the state.
 *
 * <h2>Recovery</h2>
 *
 * A version not in memory is rebuilt from the newest snapshot at or below it plus the change files
 * after it; moving forward from the version in memory only reads the change files in between. A
 * crash during a commit leaves at most a temporary file (never read), so the previous version loads
 * and the batch is re-run. Committing a version that exists (the re-run) replaces its file and
 * deletes the files of later versions and a snapshot of that version, which belong to the
 * superseded run.
 *
 * <h2>Concurrency</h2>
 *
 * One provider serves one partition, so tasks of one batch never share it; its methods are
 * synchronized so maintenance on another thread is safe. A store must be committed or aborted
 * before another version of the same provider is loaded: a store whose version was moved away from
 * fails with a "Bug in Tideline" error rather than read another version's state.
 */
public final class InMemoryStateStoreProvider implements StateStoreProvider {
  public static final String MIN_DELTAS_FOR_SNAPSHOT =
      "tideline.sql.streaming.stateStore.minDeltasForSnapshot";
  public static final String MIN_BATCHES_TO_RETAIN = "tideline.sql.streaming.minBatchesToRetain";
  public static final String MAX_VERSIONS_IN_MEMORY =
      "tideline.sql.streaming.maxBatchesToRetainInMemory";

  /**
   * Whether state files are forced to disk before being published (survives power loss). Off by
   * default, as for checkpoint files ({@code tideline.sql.streaming.checkpoint.fsync}) and as in
   * Spark: a killed process loses nothing without it, and forcing costs milliseconds per partition
   * per batch.
   */
  public static final String FSYNC = "tideline.sql.streaming.stateStore.fsync";

  private static final Logger LOG = LoggerFactory.getLogger(InMemoryStateStoreProvider.class);

  /** The value marking a removed key in a batch's changes and in undo maps. */
  static final byte[] REMOVED = new byte[0];

  private StateStoreId id;
  private Path dir;
  private int minDeltasForSnapshot;
  private int minBatchesToRetain;
  private int maxVersionsInMemory;
  private boolean fsync;
  StateFiles.PublishHook publishHook = StateFiles.PublishHook.NONE;

  // Guarded by this.
  private BytesMap current;
  private long currentVersion = -1;

  /** Undo maps, newest first: each turns version {@code undo.version + 1} back into its version. */
  private final Deque<Undo> undos = new ArrayDeque<>();

  private final NavigableSet<Long> deltaVersions = new TreeSet<>();
  private final NavigableSet<Long> snapshotVersions = new TreeSet<>();

  /** Changes whenever {@link #current} moves to another version; stores check it. */
  volatile long generation;

  private boolean closed;

  /** Loads served from memory and from files, as Spark's loadedMapCache counters. */
  private long cacheHits;

  private long cacheMisses;

  /**
   * The previous values of the keys version {@code version}'s batch changed, and the heap they keep
   * alive (the keys are shared with the live map).
   */
  private record Undo(long version, BytesMap previous, long retainedBytes) {}

  /**
   * Changes when a commit rewrites a version that already has files (a re-run): a snapshot written
   * concurrently may then describe a superseded run and must not be published.
   */
  private long lineage;

  @Override
  public synchronized void init(
      StateStoreId id, StructType keySchema, StructType valueSchema, TidelineConf conf) {
    this.id = id;
    this.dir = id.dir();
    this.minDeltasForSnapshot = conf.getInt(MIN_DELTAS_FOR_SNAPSHOT, 10);
    this.minBatchesToRetain = conf.getInt(MIN_BATCHES_TO_RETAIN, 100);
    this.maxVersionsInMemory = Math.max(1, conf.getInt(MAX_VERSIONS_IN_MEMORY, 2));
    this.fsync = conf.getBoolean(FSYNC, false);
    // Listed once; afterwards the provider tracks the files it writes and deletes.
    StateFiles.listVersions(
        id,
        dir,
        StateFiles.DELTA_SUFFIX,
        deltaVersions,
        StateFiles.SNAPSHOT_SUFFIX,
        snapshotVersions);
  }

  public StateStoreId id() {
    return id;
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
    return new InMemoryStateStore(this, id, version, generation, current);
  }

  private void positionAt(long version) {
    if (current != null && currentVersion == version) {
      cacheHits++;
      return;
    }
    // Before any change, so that a load failing halfway still invalidates open stores.
    generation++;
    if (current != null && version < currentVersion && canUndoTo(version)) {
      cacheHits++;
      while (currentVersion > version) {
        Undo undo = undos.pop();
        applyInPlace(undo.previous(), false);
        currentVersion = undo.version();
      }
    } else if (current != null && version > currentVersion && hasDeltas(currentVersion, version)) {
      cacheMisses++;
      for (long v = currentVersion + 1; v <= version; v++) {
        applyInPlace(readDelta(v), true);
        currentVersion = v;
      }
    } else {
      cacheMisses++;
      BytesMap loaded = loadFromFiles(version);
      current = loaded;
      currentVersion = version;
      undos.clear();
    }
  }

  private boolean canUndoTo(long version) {
    Undo oldest = undos.peekLast();
    return oldest != null && oldest.version() <= version;
  }

  private boolean hasDeltas(long fromExclusive, long toInclusive) {
    return deltaVersions.subSet(fromExclusive, false, toInclusive, true).size()
        == toInclusive - fromExclusive;
  }

  /** Version {@code version} rebuilt from the newest snapshot at or below it and later deltas. */
  private BytesMap loadFromFiles(long version) {
    Long snapshot = version == 0 ? null : snapshotVersions.floor(version);
    BytesMap map = new BytesMap();
    long from = 0;
    if (snapshot != null) {
      map = readSnapshot(snapshot);
      from = snapshot;
    }
    for (long v = from + 1; v <= version; v++) {
      if (!deltaVersions.contains(v)) {
        throw StateStoreErrors.deltaFileMissing(id, version, StateFiles.deltaFile(dir, v));
      }
      BytesMap target = map;
      readFile(
          StateFiles.deltaFile(dir, v),
          StateFiles.KIND_DELTA,
          v,
          version,
          new StateFiles.RecordSink() {
            @Override
            public void put(byte[] key, byte[] value) {
              target.put(key, value);
            }

            @Override
            public void remove(byte[] key) {
              target.remove(key);
            }
          });
    }
    return map;
  }

  private BytesMap readSnapshot(long version) {
    BytesMap map = new BytesMap();
    readFile(
        StateFiles.snapshotFile(dir, version),
        StateFiles.KIND_SNAPSHOT,
        version,
        version,
        new StateFiles.RecordSink() {
          @Override
          public void put(byte[] key, byte[] value) {
            map.put(key, value);
          }

          @Override
          public void remove(byte[] key) {
            map.remove(key);
          }
        });
    return map;
  }

  /** The changes of version {@code version}'s delta, removed keys mapped to {@link #REMOVED}. */
  private BytesMap readDelta(long version) {
    BytesMap changes = new BytesMap();
    readFile(
        StateFiles.deltaFile(dir, version),
        StateFiles.KIND_DELTA,
        version,
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
        });
    return changes;
  }

  private void readFile(
      Path file, byte kind, long fileVersion, long loadingVersion, StateFiles.RecordSink sink) {
    try {
      if (StateFiles.read(file, kind, fileVersion, sink) < 0) {
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
  }

  /**
   * Applies changes (values, or {@link #REMOVED}) to the live map; when {@code recordUndo}, keeps
   * the replaced values so the previous version stays reachable.
   */
  private void applyInPlace(BytesMap changes, boolean recordUndo) {
    if (current.size() == 0 && !hasRemovals(changes)) {
      // Nothing to merge into (a first batch): adopt the changes as the new version. Undoing
      // them means removing every key, which is what the undo map says.
      BytesMap undo = recordUndo && maxVersionsInMemory > 1 ? new BytesMap(changes.size()) : null;
      if (undo != null) {
        for (int s = 0, n = changes.capacity(); s < n; s++) {
          byte[] key = changes.keyAt(s);
          if (key != null) {
            undo.put(key, REMOVED);
          }
        }
        pushUndo(new Undo(currentVersion, undo, undo.slotBytes()));
      }
      current = changes;
      return;
    }
    BytesMap undo = recordUndo && maxVersionsInMemory > 1 ? new BytesMap(changes.size()) : null;
    long retained = 0;
    for (int s = 0, n = changes.capacity(); s < n; s++) {
      byte[] key = changes.keyAt(s);
      if (key == null) {
        continue;
      }
      byte[] value = changes.valueAt(s);
      byte[] old = value == REMOVED ? current.remove(key) : current.put(key, value);
      if (undo != null) {
        undo.put(key, old == null ? REMOVED : old);
        retained += BytesMap.arrayBytes(old);
      }
    }
    if (undo != null) {
      pushUndo(new Undo(currentVersion, undo, undo.slotBytes() + retained));
    }
  }

  private void pushUndo(Undo undo) {
    undos.push(undo);
    while (undos.size() > maxVersionsInMemory - 1) {
      undos.removeLast();
    }
  }

  private static boolean hasRemovals(BytesMap changes) {
    for (int s = 0, n = changes.capacity(); s < n; s++) {
      if (changes.valueAt(s) == REMOVED) {
        return true;
      }
    }
    return false;
  }

  /** Commits a store's changes as version {@code version + 1}; called by the store. */
  synchronized void commit(InMemoryStateStore store, long version, BytesMap changes) {
    if (store.generation() != generation || closed) {
      throw StateStoreErrors.bug(
          id,
          "a store at version "
              + version
              + " was committed after the provider moved to "
              + (closed ? "close()" : "version " + currentVersion));
    }
    long newVersion = version + 1;
    Path file = StateFiles.deltaFile(dir, newVersion);
    if (newVersion <= latestVersionOnDisk()) {
      lineage++;
    }
    // Snapshots first, so that a crash after publishing never leaves a stale snapshot that
    // loading would prefer to the new delta; they are never the base of a retained version.
    for (Long v : snapshotVersions.tailSet(newVersion, true).toArray(new Long[0])) {
      delete(StateFiles.snapshotFile(dir, v), snapshotVersions, v);
    }
    try {
      StateFiles.write(
          file, StateFiles.KIND_DELTA, newVersion, changes, REMOVED, fsync, publishHook);
    } catch (IOException e) {
      throw StateStoreErrors.cannotCommit(id, newVersion, file, e);
    }
    deltaVersions.add(newVersion);
    // Later versions belong to the run this commit re-runs; only now, so a failed commit
    // leaves every version it found loadable.
    for (Long v : deltaVersions.tailSet(newVersion, false).toArray(new Long[0])) {
      delete(StateFiles.deltaFile(dir, v), deltaVersions, v);
    }
    applyInPlace(changes, true);
    currentVersion = newVersion;
    generation++;
  }

  private void delete(Path file, NavigableSet<Long> versions, long version) {
    try {
      Files.deleteIfExists(file);
      versions.remove(version);
    } catch (IOException e) {
      LOG.warn("Could not delete state file {} of {}: {}", file, StateStoreErrors.describe(id), e);
    }
  }

  /** Heap held by the live version and the undo maps, estimated from array sizes. */
  synchronized long memoryUsedBytes() {
    long bytes = current == null ? 0 : current.sizeInBytes();
    for (Undo undo : undos) {
      bytes += undo.retainedBytes();
    }
    return bytes;
  }

  /** Spark's custom metrics of the HDFS-backed provider, for the store's progress. */
  synchronized java.util.Map<String, Long> customMetrics() {
    return java.util.Map.of(
        "loadedMapCacheHitCount",
        cacheHits,
        "loadedMapCacheMissCount",
        cacheMisses,
        "stateOnCurrentVersionSizeBytes",
        current == null ? 0 : current.sizeInBytes());
  }

  /** The version in memory, or -1 before the first load; for tests and diagnostics. */
  synchronized long loadedVersion() {
    return currentVersion;
  }

  /**
   * Writes a snapshot of the latest version when due, then deletes files outside the retained
   * versions. The snapshot is written from a shallow copy of the live map, outside the lock, so the
   * next batch of this partition is not held up by a large snapshot.
   */
  @Override
  public void doMaintenance() {
    long snapshotVersion;
    BytesMap frozen;
    long startLineage;
    synchronized (this) {
      if (closed || current == null) {
        return;
      }
      long latest = latestVersionOnDisk();
      if (!snapshotDue(latest)) {
        cleanup(latest);
        return;
      }
      snapshotVersion = latest;
      frozen = current.shallowCopy();
      startLineage = lineage;
    }
    Path file = StateFiles.snapshotFile(dir, snapshotVersion);
    Path temp;
    try {
      temp =
          StateFiles.writeTemp(
              file, StateFiles.KIND_SNAPSHOT, snapshotVersion, frozen, REMOVED, fsync);
    } catch (IOException e) {
      // A missing snapshot only costs a longer recovery; the deltas are still there.
      LOG.warn(
          "Could not write state snapshot {} of {}: {}", file, StateStoreErrors.describe(id), e);
      return;
    }
    synchronized (this) {
      if (StateFiles.publishSnapshotQuietly(
          temp,
          file,
          fsync,
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
        deltaVersions, snapshotVersions, latest, currentVersion, minDeltasForSnapshot);
  }

  /**
   * Deletes files older than the base needed for version {@code latest - minBatchesToRetain}: the
   * newest snapshot at or below it (or, without one, nothing, since every delta from 1 is needed).
   */
  private void cleanup(long latest) {
    long base = StateFileRetention.cleanupBase(snapshotVersions, latest, minBatchesToRetain);
    if (base < 0) {
      return;
    }
    for (Long v : snapshotVersions.headSet(base, false).toArray(new Long[0])) {
      delete(StateFiles.snapshotFile(dir, v), snapshotVersions, v);
    }
    for (Long v : deltaVersions.headSet(base, false).toArray(new Long[0])) {
      delete(StateFiles.deltaFile(dir, v), deltaVersions, v);
    }
  }

  private long latestVersionOnDisk() {
    return StateFileRetention.latestVersion(deltaVersions, snapshotVersions);
  }

  @Override
  public synchronized void close() {
    closed = true;
    current = null;
    currentVersion = -1;
    undos.clear();
    generation++;
  }

  @Override
  public String toString() {
    return "InMemoryStateStoreProvider["
        + (id == null ? "uninitialised" : StateStoreErrors.describe(id))
        + "]";
  }
}
