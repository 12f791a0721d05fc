package io.tideline.internal.state.rocksdb;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.state.StateFiles;
import io.tideline.internal.state.StateStoreId;
import io.tideline.internal.state.StateStoreModelContract;
import io.tideline.internal.state.StateStoreProvider;
import io.tideline.types.StructType;
import java.io.IOException;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * {@link RocksDbStateStoreProvider} against the model-based {@link StateStoreModelContract}: the
 * same random puts, removes, commits, aborts, reloads, snapshots and crashes as the in-memory
 * provider, with fewer tries since every reload reopens a RocksDB.
 */
class RocksDbStateStoreModelTest extends StateStoreModelContract {

  @Property(tries = 40)
  void provider_matchesTreeMapModel(
      @ForAll @Size(max = 80) List<@IntRange(max = 99) Integer> actions) throws IOException {
    runModel(actions);
  }

  @Override
  protected TidelineConf configure(TidelineConf conf) {
    // A small memtable so that snapshots and reloads also go through SST files.
    return conf.set(RocksDbConf.WRITE_BUFFER_SIZE_MB, "1");
  }

  @Override
  protected StateStoreProvider newProvider(
      StateStoreId id, StructType keySchema, StructType valueSchema, TidelineConf conf) {
    RocksDbStateStoreProvider p = new RocksDbStateStoreProvider();
    p.init(id, keySchema, valueSchema, conf);
    return p;
  }

  @Override
  protected void crashBeforePublish(StateStoreProvider provider, boolean crash) {
    ((RocksDbStateStoreProvider) provider).publishHook =
        crash
            ? (temp, target) -> {
              throw new IOException("simulated crash");
            }
            : StateFiles.PublishHook.NONE;
  }
}
