package io.tideline.internal.streaming.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.errors.TidelineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitLogTest {

  @TempDir Path checkpoint;

  @Test
  void add_writesSparksCommitFile() throws IOException {
    CommitLog log = CommitLog.in(checkpoint);

    log.add(2, new CommitMetadata(1_715_810_270_000L));

    assertThat(Files.readString(checkpoint.resolve("commits").resolve("2")))
        .isEqualTo("v1\n{\"nextBatchWatermarkMs\":1715810270000}");
    assertThat(log.get(2)).contains(new CommitMetadata(1_715_810_270_000L));
  }

  @Test
  void add_existingCommit_returnsFalseAndKeepsTheFirst() {
    CommitLog log = CommitLog.in(checkpoint);
    log.add(0, new CommitMetadata(1));

    assertThat(log.add(0, new CommitMetadata(2))).isFalse();
    assertThat(log.get(0)).contains(new CommitMetadata(1));
  }

  @Test
  void get_versionLineOnly_readsWatermarkZero() throws IOException {
    Files.createDirectories(checkpoint.resolve("commits"));
    Files.writeString(checkpoint.resolve("commits").resolve("0"), "v1\n");

    assertThat(CommitLog.in(checkpoint).get(0)).contains(new CommitMetadata(0));
  }

  @Test
  void get_unknownFields_areIgnored() throws IOException {
    Files.createDirectories(checkpoint.resolve("commits"));
    Files.writeString(
        checkpoint.resolve("commits").resolve("0"),
        "v1\n{\"nextBatchWatermarkMs\":7,\"somethingNew\":[1,2]}");

    assertThat(CommitLog.in(checkpoint).get(0)).contains(new CommitMetadata(7));
  }

  @Test
  void get_version2_isRefused() throws IOException {
    Files.createDirectories(checkpoint.resolve("commits"));
    Files.writeString(
        checkpoint.resolve("commits").resolve("0"),
        "v2\n{\"nextBatchWatermarkMs\":7,\"stateUniqueIds\":{}}");

    assertThatThrownBy(() -> CommitLog.in(checkpoint).get(0))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e ->
                assertThat(e.getCondition())
                    .isEqualTo("INVALID_LOG_VERSION.MAX_SUPPORTED_VERSION"));
  }

  @Test
  void get_watermarkNotANumber_isRefusedAsMalformed() throws IOException {
    Files.createDirectories(checkpoint.resolve("commits"));
    Files.writeString(
        checkpoint.resolve("commits").resolve("0"), "v1\n{\"nextBatchWatermarkMs\":\"soon\"}");

    assertThatThrownBy(() -> CommitLog.in(checkpoint).get(0))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> assertThat(e.getCondition()).isEqualTo("MALFORMED_LOG_FILE"));
  }
}
