package io.tideline.internal.state;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.errors.TidelineException;
import io.tideline.streaming.StateOperatorProgress;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreRegistryTest {
  private static final StructType SCHEMA = new StructType().add("k", DataTypes.StringType);

  @TempDir Path checkpoint;

  private TidelineConf conf() {
    return new TidelineConf().set(InMemoryStateStoreProvider.FSYNC, "false");
  }

  private static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }

  @Test
  void partitionsCommittedConcurrently_eachKeepsItsStateAndProgressSumsThem() throws Exception {
    int partitions = 8;
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (StateStoreRegistry registry =
        new StateStoreRegistry(checkpoint.resolve("state"), conf())) {
      registry.describeOperator(0, "stateStoreSave", partitions);
      for (long batch = 0; batch < 4; batch++) {
        long version = batch;
        // All tasks start together so providers are created and committed concurrently.
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> tasks = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
          int partition = p;
          tasks.add(
              pool.submit(
                  () -> {
                    start.await();
                    StateStore store = registry.getStore(0, partition, SCHEMA, SCHEMA, version);
                    for (int k = 0; k <= partition; k++) {
                      String key = "p" + partition + "-k" + k;
                      byte[] old = store.get(b(key));
                      long count = old == null ? 0 : Long.parseLong(new String(old, UTF_8));
                      store.put(b(key), b(Long.toString(count + 1)));
                    }
                    registry.operatorMetrics(0, version).addRowsDroppedByWatermark(1);
                    return store.commit();
                  }));
        }
        start.countDown();
        for (Future<?> t : tasks) {
          assertThat(t.get(10, TimeUnit.SECONDS)).isEqualTo(version + 1);
        }
        registry.doMaintenance();
      }
      List<StateOperatorProgress> progress = registry.progress();
      assertThat(progress).hasSize(1);
      StateOperatorProgress op = progress.get(0);
      // Partition p holds p + 1 keys: 1 + 2 + ... + 8.
      assertThat(op.numRowsTotal()).isEqualTo(36);
      assertThat(op.numRowsUpdated()).isEqualTo(36);
      assertThat(op.numStateStoreInstances()).isEqualTo(partitions);
      assertThat(op.numShufflePartitions()).isEqualTo(partitions);
      assertThat(op.numRowsDroppedByWatermark()).isEqualTo(partitions);
      assertThat(op.memoryUsedBytes()).isPositive();
      // Spark's HDFS provider metrics: one load from files per partition, then memory.
      assertThat(op.customMetrics())
          .containsEntry("loadedMapCacheMissCount", 8L)
          .containsEntry("loadedMapCacheHitCount", 24L)
          .containsKey("stateOnCurrentVersionSizeBytes");

      for (int p = 0; p < partitions; p++) {
        StateStore store = registry.getStore(0, p, SCHEMA, SCHEMA, 4);
        assertThat(new String(store.get(b("p" + p + "-k0")), UTF_8)).isEqualTo("4");
        store.abort();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void providersStayLoadedBetweenBatches_noFileIsReadAgain() throws IOException {
    Path stateDir = checkpoint.resolve("state");
    try (StateStoreRegistry registry = new StateStoreRegistry(stateDir, conf())) {
      StateStore s = registry.getStore(3, 0, SCHEMA, SCHEMA, 0);
      s.put(b("a"), b("1"));
      s.commit();
      try (Stream<Path> files = Files.walk(stateDir)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          Files.delete(f);
        }
      }
      StateStore next = registry.getStore(3, 0, SCHEMA, SCHEMA, 1);
      assertThat(next.get(b("a"))).isEqualTo(b("1"));
    }
  }

  @Test
  void storesOfOneOperatorAreSeparatedByName() {
    try (StateStoreRegistry registry =
        new StateStoreRegistry(checkpoint.resolve("state"), conf())) {
      StateStore left = registry.getStore(0, 0, "left-keyToNumValues", SCHEMA, SCHEMA, 0);
      StateStore right = registry.getStore(0, 0, "right-keyToNumValues", SCHEMA, SCHEMA, 0);
      left.put(b("a"), b("1"));
      left.commit();
      right.commit();
      assertThat(registry.getStore(0, 0, "right-keyToNumValues", SCHEMA, SCHEMA, 1).get(b("a")))
          .isNull();
      assertThat(Files.exists(checkpoint.resolve("state/0/0/left-keyToNumValues/1.delta")))
          .isTrue();
    }
  }

  @Test
  void progress_reportsOnlyTheLastBatchesChangesWithOperatorMetrics() {
    try (StateStoreRegistry registry =
        new StateStoreRegistry(checkpoint.resolve("state"), conf())) {
      registry.describeOperator(1, "dedupe", 2);
      StateStore s = registry.getStore(1, 0, SCHEMA, SCHEMA, 0);
      s.put(b("a"), b("1"));
      s.put(b("b"), b("1"));
      s.commit();
      StateStore next = registry.getStore(1, 0, SCHEMA, SCHEMA, 1);
      next.remove(b("a"));
      next.commit();
      OperatorStateMetrics m = registry.operatorMetrics(1, 1);
      m.addCustomMetric("numDroppedDuplicateRows", 5);
      m.addCustomMetric("numDroppedDuplicateRows", 2);
      m.addUpdatesTimeNs(3_000_000);
      registry.operatorMetrics(1, 0).addRowsDroppedByWatermark(100);

      StateOperatorProgress op = registry.progress().get(0);
      assertThat(op.operatorName()).isEqualTo("dedupe");
      assertThat(op.numRowsTotal()).isEqualTo(1);
      assertThat(op.numRowsUpdated()).isZero();
      assertThat(op.numRowsRemoved()).isEqualTo(1);
      assertThat(op.allUpdatesTimeMs()).isEqualTo(3);
      assertThat(op.numRowsDroppedByWatermark()).isZero();
      assertThat(op.customMetrics()).containsEntry("numDroppedDuplicateRows", 7L);
      assertThat(op.numShufflePartitions()).isEqualTo(2);
    }
  }

  @Test
  void backgroundMaintenance_writesSnapshotsOffTheCallingThread() throws Exception {
    Path stateDir = checkpoint.resolve("state");
    TidelineConf conf = conf().set("spark.sql.streaming.stateStore.minDeltasForSnapshot", "1");
    try (StateStoreRegistry registry = new StateStoreRegistry(stateDir, conf)) {
      for (long v = 0; v < 2; v++) {
        StateStore s = registry.getStore(0, 0, SCHEMA, SCHEMA, v);
        s.put(b("k" + v), b("v"));
        s.commit();
      }
      registry.doMaintenance();
      registry.awaitMaintenance();
      assertThat(stateDir.resolve("0/0/2.snapshot")).exists();
    }
  }

  @Test
  void providerClass_sparkAliasSelectsACustomProviderMadeOncePerStore() {
    CountingProvider.made.set(0);
    TidelineConf conf =
        conf()
            .set("spark.sql.streaming.stateStore.providerClass", CountingProvider.class.getName());
    try (StateStoreRegistry registry = new StateStoreRegistry(checkpoint.resolve("state"), conf)) {
      for (long v = 0; v < 3; v++) {
        for (int p = 0; p < 2; p++) {
          StateStore s = registry.getStore(0, p, SCHEMA, SCHEMA, v);
          s.commit();
        }
      }
    }
    assertThat(CountingProvider.made).hasValue(2);
  }

  @Test
  void providerClass_unknownOrWrongClassFailsNamingTheKey() {
    TidelineConf missing =
        conf().set(StateStoreRegistry.PROVIDER_CLASS, "com.example.NoSuchProvider");
    try (StateStoreRegistry registry = new StateStoreRegistry(checkpoint.resolve("a"), missing)) {
      assertThatThrownBy(() -> registry.getStore(0, 0, SCHEMA, SCHEMA, 0))
          .isInstanceOf(TidelineException.class)
          .hasMessageContaining("[STATE_STORE_INVALID_PROVIDER]")
          .hasMessageContaining("com.example.NoSuchProvider")
          .hasMessageContaining(StateStoreRegistry.PROVIDER_CLASS)
          .hasMessageContaining("cannot be loaded");
    }
    TidelineConf wrong = conf().set(StateStoreRegistry.PROVIDER_CLASS, String.class.getName());
    try (StateStoreRegistry registry = new StateStoreRegistry(checkpoint.resolve("b"), wrong)) {
      assertThatThrownBy(() -> registry.getStore(0, 0, SCHEMA, SCHEMA, 0))
          .isInstanceOf(TidelineException.class)
          .hasMessageContaining("does not implement");
    }
  }

  @Test
  void restartWithOtherStateTypes_isRefusedNamingBothSchemas() {
    Path stateDir = checkpoint.resolve("state");
    StructType value = new StructType().add("count", DataTypes.LongType);
    try (StateStoreRegistry registry = new StateStoreRegistry(stateDir, conf())) {
      registry.getStore(0, 0, SCHEMA, value, 0).commit();
    }
    // Renamed fields keep the encoding, so the restart is accepted.
    StructType renamed = new StructType().add("key", DataTypes.StringType);
    try (StateStoreRegistry registry = new StateStoreRegistry(stateDir, conf())) {
      assertThat(registry.getStore(0, 0, renamed, value, 1).version()).isEqualTo(1);
    }
    StructType otherKey = new StructType().add("k", DataTypes.IntegerType);
    try (StateStoreRegistry registry = new StateStoreRegistry(stateDir, conf())) {
      assertThatThrownBy(() -> registry.getStore(0, 0, otherKey, value, 1))
          .isInstanceOf(TidelineException.class)
          .satisfies(
              e -> {
                TidelineException t = (TidelineException) e;
                assertThat(t.getCondition()).isEqualTo("STATE_STORE_KEY_SCHEMA_NOT_COMPATIBLE");
                assertThat(t.parameters())
                    .containsEntry("storedSchema", "k STRING")
                    .containsEntry("newSchema", "k INT");
              })
          .hasMessageContaining("operator 0");
    }
    StructType otherValue = value.add("sum", DataTypes.DoubleType);
    try (StateStoreRegistry registry = new StateStoreRegistry(stateDir, conf())) {
      assertThatThrownBy(() -> registry.getStore(0, 0, SCHEMA, otherValue, 1))
          .isInstanceOf(TidelineException.class)
          .hasMessageContaining("[STATE_STORE_VALUE_SCHEMA_NOT_COMPATIBLE]");
    }
  }

  /** A provider that counts its instances and delegates to the in-memory one. */
  public static final class CountingProvider implements StateStoreProvider {
    static final AtomicInteger made = new AtomicInteger();
    private final InMemoryStateStoreProvider delegate = new InMemoryStateStoreProvider();

    public CountingProvider() {
      made.incrementAndGet();
    }

    @Override
    public void init(
        StateStoreId id, StructType keySchema, StructType valueSchema, TidelineConf conf) {
      delegate.init(id, keySchema, valueSchema, conf);
    }

    @Override
    public StateStore getStore(long version) {
      return delegate.getStore(version);
    }

    @Override
    public void doMaintenance() {
      delegate.doMaintenance();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
