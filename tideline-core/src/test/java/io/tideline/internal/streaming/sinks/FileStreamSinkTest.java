package io.tideline.internal.streaming.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.connector.Sink;
import io.tideline.connector.SinkProvider;
import io.tideline.internal.errors.TidelineException;
import io.tideline.internal.streaming.sink.SinkProviders;
import io.tideline.streaming.OutputMode;
import io.tideline.streaming.Trigger;
import io.tideline.types.StructType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStreamSinkTest {
  private static final StructType SCHEMA = StructType.fromDDL("word STRING, n BIGINT");
  private static Tideline t;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    t =
        Tideline.builder()
            .appName("file-stream-sink-test")
            .config("tideline.shuffle.partitions", "2")
            .getOrCreate();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private static DataFrame rows(Row... rows) {
    return t.createDataFrame(List.of(rows), SCHEMA);
  }

  private Sink sink(String format, Path out, List<String> partitionBy) {
    return SinkProviders.forFormat(format)
        .createSink(SinkContexts.files(t, SCHEMA, out, partitionBy, Map.of()));
  }

  /** The data files under {@code root}, hidden folders ({@code _spark_metadata}) excluded. */
  private static List<Path> dataFiles(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile)
          .filter(f -> !root.relativize(f).toString().startsWith("_"))
          .filter(f -> !f.getFileName().toString().startsWith("."))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void json_roundTripThroughTheBatchReader() {
    Path out = dir.resolve("json");
    Sink sink = sink("json", out, List.of());
    sink.addBatch(0, rows(Row.of("a", 1L), Row.of("b", 2L)));
    sink.addBatch(1, rows(Row.of("c", 3L)));

    assertThat(t.read().schema(SCHEMA).json(out.toString()).collectAsList())
        .containsExactlyInAnyOrder(Row.of("a", 1L), Row.of("b", 2L), Row.of("c", 3L));
    assertThat(sink.lastBatchOutputRows()).isEqualTo(1);
    assertThat(sink.description()).isEqualTo("FileSink[" + out.toAbsolutePath() + "]");
    assertThat(out.resolve("_spark_metadata").resolve("0")).exists();
    assertThat(out.resolve("_spark_metadata").resolve("1")).exists();
  }

  @Test
  void createSink_makesTheManifestFolderBeforeAnyBatch_soStreamReadersNeverListPartFiles()
      throws IOException {
    Path out = dir.resolve("fresh");
    sink("parquet", out, List.of());
    // A part file of a batch in flight: a stream reader that listed the folder would read it.
    Files.writeString(out.resolve("part-00000-in-flight.parquet"), "not yet a parquet file");

    assertThat(out.resolve("_spark_metadata")).isDirectory();
    assertThat(
            t.readStream()
                .schema(SCHEMA)
                .parquet(out.toString())
                .writeStream()
                .format("memory")
                .queryName("fresh_sink_reader")
                .trigger(Trigger.AvailableNow())
                .start())
        .satisfies(
            q -> {
              q.awaitTermination();
              assertThat(q.exception()).isEmpty();
            });
    assertThat(t.table("fresh_sink_reader").collectAsList()).isEmpty();
  }

  @Test
  void parquet_roundTripWithSparksFileNames() {
    Path out = dir.resolve("parquet");
    sink("parquet", out, List.of()).addBatch(0, rows(Row.of("a", 1L), Row.of("b", null)));

    assertThat(t.read().parquet(out.toString()).collectAsList())
        .containsExactlyInAnyOrder(Row.of("a", 1L), Row.of("b", null));
    assertThat(dataFiles(out))
        .isNotEmpty()
        .allSatisfy(
            f ->
                assertThat(f.getFileName().toString())
                    .matches("part-\\d{5}-[0-9a-f-]{36}-c000(\\.[a-z0-9]+)?\\.parquet"));
  }

  @Test
  void csvAndText_areWrittenToo() {
    Path csv = dir.resolve("csv");
    sink("csv", csv, List.of()).addBatch(0, rows(Row.of("a", 1L)));
    assertThat(t.read().schema(SCHEMA).csv(csv.toString()).collectAsList())
        .containsExactly(Row.of("a", 1L));

    Path text = dir.resolve("text");
    StructType lines = StructType.fromDDL("value STRING");
    SinkProviders.forFormat("text")
        .createSink(SinkContexts.files(t, lines, text, List.of(), Map.of()))
        .addBatch(0, t.createDataFrame(List.of(Row.of("hello"), Row.of("world")), lines));
    assertThat(t.read().text(text.toString()).collectAsList())
        .containsExactlyInAnyOrder(Row.of("hello"), Row.of("world"));
  }

  @Test
  void partitionBy_writesHiveStyleFoldersWithoutThePartitionColumn() throws IOException {
    Path out = dir.resolve("partitioned");
    sink("json", out, List.of("WORD"))
        .addBatch(
            0,
            rows(
                Row.of("a", 1L),
                Row.of("a/b:c", 2L),
                Row.of("a", 3L),
                Row.of(null, 4L),
                Row.of("", 5L)));

    assertThat(dataFiles(out))
        .extracting(f -> out.relativize(f.getParent()).toString())
        .containsExactlyInAnyOrder("word=a", "word=a%2Fb%3Ac", "word=__HIVE_DEFAULT_PARTITION__");
    StructType valueOnly = StructType.fromDDL("n BIGINT");
    assertThat(t.read().schema(valueOnly).json(out.resolve("word=a").toString()).collectAsList())
        .containsExactlyInAnyOrder(Row.of(1L), Row.of(3L));
    assertThat(
            t.read()
                .schema(valueOnly)
                .json(out.resolve("word=__HIVE_DEFAULT_PARTITION__").toString())
                .collectAsList())
        .containsExactlyInAnyOrder(Row.of(4L), Row.of(5L));
    assertThat(Files.readString(dataFiles(out).get(0))).doesNotContain("word");
    // Readers of the sink folder get every committed file, with the partition column back.
    DataFrame back = t.read().schema(valueOnly).json(out.toString());
    assertThat(back.columns()).containsExactly("n", "word");
    assertThat(back.collectAsList())
        .containsExactlyInAnyOrder(
            Row.of(1L, "a"),
            Row.of(2L, "a/b:c"),
            Row.of(3L, "a"),
            Row.of(4L, null),
            Row.of(5L, null));
  }

  @Test
  void partitionBy_numericColumn_foldersUseItsStringForm_andReadBackAsInferredInt() {
    Path out = dir.resolve("by-number");
    sink("parquet", out, List.of("n"))
        .addBatch(0, rows(Row.of("a", 1L), Row.of("b", 2L), Row.of("c", 1L)));

    assertThat(dataFiles(out))
        .extracting(f -> out.relativize(f.getParent()).toString())
        .containsOnly("n=1", "n=2");
    // Spark infers the folder values' type on read: "1" is an INT, whatever was written.
    assertThat(t.read().parquet(out.toString()).collectAsList())
        .containsExactlyInAnyOrder(Row.of("a", 1), Row.of("b", 2), Row.of("c", 1));
  }

  @Test
  void partitionBy_unknownOrAllColumns_isRefused() {
    assertThatThrownBy(() -> sink("json", dir.resolve("x"), List.of("nope")))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> {
              assertThat(e.condition()).isEqualTo(SinkErrors.Condition.PARTITION_COLUMN_NOT_FOUND);
              assertThat(e.parameters()).containsEntry("column", "nope");
            });
    assertThatThrownBy(() -> sink("json", dir.resolve("x"), List.of("word", "n")))
        .hasMessageContaining("Cannot use all columns for partition columns");
  }

  @Test
  void addBatch_sameBatchIdTwice_writesItsFilesOnce() {
    Path out = dir.resolve("once");
    Sink sink = sink("json", out, List.of());
    sink.addBatch(0, rows(Row.of("a", 1L)));
    List<Path> afterFirst = dataFiles(out);

    sink.addBatch(0, rows(Row.of("a", 1L)));
    Sink restarted = sink("json", out, List.of());
    restarted.addBatch(0, rows(Row.of("a", 1L)));

    assertThat(dataFiles(out)).isEqualTo(afterFirst);
    assertThat(restarted.lastBatchOutputRows()).isZero();
    assertThat(t.read().schema(SCHEMA).json(out.toString()).collectAsList())
        .containsExactly(Row.of("a", 1L));
  }

  @Test
  void addBatch_emptyBatch_writesNoDataFileButLogsTheBatch() throws IOException {
    Path out = dir.resolve("empty");
    Sink sink = sink("parquet", out, List.of());
    sink.addBatch(0, rows());

    assertThat(dataFiles(out)).isEmpty();
    assertThat(Files.readString(out.resolve("_spark_metadata").resolve("0")).strip())
        .isEqualTo("v1");
    assertThat(sink.lastBatchOutputRows()).isZero();
  }

  @Test
  void addBatch_failingBatch_deletesItsFilesAndCommitsNothing() throws IOException {
    Path out = dir.resolve("failing");
    // A plain file where the second partition folder must go: the task has written word=a's
    // file when creating word=b fails.
    Files.createDirectories(out);
    Files.writeString(out.resolve("word=b"), "in the way");
    Sink sink = sink("json", out, List.of("word"));

    assertThatThrownBy(() -> sink.addBatch(0, rows(Row.of("a", 1L), Row.of("b", 2L))))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> {
              assertThat(e.condition()).isEqualTo(SinkErrors.Condition.FILE_SINK_WRITE_FAILED);
              assertThat(e.parameters()).containsEntry("batchId", "0");
            });

    assertThat(dataFiles(out)).containsExactly(out.resolve("word=b"));
    assertThat(out.resolve("_spark_metadata").resolve("0")).doesNotExist();
    Files.delete(out.resolve("word=b"));
    sink.addBatch(0, rows(Row.of("retried", 1L)));
    assertThat(t.read().schema(SCHEMA).json(out.toString()).collectAsList())
        .containsExactly(Row.of(1L, "retried"));
  }

  @Test
  void fileSinks_acceptAppendOnly_completeRefusedWithSparksMessage() {
    for (String format : List.of("json", "parquet", "csv", "text")) {
      SinkProvider provider = SinkProviders.forFormat(format);
      assertThat(provider).isInstanceOf(FileStreamSinkProvider.class);
      assertThat(provider.supportedOutputModes()).containsExactly(OutputMode.Append());
    }
    TidelineException e =
        SinkErrors.unsupportedOutputMode(
            "json", OutputMode.Complete(), SinkProviders.forFormat("json").supportedOutputModes());
    assertThat(e.getCondition()).isEqualTo("STREAMING_OUTPUT_MODE.UNSUPPORTED_DATASOURCE");
    assertThat(e.getMessage()).contains("Data source json does not support Complete output mode.");
  }

  @Test
  void createSink_withoutPath_isRefused() {
    assertThatThrownBy(
            () ->
                SinkProviders.forFormat("json")
                    .createSink(SinkContexts.withOptions(t, SCHEMA, Map.of())))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> assertThat(e.condition()).isEqualTo(SinkErrors.Condition.FILE_SINK_PATH_REQUIRED));
  }

  @Test
  void manyBatches_compactTheLogAndStillReadEveryFile() {
    Path out = dir.resolve("compacted");
    Sink sink = sink("json", out, List.of());
    List<Row> expected = new ArrayList<>();
    for (long id = 0; id < 12; id++) {
      Row row = Row.of("w" + id, id);
      expected.add(row);
      sink.addBatch(id, rows(row));
    }

    assertThat(out.resolve("_spark_metadata").resolve("9.compact")).exists();
    assertThat(t.read().schema(SCHEMA).json(out.toString()).collectAsList())
        .containsExactlyInAnyOrderElementsOf(expected);
    // A sink opened on the compacted log still knows every committed batch.
    Sink restarted = sink("json", out, List.of());
    restarted.addBatch(5, rows(Row.of("dup", 5L)));
    assertThat(t.read().schema(SCHEMA).json(out.toString()).count()).isEqualTo(12);
  }

  @Test
  void read_ignoresStrayFilesOfCrashedAttempts_unlessThePathIsAGlob() throws IOException {
    Path out = dir.resolve("stray");
    Sink sink = sink("json", out, List.of());
    sink.addBatch(0, rows(Row.of("a", 1L)));
    sink.addBatch(1, rows(Row.of("b", 2L)));
    Files.writeString(
        out.resolve("part-00000-00000000-0000-0000-0000-000000000000-c000.json"),
        "{\"word\":\"stray\",\"n\":9}\n");

    assertThat(t.read().schema(SCHEMA).json(out.toString()).collectAsList())
        .containsExactlyInAnyOrder(Row.of("a", 1L), Row.of("b", 2L));
    // Spark ignores the manifest for a glob path: every matching file is read.
    assertThat(t.read().schema(SCHEMA).json(out.resolve("*.json").toString()).collectAsList())
        .containsExactlyInAnyOrder(Row.of("a", 1L), Row.of("b", 2L), Row.of("stray", 9L));
  }

  @Test
  void read_sparkWrittenManifest_readsExactlyTheListedFiles() throws IOException {
    Path out = Files.createDirectories(dir.resolve("spark-output"));
    Path first = out.resolve("part-00000-6f1d3b4e-2c4a-4d2e-9a51-0c3b0f6a1e11-c000.json");
    Path second = out.resolve("part-00001-6f1d3b4e-2c4a-4d2e-9a51-0c3b0f6a1e11-c000.json");
    Path uncommitted = out.resolve("part-00000-aaaaaaaa-2c4a-4d2e-9a51-0c3b0f6a1e11-c000.json");
    Files.writeString(first, "{\"word\":\"a\",\"n\":1}\n");
    Files.writeString(second, "{\"word\":\"b\",\"n\":2}\n");
    Files.writeString(uncommitted, "{\"word\":\"lost\",\"n\":0}\n");
    Path metadata = Files.createDirectories(out.resolve("_spark_metadata"));
    // Hadoop writes file:/ URIs with a single slash; Spark's field order.
    Files.writeString(metadata.resolve("0"), "v1\n" + sparkEntry(first));
    Files.writeString(metadata.resolve("1"), "v1\n" + sparkEntry(second));
    Files.writeString(metadata.resolve("2"), "v1");

    assertThat(t.read().schema(SCHEMA).json(out.toString()).collectAsList())
        .containsExactlyInAnyOrder(Row.of("a", 1L), Row.of("b", 2L));
    // Appending to a Spark-written sink folder continues after Spark's last batch.
    Sink sink = sink("json", out, List.of());
    sink.addBatch(2, rows(Row.of("skipped", 2L)));
    sink.addBatch(3, rows(Row.of("c", 3L)));
    assertThat(t.read().schema(SCHEMA).json(out.toString()).collectAsList())
        .containsExactlyInAnyOrder(Row.of("a", 1L), Row.of("b", 2L), Row.of("c", 3L));
  }

  private static String sparkEntry(Path file) throws IOException {
    return "{\"path\":\"file:"
        + file.toAbsolutePath()
        + "\",\"size\":"
        + Files.size(file)
        + ",\"isDir\":false,\"modificationTime\":1700000000000,\"blockReplication\":1,"
        + "\"blockSize\":33554432,\"action\":\"add\"}";
  }
}
