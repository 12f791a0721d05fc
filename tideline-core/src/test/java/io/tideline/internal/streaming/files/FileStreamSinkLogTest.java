package io.tideline.internal.streaming.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.streaming.ManualClock;
import io.tideline.internal.streaming.files.CompactibleFileStreamLog.Cleanup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStreamSinkLogTest {

  @TempDir Path sink;

  private final ManualClock clock = new ManualClock(2_000_000_000_000L);

  private static String sparkLine(String path, long size, long mtime, String action) {
    return "{\"path\":\""
        + path
        + "\",\"size\":"
        + size
        + ",\"isDir\":false,\"modificationTime\":"
        + mtime
        + ",\"blockReplication\":1,\"blockSize\":33554432,\"action\":\""
        + action
        + "\"}";
  }

  @Test
  void write_usesSparksLayoutAndFieldOrder() throws IOException {
    FileStreamSinkLog log = FileStreamSinkLog.open(sink, new TidelineConf(), clock, null);
    log.add(0, List.of(SinkFileStatus.added("file:///out/part-00000-x.json", 12, 1700000000000L)));

    assertThat(sink.resolve("_spark_metadata").resolve("0"))
        .hasContent("v1\n" + sparkLine("file:///out/part-00000-x.json", 12, 1700000000000L, "add"));
  }

  @Test
  void read_sparkWrittenManifest_listsTheAddedFiles() throws IOException {
    Path metadata = Files.createDirectories(sink.resolve("_spark_metadata"));
    Files.writeString(
        metadata.resolve("0"),
        "v1\n"
            + sparkLine("file:/out/part-00000-a.c000.json", 10, 1600000000000L, "add")
            + "\n"
            + sparkLine("file:/out/part-00001-b.c000.json", 20, 1600000000001L, "add"));
    Files.writeString(metadata.resolve("1"), "v1");

    FileStreamSinkLog log = FileStreamSinkLog.open(sink, new TidelineConf(), clock, null);
    SinkFileIndex index = SinkFileIndex.of(log);
    assertThat(index.files())
        .containsExactly(
            Path.of("/out/part-00000-a.c000.json"), Path.of("/out/part-00001-b.c000.json"));
    assertThat(index.statuses().get(1).size()).isEqualTo(20);
  }

  @Test
  void read_sparkWrittenCompactManifest_readsAcrossTheCompaction() throws IOException {
    Path metadata = Files.createDirectories(sink.resolve("_spark_metadata"));
    StringBuilder compact = new StringBuilder("v1");
    for (int id = 0; id <= 9; id++) {
      compact.append('\n').append(sparkLine("file:/out/part-" + id + ".parquet", id, id, "add"));
    }
    Files.writeString(metadata.resolve("9.compact"), compact);
    Files.writeString(
        metadata.resolve("10"), "v1\n" + sparkLine("file:/out/part-10.parquet", 10, 10, "add"));

    FileStreamSinkLog log = FileStreamSinkLog.open(sink, new TidelineConf(), clock, null);
    FileSinkCommitter committer = new FileSinkCommitter(sink, log);
    assertThat(committer.isCommitted(10)).isTrue();
    assertThat(SinkFileIndex.of(log).files())
        .hasSize(11)
        .startsWith(Path.of("/out/part-0.parquet"))
        .endsWith(Path.of("/out/part-10.parquet"));
  }

  @Test
  void compaction_dropsDeletedPaths() {
    FileStreamSinkLog log =
        new FileStreamSinkLog(
            sink.resolve("_spark_metadata"), 3, new Cleanup(false, 0), clock, Long.MAX_VALUE);
    log.add(
        0,
        List.of(
            SinkFileStatus.added("file:///out/a", 1, 1),
            SinkFileStatus.added("file:///out/b", 1, 1)));
    log.add(
        1,
        List.of(
            new SinkFileStatus(
                "file:///out/a", 1, false, 1, 1, 33554432, SinkFileStatus.DELETE_ACTION)));
    assertThat(log.allFiles()).extracting(SinkFileStatus::path).containsExactly("file:///out/b");

    log.add(2, List.of(SinkFileStatus.added("file:///out/c", 1, 1)));
    assertThat(log.get(2))
        .get()
        .asList()
        .extracting(s -> ((SinkFileStatus) s).path())
        .containsExactly("file:///out/b", "file:///out/c");
  }

  @Test
  void retention_dropsEntriesOfFilesOlderThanTheRetention() {
    FileStreamSinkLog log = FileStreamSinkLog.open(sink, new TidelineConf(), clock, "1h");
    long now = clock.nowMs();
    log.add(
        0,
        List.of(
            SinkFileStatus.added("file:///out/old", 1, now - 3_600_001),
            SinkFileStatus.added("file:///out/edge", 1, now - 3_600_000)));
    assertThat(log.allFiles()).extracting(SinkFileStatus::path).containsExactly("file:///out/edge");

    clock.advance(1);
    assertThat(log.allFiles()).isEmpty();
  }

  @Test
  void open_confKeys_setTheCompactInterval() {
    TidelineConf conf = new TidelineConf().set(FileStreamSinkLog.COMPACT_INTERVAL_KEY, "2");
    FileStreamSinkLog log = FileStreamSinkLog.open(sink, conf, clock, null);
    log.add(0, List.of());
    log.add(1, List.of(SinkFileStatus.added("file:///out/a", 1, 1)));
    assertThat(sink.resolve("_spark_metadata").resolve("1.compact")).exists();
  }
}
