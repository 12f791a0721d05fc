package io.tideline.conformance.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tideline.DataFrame;
import io.tideline.Tideline;
import io.tideline.internal.conf.TidelineConf;
import io.tideline.testkit.spark.OracleAnswer;
import io.tideline.testkit.spark.SparkStreamOracle;
import io.tideline.testkit.spark.StreamOracleAnswer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

/**
 * Streaming differential tests against Apache Spark 4.2: every {@link StreamCase} runs as a
 * Structured Streaming query over file-source folders into which files arrive in steps ({@code
 * maxFilesPerTrigger=1}: one file per batch), in Spark (one child JVM, every case in one spec,
 * batches recorded by {@code foreachBatch}) and in Tideline (batches recorded by a {@link
 * RecordingSink}). Per case, four checks: {@code batches} (the same batch ids, per batch the same
 * schema and rows as a multiset; a failing batch fails in both, with the same error condition, and
 * Tideline's exception names it; a refused start or batch-only call is refused by both with the
 * same condition), {@code offsets} (per batch each source's start, end and latest offset and its
 * description in progress), {@code inputRows} (per batch {@code numInputRows}, total and per
 * source) and {@code stateRows} (per batch each state operator's row counts and partitioning). One
 * suite check compares the progress JSON's shape: field names, order and JSON types.
 *
 * <p>Differences Tideline knows about are listed in {@link #KNOWN_DIFFERENCES} by check id ({@code
 * <case>/batches}, {@code <case>/offsets}, {@code <case>/inputRows}, {@code <case>/stateRows},
 * {@code progressShape}); they still run and fail once they agree, so the list cannot go stale.
 */
class StreamingDifferentialTest {
  /** Checks where Tideline differs from Spark today, by check id, with the reason. */
  static final Map<String, String> KNOWN_DIFFERENCES = knownDifferences();

  /**
   * The cases this run compares: all, or with {@code -Dtideline.streamCases=<prefix>} only those
   * whose id starts with the prefix (to triage a few cases without Spark running all of them).
   */
  private static final List<StreamCase> CASES =
      StreamCorpus.cases().stream()
          .filter(c -> c.id().startsWith(System.getProperty("tideline.streamCases", "")))
          .toList();

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static Path work;
  private static Tideline tideline;
  private static Map<String, StreamOracleAnswer> spark;
  private static final Map<String, StreamOracleAnswer> TIDELINE = new LinkedHashMap<>();
  private static final List<String> UNEXPECTED = new ArrayList<>();

