package io.tideline.internal.streaming.sources.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.connector.Offset;
import io.tideline.connector.ReadLimit;
import io.tideline.connector.Source;
import io.tideline.connector.SourceContext;
import io.tideline.connector.SourceProvider;
import io.tideline.internal.api.RowConversions;
import io.tideline.internal.errors.TidelineException;
import io.tideline.internal.exec.QueryExecution;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.plan.FileRelation;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.internal.plan.StreamingRelation;
import io.tideline.internal.streaming.ManualClock;
import io.tideline.internal.streaming.files.FileStreamSinkLog;
import io.tideline.internal.streaming.files.FileStreamSourceLog;
import io.tideline.internal.streaming.files.FileStreamSourceOffset;
import io.tideline.internal.streaming.files.SinkFileStatus;
import io.tideline.internal.streaming.source.SourceProviders;
import io.tideline.internal.vector.Batch;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file stream source driven through the source SPI, as the micro-batch loop drives it. */
class FileStreamSourceTest {

  private static final long T0 = 1_700_000_000_000L;
  private static final long HOUR = 3_600_000L;
  private static final StructType PEOPLE = StructType.fromDDL("id BIGINT, name STRING");

  private static Tideline t;

  @TempDir Path dir;
  private Path in;
  private Path metadata;
  private final ManualClock clock = new ManualClock(T0);

