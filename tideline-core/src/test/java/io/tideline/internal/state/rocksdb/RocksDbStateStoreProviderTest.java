package io.tideline.internal.state.rocksdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.errors.TidelineException;
import io.tideline.internal.state.InMemoryStateStoreProvider;
import io.tideline.internal.state.StateStore;
import io.tideline.internal.state.StateStoreErrors;
import io.tideline.internal.state.StateStoreId;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksDbStateStoreProviderTest {
  private static final StructType SCHEMA = new StructType().add("k", DataTypes.StringType);

  @TempDir Path checkpoint;

  private TidelineConf conf =
      new TidelineConf()
          .set(InMemoryStateStoreProvider.MIN_DELTAS_FOR_SNAPSHOT, "2")
          .set(InMemoryStateStoreProvider.MIN_BATCHES_TO_RETAIN, "3")
          .set(InMemoryStateStoreProvider.FSYNC, "false");

  private final List<RocksDbStateStoreProvider> opened = new java.util.ArrayList<>();

  @AfterEach
  void closeProviders() {
    opened.forEach(RocksDbStateStoreProvider::close);
  }

  private StateStoreId id() {
    return new StateStoreId(checkpoint.resolve("state"), 0, 1, StateStoreId.DEFAULT_STORE_NAME);
  }

  private RocksDbStateStoreProvider provider() {
    RocksDbStateStoreProvider p = new RocksDbStateStoreProvider();
    p.init(id(), SCHEMA, SCHEMA, conf);
    opened.add(p);
    return p;
  }

  private static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }

  private static TreeMap<String, String> contents(StateStore store) {
    TreeMap<String, String> out = new TreeMap<>();
    Iterator<StateStore.Entry> it = store.iterator();
    while (it.hasNext()) {
      StateStore.Entry e = it.next();
      out.put(new String(e.key(), UTF_8), new String(e.value(), UTF_8));
    }
    return out;
  }

  /** Commits {@code count} versions on the latest; version v puts k{v}=v{v}, then maintenance. */
  private static void commitVersions(RocksDbStateStoreProvider p, int count) {
    for (int i = 0; i < count; i++) {
      StateStore s = p.getStore(Math.max(0, p.loadedVersion()));
      long v = s.version() + 1;
      s.put(b("k" + v), b("v" + v));
      s.commit();
      p.doMaintenance();
    }
  }

  private List<String> files() throws IOException {
    try (Stream<Path> s = Files.list(id().dir())) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void commit_writesChangelogOfTheChangedKeys_andAFreshProviderLoadsIt() throws IOException {
    RocksDbStateStoreProvider p = provider();
    StateStore s0 = p.getStore(0);
    s0.put(b("a"), b("1"));
    s0.put(b("b"), b("2"));
    assertThat(s0.commit()).isEqualTo(1);
    StateStore s1 = p.getStore(1);
    s1.remove(b("a"));
    s1.put(b("c"), b("3"));
    s1.remove(b("never-there"));
    s1.commit();

    assertThat(files()).containsExactly("1.changelog", "2.changelog");
    RocksDbStateStoreProvider restarted = provider();
    StateStore at2 = restarted.getStore(2);
    assertThat(contents(at2)).containsExactly(Map.entry("b", "2"), Map.entry("c", "3"));
    assertThat(at2.metrics().numKeys()).isEqualTo(2);
    at2.abort();
    assertThat(contents(restarted.getStore(1))).containsOnlyKeys("a", "b");
  }

  @Test
  void store_readsItsOwnChanges_iteratorMergesThemInKeyOrder_andAbortDiscardsThem() {
    RocksDbStateStoreProvider p = provider();
    StateStore s0 = p.getStore(0);
    s0.put(b("a"), b("1"));
    s0.put(b("c"), b("3"));
    s0.commit();

    StateStore s = p.getStore(1);
    s.put(b("b"), b("2"));
    s.put(b("c"), b("33"));
    s.remove(b("a"));
    assertThat(s.get(b("a"))).isNull();
    assertThat(new String(s.get(b("c")), UTF_8)).isEqualTo("33");
    assertThat(contents(s)).containsExactly(Map.entry("b", "2"), Map.entry("c", "33"));
    assertThat(s.metrics().numKeys()).isEqualTo(2);
    s.abort();

    StateStore again = p.getStore(1);
    assertThat(contents(again)).containsExactly(Map.entry("a", "1"), Map.entry("c", "3"));
    assertThat(again.metrics().numKeys()).isEqualTo(2);
  }

  @Test
  void iterator_allowsEvictingAndUpdatingWhileIterating() {
    RocksDbStateStoreProvider p = provider();
    StateStore s0 = p.getStore(0);
    for (int i = 0; i < 100; i++) {
      s0.put(b(String.format("k%03d", i)), b("v" + i));
    }
    s0.commit();
    StateStore s = p.getStore(1);
    s.put(b("new"), b("n"));
    Iterator<StateStore.Entry> it = s.iterator();
    int seen = 0;
    while (it.hasNext()) {
      StateStore.Entry e = it.next();
      seen++;
      int i = e.key()[0] == 'k' ? Integer.parseInt(new String(e.key(), UTF_8).substring(1)) : -1;
      if (i % 2 == 0) {
        s.remove(e.key());
      } else {
        s.put(e.key(), b("updated"));
      }
    }
    assertThat(seen).isEqualTo(101);
    assertThat(s.metrics().numKeys()).isEqualTo(51);
    s.commit();
    TreeMap<String, String> after = contents(p.getStore(2));
    assertThat(after).hasSize(51).containsEntry("k001", "updated").containsEntry("new", "updated");
    assertThat(after).doesNotContainKey("k000");
  }

  @Test
  void maintenance_writesZipSnapshots_andRecoveryUsesTheSnapshotPlusLaterChangelogs()
      throws IOException {
    RocksDbStateStoreProvider p = provider();
    commitVersions(p, 4);
    assertThat(files()).contains("3.zip", "4.changelog");
    // Without the changelogs up to 3, only the snapshot can rebuild version 4.
    for (int v = 1; v <= 3; v++) {
      Files.delete(id().dir().resolve(v + ".changelog"));
    }
    RocksDbStateStoreProvider restarted = provider();
    StateStore s = restarted.getStore(4);
    assertThat(contents(s)).containsOnlyKeys("k1", "k2", "k3", "k4");
    assertThat(s.metrics().numKeys()).isEqualTo(4);
  }

  @Test
  void maintenance_deletesFilesOlderThanTheRetainedVersions() throws IOException {
    RocksDbStateStoreProvider p = provider();
    commitVersions(p, 12);
    List<String> files = files();
    // Version 12 - 3 = 9 needs the snapshot at 9 or below and the changelogs after it.
    assertThat(files).doesNotContain("1.changelog", "3.zip");
    assertThat(files).contains("12.changelog");
    RocksDbStateStoreProvider restarted = provider();
    assertThat(contents(restarted.getStore(9))).hasSize(9);
  }

  @Test
  void recommitOfAnExistingVersion_replacesIt_andDropsLaterVersionsAndSnapshots()
      throws IOException {
    RocksDbStateStoreProvider p = provider();
    commitVersions(p, 4);
    assertThat(files()).contains("3.zip", "4.changelog");
    StateStore rerun = p.getStore(2);
    rerun.put(b("rerun"), b("x"));
    assertThat(rerun.commit()).isEqualTo(3);
    assertThat(files()).doesNotContain("3.zip", "4.changelog");

    RocksDbStateStoreProvider restarted = provider();
    StateStore s = restarted.getStore(3);
    assertThat(contents(s)).containsOnlyKeys("k1", "k2", "rerun");
    assertThat(s.metrics().numKeys()).isEqualTo(3);
  }

  @Test
  void crashesBeforePublishingAChangelogOrASnapshot_leaveTheCommittedVersionsLoadable()
      throws IOException {
    RocksDbStateStoreProvider p = provider();
    commitVersions(p, 1);
    StateStore lost = p.getStore(1);
    lost.put(b("lost"), b("x"));
    lost.remove(b("k1"));
    p.publishHook = RocksDbStateStoreProviderTest::crash;
    assertThatThrownBy(lost::commit).isInstanceOf(TidelineException.class);
    lost.abort();
    p.publishHook = io.tideline.internal.state.StateFiles.PublishHook.NONE;
    commitVersions(p, 1);
    StateStore s3 = p.getStore(2);
    s3.put(b("k3"), b("v3"));
    s3.commit();
    p.publishHook = RocksDbStateStoreProviderTest::crash;
    p.doMaintenance();
    try (Stream<Path> all = Files.list(id().dir())) {
      assertThat(all.map(f -> f.getFileName().toString()))
          .noneMatch(name -> name.endsWith(".zip") || name.endsWith(".tmp"));
    }
    RocksDbStateStoreProvider restarted = provider();
    StateStore at3 = restarted.getStore(3);
    assertThat(contents(at3)).containsOnlyKeys("k1", "k2", "k3");
    assertThat(at3.metrics().numKeys()).isEqualTo(3);
  }

  private static void crash(Path temp, Path target) throws IOException {
    throw new IOException("simulated crash before rename of " + target.getFileName());
  }

  @Test
  void missingChangelog_failsNamingTheStoreTheVersionAndTheFile() throws IOException {
    RocksDbStateStoreProvider p = provider();
    commitVersions(p, 2);
    Files.delete(id().dir().resolve("1.changelog"));
    RocksDbStateStoreProvider restarted = provider();
    assertThatThrownBy(() -> restarted.getStore(2))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> {
              assertThat(e.condition())
                  .isEqualTo(
                      StateStoreErrors.Condition.CANNOT_LOAD_STATE_STORE_DELTA_FILE_NOT_EXISTS);
              assertThat(e.getMessage())
                  .contains("version 2", "operator 0, partition 1", "1.changelog");
            });
  }

  @Test
  void corruptSnapshot_failsNamingTheStoreTheVersionAndTheFile() throws IOException {
    RocksDbStateStoreProvider p = provider();
    commitVersions(p, 3);
    Path zip = id().dir().resolve("3.zip");
    byte[] bytes = Files.readAllBytes(zip);
    Files.write(zip, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    RocksDbStateStoreProvider restarted = provider();
    assertThatThrownBy(() -> restarted.getStore(3))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> {
              assertThat(e.condition())
                  .isEqualTo(StateStoreErrors.Condition.CANNOT_LOAD_STATE_STORE_CORRUPT_FILE);
              assertThat(e.getMessage()).contains("version 3", "operator 0, partition 1", "3.zip");
            });
    // The failed load leaves the provider usable for versions the snapshot is not needed for.
    assertThat(contents(restarted.getStore(2))).containsOnlyKeys("k1", "k2");
  }

  @Test
  void corruptChangelog_failsAsCorrupt() throws IOException {
    RocksDbStateStoreProvider p = provider();
    commitVersions(p, 1);
    Path log = id().dir().resolve("1.changelog");
    byte[] bytes = Files.readAllBytes(log);
    bytes[bytes.length - 6] ^= 0x5a;
    Files.write(log, bytes);
    assertThatThrownBy(() -> provider().getStore(1))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> {
              assertThat(e.condition())
                  .isEqualTo(StateStoreErrors.Condition.CANNOT_LOAD_STATE_STORE_CORRUPT_FILE);
              assertThat(e.getMessage()).contains("version 1", "1.changelog");
            });
  }

  @Test
  void staleStore_isRefusedAfterTheProviderMoved() {
    RocksDbStateStoreProvider p = provider();
    commitVersions(p, 2);
    StateStore stale = p.getStore(2);
    Iterator<StateStore.Entry> it = stale.iterator();
    p.getStore(1);
    assertThatThrownBy(() -> stale.get(b("k1")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Bug in Tideline");
    assertThatThrownBy(it::next).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void close_deletesTheWorkingFolderAndReleasesTheSharedCache() {
    conf =
        conf.set(RocksDbConf.BOUNDED_MEMORY_USAGE, "true")
            .set(RocksDbConf.MAX_MEMORY_USAGE_MB, "7");
    int before = RocksDbMemory.sharedCaches();
    RocksDbStateStoreProvider p = provider();
    commitVersions(p, 1);
    Path work = p.workRoot();
    assertThat(work).isDirectory();
    assertThat(RocksDbMemory.sharedCaches()).isEqualTo(before + 1);
    p.close();
    assertThat(work).doesNotExist();
    assertThat(RocksDbMemory.sharedCaches()).isEqualTo(before);
  }

  @Test
  void invalidMemorySettings_areRefusedNamingTheKey() {
    conf =
        conf.set(RocksDbConf.BOUNDED_MEMORY_USAGE, "true")
            .set(RocksDbConf.WRITE_BUFFER_CACHE_RATIO, "0.95");
    assertThatThrownBy(this::provider)
        .isInstanceOf(TidelineException.class)
        .hasMessageContaining(RocksDbConf.WRITE_BUFFER_CACHE_RATIO);
  }
}