  private static Map<String, String> knownDifferences() {
    Map<String, String> known = new LinkedHashMap<>();
    known(
        known,
        "Spark's numInputRows for a file source counts the rows its file scan returns after"
            + " pushed-down filters (JSON/CSV filter pushdown, including the IS NOT NULL a join"
            + " infers), so with a filter it is below the rows in the file; Tideline counts the"
            + " rows read, before the filter",
        "json.filter/inputRows",
        "json.filter_isNull/inputRows",
        "json.filter_nullLogic/inputRows",
        "json.filter_not/inputRows",
        "json.filter_in/inputRows",
        "csv.header_filterCast/inputRows",
        "union.thenFilter/inputRows",
        "join.inner/inputRows",
        "join.inner_filterStatic/inputRows",
        "wm.join_inner/inputRows",
        "wm.join_leftSemi/inputRows",
        "availableNow.select/inputRows",
        "agg.complete_twoKeys_afterFilter/inputRows",
        "agg.update_twoKeys_afterFilter/inputRows");
    known(
        known,
        "a stream unioned with itself: Spark counts the one source's rows once per scan (twice);"
            + " Tideline reads and counts them once",
        "union.selfUnion/inputRows");
    known(
        known,
        "explode and json_tuple are not registered functions (UNRESOLVED_ROUTINE): the engine core"
            + " has no generators, so the query is refused at start and no batch runs",
        "json.explode/batches",
        "json.explode/offsets",
        "json.explode/inputRows",
        "text.jsonTuple/batches",
        "text.jsonTuple/offsets",
        "text.jsonTuple/inputRows");
    known(
        known,
        "a limit on a stream is refused (STREAMING_NOT_SUPPORTED_YET); Spark runs it as a stateful"
            + " global limit over all batches in append mode",
        "limit.append/batches",
        "limit.append/offsets",
        "limit.append/inputRows",
        "limit.append/stateRows");
    known(
        known,
        "the explode and json_tuple queries run no batch in Tideline (see above)",
        "json.explode/stateRows",
        "text.jsonTuple/stateRows");
    known(
        known,
        "a global aggregation's state operator: Spark reports numShufflePartitions as"
            + " spark.sql.shuffle.partitions (2) with numStateStoreInstances 1; Tideline reports 1"
            + " and 1",
        "agg.complete_global/stateRows",
        "agg.update_global/stateRows");
    known(
        known,
        "Spark quirk: the sort after a complete-mode aggregation samples its input for range"
            + " partitioning, which runs the state store operator a second time and doubles its"
            + " numRowsTotal and numRowsUpdated (the rows delivered agree)",
        "agg.complete_sorted/stateRows");
    known(
        known,
        "state operator customMetrics: Spark 4.2's HDFS-backed store also reports"
            + " SnapshotLastUploaded.partition_<n>_default, forceSnapshotCount and"
            + " numSnapshotsAutoRepaired; Tideline reports loadedMapCacheHitCount,"
            + " loadedMapCacheMissCount and stateOnCurrentVersionSizeBytes only",
        "stateMetricNames");
    known(
        known,
        "Spark quirk Tideline does not copy: a session window aggregation in complete mode never"
            + " records its operator metrics (SessionWindowStateStoreSaveExec calls only"
            + " setStoreMetrics there), so Spark reports numStateStoreInstances 0; Tideline reports"
            + " the 2 stores it used (rows, state rows and the other counts agree)",
        "wm.complete_session/stateRows");
    known(
        known,
        "Spark quirk Tideline does not copy (EventTimeWatermarkExec's Javadoc): a row whose event"
            + " time is null counts as epoch 0 in progress eventTime, so in batch 3 (ev-null.json: one null"
            + " and one 10:00:13 event time) Spark reports min 1970-01-01T00:00:00.000Z and avg"
            + " 1996-12-31T17:00:06.500Z; Tideline skips the null and reports"
            + " 2024-01-01T10:00:13.000Z for both (max and watermark agree; the rows agree)",
        "wm.update_windowStartTime_moreAggs/eventTime");
    known(
        known,
        "Spark pushes the IS NOT NULL it infers for an inner join's key below withWatermark, into"
            + " the JSON scan: the null-key row of ev-4.json (batch 6) never reaches Spark's"
            + " watermark node, so its eventTime avg leaves it out (10:00:25 instead of 10:00:30);"
            + " Tideline drops null keys inside the join, after the watermark saw them (the rows"
            + " and the watermark agree here)",
        "wm.join_inner/eventTime",
        "wm.join_leftSemi/eventTime");
    known(
        known,
        "left semi stream-stream join state counts: the rows delivered agree, but Spark 4.2 buffers"
            + " fewer rows (batch 0: numRowsUpdated 3 where Tideline buffers all 3 left rows and"
            + " the matching right row, 4) and removes some before the watermark reaches them"
            + " (batch 2: 2 rows at watermark 09:59:52); Tideline follows the documented"
            + " StreamingSymmetricHashJoinExec rules (matched left rows stay buffered, flagged, so"
            + " no later right row emits them again) and evicts by the state watermarks only",
        "wm.join_leftSemi/stateRows");
    return known;
  }

  private static void known(Map<String, String> known, String reason, String... ids) {
    for (String id : ids) {
      if (known.put(id, reason) != null) {
        throw new IllegalStateException("Bug in KNOWN_DIFFERENCES: " + id + " is listed twice");
      }
    }
  }