  @BeforeAll
  static void start() {
    t =
        Tideline.builder()
            .appName("file-source-test")
            .config("tideline.default.parallelism", "2")
            .getOrCreate();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  @BeforeEach
  void folders() throws IOException {
    in = Files.createDirectories(dir.resolve("in"));
    metadata = dir.resolve("checkpoint/sources/0");
  }

  /** Writes a file atomically (a hidden temporary file renamed), as stream inputs must be. */
  private Path write(String name, String content, long modifiedMs) throws IOException {
    Path target = in.resolve(name);
    Files.createDirectories(target.getParent());
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    Files.setLastModifiedTime(tmp, FileTime.fromMillis(modifiedMs));
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    return target;
  }

  private static String people(long... ids) {
    StringBuilder sb = new StringBuilder();
    for (long id : ids) {
      sb.append("{\"id\":").append(id).append(",\"name\":\"p").append(id).append("\"}\n");
    }
    return sb.toString();
  }

  private Source source(String format, Map<String, String> options, StructType userSchema) {
    Map<String, String> all = new HashMap<>(options);
    all.putIfAbsent("path", in.toString());
    SourceProvider provider = SourceProviders.forFormat(format);
    Optional<StructType> user = Optional.ofNullable(userSchema);
    StructType schema = provider.sourceSchema(t, all, user);
    return provider.createSource(new SourceContext(t, all, user, schema, metadata, clock));
  }

  private Source json(Map<String, String> options) {
    return source("json", options, PEOPLE);
  }

  private static List<Attribute> output(StructType schema) {
    List<Attribute> out = new ArrayList<>();
    for (StructField f : schema.fields()) {
      out.add(new Attribute(f.name(), f.dataType(), f.nullable()));
    }
    return out;
  }

  private static List<Row> read(Source source, Optional<Offset> start, Offset end) {
    LogicalPlan plan = source.getBatch(start, end, output(source.schema()));
    List<Batch> batches = new QueryExecution(plan, t.conf(), t.pool()).collect();
    return RowConversions.toRows(batches, source.schema());
  }

  private static List<Long> ids(List<Row> rows) {
    List<Long> ids = new ArrayList<>();
    for (Row r : rows) {
      ids.add(r.getLong(0));
    }
    ids.sort(null);
    return ids;
  }

  /** Drives one batch as the loop does and returns its end offset. */
  private static Offset nextBatch(Source source, Optional<Offset> start, List<Long> expectedIds) {
    Offset end = source.latestOffset(start, source.defaultReadLimit()).orElseThrow();
    assertThat(ids(read(source, start, end))).containsExactlyElementsOf(expectedIds);
    source.commit(end);
    return end;
  }

  private static long logOffset(Offset offset) {
    return ((FileStreamSourceOffset) offset).logOffset();
  }

  @Test
  void readStream_buildsASpecThatMakesTheSourceWhenTheQueryStarts() throws IOException {
    write("a.json", people(1), T0);
    LogicalPlan plan =
        t.readStream()
            .format("JSON")
            .schema(PEOPLE)
            .option("maxFilesPerTrigger", 1)
            .load(in.toString())
            .logicalPlan();
    StreamingRelation relation = (StreamingRelation) plan;
    assertThat(relation.source().identity()).isEqualTo("json {path=" + in + "}");
    Source src = relation.source().createSource(t, metadata, clock);
    Offset end = src.latestOffset(Optional.empty(), src.defaultReadLimit()).orElseThrow();
    LogicalPlan batch = src.getBatch(Optional.empty(), end, relation.output());
    List<Batch> rows = new QueryExecution(batch, t.conf(), t.pool()).collect();
    assertThat(RowConversions.toRows(rows, PEOPLE)).containsExactly(Row.of(1L, "p1"));
  }

  @Test
  void latestOffset_emptyFolder_hasNoOffset() {
    Source src = json(Map.of());
    assertThat(src.latestOffset(Optional.empty(), ReadLimit.allAvailable())).isEmpty();
    assertThat(src.description()).isEqualTo("FileStreamSource[file:" + in + "]");
  }

  @Test
  void newFiles_arePickedUpOnce_andFilesAddedWhileRunningGoToTheNextBatch() throws IOException {
    write("a.json", people(1, 2), T0);
    write("b.json", people(3), T0 + 1);
    Source src = json(Map.of());

    Offset first = src.latestOffset(Optional.empty(), src.defaultReadLimit()).orElseThrow();
    assertThat(first.json()).isEqualTo("{\"logOffset\":0}");
    assertThat(ids(read(src, Optional.empty(), first))).containsExactly(1L, 2L, 3L);
    src.commit(first);

    assertThat(src.latestOffset(Optional.of(first), src.defaultReadLimit()))
        .as("no new file, same offset")
        .contains(first);

    write("c.json", people(4), T0 + 2);
    Offset second = src.latestOffset(Optional.of(first), src.defaultReadLimit()).orElseThrow();
    assertThat(logOffset(second)).isEqualTo(1);
    assertThat(ids(read(src, Optional.of(first), second))).containsExactly(4L);
  }

  @Test
  void latestOffset_writesTheLogBatchBeforeReturningItsOffset() throws IOException {
    Path a = write("a.json", people(1), T0 + 5);
    Source src = json(Map.of());
    src.latestOffset(Optional.empty(), src.defaultReadLimit());
    assertThat(Files.readString(metadata.resolve("0")))
        .isEqualTo(
            "v1\n{\"path\":\"" + a.toUri() + "\",\"timestamp\":" + (T0 + 5) + ",\"batchId\":0}");
  }

  @Test
  void maxFilesPerTrigger_takesTheOldestFilesFirst_andAllAvailableOverridesIt() throws IOException {
    for (int i = 0; i < 5; i++) {
      write("f" + i + ".json", people(i), T0 + 10 - i);
    }
    Source src = json(Map.of("maxFilesPerTrigger", "2"));
    assertThat(src.defaultReadLimit()).isEqualTo(ReadLimit.maxFiles(2));
    Offset o = nextBatch(src, Optional.empty(), List.of(3L, 4L));
    o = nextBatch(src, Optional.of(o), List.of(1L, 2L));
    Offset all = src.latestOffset(Optional.of(o), ReadLimit.allAvailable()).orElseThrow();
    assertThat(ids(read(src, Optional.of(o), all))).containsExactly(0L);
  }

  @Test
  void maxBytesPerTrigger_stopsAtTheFirstFileThatDoesNotFit_butTakesAtLeastOne()
      throws IOException {
    write("a.json", people(1), T0);
    write("b.json", people(2), T0 + 1);
    write("c.json", people(3, 4, 5, 6), T0 + 2);
    write("d.json", people(7), T0 + 3);
    long oneRow = Files.size(in.resolve("a.json"));
    Source src = json(Map.of("maxBytesPerTrigger", Long.toString(2 * oneRow + 1)));
    assertThat(src.defaultReadLimit()).isEqualTo(ReadLimit.maxBytes(2 * oneRow + 1));
    Offset o = nextBatch(src, Optional.empty(), List.of(1L, 2L));
    o = nextBatch(src, Optional.of(o), List.of(3L, 4L, 5L, 6L));
    nextBatch(src, Optional.of(o), List.of(7L));
  }

  @Test
  void latestFirst_takesTheNewestFilesFirst() throws IOException {
    write("old.json", people(1), T0);
    write("mid.json", people(2), T0 + 1);
    write("new.json", people(3), T0 + 2);
    Source src = json(Map.of("latestFirst", "true", "maxFilesPerTrigger", "1"));
    Offset o = nextBatch(src, Optional.empty(), List.of(3L));
    o = nextBatch(src, Optional.of(o), List.of(2L));
    nextBatch(src, Optional.of(o), List.of(1L));
  }

  @Test
  void maxFileAge_ignoresFilesOlderThanTheNewestSeenMinusTheAge() throws IOException {
    write("first.json", people(1), T0 + 10 * HOUR);
    write("ancient.json", people(2), T0);
    Source src = json(Map.of("maxFileAge", "1h"));
    // The first batch considers every file, however old, as Spark's.
    Offset o = nextBatch(src, Optional.empty(), List.of(1L, 2L));
    write("tooOld.json", people(3), T0 + 8 * HOUR);
    write("recent.json", people(4), T0 + 9 * HOUR + HOUR / 2);
    nextBatch(src, Optional.of(o), List.of(4L));
  }

  @Test
  void restart_replaysTheSameFilesForAnUncommittedOffset_andNeverRepeatsCommittedOnes()
      throws IOException {
    write("a.json", people(1, 2), T0);
    Source first = json(Map.of());
    Offset committed = nextBatch(first, Optional.empty(), List.of(1L, 2L));
    write("b.json", people(3), T0 + 1);
    Offset uncommitted = first.latestOffset(Optional.of(committed), first.defaultReadLimit()).get();
    // Crash: the batch ending at `uncommitted` never reached the sink.

    write("c.json", people(4), T0 + 2);
    Source restarted = json(Map.of());
    Offset replayed = restarted.deserializeOffset(uncommitted.json());
    assertThat(ids(read(restarted, Optional.of(committed), replayed)))
        .as("the re-run batch reads exactly the files logged for its offset")
        .containsExactly(3L);
    restarted.commit(replayed);
    nextBatch(restarted, Optional.of(replayed), List.of(4L));
    assertThat(
            restarted.latestOffset(
                Optional.of(new FileStreamSourceOffset(2)), ReadLimit.allAvailable()))
        .contains(new FileStreamSourceOffset(2));
  }

  @Test
  void restart_afterTheLogBatchWasWrittenButBeforeTheLoopRecordedItsOffset_servesItOnce()
      throws IOException {
    write("a.json", people(1), T0);
    json(Map.of()).latestOffset(Optional.empty(), ReadLimit.allAvailable());
    // Crash before offsets/0 was written: the loop starts over with no offset.

    Source restarted = json(Map.of());
    Offset end = restarted.latestOffset(Optional.empty(), ReadLimit.allAvailable()).orElseThrow();
    assertThat(logOffset(end)).isZero();
    assertThat(ids(read(restarted, Optional.empty(), end))).containsExactly(1L);
  }

  @Test
  void cleanSourceDelete_deletesTheFilesOfACommittedBatchOnly() throws IOException {
    Path a = write("a.json", people(1), T0);
    Source src = json(Map.of("cleanSource", "delete"));
    Offset end = src.latestOffset(Optional.empty(), src.defaultReadLimit()).orElseThrow();
    read(src, Optional.empty(), end);
    Path b = write("b.json", people(2), T0 + 1);
    assertThat(a).exists();
    src.commit(end);
    assertThat(a).doesNotExist();
    assertThat(b).exists();
  }

  @Test
  void cleanSourceArchive_movesCommittedFilesUnderTheArchiveFolder() throws IOException {
    Path a = write("sub/a.json", people(1), T0);
    Path archive = dir.resolve("archive");
    Source src = json(Map.of("cleanSource", "archive", "sourceArchiveDir", archive.toString()));
    nextBatch(src, Optional.empty(), List.of(1L));
    assertThat(a).doesNotExist();
    Path archived = archive.resolve(a.toAbsolutePath().toString().substring(1));
    assertThat(archived).hasContent(people(1));
  }

  @Test
  void cleanSource_afterRestart_cleansTheReplayedBatch() throws IOException {
    Path a = write("a.json", people(1), T0);
    Offset end = json(Map.of()).latestOffset(Optional.empty(), ReadLimit.allAvailable()).get();
    Source restarted = json(Map.of("cleanSource", "delete"));
    read(restarted, Optional.empty(), restarted.deserializeOffset(end.json()));
    restarted.commit(end);
    assertThat(a).doesNotExist();
  }

  @Test
  void availableNow_servesTheFilesPresentWhenPrepared_inRateLimitedBatches() throws IOException {
    write("a.json", people(1), T0);
    write("b.json", people(2), T0 + 1);
    write("c.json", people(3), T0 + 2);
    Source src = json(Map.of("maxFilesPerTrigger", "2"));
    assertThat(src.prepareForTriggerAvailableNow()).isTrue();
    write("late.json", people(4), T0 + 3);
    Offset o = nextBatch(src, Optional.empty(), List.of(1L, 2L));
    o = nextBatch(src, Optional.of(o), List.of(3L));
    assertThat(src.latestOffset(Optional.of(o), src.defaultReadLimit()))
        .as("the end of an AvailableNow run: nothing past the files listed at its start")
        .contains(o);
  }

  @Test
  void log_isCompacted_andARestartRebuildsTheSeenFilesFromTheCompaction() throws IOException {
    t.conf().set(FileStreamSourceLog.COMPACT_INTERVAL_KEY, "3");
    try {
      Source src = json(Map.of());
      Optional<Offset> o = Optional.empty();
      for (int i = 0; i < 7; i++) {
        write("f" + i + ".json", people(i), T0 + i);
        o = Optional.of(nextBatch(src, o, List.of((long) i)));
      }
      assertThat(metadata.resolve("2.compact")).exists();
      assertThat(metadata.resolve("5.compact")).exists();
      Source restarted = json(Map.of());
      write("f7.json", people(7), T0 + 7);
      nextBatch(restarted, o, List.of(7L));
      // A replay of an old range is answered from the compaction file.
      assertThat(
              ids(
                  read(
                      restarted,
                      Optional.of(new FileStreamSourceOffset(0)),
                      new FileStreamSourceOffset(2))))
          .containsExactly(1L, 2L);
    } finally {
      t.conf().set(FileStreamSourceLog.COMPACT_INTERVAL_KEY, "10");
    }
  }

  @Test
  void getBatch_returnsABatchFileRelationWithTheFormatOptionsButNotThePath() throws IOException {
    write("a.json", people(1), T0);
    Source src = json(Map.of("multiLine", "false", "maxFilesPerTrigger", "5"));
    Offset end = src.latestOffset(Optional.empty(), src.defaultReadLimit()).orElseThrow();
    LogicalPlan plan = src.getBatch(Optional.empty(), end, output(src.schema()));
    assertThat(plan).isInstanceOf(FileRelation.class);
    FileRelation relation = (FileRelation) plan;
    assertThat(relation.isStreaming()).isFalse();
    assertThat(relation.files()).containsExactly(in.resolve("a.json").toAbsolutePath());
    assertThat(relation.options()).containsEntry("multiline", "false").doesNotContainKey("path");
  }

  @Test
  void schema_isRequiredUnlessInferenceIsOn() throws IOException {
    write("a.json", people(1), T0);
    assertThatThrownBy(() -> source("json", Map.of(), null))
        .isInstanceOfSatisfying(
            TidelineException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("STREAMING_FILE_SOURCE_SCHEMA_REQUIRED");
              assertThat(e.parameters()).containsEntry("path", "file:" + in);
            })
        .hasMessageContaining(
            "Schema must be specified when creating a streaming source DataFrame. If some files"
                + " already exist in the directory, then depending on the file format you may be"
                + " able to create a static DataFrame on that directory with"
                + " 'spark.read.load(directory)' and infer schema from it.");
    t.conf().set("spark.sql.streaming.schemaInference", "true");
    try {
      Source inferred = source("json", Map.of(), null);
      assertThat(inferred.schema()).isEqualTo(PEOPLE);
      nextBatch(inferred, Optional.empty(), List.of(1L));
    } finally {
      t.conf().set("spark.sql.streaming.schemaInference", "false");
    }
  }

