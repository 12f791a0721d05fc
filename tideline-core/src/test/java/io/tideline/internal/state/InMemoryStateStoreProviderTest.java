package io.tideline.internal.state;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.errors.TidelineException;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InMemoryStateStoreProviderTest {
  private static final StructType SCHEMA = new StructType().add("k", DataTypes.StringType);

  @TempDir Path checkpoint;

  private final TidelineConf conf =
      new TidelineConf()
          .set(InMemoryStateStoreProvider.MIN_DELTAS_FOR_SNAPSHOT, "2")
          .set(InMemoryStateStoreProvider.MIN_BATCHES_TO_RETAIN, "3")
          .set(InMemoryStateStoreProvider.FSYNC, "false");

  private StateStoreId id() {
    return new StateStoreId(checkpoint.resolve("state"), 0, 1, StateStoreId.DEFAULT_STORE_NAME);
  }

  private InMemoryStateStoreProvider provider() {
    InMemoryStateStoreProvider p = new InMemoryStateStoreProvider();
    p.init(id(), SCHEMA, SCHEMA, conf);
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

  /**
   * Commits {@code count} versions on top of the latest; version v puts key k{v} and value v{v}.
   */
  private static void commitVersions(InMemoryStateStoreProvider p, int count) {
    for (int i = 0; i < count; i++) {
      StateStore s = p.getStore(p.loadedVersion() < 0 ? 0 : p.loadedVersion());
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
  void commit_writesDeltaOfTheChangedKeysAndAFreshProviderLoadsIt() throws IOException {
    InMemoryStateStoreProvider p = provider();
    StateStore s0 = p.getStore(0);
    s0.put(b("a"), b("1"));
    s0.put(b("b"), b("2"));
    assertThat(s0.commit()).isEqualTo(1);
    StateStore s1 = p.getStore(1);
    s1.remove(b("a"));
    s1.put(b("c"), b("3"));
    s1.remove(b("never-there"));
    s1.commit();

    assertThat(files()).containsExactly("1.delta", "2.delta");
    InMemoryStateStoreProvider restarted = provider();
    assertThat(contents(restarted.getStore(2)))
        .containsExactly(java.util.Map.entry("b", "2"), java.util.Map.entry("c", "3"));
    assertThat(contents(restarted.getStore(1))).containsOnlyKeys("a", "b");
  }

  @Test
  void getStore_olderVersionInMemoryIsServedWithoutReadingFiles() throws IOException {
    InMemoryStateStoreProvider p = provider();
    commitVersions(p, 2);
    for (String f : files()) {
      Files.delete(id().dir().resolve(f));
    }
    // Version 1 is one undo away from the live version 2: no file is needed.
    assertThat(contents(p.getStore(1))).containsOnlyKeys("k1");
  }

  @Test
  void crashDuringCommit_tempFileLeft_previousVersionLoadsAndRecommitWorks() throws IOException {
    InMemoryStateStoreProvider p = provider();
    commitVersions(p, 1);
    p.publishHook =
        (temp, target) -> {
          throw new IOException("simulated crash before rename of " + target.getFileName());
        };
    StateStore s = p.getStore(1);
    s.put(b("lost"), b("x"));
    assertThatThrownBy(s::commit)
        .isInstanceOf(TidelineException.class)
        .satisfies(
            e ->
                assertThat(((TidelineException) e).getCondition())
                    .isEqualTo("CANNOT_WRITE_STATE_STORE.CANNOT_COMMIT"))
        .hasMessageContaining("operator 0, partition 1")
        .hasMessageContaining("2.delta");
    // A killed process would leave its temporary file behind; make one as it would.
    Files.write(id().dir().resolve(".2.delta.0000.tmp"), new byte[] {1, 2, 3});

    InMemoryStateStoreProvider restarted = provider();
    StateStore again = restarted.getStore(1);
    assertThat(contents(again)).containsOnlyKeys("k1");
    again.put(b("rerun"), b("y"));
    again.commit();
    assertThat(contents(provider().getStore(2))).containsOnlyKeys("k1", "rerun");
  }

  @Test
  void recommit_replacesTheVersionAndDropsFilesOfTheSupersededRun() throws IOException {
    InMemoryStateStoreProvider p = provider();
    commitVersions(p, 6);
    assertThat(files()).contains("3.snapshot", "6.snapshot");

    InMemoryStateStoreProvider restarted = provider();
    StateStore rerun = restarted.getStore(4);
    rerun.put(b("other"), b("z"));
    rerun.commit();

    // Version 5 is rewritten; 6 and its snapshot belonged to the run that the re-run replaces.
    assertThat(files()).containsExactly("3.delta", "3.snapshot", "4.delta", "5.delta");
    assertThat(contents(provider().getStore(5))).containsOnlyKeys("k1", "k2", "k3", "k4", "other");
  }

  @Test
  void maintenance_snapshotsAfterMinDeltasAndKeepsOnlyRetainedVersions() throws IOException {
    InMemoryStateStoreProvider p = provider();
    commitVersions(p, 3);
    // Spark's rule: more than minDeltasForSnapshot (2) deltas since the last snapshot.
    assertThat(files()).containsExactly("1.delta", "2.delta", "3.delta", "3.snapshot");
    commitVersions(p, 7);
    // Latest 10, retain 3: version 7 must stay loadable, so its base snapshot 6 stays.
    assertThat(files())
        .containsExactly(
            "10.delta", "6.delta", "6.snapshot", "7.delta", "8.delta", "9.delta", "9.snapshot");
    InMemoryStateStoreProvider restarted = provider();
    assertThat(contents(restarted.getStore(7)))
        .containsOnlyKeys("k1", "k2", "k3", "k4", "k5", "k6", "k7");
    assertThatThrownBy(() -> provider().getStore(5))
        .isInstanceOf(TidelineException.class)
        .satisfies(
            e ->
                assertThat(((TidelineException) e).getCondition())
                    .isEqualTo("CANNOT_LOAD_STATE_STORE.CANNOT_READ_DELTA_FILE_NOT_EXISTS"))
        .hasMessageContaining("version 5")
        .hasMessageContaining("1.delta")
        .hasMessageContaining("new checkpointLocation");
  }

  @Test
  void corruptDelta_failsNamingStoreVersionAndPath() throws IOException {
    InMemoryStateStoreProvider p = provider();
    commitVersions(p, 2);
    Path delta = id().dir().resolve("2.delta");
    byte[] bytes = Files.readAllBytes(delta);
    bytes[bytes.length - 10] ^= 0x5a;
    Files.write(delta, bytes);

    assertThatThrownBy(() -> provider().getStore(2))
        .isInstanceOf(TidelineException.class)
        .satisfies(
            e -> {
              TidelineException t = (TidelineException) e;
              assertThat(t.getCondition())
                  .isEqualTo("CANNOT_LOAD_STATE_STORE.CANNOT_READ_STREAMING_STATE_FILE");
              assertThat(t.parameters()).containsEntry("version", "2");
              assertThat(t.parameters().get("file")).isEqualTo(delta.toString());
            })
        .hasMessageContaining("operator 0, partition 1")
        .hasMessageContaining("Restore the checkpoint");
  }

  @Test
  void truncatedDelta_isReportedAsCorrupt() throws IOException {
    InMemoryStateStoreProvider p = provider();
    commitVersions(p, 1);
    Path delta = id().dir().resolve("1.delta");
    byte[] bytes = Files.readAllBytes(delta);
    Files.write(delta, java.util.Arrays.copyOf(bytes, bytes.length - 3));
    assertThatThrownBy(() -> provider().getStore(1))
        .isInstanceOf(TidelineException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void fileOfANewerFormatVersion_isRefused() throws IOException {
    InMemoryStateStoreProvider p = provider();
    commitVersions(p, 1);
    Path delta = id().dir().resolve("1.delta");
    byte[] bytes = Files.readAllBytes(delta);
    ByteBuffer.wrap(bytes).putInt(4, 7);
    Files.write(delta, bytes);
    assertThatThrownBy(() -> provider().getStore(1))
        .isInstanceOf(TidelineException.class)
        .satisfies(
            e ->
                assertThat(((TidelineException) e).parameters())
                    .containsEntry("found", "7")
                    .containsEntry("maxSupported", "1"))
        .hasMessageContaining("newer Tideline");
  }

  @Test
  void metrics_countKeysChangesAndMemory() {
    InMemoryStateStoreProvider p = provider();
    StateStore s = p.getStore(0);
    for (int i = 0; i < 100; i++) {
      s.put(b("k" + i), b("value-" + i));
    }
    s.put(b("k0"), b("again"));
    s.remove(b("k1"));
    s.remove(b("absent"));
    StateStoreMetrics before = s.metrics();
    assertThat(before.numKeys()).isEqualTo(99);
    assertThat(before.numUpdated()).isEqualTo(101);
    assertThat(before.numRemoved()).isEqualTo(1);
    s.commit();
    StateStoreMetrics after = s.metrics();
    assertThat(after.numKeys()).isEqualTo(99);
    // 99 live entries of two small arrays each, plus slots: well above 99 * 2 * 16 bytes.
    assertThat(after.memoryUsedBytes()).isGreaterThan(99L * 2 * 16).isLessThan(99L * 200);
  }

  @Test
  void storeUsedAfterItsProviderMovedOn_failsAsABug() {
    InMemoryStateStoreProvider p = provider();
    StateStore reader = p.getStore(0);
    StateStore writer = p.getStore(0);
    writer.put(b("a"), b("1"));
    writer.commit();
    assertThatThrownBy(() -> reader.get(b("a")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Bug in Tideline");
    assertThatThrownBy(() -> writer.put(b("b"), b("2"))).hasMessageContaining("after commit()");
  }

  @Test
  void iterator_allowsRemovingWhileIteratingAsWatermarkEvictionDoes() {
    InMemoryStateStoreProvider p = provider();
    StateStore s0 = p.getStore(0);
    for (int i = 0; i < 50; i++) {
      s0.put(b("old" + i), b(Integer.toString(i)));
    }
    s0.commit();
    StateStore s1 = p.getStore(1);
    for (int i = 0; i < 50; i++) {
      s1.put(b("new" + i), b(Integer.toString(i)));
    }
    List<String> seen = new ArrayList<>();
    Iterator<StateStore.Entry> it = s1.iterator();
    while (it.hasNext()) {
      StateStore.Entry e = it.next();
      seen.add(new String(e.key(), UTF_8));
      if (Integer.parseInt(new String(e.value(), UTF_8)) % 2 == 0) {
        s1.remove(e.key());
      }
    }
    assertThat(seen).hasSize(100).doesNotHaveDuplicates();
    assertThat(contents(s1))
        .hasSize(50)
        .allSatisfy((k, v) -> assertThat(Integer.parseInt(v) % 2).isOne());
    assertThat(s1.metrics().numKeys()).isEqualTo(50);
    s1.commit();
    assertThat(contents(provider().getStore(2))).hasSize(50);
  }

  @Test
  void iterator_mergesVersionAndChangesWithoutDuplicates() {
    InMemoryStateStoreProvider p = provider();
    StateStore s0 = p.getStore(0);
    s0.put(b("a"), b("1"));
    s0.put(b("b"), b("2"));
    s0.commit();
    StateStore s1 = p.getStore(1);
    s1.put(b("a"), b("10"));
    s1.remove(b("b"));
    s1.put(b("c"), b("3"));
    List<String> keys = new ArrayList<>();
    s1.iterator().forEachRemaining(e -> keys.add(new String(e.key(), UTF_8)));
    assertThat(keys).containsExactlyInAnyOrder("a", "c");
    assertThat(contents(s1)).containsEntry("a", "10");
  }
}