  @BeforeAll
  static void runSparkOnce() throws IOException {
    work = Path.of("target", "conformance-streaming").toAbsolutePath();
    deleteRecursively(work);
    Path data = work.resolve("data");
    StreamCorpus.write(data);
    // Files arrive an hour ago, a second apart, so both engines order them the same way and none
    // is older than the file source's maxFileAge.
    long baseMtimeMs = (System.currentTimeMillis() / 1000 - 3600) * 1000;

    long start = System.nanoTime();
    spark = SparkStreamOracle.locate().run(sparkSpec(data, baseMtimeMs), work);
    System.out.printf(
        "Spark ran %d streaming cases in %.1f s%n",
        spark.size(), (System.nanoTime() - start) / 1e9);

    tideline =
        Tideline.builder()
            .appName("stream-conformance")
            .config(TidelineConf.SESSION_TIME_ZONE, "UTC")
            .config(TidelineConf.ANSI_ENABLED, "true")
            .config(TidelineConf.SHUFFLE_PARTITIONS, "2")
            .getOrCreate();
    Map<String, DataFrame> tables = new LinkedHashMap<>();
    for (StreamCorpus.Table table : StreamCorpus.TABLES) {
      tables.put(
          table.name(),
          tideline
              .read()
              .format(table.format())
              .schema(table.schemaDdl())
              .load(data.resolve(table.file()).toString()));
    }
    TidelineStreamRun runner = new TidelineStreamRun(tideline, data, baseMtimeMs, tables::get);
    start = System.nanoTime();
    for (StreamCase c : CASES) {
      TIDELINE.put(c.id(), runner.run(c, tidelineDir(c)));
    }
    System.out.printf(
        "Tideline ran %d streaming cases in %.1f s%n",
        TIDELINE.size(), (System.nanoTime() - start) / 1e9);
    writeTidelineAnswers(work.resolve("tideline-stream-answers.jsonl"));
    printKnownDifferences();
  }

  /** Tideline's runs in the oracle's answer format, next to Spark's, for triage. */
  private static void writeTidelineAnswers(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    for (StreamOracleAnswer a : TIDELINE.values()) {
      ObjectNode node = MAPPER.createObjectNode();
      node.put("id", a.id());
      ArrayNode batches = node.putArray("batches");
      for (StreamOracleAnswer.Batch b : a.batches()) {
        ObjectNode batch = batches.addObject();
        batch.put("batchId", b.batchId());
        batch.put("schema", b.schemaDdl());
        b.rows().forEach(batch.putArray("rows")::add);
      }
      a.progress().forEach(node.putArray("progress")::add);
      a.error().ifPresent(e -> node.set("error", errorJson(e)));
      node.put("failedBatchId", a.failedBatchId());
      a.startError().ifPresent(e -> node.set("startError", errorJson(e)));
      lines.add(MAPPER.writeValueAsString(node));
    }
    Files.write(file, lines);
  }

