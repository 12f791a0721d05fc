package io.tideline.internal.state.rocksdb;

import java.util.HashMap;
import java.util.Map;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.WriteBufferManager;

/**
 * The block caches and write buffer managers of RocksDB stores. With bounded memory usage every
 * store of the JVM with the same settings shares one LRU cache of {@code maxMemoryUsageMB}, and
 * memtables are charged to it through one write buffer manager, as Spark's RocksDBMemoryManager
 * does; otherwise each store gets its own cache of {@code blockCacheSizeMB}. Shared objects are
 * reference-counted and closed when the last store using them closes, so no native memory outlives
 * the queries.
 */
final class RocksDbMemory {
  private static final long MB = 1024L * 1024L;

  static {
    org.rocksdb.RocksDB.loadLibrary();
  }

  /** Shared caches by their settings; guarded by the class. */
  private static final Map<Key, Shared> SHARED = new HashMap<>();

  private record Key(long totalBytes, double writeBufferRatio, double highPriorityRatio) {}

  private static final class Shared {
    final LRUCache cache;
    final WriteBufferManager writeBuffers;
    int leases;

    Shared(Key key) {
      // Not a strict limit: with one, reads fail once pinned blocks fill the cache, where an
      // overshoot is only transient.
      cache = new LRUCache(key.totalBytes(), -1, false, key.highPriorityRatio());
      writeBuffers =
          new WriteBufferManager((long) (key.totalBytes() * key.writeBufferRatio()), cache);
    }
  }

  private RocksDbMemory() {}

  /** A store's use of a cache (and, when bounded, of the shared write buffer manager). */
  static final class Lease implements AutoCloseable {
    private final Key key;
    private final Shared shared;
    private final LRUCache own;
    private boolean closed;

    private Lease(Key key, Shared shared, LRUCache own) {
      this.key = key;
      this.shared = shared;
      this.own = own;
    }

    Cache cache() {
      return shared != null ? shared.cache : own;
    }

    /** The shared write buffer manager, or null when memory is not bounded. */
    WriteBufferManager writeBufferManager() {
      return shared != null ? shared.writeBuffers : null;
    }

    boolean bounded() {
      return shared != null;
    }

    /**
     * This store's share of the cache's usage: all of its own cache, or an even share of a shared
     * one, so that summing over the stores counts a shared cache once.
     */
    long cacheUsageShare() {
      synchronized (RocksDbMemory.class) {
        if (closed) {
          return 0;
        }
        return shared != null
            ? shared.cache.getUsage() / Math.max(1, shared.leases)
            : own.getUsage();
      }
    }

    /** This store's share of the cache's pinned blocks, split as {@link #cacheUsageShare}. */
    long pinnedUsageShare() {
      synchronized (RocksDbMemory.class) {
        if (closed) {
          return 0;
        }
        return shared != null
            ? shared.cache.getPinnedUsage() / Math.max(1, shared.leases)
            : own.getPinnedUsage();
      }
    }

    @Override
    public void close() {
      synchronized (RocksDbMemory.class) {
        if (closed) {
          return;
        }
        closed = true;
        if (own != null) {
          own.close();
        } else if (--shared.leases == 0) {
          SHARED.remove(key);
          // The manager charges the cache, so it goes first.
          shared.writeBuffers.close();
          shared.cache.close();
        }
      }
    }
  }

  static Lease acquire(RocksDbConf conf) {
    synchronized (RocksDbMemory.class) {
      if (!conf.boundedMemoryUsage()) {
        return new Lease(null, null, new LRUCache(conf.blockCacheSizeMb() * MB));
      }
      Key key =
          new Key(
              conf.maxMemoryUsageMb() * MB,
              conf.writeBufferCacheRatio(),
              conf.highPriorityPoolRatio());
      Shared shared = SHARED.computeIfAbsent(key, Shared::new);
      shared.leases++;
      return new Lease(key, shared, null);
    }
  }

  /** The number of shared caches alive; for tests. */
  static int sharedCaches() {
    synchronized (RocksDbMemory.class) {
      return SHARED.size();
    }
  }
}
