package io.tideline.internal.state.rocksdb;

import io.tideline.internal.state.BytesMap;
import io.tideline.internal.state.StateStore;
import io.tideline.internal.state.StateStoreErrors;
import io.tideline.internal.state.StateStoreId;
import io.tideline.internal.state.StateStoreMetrics;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * One batch's view of a {@link RocksDbStateStoreProvider} version: reads see this batch's changes
 * (kept on the heap, a removed key marked {@link RocksDbStateStoreProvider#REMOVED}) over the
 * RocksDB working copy, which does not change until commit.
 *
 * <p>The iterator walks RocksDB in key order, substituting changed values and skipping removed
 * keys, then the keys this batch added. Native iterators are closed when exhausted, and at commit,
 * abort or when the provider moves to another version, whichever comes first.
 */
final class RocksDbStateStore implements StateStore {
  private final RocksDbStateStoreProvider provider;
  private final StateStoreId id;
  private final long version;
  private final long generation;
  private final RocksDbInstance db;
  private BytesMap changes = new BytesMap();

  /** Keys this batch put that the working copy did not have: the iterator's second phase. */
  private BytesMap added = new BytesMap();

  /**
   * Whether the working copy has a key, for keys already looked up this batch ({@link #IN_BASE} or
   * {@link #NOT_IN_BASE}): an operator that reads a key and then writes it (an aggregation) pays
   * one native lookup, not two.
   */
  private BytesMap known = new BytesMap();

  private static final byte[] IN_BASE = new byte[0];
  private static final byte[] NOT_IN_BASE = new byte[0];

  private final List<RocksIterator> openIterators = new ArrayList<>(1);
  private long numKeys;
  private long numUpdated;
  private long numRemoved;
  private long numGets;
  private long commitTimeMs;
  private boolean committed;
  private boolean aborted;

  RocksDbStateStore(
      RocksDbStateStoreProvider provider,
      StateStoreId id,
      long version,
      long generation,
      RocksDbInstance db,
      long numKeys) {
    this.provider = provider;
    this.id = id;
    this.version = version;
    this.generation = generation;
    this.db = db;
    this.numKeys = numKeys;
  }

  long generation() {
    return generation;
  }

  @Override
  public StateStoreId id() {
    return id;
  }

  @Override
  public long version() {
    return version;
  }

  private void checkUsable() {
    if (committed || aborted) {
      throw StateStoreErrors.bug(
          id, "version " + version + " used after " + (committed ? "commit()" : "abort()"));
    }
    if (provider.generation != generation) {
      throw StateStoreErrors.bug(
          id, "version " + version + " used after the provider moved to another version");
    }
  }

  private IllegalStateException nativeFailure(String what, RocksDBException e) {
    IllegalStateException failure =
        StateStoreErrors.bug(id, "RocksDB failed to " + what + " at version " + version + ": " + e);
    failure.initCause(e);
    return failure;
  }

  @Override
  public byte[] get(byte[] key) {
    checkUsable();
    numGets++;
    int hash = BytesMap.hash(key);
    byte[] changed = changes.get(key, hash);
    if (changed != null) {
      return changed == RocksDbStateStoreProvider.REMOVED ? null : changed;
    }
    byte[] value;
    try {
      value = db.get(key);
    } catch (RocksDBException e) {
      throw nativeFailure("read a key", e);
    }
    known.put(key, value == null ? NOT_IN_BASE : IN_BASE, hash);
    return value;
  }

  /** Whether the working copy (not this batch's changes) has {@code key}. */
  private boolean inBase(byte[] key, int hash) {
    byte[] cached = known.get(key, hash);
    if (cached != null) {
      return cached == IN_BASE;
    }
    try {
      return db.contains(key);
    } catch (RocksDBException e) {
      throw nativeFailure("read a key", e);
    }
  }

  @Override
  public void put(byte[] key, byte[] value) {
    checkUsable();
    if (value == null) {
      throw StateStoreErrors.bug(id, "put of a null value; use remove()");
    }
    int hash = BytesMap.hash(key);
    byte[] previous = changes.put(key, value, hash);
    if (previous == null) {
      if (!inBase(key, hash)) {
        numKeys++;
        added.put(key, key, hash);
      }
    } else if (previous == RocksDbStateStoreProvider.REMOVED) {
      numKeys++;
    }
    numUpdated++;
  }

  @Override
  public void remove(byte[] key) {
    checkUsable();
    int hash = BytesMap.hash(key);
    byte[] changed = changes.get(key, hash);
    if (changed == RocksDbStateStoreProvider.REMOVED) {
      return;
    }
    if (changed != null || inBase(key, hash)) {
      // Marked rather than dropped, so removing while iterating never moves other entries.
      changes.put(key, RocksDbStateStoreProvider.REMOVED, hash);
      numKeys--;
      numRemoved++;
    }
  }

  @Override
  public Iterator<Entry> iterator() {
    checkUsable();
    RocksIterator base = db.newIterator();
    openIterators.add(base);
    base.seekToFirst();
    return new Iterator<>() {
      private RocksIterator rocks = base;
      private int slot = -1;
      private Entry next = advance();

      private Entry advance() {
        checkUsable();
        while (rocks != null && rocks.isValid()) {
          byte[] key = rocks.key();
          byte[] changed = changes.get(key);
          byte[] value = changed == null ? rocks.value() : changed;
          rocks.next();
          if (changed != RocksDbStateStoreProvider.REMOVED) {
            return new Entry(key, value);
          }
        }
        if (rocks != null) {
          finishNative();
        }
        while (++slot < added.capacity()) {
          byte[] key = added.keyAt(slot);
          if (key == null) {
            continue;
          }
          byte[] value = changes.get(key);
          if (value != null && value != RocksDbStateStoreProvider.REMOVED) {
            return new Entry(key, value);
          }
        }
        return null;
      }

      private void finishNative() {
        try {
          rocks.status();
        } catch (RocksDBException e) {
          throw nativeFailure("iterate", e);
        } finally {
          openIterators.remove(rocks);
          rocks.close();
          rocks = null;
        }
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public Entry next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        Entry e = next;
        next = advance();
        return e;
      }
    };
  }

  /** Closes the native iterators still open; they must not outlive the working copy. */
  void releaseNative() {
    for (RocksIterator it : openIterators) {
      it.close();
    }
    openIterators.clear();
  }

  @Override
  public long commit() {
    checkUsable();
    long start = System.nanoTime();
    releaseNative();
    provider.commit(this, version, changes, numKeys);
    committed = true;
    changes = null;
    added = null;
    known = null;
    commitTimeMs = (System.nanoTime() - start) / 1_000_000;
    return version + 1;
  }

  @Override
  public void abort() {
    if (!committed && !aborted) {
      aborted = true;
      releaseNative();
      provider.released(this);
      changes = null;
      added = null;
      known = null;
    }
  }

  @Override
  public boolean hasCommitted() {
    return committed;
  }

  @Override
  public StateStoreMetrics metrics() {
    long changeBytes = changes == null ? 0 : changes.sizeInBytes();
    return new StateStoreMetrics(
        numKeys, numUpdated, numRemoved, provider.memoryUsedBytes() + changeBytes, commitTimeMs);
  }

  @Override
  public Map<String, Long> customMetrics() {
    // Spark counts native calls; these count the batch's calls, which the heap changes may serve.
    Map<String, Long> m = new java.util.TreeMap<>(provider.customMetrics());
    m.put("rocksdbGetCount", numGets);
    m.put("rocksdbPutCount", numUpdated);
    return m;
  }

  @Override
  public String toString() {
    return "RocksDbStateStore[" + StateStoreErrors.describe(id) + ", version " + version + "]";
  }
}
