package io.tideline.internal.state.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.state.InMemoryStateStoreProvider;
import io.tideline.internal.state.StateStore;
import io.tideline.internal.state.StateStoreId;
import io.tideline.internal.state.StateStoreMetrics;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State far larger than a small shared memory budget: the stores keep working, the key count stays
 * exact, and the reported native memory stays near the budget instead of growing with the state.
 */
class RocksDbBoundedMemoryTest {
  private static final StructType SCHEMA = new StructType().add("k", DataTypes.LongType);
  private static final long BUDGET_MB = 4;
  private static final int BATCHES = 12;
  private static final int KEYS_PER_BATCH = 5_000;

  @TempDir Path checkpoint;

  @Test
  void manyKeysUnderASmallBudget_countsStayExact_andReportedMemoryStaysNearTheBudget() {
    TidelineConf conf =
        new TidelineConf()
            .set(InMemoryStateStoreProvider.FSYNC, "false")
            .set(RocksDbConf.BOUNDED_MEMORY_USAGE, "true")
            .set(RocksDbConf.MAX_MEMORY_USAGE_MB, Long.toString(BUDGET_MB))
            .set(RocksDbConf.WRITE_BUFFER_SIZE_MB, "1");
    RocksDbStateStoreProvider[] providers = new RocksDbStateStoreProvider[2];
    for (int p = 0; p < providers.length; p++) {
      providers[p] = new RocksDbStateStoreProvider();
      providers[p].init(
          new StateStoreId(checkpoint, 0, p, StateStoreId.DEFAULT_STORE_NAME),
          SCHEMA,
          SCHEMA,
          conf);
    }
    byte[] value = new byte[200];
    long totalMemory = 0;
    try {
      for (int batch = 0; batch < BATCHES; batch++) {
        totalMemory = 0;
        for (RocksDbStateStoreProvider provider : providers) {
          StateStore store = provider.getStore(batch);
          for (int i = 0; i < KEYS_PER_BATCH; i++) {
            long key = (long) batch * KEYS_PER_BATCH + i;
            store.put(ByteBuffer.allocate(8).putLong(key).array(), value);
          }
          // Re-putting keys of the previous batch must not count them twice.
          for (int i = 0; i < 100 && batch > 0; i++) {
            long key = (long) (batch - 1) * KEYS_PER_BATCH + i;
            store.put(ByteBuffer.allocate(8).putLong(key).array(), value);
          }
          store.commit();
          StateStoreMetrics m = store.metrics();
          assertThat(m.numKeys()).isEqualTo((long) (batch + 1) * KEYS_PER_BATCH);
          totalMemory += m.memoryUsedBytes();
        }
      }
    } finally {
      for (RocksDbStateStoreProvider provider : providers) {
        provider.close();
      }
    }
    long stateBytes = (long) providers.length * BATCHES * KEYS_PER_BATCH * (8 + value.length);
    long budget = BUDGET_MB * 1024 * 1024;
    assertThat(stateBytes).isGreaterThan(5 * budget);
    // Not a strict limit: a batch's write lands in a memtable before it can flush.
    assertThat(totalMemory).isPositive().isLessThan(2 * budget);
  }
}
