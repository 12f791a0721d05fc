package io.tideline.internal.state;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.streaming.StateOperatorProgress;
import io.tideline.types.StructType;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test stand-in for the state branch's {@code StateStoreRegistry}, with the same API: every version
 * of every store kept in memory as a {@code HashMap}, so the streaming aggregation can be tested
 * before the real stores are merged. DELETE AT MERGE: the real class in main replaces it (a test
 * class of the same name shadows the main one on the test classpath).
 */
public final class StateStoreRegistry implements AutoCloseable {

  private final Path checkpointStateDir;
  private final StatefulOperatorMetrics operatorMetrics = new StatefulOperatorMetrics();
  private final Map<String, Map<Long, Map<ByteBuffer, byte[]>>> versions =
      new ConcurrentHashMap<>();
  private final Set<String> loaded = new TreeSet<>();

  public StateStoreRegistry(Path checkpointStateDir, TidelineConf conf) {
    this.checkpointStateDir = checkpointStateDir;
  }

  public Path checkpointStateDir() {
    return checkpointStateDir;
  }

  public StateStore getStore(
      long operatorId,
      int partitionId,
      StructType keySchema,
      StructType valueSchema,
      long version) {
    String name = operatorId + "/" + partitionId;
    synchronized (loaded) {
      loaded.add(name);
    }
    Map<Long, Map<ByteBuffer, byte[]>> byVersion =
        versions.computeIfAbsent(name, n -> new ConcurrentHashMap<>());
    Map<ByteBuffer, byte[]> base = version == 0 ? Map.of() : byVersion.get(version);
    if (base == null) {
      throw new IllegalStateException("test store " + name + " has no version " + version);
    }
    StateStoreId id =
        new StateStoreId(
            checkpointStateDir, operatorId, partitionId, StateStoreId.DEFAULT_STORE_NAME);
    return new MapStore(id, version, new HashMap<>(base), byVersion);
  }

  /** The stores ({@code operator/partition}) loaded so far, sorted. */
  public List<String> loadedStores() {
    synchronized (loaded) {
      return new ArrayList<>(loaded);
    }
  }

  /** The number of keys of a committed version of a store. */
  public int numKeys(long operatorId, int partitionId, long version) {
    Map<Long, Map<ByteBuffer, byte[]>> byVersion = versions.get(operatorId + "/" + partitionId);
    return byVersion == null || !byVersion.containsKey(version)
        ? -1
        : byVersion.get(version).size();
  }

  public List<StateOperatorProgress> progress() {
    return operatorMetrics.drain();
  }

  public StatefulOperatorMetrics operatorMetrics() {
    return operatorMetrics;
  }

  public void doMaintenance() {}

  @Override
  public void close() {}

  private static final class MapStore implements StateStore {
    private final StateStoreId id;
    private final long version;
    private final Map<ByteBuffer, byte[]> map;
    private final Map<Long, Map<ByteBuffer, byte[]>> versions;
    private long updated;
    private long removed;
    private boolean committed;
    private boolean aborted;

    MapStore(
        StateStoreId id,
        long version,
        Map<ByteBuffer, byte[]> map,
        Map<Long, Map<ByteBuffer, byte[]>> versions) {
      this.id = id;
      this.version = version;
      this.map = map;
      this.versions = versions;
    }

    @Override
    public StateStoreId id() {
      return id;
    }

    @Override
    public long version() {
      return version;
    }

    @Override
    public byte[] get(byte[] key) {
      return map.get(ByteBuffer.wrap(key));
    }

    @Override
    public void put(byte[] key, byte[] value) {
      check();
      map.put(ByteBuffer.wrap(key), value);
      updated++;
    }

    @Override
    public void remove(byte[] key) {
      check();
      if (map.remove(ByteBuffer.wrap(key)) != null) {
        removed++;
      }
    }

    @Override
    public Iterator<Entry> iterator() {
      List<Entry> entries = new ArrayList<>();
      for (Map.Entry<ByteBuffer, byte[]> e : map.entrySet()) {
        entries.add(new Entry(e.getKey().array(), e.getValue()));
      }
      return entries.iterator();
    }

    @Override
    public long commit() {
      check();
      committed = true;
      versions.put(version + 1, Map.copyOf(map));
      return version + 1;
    }

    @Override
    public void abort() {
      aborted = true;
    }

    @Override
    public boolean hasCommitted() {
      return committed;
    }

    @Override
    public StateStoreMetrics metrics() {
      return new StateStoreMetrics(map.size(), updated, removed, 100L * map.size(), 0);
    }

    private void check() {
      if (committed || aborted) {
        throw new IllegalStateException("test store " + id + " is closed");
      }
    }
  }
}
