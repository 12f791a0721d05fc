package io.tideline.internal.state;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.streaming.StateOperatorProgress;
import io.tideline.types.StructType;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state stores of one running query, by {@link StateStoreId}: made on first use with the
 * configured provider, kept loaded between batches, closed when the query stops. Also collects each
 * operator's per-batch metrics for progress. Thread-safe: tasks of one batch call it concurrently.
 *
 * <p>Use by a stateful operator, in each task of batch {@code b} for partition {@code p}:
 *
 * <pre>{@code
 * StateStore store = registry.getStore(opId, p, keySchema, valueSchema, b);
 * ... store.get / put / remove / iterator ...
 * store.commit();                                   // writes version b + 1
 * registry.operatorMetrics(opId, b).addRowsDroppedByWatermark(late);
 * }</pre>
 *
 * and once per query (any thread) {@link #describeOperator} to name the operator in progress.
 *
 * <p>Maintenance: {@link #doMaintenance()} hands one pass over every provider (snapshots, then
 * deletion of files outside the retained versions) to a single background thread, as Spark's
 * maintenance task does, so a snapshot of a large state never delays the loop; a pass requested
 * while one runs is skipped. A provider is locked while its pass runs, so its next batch waits for
 * it rather than race with it. {@link #runMaintenance()} does a pass on the caller's thread.
 *
 * <p>Provider: {@value #PROVIDER_CLASS} (alias {@code
 * spark.sql.streaming.stateStore.providerClass}) names a class implementing {@link
 * StateStoreProvider} with a public no-argument constructor; it is resolved once per registry and
 * instantiated once per store. Unset, {@link InMemoryStateStoreProvider} is used; {@code rocksdb}
 * or Spark's {@code org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider}
 * select {@value #ROCKSDB_PROVIDER}.
 */
public final class StateStoreRegistry implements AutoCloseable {
  public static final String PROVIDER_CLASS = "tideline.sql.streaming.stateStore.providerClass";

  /**
   * Whether a restart checks the stores' key and value schemas against those the checkpoint
   * recorded (as Spark's {@code stateSchemaCheck}); turning it off risks decoding state as the
   * wrong types.
   */
  public static final String SCHEMA_CHECK = "tideline.sql.streaming.stateStore.stateSchemaCheck";

  /** The operator name progress shows for an operator nobody described (Spark's for aggregates). */
  public static final String DEFAULT_OPERATOR_NAME = "stateStoreSave";

  private static final Logger LOG = LoggerFactory.getLogger(StateStoreRegistry.class);

  private final Path checkpointStateDir;
  private final TidelineConf conf;
  private final Map<StateStoreId, StateStoreProvider> providers = new ConcurrentHashMap<>();
  private final Map<Long, OperatorEntry> operators = new ConcurrentSkipListMap<>();
  private final AtomicBoolean maintenanceQueued = new AtomicBoolean();
  private final boolean schemaCheck;

  /** The stores ({@code operatorId/storeName}) whose schemas were checked in this run. */
  private final Map<String, Boolean> checkedSchemas = new ConcurrentHashMap<>();

  private volatile Supplier<StateStoreProvider> factory;
  private ExecutorService maintenanceThread;
  private volatile boolean closed;

  /**
   * @param checkpointStateDir {@code <checkpoint>/state}
   */
  public StateStoreRegistry(Path checkpointStateDir, TidelineConf conf) {
    this.checkpointStateDir = checkpointStateDir;
    this.conf = conf;
    this.schemaCheck = conf.getBoolean(SCHEMA_CHECK, true);
  }

  public Path checkpointStateDir() {
    return checkpointStateDir;
  }

  /** The store of {@code operatorId}/{@code partitionId} at {@code version}. */
  public StateStore getStore(
      long operatorId,
      int partitionId,
      StructType keySchema,
      StructType valueSchema,
      long version) {
    return getStore(
        operatorId, partitionId, StateStoreId.DEFAULT_STORE_NAME, keySchema, valueSchema, version);
  }

  /**
   * The store named {@code storeName} of {@code operatorId}/{@code partitionId} at {@code version},
   * for operators with several stores per partition (a stream-stream join).
   */
  public StateStore getStore(
      long operatorId,
      int partitionId,
      String storeName,
      StructType keySchema,
      StructType valueSchema,
      long version) {
    if (closed) {
      throw new IllegalStateException(
          "Bug in Tideline: state store requested from the closed registry of "
              + checkpointStateDir);
    }
    if (schemaCheck) {
      checkedSchemas.computeIfAbsent(
          operatorId + "/" + storeName,
          k -> {
            StateSchemaFile.checkOrWrite(
                new StateStoreId(checkpointStateDir, operatorId, partitionId, storeName),
                StateSchemaFile.location(checkpointStateDir, operatorId, storeName),
                keySchema,
                valueSchema);
            return Boolean.TRUE;
          });
    }
    StateStoreId id = new StateStoreId(checkpointStateDir, operatorId, partitionId, storeName);
    StateStoreProvider provider =
        providers.computeIfAbsent(id, k -> newProvider(k, keySchema, valueSchema));
    return new TrackedStateStore(provider.getStore(version), operator(operatorId));
  }

  /**
   * Names operator {@code operatorId} in progress ({@code stateStoreSave}, {@code dedupe}, {@code
   * symmetricHashJoin}, ... as Spark names them) and records its number of shuffle partitions.
   */
  public void describeOperator(long operatorId, String operatorName, int numShufflePartitions) {
    OperatorEntry entry = operator(operatorId);
    entry.name = operatorName;
    entry.numShufflePartitions = numShufflePartitions;
  }

  /** The counters operator {@code operatorId} adds for batch {@code batchId}. */
  public OperatorStateMetrics operatorMetrics(long operatorId, long batchId) {
    return operator(operatorId).batch(batchId);
  }

  private OperatorEntry operator(long operatorId) {
    return operators.computeIfAbsent(operatorId, k -> new OperatorEntry());
  }

  private StateStoreProvider newProvider(
      StateStoreId id, StructType keySchema, StructType valueSchema) {
    StateStoreProvider provider = providerFactory().get();
    provider.init(id, keySchema, valueSchema, conf);
    return provider;
  }

  private Supplier<StateStoreProvider> providerFactory() {
    Supplier<StateStoreProvider> f = factory;
    if (f == null) {
      synchronized (this) {
        f = factory;
        if (f == null) {
          f = resolveFactory(conf.get(PROVIDER_CLASS));
          factory = f;
        }
      }
    }
    return f;
  }

  /** The RocksDB provider's class, named by string so this package does not depend on it. */
  static final String ROCKSDB_PROVIDER =
      "io.tideline.internal.state.rocksdb.RocksDbStateStoreProvider";

  private static final String SPARK_ROCKSDB_PROVIDER =
      "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider";

  /** {@code rocksdb} and Spark's RocksDB provider class name select Tideline's RocksDB provider. */
  private static String resolveAlias(String name) {
    return name.equalsIgnoreCase("rocksdb") || name.equals(SPARK_ROCKSDB_PROVIDER)
        ? ROCKSDB_PROVIDER
        : name;
  }

  private static Supplier<StateStoreProvider> resolveFactory(String className) {
    if (className == null
        || className.isBlank()
        || className.equals(InMemoryStateStoreProvider.class.getName())) {
      return InMemoryStateStoreProvider::new;
    }
    String name = resolveAlias(className.trim());
    Class<?> type;
    try {
      type = Class.forName(name, true, StateStoreRegistry.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw StateStoreErrors.invalidProvider(
          name, PROVIDER_CLASS, "cannot be loaded (" + e + ")", e);
    }
    if (!StateStoreProvider.class.isAssignableFrom(type)) {
      throw StateStoreErrors.invalidProvider(
          name, PROVIDER_CLASS, "does not implement " + StateStoreProvider.class.getName(), null);
    }
    Constructor<? extends StateStoreProvider> constructor;
    try {
      constructor = type.asSubclass(StateStoreProvider.class).getConstructor();
    } catch (NoSuchMethodException e) {
      throw StateStoreErrors.invalidProvider(
          name, PROVIDER_CLASS, "has no public no-argument constructor", e);
    }
    return () -> {
      try {
        return constructor.newInstance();
      } catch (InstantiationException | IllegalAccessException e) {
        throw StateStoreErrors.invalidProvider(
            name, PROVIDER_CLASS, "cannot be instantiated (" + e + ")", e);
      } catch (InvocationTargetException e) {
        throw StateStoreErrors.invalidProvider(
            name, PROVIDER_CLASS, "failed in its constructor (" + e.getCause() + ")", e.getCause());
      }
    };
  }

  /**
   * Each stateful operator's state metrics for the batch that just ran, by operator id order: what
   * progress shows as {@code stateOperators}.
   */
  public List<StateOperatorProgress> progress() {
    List<StateOperatorProgress> out = new ArrayList<>();
    operators.forEach((operatorId, entry) -> out.add(entry.progress()));
    return out;
  }

  /**
   * Like {@link #progress()}, but listed in {@code order} (operator ids); operators {@code order}
   * does not name follow in id order, so none is ever left out.
   */
  public List<StateOperatorProgress> progress(List<Long> order) {
    List<StateOperatorProgress> out = new ArrayList<>();
    for (Long operatorId : order) {
      OperatorEntry entry = operators.get(operatorId);
      if (entry != null) {
        out.add(entry.progress());
      }
    }
    operators.forEach(
        (operatorId, entry) -> {
          if (!order.contains(operatorId)) {
            out.add(entry.progress());
          }
        });
    return out;
  }

  /**
   * Requests a maintenance pass (snapshots and cleanup of every store) on the background thread;
   * returns at once. Called by the loop between batches.
   */
  public void doMaintenance() {
    if (closed || !maintenanceQueued.compareAndSet(false, true)) {
      return;
    }
    synchronized (this) {
      if (closed) {
        maintenanceQueued.set(false);
        return;
      }
      if (maintenanceThread == null) {
        maintenanceThread =
            Executors.newSingleThreadExecutor(
                r -> {
                  Thread t = new Thread(r, "tideline-state-maintenance");
                  t.setDaemon(true);
                  return t;
                });
      }
      maintenanceThread.execute(
          () -> {
            maintenanceQueued.set(false);
            runMaintenance();
          });
    }
  }

  /** Runs one maintenance pass over every store on the calling thread. */
  public void runMaintenance() {
    for (Map.Entry<StateStoreId, StateStoreProvider> e : providers.entrySet()) {
      if (closed) {
        return;
      }
      try {
        e.getValue().doMaintenance();
      } catch (RuntimeException failure) {
        // Maintenance only saves recovery time and disk; the next pass tries again.
        LOG.warn(
            "State store maintenance failed for {}: {}",
            StateStoreErrors.describe(e.getKey()),
            failure.toString());
      }
    }
  }

  /** Waits until the maintenance passes requested so far have run; for tests. */
  void awaitMaintenance() throws InterruptedException, java.util.concurrent.ExecutionException {
    ExecutorService thread;
    synchronized (this) {
      thread = maintenanceThread;
    }
    if (thread != null) {
      // One thread runs passes in order, so a no-op queued now runs after every earlier pass.
      thread.submit(() -> {}).get();
    }
  }

  /**
   * Waits for a running maintenance pass (a pass requested but not started is skipped), then closes
   * every provider.
   */
  @Override
  public void close() {
    ExecutorService thread;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      thread = maintenanceThread;
    }
    if (thread != null) {
      thread.shutdown();
      try {
        if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
          LOG.warn("State store maintenance of {} did not finish in 30 s", checkpointStateDir);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (StateStoreProvider provider : providers.values()) {
      try {
        provider.close();
      } catch (RuntimeException e) {
        LOG.warn("Closing state store provider {} failed: {}", provider, e.toString());
      }
    }
    providers.clear();
  }

  /** One operator's name, its stores' latest commits, and its per-batch counters. */
  static final class OperatorEntry {
    volatile String name = DEFAULT_OPERATOR_NAME;
    volatile int numShufflePartitions = -1;
    private final Map<StateStoreId, Report> latest = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, OperatorStateMetrics> batches =
        new ConcurrentSkipListMap<>();

    private record Report(long version, StateStoreMetrics metrics, Map<String, Long> custom) {}

    void report(
        StateStoreId id,
        long committedVersion,
        StateStoreMetrics metrics,
        Map<String, Long> customMetrics) {
      latest.merge(
          id,
          new Report(committedVersion, metrics, customMetrics),
          (old, now) -> now.version() >= old.version() ? now : old);
    }

    OperatorStateMetrics batch(long batchId) {
      OperatorStateMetrics m = batches.computeIfAbsent(batchId, k -> new OperatorStateMetrics());
      // Progress only looks at the newest batches; older counters are garbage.
      while (batches.size() > 4) {
        batches.pollFirstEntry();
      }
      return m;
    }

    /**
     * Sums the reports of the newest committed version (this batch) for counts of changes and time;
     * the total rows and memory of every store, since an idle store still holds its rows.
     */
    StateOperatorProgress progress() {
      long lastVersion = -1;
      for (Report r : latest.values()) {
        lastVersion = Math.max(lastVersion, r.version());
      }
      long total = 0;
      long updated = 0;
      long removed = 0;
      long commitMs = 0;
      long memory = 0;
      int instances = 0;
      java.util.Set<Integer> partitions = new java.util.HashSet<>();
      Map<String, Long> custom = new java.util.TreeMap<>();
      for (Map.Entry<StateStoreId, Report> e : latest.entrySet()) {
        Report r = e.getValue();
        StateStoreMetrics m = r.metrics();
        total += m.numKeys();
        memory += m.memoryUsedBytes();
        partitions.add(e.getKey().partitionId());
        if (r.version() == lastVersion) {
          updated += m.numUpdated();
          removed += m.numRemoved();
          commitMs += m.commitTimeMs();
          instances++;
          r.custom().forEach((k, v) -> custom.merge(k, v, Long::sum));
        }
      }
      StateOperatorProgress.Builder b =
          StateOperatorProgress.builder(name)
              .numRowsTotal(total)
              .numRowsUpdated(updated)
              .numRowsRemoved(removed)
              .commitTimeMs(commitMs)
              .memoryUsedBytes(memory)
              .numShufflePartitions(
                  numShufflePartitions >= 0 ? numShufflePartitions : partitions.size())
              .numStateStoreInstances(instances);
      // State version v + 1 is written by batch v.
      OperatorStateMetrics counters = lastVersion > 0 ? batches.get(lastVersion - 1) : null;
      if (counters != null && counters.countsRows()) {
        b.numRowsTotal(counters.rowsTotal())
            .numRowsUpdated(counters.rowsUpdated())
            .numRowsRemoved(counters.rowsRemoved())
            .numStateStoreInstances(counters.storeInstances());
      }
      if (counters != null) {
        b.numRowsDroppedByWatermark(counters.numRowsDroppedByWatermark())
            .allUpdatesTimeMs(counters.allUpdatesTimeMs())
            .allRemovalsTimeMs(counters.allRemovalsTimeMs());
        counters.customMetrics().forEach((k, v) -> custom.merge(k, v, Long::sum));
      }
      return b.customMetrics(custom).build();
    }
  }
}
