package io.tideline.internal.state;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.errors.TidelineException;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Model-based test of {@link InMemoryStateStoreProvider}: random sequences of puts, removes,
 * commits, aborts, reloads of old versions, maintenance, crashes and crashes in the middle of a
 * commit (file written, rename not done), checked after every step against a {@code TreeMap} per
 * committed version.
 */
class StateStoreModelTest {
  private static final StructType SCHEMA = new StructType().add("k", DataTypes.StringType);
  private static final int RETAIN = 3;

  @Property(tries = 150)
  void provider_matchesTreeMapModel(
      @ForAll @Size(max = 80) List<@IntRange(max = 99) Integer> actions) throws IOException {
    Path root = Files.createTempDirectory("state-model");
    try {
      new Run(root).execute(actions);
    } finally {
      try (Stream<Path> files = Files.walk(root)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static final class Run {
    private final StateStoreId id;
    private final TidelineConf conf =
        new TidelineConf()
            .set(InMemoryStateStoreProvider.MIN_DELTAS_FOR_SNAPSHOT, "1")
            .set(InMemoryStateStoreProvider.MIN_BATCHES_TO_RETAIN, Integer.toString(RETAIN))
            .set(InMemoryStateStoreProvider.FSYNC, "false");
    private final TreeMap<Long, TreeMap<String, String>> versions = new TreeMap<>();
    private final List<String> log = new ArrayList<>();
    private InMemoryStateStoreProvider provider;
    private StateStore store;
    private TreeMap<String, String> working;

    Run(Path root) {
      id = new StateStoreId(root.resolve("state"), 0, 1, StateStoreId.DEFAULT_STORE_NAME);
      versions.put(0L, new TreeMap<>());
      provider = newProvider();
    }

    private InMemoryStateStoreProvider newProvider() {
      InMemoryStateStoreProvider p = new InMemoryStateStoreProvider();
      p.init(id, SCHEMA, SCHEMA, conf);
      return p;
    }

    void execute(List<Integer> actions) {
      for (int step = 0; step < actions.size(); step++) {
        int code = actions.get(step);
        int param = code / 10;
        switch (code % 10) {
          case 0, 1, 2 -> put("k" + param, "v" + step);
          case 3, 4 -> remove("k" + param);
          case 5 -> commit();
          case 6 -> abort();
          case 7 -> open(param);
          case 8 -> maintenance();
          default -> {
            if (param % 2 == 1) {
              crashDuringCommit();
            }
            crash();
          }
        }
        check();
      }
    }

    private void ensureOpen() {
      if (store == null) {
        open(0);
      }
    }

    private long latest() {
      return versions.lastKey();
    }

    /** Opens a version still retained: {@code choice} counts back from the latest. */
    private void open(int choice) {
      if (store != null) {
        store.abort();
      }
      long oldest = Math.max(0, latest() - RETAIN);
      long version = Math.max(oldest, latest() - choice % (RETAIN + 1));
      log.add("open " + version);
      store = provider.getStore(version);
      working = new TreeMap<>(versions.get(version));
    }

    private void put(String key, String value) {
      ensureOpen();
      log.add("put " + key + "=" + value);
      store.put(key.getBytes(UTF_8), value.getBytes(UTF_8));
      working.put(key, value);
    }

    private void remove(String key) {
      ensureOpen();
      log.add("remove " + key);
      store.remove(key.getBytes(UTF_8));
      working.remove(key);
    }

    private void commit() {
      ensureOpen();
      log.add("commit " + (store.version() + 1));
      long committed = store.commit();
      assertThat(committed).isEqualTo(store.version() + 1);
      // A commit below the latest version supersedes the later ones (a re-run batch).
      versions.tailMap(committed, true).clear();
      versions.put(committed, working);
      store = null;
      working = null;
    }

    private void abort() {
      if (store != null) {
        log.add("abort");
        store.abort();
        store = null;
        working = null;
      }
    }

    private void maintenance() {
      log.add("maintenance");
      provider.doMaintenance();
    }

    /** The commit's file is written but never renamed into place, as if the process died. */
    private void crashDuringCommit() {
      ensureOpen();
      log.add("commit " + (store.version() + 1) + " crashing before rename");
      provider.publishHook =
          (temp, target) -> {
            throw new IOException("simulated crash");
          };
      assertThatThrownBy(store::commit).isInstanceOf(TidelineException.class);
      provider.publishHook = StateFiles.PublishHook.NONE;
    }

    private void crash() {
      log.add("crash");
      store = null;
      working = null;
      provider = newProvider();
      open(0);
    }

    private void check() {
      String context = String.join("; ", log);
      if (store != null) {
        Map<String, String> actual = new TreeMap<>();
        Iterator<StateStore.Entry> it = store.iterator();
        while (it.hasNext()) {
          StateStore.Entry e = it.next();
          String previous = actual.put(new String(e.key(), UTF_8), new String(e.value(), UTF_8));
          assertThat(previous).as("duplicate key from iterator after %s", context).isNull();
        }
        assertThat(actual).as("iterator after %s", context).isEqualTo(working);
        for (int k = 0; k < 10; k++) {
          byte[] value = store.get(("k" + k).getBytes(UTF_8));
          assertThat(value == null ? null : new String(value, UTF_8))
              .as("get k%d after %s", k, context)
              .isEqualTo(working.get("k" + k));
        }
        assertThat(store.metrics().numKeys())
            .as("numKeys after %s", context)
            .isEqualTo(working.size());
      }
    }
  }
}