  @Test
  void schema_isMadeNullable() {
    Source src =
        source(
            "json",
            Map.of(),
            new StructType().add("id", io.tideline.types.DataTypes.LongType, false));
    assertThat(src.schema().field(0).nullable()).isTrue();
  }

  @Test
  void text_needsNoSchema_andReadsOneRowPerLine() throws IOException {
    write("a.txt", "hello\nworld\n", T0);
    Source src = source("text", Map.of(), null);
    assertThat(src.schema()).isEqualTo(StructType.fromDDL("value STRING"));
    Offset end = src.latestOffset(Optional.empty(), src.defaultReadLimit()).orElseThrow();
    assertThat(read(src, Optional.empty(), end))
        .containsExactlyInAnyOrder(Row.of("hello"), Row.of("world"));
  }

  @Test
  void text_refusesASchemaOtherThanOneStringColumn() throws IOException {
    write("a.txt", "line\n", T0);
    assertCondition(() -> source("text", Map.of(), PEOPLE), "TEXT_SOURCE_SCHEMA_INVALID");
    Source renamed = source("text", Map.of(), StructType.fromDDL("line STRING"));
    Offset end = renamed.latestOffset(Optional.empty(), renamed.defaultReadLimit()).orElseThrow();
    assertThat(read(renamed, Optional.empty(), end)).containsExactly(Row.of("line"));
  }

