package io.tideline.internal.streaming.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.errors.TidelineException;
import io.tideline.internal.streaming.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkCommitterTest {

  @TempDir Path sink;

  private final ManualClock clock = new ManualClock(System.currentTimeMillis());

  private FileSinkCommitter committer() {
    return new FileSinkCommitter(
        sink, FileStreamSinkLog.open(sink, new TidelineConf(), clock, null));
  }

  private static Path write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  @Test
  void addBatch_recordsTheFilesInTheManifest() throws IOException {
    FileSinkCommitter committer = committer();
    Path a = write(committer.newTaskFile("", 0, ".c000.json"), "{\"x\":1}\n");
    Path b = write(committer.newTaskFile("p=1", 1, ".c000.json"), "{\"x\":2}\n");

    assertThat(committer.addBatch(0, List.of(a, b))).isTrue();

    assertThat(a.getFileName().toString()).matches("part-00000-[0-9a-f-]{36}\\.c000\\.json");
    assertThat(b.getParent().getFileName().toString()).isEqualTo("p=1");
    assertThat(SinkFileIndex.hasMetadata(sink)).isTrue();
    SinkFileIndex index = SinkFileIndex.of(committer.log());
    assertThat(index.files()).containsExactly(a, b);
    assertThat(index.statuses().get(0))
        .isEqualTo(
            new SinkFileStatus(
                a.toUri().toString(),
                8,
                false,
                Files.getLastModifiedTime(a).toMillis(),
                1,
                33554432,
                "add"));
  }

  @Test
  void addBatch_twice_isANoOp() throws IOException {
    FileSinkCommitter committer = committer();
    Path first = write(committer.newTaskFile("", 0, ".json"), "1");
    assertThat(committer.addBatch(0, List.of(first))).isTrue();

    // A replay of batch 0 after a crash that followed its commit.
    assertThat(committer.isCommitted(0)).isTrue();
    Path replayed = write(committer.newTaskFile("", 0, ".json"), "1");
    assertThat(committer.addBatch(0, List.of(replayed))).isFalse();

    assertThat(SinkFileIndex.of(committer.log()).files()).containsExactly(first);
    assertThat(committer.log().batchIds()).containsExactly(0L);
  }

  @Test
  void fileIndex_ignoresStrayFilesOfACrashedAttempt() throws IOException {
    FileSinkCommitter committer = committer();
    Path committed = write(committer.newTaskFile("", 0, ".json"), "a");
    committer.addBatch(0, List.of(committed));
    // Batch 1's attempt wrote a file and crashed before addBatch.
    Path stray = write(committer.newTaskFile("", 0, ".json"), "b");

    FileSinkCommitter restarted = committer();
    assertThat(restarted.isCommitted(1)).isFalse();
    assertThat(SinkFileIndex.of(restarted.log()).files()).containsExactly(committed);

    Path retried = write(restarted.newTaskFile("", 0, ".json"), "b");
    assertThat(restarted.addBatch(1, List.of(retried))).isTrue();
    assertThat(SinkFileIndex.of(restarted.log()).files()).containsExactly(committed, retried);
    assertThat(stray).exists();

    // A file stream source reading the sink folder lists the manifest, not the folder.
    assertThat(SinkFileIndex.of(restarted.log()).asSourceFiles())
        .extracting(SourceFile::path)
        .containsExactly(committed.toUri().toString(), retried.toUri().toString());
  }

  @Test
  void abort_deletesTheAttemptsFiles() throws IOException {
    FileSinkCommitter committer = committer();
    Path file = write(committer.newTaskFile("", 3, ".json"), "x");
    committer.abort(List.of(file, committer.newTaskFile("", 4, ".json")));
    assertThat(file).doesNotExist();
  }

  @Test
  void addBatch_missingTaskFile_failsWithoutCommitting() {
    FileSinkCommitter committer = committer();
    Path missing = committer.newTaskFile("", 0, ".json");
    assertThatThrownBy(() -> committer.addBatch(0, List.of(missing)))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("FILE_SINK_COMMIT_FAILED");
              assertThat(e.parameters()).containsEntry("batchId", "0");
            });
    assertThat(committer.isCommitted(0)).isFalse();
  }

  @Test
  void isCommitted_batchesUpToTheLatestInTheManifest() throws IOException {
    FileSinkCommitter committer = committer();
    committer.addBatch(0, List.of());
    committer.addBatch(1, List.of(write(committer.newTaskFile("", 0, ".json"), "x")));
    assertThat(committer.isCommitted(0)).isTrue();
    assertThat(committer.isCommitted(1)).isTrue();
    assertThat(committer.isCommitted(2)).isFalse();
    assertThat(committer.addBatch(0, List.of())).isFalse();
  }
}
