package io.tideline.internal.state;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * One batch's view of an {@link InMemoryStateStoreProvider} version: reads go to this batch's
 * changes first and then to the provider's live map; writes only touch the changes (a removed key
 * is marked {@link InMemoryStateStoreProvider#REMOVED}). Commit hands the changes to the provider,
 * which writes them and applies them in place.
 *
 * <p>While iterating, an operator may remove keys and put existing keys (evicting by watermark),
 * but not put new keys: that could grow the map being iterated.
 */
final class InMemoryStateStore implements StateStore {
  private final InMemoryStateStoreProvider provider;
  private final StateStoreId id;
  private final long version;
  private final long generation;
  private final BytesMap base;
  private BytesMap changes = new BytesMap();
  private long numKeys;
  private long numUpdated;
  private long numRemoved;
  private long commitTimeMs;
  private boolean committed;
  private boolean aborted;

  InMemoryStateStore(
      InMemoryStateStoreProvider provider,
      StateStoreId id,
      long version,
      long generation,
      BytesMap base) {
    this.provider = provider;
    this.id = id;
    this.version = version;
    this.generation = generation;
    this.base = base;
    this.numKeys = base.size();
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

  @Override
  public byte[] get(byte[] key) {
    checkUsable();
    int hash = BytesMap.hash(key);
    byte[] changed = changes.get(key, hash);
    if (changed != null) {
      return changed == InMemoryStateStoreProvider.REMOVED ? null : changed;
    }
    return base.get(key, hash);
  }

  @Override
  public void put(byte[] key, byte[] value) {
    checkUsable();
    if (value == null) {
      throw StateStoreErrors.bug(id, "put of a null value; use remove()");
    }
    int hash = BytesMap.hash(key);
    byte[] previous = changes.put(key, value, hash);
    if (previous == null
        ? base.get(key, hash) == null
        : previous == InMemoryStateStoreProvider.REMOVED) {
      numKeys++;
    }
    numUpdated++;
  }

  @Override
  public void remove(byte[] key) {
    checkUsable();
    byte[] changed = changes.get(key);
    if (changed == InMemoryStateStoreProvider.REMOVED) {
      return;
    }
    boolean inBase = base.get(key) != null;
    if (inBase || changed != null) {
      // A key put in this batch is marked removed rather than dropped from the changes, so that
      // removing while iterating never moves other entries of the map being iterated.
      changes.put(key, InMemoryStateStoreProvider.REMOVED);
      numKeys--;
      numRemoved++;
    }
  }

  @Override
  public Iterator<Entry> iterator() {
    checkUsable();
    return new Iterator<>() {
      private boolean inBase = true;
      private int slot = -1;
      private Entry next = advance();

      private Entry advance() {
        while (true) {
          BytesMap map = inBase ? base : changes;
          while (++slot < map.capacity()) {
            byte[] key = map.keyAt(slot);
            if (key == null) {
              continue;
            }
            byte[] value = map.valueAt(slot);
            if (inBase ? changes.get(key) == null : value != InMemoryStateStoreProvider.REMOVED) {
              return new Entry(key, value);
            }
          }
          if (!inBase) {
            return null;
          }
          inBase = false;
          slot = -1;
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

  @Override
  public long commit() {
    checkUsable();
    long start = System.nanoTime();
    provider.commit(this, version, changes);
    committed = true;
    changes = null;
    commitTimeMs = (System.nanoTime() - start) / 1_000_000;
    return version + 1;
  }

  @Override
  public void abort() {
    if (!committed) {
      aborted = true;
      changes = null;
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
  public java.util.Map<String, Long> customMetrics() {
    return provider.customMetrics();
  }

  @Override
  public String toString() {
    return "InMemoryStateStore[" + StateStoreErrors.describe(id) + ", version " + version + "]";
  }
}