  @Test
  void singleFilePath_readsThatFile() throws IOException {
    Path a = write("a.json", people(1), T0);
    write("b.json", people(2), T0);
    Source src = source("json", Map.of("path", a.toString()), PEOPLE);
    nextBatch(src, Optional.empty(), List.of(1L));
  }

  @Test
  void csv_withHeader_skipsTheHeaderLine() throws IOException {
    write("a.csv", "id,name\n1,ann\n2,bob\n", T0);
    Source src = source("csv", Map.of("header", "true"), PEOPLE);
    Offset end = src.latestOffset(Optional.empty(), src.defaultReadLimit()).orElseThrow();
    assertThat(read(src, Optional.empty(), end))
        .containsExactlyInAnyOrder(Row.of(1L, "ann"), Row.of(2L, "bob"));
  }

  @Test
  void parquet_readsFilesWrittenByTheBatchWriter() {
    Path out = dir.resolve("pq");
    t.createDataFrame(List.of(Row.of(1L, "a"), Row.of(2L, "b")), PEOPLE)
        .write()
        .parquet(out.toString());
    Source src = source("parquet", Map.of("path", out.toString()), PEOPLE);
    Offset end = src.latestOffset(Optional.empty(), src.defaultReadLimit()).orElseThrow();
    assertThat(read(src, Optional.empty(), end))
        .containsExactlyInAnyOrder(Row.of(1L, "a"), Row.of(2L, "b"));
  }

