package io.tideline.internal.streaming.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.errors.TidelineException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataLogTest {

  @TempDir Path dir;

  /** A one-line text entry; a body of "FAIL" writes half the entry, then fails. */
  private static final class TextFormat implements LogFormat<String> {
    private final int version;

    TextFormat(int version) {
      this.version = version;
    }

    @Override
    public int version() {
      return version;
    }

    @Override
    public void write(String entry, Writer out) throws IOException {
      if (entry.startsWith("FAIL")) {
        out.write("partial content");
        out.flush();
        throw new IOException("disk full (injected)");
      }
      out.write(entry);
    }

    @Override
    public String read(int version, BufferedReader body, Path file) throws IOException {
      return body.readLine();
    }
  }

  private MetadataLog<String> log() {
    return new MetadataLog<>(dir.resolve("log"), new TextFormat(1));
  }

  @Test
  void add_newBatch_writesVersionLineAndRoundTrips() throws IOException {
    MetadataLog<String> log = log();

    assertThat(log.add(0, "first")).isTrue();

    assertThat(Files.readString(log.batchFile(0))).isEqualTo("v1\nfirst");
    assertThat(log.get(0)).contains("first");
  }

  @Test
  void add_existingBatch_returnsFalseAndKeepsTheFirst() {
    MetadataLog<String> log = log();
    log.add(3, "first");

    assertThat(log.add(3, "second")).isFalse();

    assertThat(log.get(3)).contains("first");
  }

  @Test
  void add_writerFailsMidway_leavesNoBatchFileAndNoTemporaryFile() throws IOException {
    MetadataLog<String> log = log();
    log.add(0, "kept");

    assertThatThrownBy(() -> log.add(1, "FAIL"))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("CHECKPOINT_WRITE_FAILED");
              assertThat(e.parameters()).containsEntry("file", log.batchFile(1).toString());
            });

    assertThat(log.get(1)).isEmpty();
    assertThat(log.getLatestBatchId()).hasValue(0);
    try (Stream<Path> files = Files.list(log.dir())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("0");
    }
    assertThat(log.add(1, "retried")).isTrue();
    assertThat(log.get(1)).contains("retried");
  }

  @Test
  void getLatest_ignoresTemporaryAndForeignFiles() throws IOException {
    MetadataLog<String> log = log();
    log.add(0, "zero");
    log.add(1, "one");
    Files.writeString(log.dir().resolve(".2.3f2a.tmp"), "v1\nhalf");
    Files.writeString(log.dir().resolve(".1.crc"), "checksum");
    Files.writeString(log.dir().resolve("9.compact"), "v1\nother");

    assertThat(log.batchIds()).containsExactly(0L, 1L);
    assertThat(log.getLatestBatchId()).hasValue(1);
    assertThat(log.getLatest()).contains(new MetadataLog.Entry<>(1, "one"));
  }

  @Test
  void getLatest_orderIsNumericNotTextual() {
    MetadataLog<String> log = log();
    for (long id = 0; id <= 10; id++) {
      log.add(id, "batch " + id);
    }

    assertThat(log.getLatest()).contains(new MetadataLog.Entry<>(10, "batch 10"));
  }

  @Test
  void get_missingBatchOrMissingFolder_isEmpty() {
    MetadataLog<String> log = log();

    assertThat(log.get(7)).isEmpty();
    assertThat(log.getLatest()).isEmpty();
    assertThat(log.getLatestBatchId()).isEmpty();
  }

  @Test
  void get_newerVersion_isRefusedNamingFileAndVersions() throws IOException {
    MetadataLog<String> log = log();
    Files.createDirectories(log.dir());
    Files.writeString(log.batchFile(4), "v2\nfrom the future");

    assertThatThrownBy(() -> log.get(4))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("INVALID_LOG_VERSION.MAX_SUPPORTED_VERSION");
              assertThat(e.parameters())
                  .containsEntry("file", log.batchFile(4).toString())
                  .containsEntry("version", "2")
                  .containsEntry("maxSupportedVersion", "1");
              assertThat(e.getMessage())
                  .contains(log.batchFile(4).toString())
                  .contains("v2")
                  .contains("v1")
                  .contains("newer version of Tideline");
            });
  }

  @Test
  void get_olderVersionWithinSupport_isRead() throws IOException {
    MetadataLog<String> log = new MetadataLog<>(dir.resolve("log"), new TextFormat(3));
    Files.createDirectories(log.dir());
    Files.writeString(log.batchFile(0), "v2\nolder");

    assertThat(log.get(0)).contains("older");
  }

  @Test
  void get_malformedVersionLine_isRefusedAsMalformed() throws IOException {
    MetadataLog<String> log = log();
    Files.createDirectories(log.dir());
    for (String bad : List.of("", "1", "v", "v-1", "v0", "v1x", "xyz")) {
      Files.writeString(log.batchFile(0), bad + "\nbody");

      assertThatThrownBy(() -> log.get(0))
          .as("version line '%s'", bad)
          .isInstanceOfSatisfying(
              TidelineException.class,
              e -> assertThat(e.getCondition()).isEqualTo("MALFORMED_LOG_FILE"));
      Files.delete(log.batchFile(0));
    }
  }

  @Test
  void purge_removesOnlyEntriesBelowThreshold() {
    MetadataLog<String> log = log();
    for (long id = 0; id < 6; id++) {
      log.add(id, "b" + id);
    }

    log.purge(4);

    assertThat(log.batchIds()).containsExactly(4L, 5L);
    assertThat(log.get(3)).isEmpty();
    assertThat(log.get(4)).contains("b4");
  }

  @Test
  void purgeRetaining_keepsTheLastMinBatchesToRetain() {
    MetadataLog<String> log = log();
    for (long id = 0; id <= 5; id++) {
      log.add(id, "b" + id);
    }

    log.purgeRetaining(5, 5);
    assertThat(log.batchIds()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);

    log.purgeRetaining(5, 2);
    assertThat(log.batchIds()).containsExactly(3L, 4L, 5L);
  }

  @Test
  void purgeRetaining_defaultRetentionIsSparks100() {
    assertThat(MetadataLog.DEFAULT_MIN_BATCHES_TO_RETAIN).isEqualTo(100);
    MetadataLog<String> log = log();
    for (long id = 0; id <= 101; id++) {
      log.add(id, "b" + id);
    }

    log.purgeRetaining(101, MetadataLog.DEFAULT_MIN_BATCHES_TO_RETAIN);

    assertThat(log.batchIds()).hasSize(101).startsWith(1L).endsWith(101L);
  }

  @Test
  void add_twoWritersRaceForOneBatch_exactlyOneWinsAndTheFileIsWhole() throws Exception {
    MetadataLog<String> log = log();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (long batchId = 0; batchId < 30; batchId++) {
        long id = batchId;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (String writer : List.of("writer-a", "writer-b")) {
          results.add(
              pool.submit(
                  () -> {
                    start.await();
                    return log.add(id, writer);
                  }));
        }
        start.countDown();

        int wins = 0;
        for (Future<Boolean> result : results) {
          wins += result.get() ? 1 : 0;
        }
        assertThat(wins).as("winners of batch %d", id).isEqualTo(1);
        assertThat(log.get(id)).hasValueSatisfying(v -> assertThat(v).startsWith("writer-"));
      }
    } finally {
      pool.shutdownNow();
    }
    try (Stream<Path> files = Files.list(log.dir())) {
      assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
    }
  }

  @Test
  void add_writesUtf8() throws IOException {
    MetadataLog<String> log = log();
    log.add(0, "caf\u00e9");

    assertThat(Files.readAllBytes(log.batchFile(0)))
        .isEqualTo("v1\ncaf\u00e9".getBytes(StandardCharsets.UTF_8));
  }
}
