package io.tideline.internal.streaming.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.errors.TidelineException;
import io.tideline.internal.streaming.ManualClock;
import io.tideline.internal.streaming.checkpoint.CheckpointErrors;
import io.tideline.internal.streaming.files.CompactibleFileStreamLog.Cleanup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStreamSourceLogTest {

  @TempDir Path dir;

  private final ManualClock clock = new ManualClock(1_000_000);

  private FileStreamSourceLog log(int interval, boolean deletion, long delayMs) {
    return log(interval, deletion, delayMs, 1);
  }

  private FileStreamSourceLog log(int interval, boolean deletion, long delayMs, int retain) {
    return new FileStreamSourceLog(dir, interval, new Cleanup(deletion, delayMs, retain), clock);
  }

  private static List<FileEntry> batch(long batchId) {
    return List.of(
        new FileEntry("file:///in/" + batchId + "-a.json", 100 + batchId, batchId),
        new FileEntry("file:///in/" + batchId + "-b.json", 100 + batchId, batchId));
  }

  private List<String> fileNames() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void add_batches0To25WithInterval10_compactsAt9And19AndReadsAcrossThem() throws IOException {
    FileStreamSourceLog log = log(10, false, 0);
    List<FileEntry> expected = new ArrayList<>();
    for (long id = 0; id <= 25; id++) {
      assertThat(log.add(id, batch(id))).isTrue();
      expected.addAll(batch(id));
    }

    assertThat(fileNames()).contains("9.compact", "19.compact", "25").doesNotContain("9", "19");
    assertThat(log.batchIds()).hasSize(26).startsWith(0L, 1L).endsWith(25L);
    assertThat(log.getLatestBatchId()).isEqualTo(OptionalLong.of(25));
    assertThat(log.allFiles()).containsExactlyElementsOf(expected);
    // A compaction file holds every batch up to it, each record keeping its own batch id.
    assertThat(log.get(19)).get().asList().hasSize(40);
    assertThat(log.get(9, 10)).containsExactly(Map.entry(9L, batch(9)), Map.entry(10L, batch(10)));
  }

  @Test
  void allFiles_afterCompaction_readsOnlyTheCompactFileAndLaterBatches() throws IOException {
    FileStreamSourceLog log = log(10, false, 0);
    for (long id = 0; id <= 12; id++) {
      log.add(id, batch(id));
    }
    // Batches before the compaction are not read any more: removing them changes nothing.
    for (long id = 0; id < 9; id++) {
      Files.delete(dir.resolve(Long.toString(id)));
    }
    assertThat(log.allFiles()).hasSize(26);
  }

  @Test
  void allFiles_compactFileMissing_failsNamingTheFile() throws IOException {
    FileStreamSourceLog log = log(10, false, 0);
    for (long id = 0; id <= 11; id++) {
      log.add(id, batch(id));
    }
    Files.delete(dir.resolve("9.compact"));
    assertThatThrownBy(log::allFiles)
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("MISSING_COMPACTED_LOG_BATCH");
              assertThat(e.parameters()).containsEntry("file", "9.compact");
            });
  }

  @Test
  void add_compactionWithAMissingEarlierBatch_failsAndWritesNoCompactFile() throws IOException {
    FileStreamSourceLog log = log(5, false, 0);
    for (long id = 0; id <= 3; id++) {
      log.add(id, batch(id));
    }
    byte[] batch2 = Files.readAllBytes(dir.resolve("2"));
    Files.delete(dir.resolve("2"));
    assertThatThrownBy(() -> log.add(4, batch(4)))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> assertThat(e.getCondition()).isEqualTo("MISSING_COMPACTED_LOG_BATCH"));
    assertThat(fileNames()).doesNotContain("4.compact");

    // The failed compaction changed nothing: once the input is back, the rerun compacts.
    Files.write(dir.resolve("2"), batch2);
    assertThat(log.add(4, batch(4))).isTrue();
    assertThat(log.get(4)).get().asList().hasSize(10);
  }

  @Test
  void add_existingBatch_isRefusedAndKeepsTheFirstEntry() {
    FileStreamSourceLog log = log(10, false, 0);
    assertThat(log.add(0, batch(0))).isTrue();
    assertThat(log.add(0, batch(7))).isFalse();
    assertThat(log.get(0)).contains(batch(0));
  }

  @Test
  void add_afterCleanupDelay_deletesBatchesBeforeThePreviousCompaction() throws IOException {
    FileStreamSourceLog log = log(10, true, 60_000);
    for (long id = 0; id <= 18; id++) {
      log.add(id, batch(id));
    }
    ageAllFiles(clock.nowMs() - 60_000);
    log.add(19, batch(19));

    assertThat(fileNames())
        .doesNotContain("0", "8")
        .contains("9.compact", "10", "18", "19.compact");
    assertThat(log.allFiles()).hasSize(40);
  }

  @Test
  void add_beforeCleanupDelay_keepsOldBatches() throws IOException {
    FileStreamSourceLog log = log(10, true, 60_000);
    for (long id = 0; id <= 18; id++) {
      log.add(id, batch(id));
    }
    ageAllFiles(clock.nowMs() - 59_999);
    log.add(19, batch(19));
    assertThat(fileNames()).contains("0", "8");

    // Once the clock passes the delay, the next add cleans up.
    clock.advance(1);
    log.add(20, batch(20));
    assertThat(fileNames()).doesNotContain("0", "8", "9.compact").contains("19.compact", "20");
  }

  @Test
  void add_deletionOff_keepsEveryFile() throws IOException {
    FileStreamSourceLog log = log(10, false, 0);
    for (long id = 0; id <= 25; id++) {
      log.add(id, batch(id));
    }
    assertThat(fileNames()).hasSize(26).contains("0", "8", "9.compact");
  }

  @Test
  void open_changedInterval_keepsTheIntervalOfExistingCompactions() throws IOException {
    FileStreamSourceLog first = log(5, false, 0);
    for (long id = 0; id <= 6; id++) {
      first.add(id, batch(id));
    }
    assertThat(fileNames()).contains("4.compact");

    // 4.compact does not fit interval 10: the largest divisor of 5 not above 10 is used instead.
    FileStreamSourceLog reopened = log(10, false, 0);
    assertThat(reopened.compactInterval()).isEqualTo(5);
    reopened.add(7, batch(7));
    reopened.add(8, batch(8));
    reopened.add(9, batch(9));
    assertThat(fileNames()).contains("9.compact");
    assertThat(reopened.allFiles()).hasSize(20);

    // With two compaction files, their distance is the interval, whatever the setting.
    assertThat(log(3, false, 0).compactInterval()).isEqualTo(5);
  }

  @Test
  void open_oneCompactionFile_derivesTheIntervalAsSpark() throws IOException {
    Files.writeString(dir.resolve("11.compact"), "v1");
    // Spark's example: the smallest divisor of 12 not below the setting.
    assertThat(log(5, false, 0).compactInterval()).isEqualTo(6);
    assertThat(log(4, false, 0).compactInterval()).isEqualTo(4);
    // No divisor of 12 lies between the setting and 12 / 2: 12 itself.
    assertThat(log(7, false, 0).compactInterval()).isEqualTo(12);
    assertThat(log(20, false, 0).compactInterval()).isEqualTo(12);
  }

  @Test
  void add_minBatchesToRetain_keepsTheCompactionCoveringTheRetainedBatches() throws IOException {
    FileStreamSourceLog log =
        new FileStreamSourceLog(
            dir, 10, new Cleanup(true, 0, 12), new ManualClock(Long.MAX_VALUE / 2));
    for (long id = 0; id <= 25; id++) {
      log.add(id, batch(id));
    }
    // Batches 14..25 stay readable: 9.compact and everything after it are kept.
    assertThat(fileNames())
        .doesNotContain("0", "8")
        .contains("9.compact", "10", "18", "19.compact");
    assertThat(log.get(14, 25)).hasSize(12);
  }

  @Test
  void get_batchWhoseFileWasCleanedUp_isAnsweredFromTheLatestCompaction() throws IOException {
    FileStreamSourceLog log =
        new FileStreamSourceLog(
            dir, 10, new Cleanup(true, 0, 1), new ManualClock(Long.MAX_VALUE / 2));
    for (long id = 0; id <= 21; id++) {
      log.add(id, batch(id));
    }
    assertThat(fileNames()).doesNotContain("3", "9.compact");
    assertThat(log.get(3, 3)).containsExactly(Map.entry(3L, batch(3)));
  }

  @Test
  void add_retryOfACompactionWhoseInputsWereCleanedUp_isRefusedNotFailed() {
    FileStreamSourceLog log =
        new FileStreamSourceLog(
            dir, 10, new Cleanup(true, 0, 1), new ManualClock(Long.MAX_VALUE / 2));
    for (long id = 0; id <= 21; id++) {
      log.add(id, batch(id));
    }
    assertThat(log.add(19, batch(19))).isFalse();
    assertThat(log.allFiles()).hasSize(44);
  }

  @Test
  void open_confKeys_setIntervalDeletionDelayAndRetention() throws IOException {
    TidelineConf conf =
        new TidelineConf()
            .set(FileStreamSourceLog.COMPACT_INTERVAL_KEY, "3")
            .set(FileStreamSourceLog.CLEANUP_DELAY_KEY, "1m")
            .set(FileStreamSourceLog.MIN_BATCHES_TO_RETAIN_KEY, "1");
    FileStreamSourceLog log = FileStreamSourceLog.open(dir, conf, clock);
    assertThat(log.compactInterval()).isEqualTo(3);
    for (long id = 0; id <= 5; id++) {
      log.add(id, batch(id));
    }
    ageAllFiles(clock.nowMs() - 60_000);
    log.add(6, batch(6));
    // minBatchId 6 → compaction 5 covers it; everything before 5 is older than one minute.
    assertThat(fileNames()).containsExactly("5.compact", "6");

    assertThat(FileStreamSourceLog.open(dir, new TidelineConf(), clock).compactInterval())
        .isEqualTo(6);
    TidelineConf noDeletion =
        new TidelineConf()
            .set(FileStreamSourceLog.DELETION_KEY, "false")
            .set(FileStreamSourceLog.MIN_BATCHES_TO_RETAIN_KEY, "1");
    FileStreamSourceLog kept =
        FileStreamSourceLog.open(dir, noDeletion, new ManualClock(Long.MAX_VALUE / 2));
    kept.add(7, batch(7));
    assertThat(fileNames()).containsExactly("5.compact", "6", "7");
  }

  @Test
  void purge_isRefused() {
    FileStreamSourceLog log = log(10, false, 0);
    log.add(0, batch(0));
    assertThatThrownBy(() -> log.purge(1))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> assertThat(e.getCondition()).isEqualTo("FILE_STREAM_LOG_PURGE_UNSUPPORTED"));
  }

  @Test
  void write_usesSparksLayoutAndFieldOrder() throws IOException {
    FileStreamSourceLog log = log(10, false, 0);
    log.add(0, List.of(new FileEntry("file:///in/a.json", 1700000000000L, 0)));
    log.add(1, List.of());

    assertThat(Files.readString(dir.resolve("0")))
        .isEqualTo(
            "v1\n{\"path\":\"file:///in/a.json\",\"timestamp\":1700000000000,\"batchId\":0}");
    assertThat(log.get(1)).contains(List.of());
  }

  @Test
  void write_compactionFile_holdsEveryRecordOneALine() throws IOException {
    FileStreamSourceLog log = log(2, false, 0);
    log.add(0, List.of(new FileEntry("file:///in/a", 1, 0)));
    log.add(1, List.of(new FileEntry("file:///in/b", 2, 1)));

    assertThat(Files.readString(dir.resolve("1.compact")))
        .isEqualTo(
            "v1\n"
                + "{\"path\":\"file:///in/a\",\"timestamp\":1,\"batchId\":0}\n"
                + "{\"path\":\"file:///in/b\",\"timestamp\":2,\"batchId\":1}");
  }

  @Test
  void read_sparkWrittenLog_readsCompactAndBatchFiles() throws IOException {
    // As Spark writes them: Hadoop's "file:/" URIs, compaction at 9, no trailing newline.
    StringBuilder compact = new StringBuilder("v1");
    for (int id = 0; id <= 9; id++) {
      compact
          .append("\n{\"path\":\"file:/data/in/part-")
          .append(id)
          .append(".json\",\"timestamp\":")
          .append(1600000000000L + id)
          .append(",\"batchId\":")
          .append(id)
          .append('}');
    }
    Files.writeString(dir.resolve("9.compact"), compact, StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve("10"),
        "v1\n{\"path\":\"file:/data/in/part-10.json\",\"timestamp\":1600000000010,\"batchId\":10}",
        StandardCharsets.UTF_8);

    FileStreamSourceLog log = FileStreamSourceLog.open(dir, new TidelineConf(), clock);
    assertThat(log.getLatestBatchId()).isEqualTo(OptionalLong.of(10));
    assertThat(log.allFiles())
        .hasSize(11)
        .startsWith(new FileEntry("file:/data/in/part-0.json", 1600000000000L, 0));
    assertThat(log.get(9, 9).get(9L))
        .containsExactly(new FileEntry("file:/data/in/part-9.json", 1600000000009L, 9));

    // A restored seen-files map treats Java's spelling of the same file as seen.
    SeenFiles seen = new SeenFiles(Long.MAX_VALUE, false);
    log.restore(seen);
    assertThat(seen.isNewFile("file:///data/in/part-3.json", 1600000000003L)).isFalse();
    assertThat(seen.isNewFile("file:///data/in/part-11.json", 1600000000011L)).isTrue();
  }

  @Test
  void read_newerVersion_isRefusedNamingBothVersions() throws IOException {
    Files.writeString(dir.resolve("0"), "v2\n{\"path\":\"x\",\"timestamp\":1,\"batchId\":0}");
    assertThatThrownBy(() -> log(10, false, 0).get(0))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> {
              assertThat(e.condition())
                  .isEqualTo(CheckpointErrors.Condition.INVALID_LOG_VERSION_MAX_SUPPORTED_VERSION);
              assertThat(e.parameters())
                  .containsEntry("version", "2")
                  .containsEntry("maxSupportedVersion", "1");
            });
  }

  @Test
  void read_malformedLine_failsNamingFileAndLine() throws IOException {
    Files.writeString(
        dir.resolve("0"), "v1\n{\"path\":\"x\",\"timestamp\":1,\"batchId\":0}\n{\"path\":\"y\"}");
    assertThatThrownBy(() -> log(10, false, 0).get(0))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> {
              assertThat(e.condition()).isEqualTo(CheckpointErrors.Condition.MALFORMED_LOG_FILE);
              assertThat(e.parameters().get("reason"))
                  .contains("line 3")
                  .contains("'timestamp' is missing");
            });
  }

  @Test
  void batchIds_ignoresTemporaryAndForeignFiles() throws IOException {
    FileStreamSourceLog log = log(10, false, 0);
    log.add(0, batch(0));
    Files.writeString(dir.resolve(".1.1234.tmp"), "v1");
    Files.writeString(dir.resolve("0.crc"), "x");
    Files.writeString(dir.resolve("x.compact"), "x");
    assertThat(log.batchIds()).containsExactly(0L);
  }

  @Test
  void validBatchesUpTo_startsAtTheLatestCompaction() {
    assertThat(CompactibleFileStreamLog.validBatchesUpTo(8, 10)).hasSize(9).startsWith(0L);
    assertThat(CompactibleFileStreamLog.validBatchesUpTo(9, 10)).containsExactly(9L);
    assertThat(CompactibleFileStreamLog.validBatchesUpTo(12, 10))
        .containsExactly(9L, 10L, 11L, 12L);
    assertThat(CompactibleFileStreamLog.validBatchesUpTo(19, 10)).containsExactly(19L);
  }

  private void ageAllFiles(long modifiedMs) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        Files.setLastModifiedTime(file, FileTime.fromMillis(modifiedMs));
      }
    }
  }
}