  private static ObjectNode errorJson(OracleAnswer.SparkError e) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("condition", e.condition().orElse(null));
    e.causeConditions().forEach(node.putArray("causeConditions")::add);
    node.put("exception", e.exception());
    node.put("message", e.message());
    return node;
  }

  @AfterAll
  static void close() throws IOException {
    if (work != null) {
      Files.write(work.resolve("differences.tsv"), UNEXPECTED);
    }
    if (tideline != null) {
      tideline.close();
    }
  }

  private static Path sparkDir(StreamCase c) {
    return work.resolve("spark").resolve(c.folderName());
  }

  private static Path tidelineDir(StreamCase c) {
    return work.resolve("tideline").resolve(c.folderName());
  }

  /** The spec of the Spark peer's stream-oracle mode (StreamOracle's Javadoc). */
  private static ObjectNode sparkSpec(Path data, long baseMtimeMs) {
    ObjectNode spec = MAPPER.createObjectNode();
    ObjectNode conf = spec.putObject("conf");
    // As the batch oracle: interpreted expressions, no adaptive execution; the answers do not
    // depend on it and Spark's per-batch cost drops.
    conf.put("spark.sql.codegen.wholeStage", "false");
    conf.put("spark.sql.codegen.factoryMode", "NO_CODEGEN");
    conf.put("spark.sql.adaptive.enabled", "false");
    conf.put("spark.sql.ansi.enabled", "true");
    conf.put("spark.sql.streaming.noDataProgressEventInterval", "3600000");
    spec.put("parallelism", 4);
    ArrayNode tables = spec.putArray("tables");
    for (StreamCorpus.Table t : StreamCorpus.TABLES) {
      ObjectNode node = tables.addObject();
      node.put("name", t.name());
      node.put("format", t.format());
      node.put("path", data.resolve(t.file()).toString());
      node.put("schema", t.schemaDdl());
    }
    ArrayNode cases = spec.putArray("cases");
    for (StreamCase c : CASES) {
      ObjectNode node = cases.addObject();
      node.put("id", c.id());
      c.ansi().ifPresent(a -> node.put("ansi", a));
      if (!c.conf().isEmpty()) {
        ObjectNode caseConf = node.putObject("conf");
        c.conf().forEach(caseConf::put);
      }
      Path dir = sparkDir(c);
      ArrayNode sources = node.putArray("sources");
      for (StreamCase.Input in : c.sources()) {
        ObjectNode s = sources.addObject();
        s.put("name", in.name());
        s.put("format", in.format());
        s.put("schema", in.schemaDdl());
        ObjectNode options = s.putObject("options");
        in.options().forEach(options::put);
        s.put("dir", dir.resolve("in").resolve(in.name()).toString());
        in.watermark()
            .ifPresent(
                w -> {
                  ObjectNode watermark = s.putObject("watermark");
                  watermark.put("eventTime", w.eventTime());
                  watermark.put("delay", w.delay());
                });
        in.dedup()
            .ifPresent(
                d -> {
                  ObjectNode dedup = s.putObject("dedup");
                  d.columns().forEach(dedup.putArray("columns")::add);
                  dedup.put("withinWatermark", d.withinWatermark());
                });
      }
      node.put("sql", c.pipeline().sql());
      c.batchCall().ifPresent(call -> node.put("batchCall", call));
      node.put("queryName", c.folderName());
      node.put("outputMode", c.outputMode());
      node.put(
          "trigger",
          switch (c.trigger()) {
            case AVAILABLE_NOW -> "availableNow";
            case ONCE -> "once";
            case PROCESS_ALL_AVAILABLE -> "processAllAvailable";
          });
      node.put("checkpoint", dir.resolve("checkpoint").toString());
      ArrayNode steps = node.putArray("steps");
      int arrived = 0;
      for (List<StreamCase.Arrival> step : c.steps()) {
        ArrayNode files = steps.addArray();
        for (StreamCase.Arrival a : step) {
          ObjectNode f = files.addObject();
          f.put("source", a.source());
          f.put("file", data.resolve(a.file()).toString());
          f.put("mtimeMs", TidelineStreamRun.mtimeMs(baseMtimeMs, arrived++) + a.ageShiftMs());
        }
      }
    }
    return spec;
  }

  @Test
  void oracle_answersEveryCase() {
    assertThat(spark.keySet())
        .containsExactlyElementsOf(CASES.stream().map(StreamCase::id).toList());
  }

  @Test
  void knownDifferences_nameExistingChecks() {
    Set<String> ids = new LinkedHashSet<>();
    ids.add("progressShape");
    ids.add("stateMetricNames");
    for (StreamCase c : StreamCorpus.cases()) {
      for (String check : List.of("batches", "offsets", "inputRows", "stateRows")) {
        ids.add(c.id() + "/" + check);
      }
      if (c.hasWatermark()) {
        ids.add(c.id() + "/eventTime");
      }
    }
    assertThat(ids).containsAll(KNOWN_DIFFERENCES.keySet());
  }

  @TestFactory
  Stream<DynamicTest> sameBatchesAsSpark() {
    return CASES.stream()
        .flatMap(
            c -> {
              StreamOracleAnswer s = spark.get(c.id());
              StreamOracleAnswer t = TIDELINE.get(c.id());
              Stream<DynamicTest> eventTime =
                  c.hasWatermark()
                      ? Stream.of(check(c, "eventTime", () -> StreamDiff.eventTime(s, t)))
                      : Stream.empty();
              return Stream.concat(
                  Stream.of(
                      check(c, "batches", () -> StreamDiff.batches(c, s, t)),
                      check(
                          c,
                          "offsets",
                          () ->
                              StreamDiff.offsets(
                                  s,
                                  new StreamDiff.CaseFolder(sparkDir(c).toString()),
                                  t,
                                  new StreamDiff.CaseFolder(tidelineDir(c).toString()))),
                      check(c, "inputRows", () -> StreamDiff.inputRows(s, t)),
                      check(c, "stateRows", () -> StreamDiff.stateRows(s, t))),
                  eventTime);
            });
  }

  private static DynamicTest check(StreamCase c, String what, Supplier<Optional<String>> diff) {
    String checkId = c.id() + "/" + what;
    return DynamicTest.dynamicTest(checkId, () -> check(checkId, c, diff.get()));
  }

  /**
   * Every data batch's progress JSON has Spark's top-level fields in Spark's order with Spark's
   * JSON types, and so do its first source, its sink and its first state operator.
   */
  @Test
  void progressShape_sameFieldsOrderAndTypesAsSpark() {
    compareShapes("progressShape", StreamDiff::shape);
  }

  /** Every state operator in progress reports the custom metrics Spark's reports, by name. */
  @Test
  void stateMetricNames_sameCustomMetricsAsSpark() {
    compareShapes("stateMetricNames", StreamDiff::stateMetricNames);
  }

  private static void compareShapes(String checkId, Function<JsonNode, List<String>> shape) {
    Set<String> differences = new LinkedHashSet<>();
    int compared = 0;
    for (StreamCase c : CASES) {
      Map<Long, JsonNode> s = StreamDiff.dataProgress(spark.get(c.id()));
      Map<Long, JsonNode> t = StreamDiff.dataProgress(TIDELINE.get(c.id()));
      for (Map.Entry<Long, JsonNode> e : s.entrySet()) {
        JsonNode tp = t.get(e.getKey());
        if (tp == null) {
          continue;
        }
        List<String> sparkShape = shape.apply(e.getValue());
        List<String> tidelineShape = shape.apply(tp);
        compared += sparkShape.isEmpty() ? 0 : 1;
        if (!sparkShape.equals(tidelineShape)) {
          differences.add(
              c.id()
                  + " batch "
                  + e.getKey()
                  + ":\n  Spark    "
                  + sparkShape
                  + "\n  Tideline "
                  + tidelineShape);
        }
      }
    }
    assertThat(compared).as("batches whose progress both engines reported").isPositive();
    Optional<String> difference =
        differences.isEmpty()
            ? Optional.empty()
            : Optional.of(
                differences.iterator().next()
                    + (differences.size() > 1
                        ? "\n  (and " + (differences.size() - 1) + " more batches)"
                        : ""));
    check(checkId, null, difference);
  }

  private static void check(String checkId, StreamCase c, Optional<String> difference) {
    String known = KNOWN_DIFFERENCES.get(checkId);
    if (known != null) {
      if (difference.isEmpty()) {
        throw new AssertionFailedError(
            "Check '"
                + checkId
                + "' now agrees with Spark: remove it from KNOWN_DIFFERENCES ("
                + known
                + ")");
      }
      return;
    }
    if (difference.isPresent()) {
      UNEXPECTED.add(checkId + "\t" + difference.get().lines().findFirst().orElse(""));
      throw new AssertionFailedError(
          "Tideline differs from Spark in '"
              + checkId
              + "'"
              + (c == null
                  ? ""
                  : " (ANSI "
                      + c.ansi().map(a -> a ? "on" : "off").orElse("default on")
                      + ", "
                      + c.outputMode()
                      + ", "
                      + c.trigger()
                      + ")\n  query: "
                      + c.pipeline().sql())
              + "\n  "
              + difference.get());
    }
  }

  private static void printKnownDifferences() {
    StringBuilder sb =
        new StringBuilder("Known streaming differences from Spark (")
            .append(KNOWN_DIFFERENCES.size())
            .append(" checks):\n");
    KNOWN_DIFFERENCES.forEach(
        (id, why) -> sb.append("  ").append(id).append(": ").append(why).append('\n'));
    System.out.print(sb);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
