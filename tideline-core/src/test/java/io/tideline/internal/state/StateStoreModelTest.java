package io.tideline.internal.state;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.types.StructType;
import java.io.IOException;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** {@link InMemoryStateStoreProvider} against the model-based {@link StateStoreModelContract}. */
class StateStoreModelTest extends StateStoreModelContract {

  @Property(tries = 150)
  void provider_matchesTreeMapModel(
      @ForAll @Size(max = 80) List<@IntRange(max = 99) Integer> actions) throws IOException {
    runModel(actions);
  }

  @Override
  protected StateStoreProvider newProvider(
      StateStoreId id, StructType keySchema, StructType valueSchema, TidelineConf conf) {
    InMemoryStateStoreProvider p = new InMemoryStateStoreProvider();
    p.init(id, keySchema, valueSchema, conf);
    return p;
  }

  @Override
  protected void crashBeforePublish(StateStoreProvider provider, boolean crash) {
    ((InMemoryStateStoreProvider) provider).publishHook =
        crash
            ? (temp, target) -> {
              throw new IOException("simulated crash");
            }
            : StateFiles.PublishHook.NONE;
  }
}