  @Test
  void malformedJson_permissive_givesANullRowWithTheCorruptRecord() throws IOException {
    write("a.json", "{\"id\":1,\"name\":\"ok\"}\n{oops\n", T0);
    StructType schema = StructType.fromDDL("id BIGINT, name STRING, _corrupt_record STRING");
    Source src = source("json", Map.of("mode", "PERMISSIVE"), schema);
    Offset end = src.latestOffset(Optional.empty(), src.defaultReadLimit()).orElseThrow();
    assertThat(read(src, Optional.empty(), end))
        .containsExactlyInAnyOrder(Row.of(1L, "ok", null), Row.of(null, null, "{oops"));
  }

  @Test
  void malformedJson_failFast_failsTheBatchNamingTheFile() throws IOException {
    write("bad.json", "{oops\n", T0);
    Source src = source("json", Map.of("mode", "FAILFAST"), PEOPLE);
    Offset end = src.latestOffset(Optional.empty(), src.defaultReadLimit()).orElseThrow();
    assertThatThrownBy(() -> read(src, Optional.empty(), end)).hasMessageContaining("bad.json");
  }

  @Test
  void glob_readsOnlyMatchingFiles_belowMatchingFolders() throws IOException {
    write("2024/a.json", people(1), T0);
    write("2024/skip.txt", "not json", T0);
    write("2025/b.json", people(2), T0 + 1);
    write("other/c.json", people(3), T0 + 2);
    Source src = source("json", Map.of("path", in + "/202*/*.json"), PEOPLE);
    nextBatch(src, Optional.empty(), List.of(1L, 2L));
    assertThat(src.description()).isEqualTo("FileStreamSource[file:" + in + "/202*/*.json]");
  }

  @Test
  void folder_isListedRecursively_skippingHiddenAndUnderscoreNames() throws IOException {
    write("x/a.json", people(1), T0);
    write("_tmp/b.json", people(2), T0);
    write(".hidden.json", people(3), T0);
    write("_SUCCESS", "", T0);
    write("day=1/d.json", people(4), T0);
    nextBatch(json(Map.of()), Optional.empty(), List.of(1L, 4L));
  }

