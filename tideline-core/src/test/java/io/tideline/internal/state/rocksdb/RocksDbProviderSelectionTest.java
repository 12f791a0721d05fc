package io.tideline.internal.state.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.state.InMemoryStateStoreProvider;
import io.tideline.internal.state.StateStore;
import io.tideline.internal.state.StateStoreRegistry;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The names that select the RocksDB provider through the registry's provider setting. */
class RocksDbProviderSelectionTest {
  private static final StructType SCHEMA = new StructType().add("k", DataTypes.StringType);

  @TempDir Path state;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "rocksdb",
        "RocksDB",
        "io.tideline.internal.state.rocksdb.RocksDbStateStoreProvider",
        "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider"
      })
  void providerClass_namesSelectTheRocksDbProvider(String name) {
    TidelineConf conf =
        new TidelineConf()
            .set(StateStoreRegistry.PROVIDER_CLASS, name)
            .set(InMemoryStateStoreProvider.FSYNC, "false");
    try (StateStoreRegistry registry = new StateStoreRegistry(state, conf)) {
      StateStore store = registry.getStore(0, 0, SCHEMA, SCHEMA, 0);
      assertThat(store.toString()).startsWith("RocksDbStateStore[");
      store.put(new byte[] {1}, new byte[] {2});
      assertThat(store.commit()).isEqualTo(1);
      assertThat(state.resolve("0/0/1.changelog")).exists();
    }
  }
}