  @Test
  void options_areCheckedAtLoad() {
    assertCondition(
        () -> t.readStream().format("json").schema(PEOPLE).load(),
        "STREAMING_FILE_SOURCE_PATH_NOT_SPECIFIED");
    assertCondition(
        () -> t.readStream().format("json").schema(PEOPLE).load(in.resolve("missing").toString()),
        "PATH_NOT_FOUND");
    assertCondition(
        () ->
            t.readStream()
                .schema(PEOPLE)
                .option("modifiedBefore", "2024-01-01T00:00:00")
                .json(in.toString()),
        "STREAMING_FILE_SOURCE_OPTION_NOT_ALLOWED");
    assertCondition(
        () -> t.readStream().schema(PEOPLE).option("maxFilesPerTrigger", "0").json(in.toString()),
        "INVALID_FILE_STREAM_OPTION");
    assertCondition(
        () ->
            t.readStream()
                .schema(PEOPLE)
                .option("maxFilesPerTrigger", "1")
                .option("maxBytesPerTrigger", "1")
                .json(in.toString()),
        "CONFLICTING_FILE_STREAM_OPTIONS");
    assertCondition(
        () ->
            t.readStream()
                .schema(PEOPLE)
                .option("cleanSource", "archive")
                .option("sourceArchiveDir", in.resolve("archive").toString())
                .json(in.toString()),
        "INVALID_CLEAN_SOURCE_ARCHIVE_DIR");
    assertThat(t.readStream().schema(PEOPLE).json(in.toString()).isStreaming()).isTrue();
  }

  private static void assertCondition(Runnable call, String condition) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            TidelineException.class, e -> assertThat(e.getCondition()).isEqualTo(condition));
  }

  @Test
  void deserializeOffset_readsSparksForms_andRefusesOthersWithACondition() {
    Source src = json(Map.of());
    assertThat(src.deserializeOffset("{\"logOffset\":3}")).isEqualTo(new FileStreamSourceOffset(3));
    assertThat(src.deserializeOffset("3")).isEqualTo(new FileStreamSourceOffset(3));
    assertCondition(() -> src.deserializeOffset("{nope"), "MALFORMED_FILE_SOURCE_OFFSET");
  }

  @Test
  void maxFilesPerTrigger_servesFilesLeftFromTheLastListingBeforeListingAgain() throws IOException {
    for (int i = 0; i < 5; i++) {
      write("f" + i + ".json", people(i), T0 + i);
    }
    Source src = json(Map.of("maxFilesPerTrigger", "2"));
    Offset o = nextBatch(src, Optional.empty(), List.of(0L, 1L));
    // Older than every file so far: a fresh listing would take it first, but, as in Spark, the
    // files left from the first listing are served before the folder is listed again.
    write("late.json", people(9), T0 - 1);
    o = nextBatch(src, Optional.of(o), List.of(2L, 3L));
    o = nextBatch(src, Optional.of(o), List.of(4L));
    nextBatch(src, Optional.of(o), List.of(9L));
  }

  @Test
  void maxFilesPerTrigger_withoutCaching_listsEveryTrigger() throws IOException {
    for (int i = 0; i < 3; i++) {
      write("f" + i + ".json", people(i), T0 + i);
    }
    Source src = json(Map.of("maxFilesPerTrigger", "1", "maxCachedFiles", "0"));
    Offset o = nextBatch(src, Optional.empty(), List.of(0L));
    write("late.json", people(9), T0 - 1);
    nextBatch(src, Optional.of(o), List.of(9L));
    assertCondition(() -> json(Map.of("maxCachedFiles", "-1")), "INVALID_FILE_STREAM_OPTION");
    assertCondition(
        () -> json(Map.of("discardCachedInputRatio", "1.5")), "INVALID_FILE_STREAM_OPTION");
  }

  @Test
  void sinkOutputFolder_isReadThroughItsManifest_soUncommittedFilesAreNeverSeen()
      throws IOException {
    Path committed = write("part-0.json", people(1), T0);
    write("part-1.json", people(2), T0 + 1);
    FileStreamSinkLog manifest = FileStreamSinkLog.open(in, t.conf(), clock, null);
    manifest.add(
        0, List.of(SinkFileStatus.added(committed.toUri().toString(), Files.size(committed), T0)));
    Source src = json(Map.of());
    nextBatch(src, Optional.empty(), List.of(1L));
    assertCondition(
        () -> json(Map.of("cleanSource", "delete")), "CLEAN_SOURCE_ON_SINK_OUTPUT_UNSUPPORTED");
  }
}
