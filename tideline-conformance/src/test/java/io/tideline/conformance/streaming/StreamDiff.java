package io.tideline.conformance.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tideline.conformance.AnswerDiff;
import io.tideline.testkit.spark.OracleAnswer;
import io.tideline.testkit.spark.StreamOracleAnswer;
import io.tideline.types.StructType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares a Tideline run of a stream case with Spark's: batch by batch (ids, schema, rows as
 * multisets, the failing batch and its error condition), and their progress (input rows and offsets
 * per batch, and the JSON shape: field names, their order and JSON types).
 */
final class StreamDiff {
  /** Spark's wrapper condition of every query failure; the cause's condition is what counts. */
  private static final String STREAM_FAILED = "STREAM_FAILED";

  /** The prefix of Spark's placeholder conditions for errors it has not named yet. */
  private static final String LEGACY_CONDITION = "_LEGACY_ERROR_TEMP_";

  private StreamDiff() {}

  /** How Tideline's batches differ from Spark's, or empty when they agree. */
  static Optional<String> batches(
      StreamCase c, StreamOracleAnswer spark, StreamOracleAnswer tideline) {
    if (spark.startError().isPresent() || tideline.startError().isPresent()) {
      return startErrors(spark.startError(), tideline.startError());
    }
    List<Long> sparkIds = spark.batches().stream().map(StreamOracleAnswer.Batch::batchId).toList();
    List<Long> tidelineIds =
        tideline.batches().stream().map(StreamOracleAnswer.Batch::batchId).toList();
    if (!sparkIds.equals(tidelineIds)) {
      return Optional.of(
          "batch ids differ: Spark "
              + sparkIds
              + " | Tideline "
              + tidelineIds
              + describeBatches(spark, tideline)
              + tidelineFailure(tideline));
    }
    for (int i = 0; i < sparkIds.size(); i++) {
      StreamOracleAnswer.Batch s = spark.batches().get(i);
      StreamOracleAnswer.Batch t = tideline.batches().get(i);
      String sparkSchema = withoutNullability(s.schemaDdl());
      String tidelineSchema = withoutNullability(t.schemaDdl());
      if (!sparkSchema.equals(tidelineSchema)) {
        return Optional.of(
            "batch "
                + s.batchId()
                + ": schemas differ: Spark "
                + sparkSchema
                + " | Tideline "
                + tidelineSchema);
      }
      List<Integer> masked = maskedPositions(c, t.schemaDdl());
      Optional<String> rows =
          AnswerDiff.rows(mask(s.rows(), masked), mask(t.rows(), masked), c.pipeline().ordered());
      if (rows.isPresent()) {
        return Optional.of("batch " + s.batchId() + ": " + rows.get());
      }
      for (int p : masked) {
        // current_timestamp() and current_date() are fixed per batch in Spark (the batch's
        // timestamp from the offset log), so every row of a batch has the same value.
        long distinct = t.rows().stream().map(r -> r.get(p)).distinct().count();
        if (distinct > 1) {
          return Optional.of(
              "batch "
                  + t.batchId()
                  + ": Tideline's masked column "
                  + (p + 1)
                  + " has "
                  + distinct
                  + " values in one batch; Spark fixes it per batch");
        }
      }
    }
    return failures(spark, tideline);
  }

  private static Optional<String> startErrors(
      Optional<OracleAnswer.SparkError> spark, Optional<OracleAnswer.SparkError> tideline) {
    if (spark.isEmpty()) {
      return Optional.of(
          "Spark starts the query but Tideline refuses it: " + describe(tideline.get()));
    }
    if (tideline.isEmpty()) {
      return Optional.of(
          "Spark refuses to start the query ("
              + describe(spark.get())
              + ") but Tideline starts it");
    }
    Optional<String> sparkCondition =
        condition(spark.get()).filter(c -> !c.startsWith(LEGACY_CONDITION));
    if (sparkCondition.isPresent()) {
      if (!sparkCondition.equals(condition(tideline.get()))) {
        return Optional.of(
            "both refuse to start, Spark with "
                + describe(spark.get())
                + " but Tideline with "
                + describe(tideline.get()));
      }
      return Optional.empty();
    }
    // Spark raises some refusals under a placeholder condition (_LEGACY_ERROR_TEMP_*), which
    // Tideline need not copy: then the kind of failure is compared (an AnalysisException at
    // start in both; Spark's ExtendedAnalysisException counts as one).
    if (!simpleName(spark.get().exception()).equals(simpleName(tideline.get().exception()))) {
      return Optional.of(
          "both refuse to start, Spark with "
              + simpleName(spark.get().exception())
              + " ("
              + describe(spark.get())
              + ") but Tideline with "
              + simpleName(tideline.get().exception())
              + " ("
              + describe(tideline.get())
              + ")");
    }
    return Optional.empty();
  }

  /** The exception's kind: its simple name, Spark's ExtendedAnalysisException as the plain one. */
  private static String simpleName(String className) {
    String simple = className.substring(className.lastIndexOf('.') + 1);
    return simple.equals("ExtendedAnalysisException") ? "AnalysisException" : simple;
  }

  private static Optional<String> failures(StreamOracleAnswer spark, StreamOracleAnswer tideline) {
    if (spark.error().isEmpty() && tideline.error().isEmpty()) {
      return Optional.empty();
    }
    if (spark.error().isEmpty()) {
      return Optional.of(
          "Spark's query runs through but Tideline's fails: " + describe(tideline.error().get()));
    }
    if (tideline.error().isEmpty()) {
      return Optional.of(
          "Spark's query fails ("
              + describe(spark.error().get())
              + ") but Tideline's runs through");
    }
    if (!condition(spark.error().get()).equals(condition(tideline.error().get()))) {
      return Optional.of(
          "both fail, Spark with "
              + describe(spark.error().get())
              + " but Tideline with "
              + describe(tideline.error().get()));
    }
    if (spark.failedBatchId() != tideline.failedBatchId()) {
      return Optional.of(
          "both fail with "
              + condition(spark.error().get()).orElse("(no condition)")
              + ", Spark in batch "
              + spark.failedBatchId()
              + " but Tideline's exception names batch "
              + tideline.failedBatchId());
    }
    String where = "batch " + tideline.failedBatchId();
    if (tideline.failedBatchId() >= 0 && !tideline.error().get().message().contains(where)) {
      return Optional.of(
          "Tideline's exception does not say '"
              + where
              + "' in its message: "
              + firstLine(tideline.error().get().message()));
    }
    return Optional.empty();
  }

  /** The condition that says what went wrong: the first one under Spark's STREAM_FAILED wrapper. */
  static Optional<String> condition(OracleAnswer.SparkError error) {
    List<String> all = new ArrayList<>();
    error.condition().ifPresent(all::add);
    all.addAll(error.causeConditions());
    return all.stream().filter(c -> !c.equals(STREAM_FAILED)).findFirst();
  }

  private static String describe(OracleAnswer.SparkError error) {
    return condition(error).orElse("(no condition, " + error.exception() + ")")
        + ": "
        + firstLine(error.message());
  }

  private static String tidelineFailure(StreamOracleAnswer tideline) {
    return tideline.error().map(e -> "; Tideline's query failed: " + describe(e)).orElse("");
  }

  private static String describeBatches(StreamOracleAnswer spark, StreamOracleAnswer tideline) {
    StringBuilder sb = new StringBuilder();
    for (StreamOracleAnswer.Batch b : spark.batches()) {
      sb.append("\n  Spark    ").append(b.batchId()).append(": ").append(b.rows());
    }
    for (StreamOracleAnswer.Batch b : tideline.batches()) {
      sb.append("\n  Tideline ").append(b.batchId()).append(": ").append(b.rows());
    }
    return sb.toString();
  }

  /**
   * How the per-batch source offsets in progress differ: the number of sources, each one's {@code
   * startOffset}, {@code endOffset} and {@code latestOffset}, and its description (with each
   * engine's case folder written as {@code <case>}).
   */
  static Optional<String> offsets(
      StreamOracleAnswer spark,
      CaseFolder sparkDir,
      StreamOracleAnswer tideline,
      CaseFolder tidelineDir) {
    return eachBatch(
        spark,
        tideline,
        (problems, id, sp, tp) -> {
          JsonNode ss = sp.path("sources");
          JsonNode ts = tp.path("sources");
          if (ss.size() != ts.size()) {
            problems.add(
                "batch " + id + ": Spark has " + ss.size() + " sources, Tideline " + ts.size());
            return;
          }
          for (int i = 0; i < ss.size(); i++) {
            String p = "sources[" + i + "].";
            for (String field : List.of("startOffset", "endOffset", "latestOffset")) {
              compare(problems, id, p + field, ss.get(i).get(field), ts.get(i).get(field));
            }
            compare(
                problems,
                id,
                p + "description",
                TextNode.valueOf(sparkDir.normalize(ss.get(i).path("description").asText())),
                TextNode.valueOf(tidelineDir.normalize(ts.get(i).path("description").asText())));
          }
        });
  }

  /** How the per-batch input row counts differ: {@code numInputRows}, in total and per source. */
  static Optional<String> inputRows(StreamOracleAnswer spark, StreamOracleAnswer tideline) {
    return eachBatch(
        spark,
        tideline,
        (problems, id, sp, tp) -> {
          compare(problems, id, "numInputRows", sp.get("numInputRows"), tp.get("numInputRows"));
          JsonNode ss = sp.path("sources");
          JsonNode ts = tp.path("sources");
          for (int i = 0; i < Math.min(ss.size(), ts.size()); i++) {
            compare(
                problems,
                id,
                "sources[" + i + "].numInputRows",
                ss.get(i).get("numInputRows"),
                ts.get(i).get("numInputRows"));
          }
        });
  }

  /** The event-time figures of progress: the batch's watermark and its rows' event-time range. */
  private static final List<String> EVENT_TIME_FIELDS = List.of("watermark", "min", "max", "avg");

  /**
   * How the per-batch event-time figures differ: {@code eventTime.watermark} (the watermark the
   * batch ran with) and the {@code min}, {@code max} and {@code avg} of its rows' event times.
   */
  static Optional<String> eventTime(StreamOracleAnswer spark, StreamOracleAnswer tideline) {
    return eachBatch(
        spark,
        tideline,
        (problems, id, sp, tp) -> {
          for (String field : EVENT_TIME_FIELDS) {
            compare(
                problems,
                id,
                "eventTime." + field,
                sp.path("eventTime").get(field),
                tp.path("eventTime").get(field));
          }
        });
  }

  /** The state operator figures of progress that do not depend on timing or memory layout. */
  private static final List<String> STATE_FIELDS =
      List.of(
          "operatorName",
          "numRowsTotal",
          "numRowsUpdated",
          "numRowsRemoved",
          "numRowsDroppedByWatermark",
          "numShufflePartitions",
          "numStateStoreInstances");

  /**
   * How the per-batch state operator figures differ: the number of state operators and, for each,
   * its name and row counts (total, updated, removed, dropped by watermark) and partitioning.
   */
  static Optional<String> stateRows(StreamOracleAnswer spark, StreamOracleAnswer tideline) {
    return eachBatch(
        spark,
        tideline,
        (problems, id, sp, tp) -> {
          JsonNode ss = sp.path("stateOperators");
          JsonNode ts = tp.path("stateOperators");
          if (ss.size() != ts.size()) {
            problems.add(
                "batch "
                    + id
                    + ": Spark has "
                    + ss.size()
                    + " state operators, Tideline "
                    + ts.size());
            return;
          }
          for (int i = 0; i < ss.size(); i++) {
            for (String field : STATE_FIELDS) {
              compare(
                  problems,
                  id,
                  "stateOperators[" + i + "]." + field,
                  ss.get(i).get(field),
                  ts.get(i).get(field));
            }
          }
        });
  }

  /** Compares one batch's progress of both engines, adding what differs to {@code problems}. */
  private interface BatchCheck {
    void check(List<String> problems, long batchId, JsonNode spark, JsonNode tideline);
  }

  private static Optional<String> eachBatch(
      StreamOracleAnswer spark, StreamOracleAnswer tideline, BatchCheck check) {
    Map<Long, JsonNode> s = dataProgress(spark);
    Map<Long, JsonNode> t = dataProgress(tideline);
    List<String> problems = new ArrayList<>();
    for (StreamOracleAnswer.Batch b : spark.batches()) {
      long id = b.batchId();
      JsonNode sp = s.get(id);
      if (sp == null) {
        continue;
      }
      JsonNode tp = t.get(id);
      if (tp == null) {
        problems.add("batch " + id + ": Tideline reported no progress with addBatch timing");
        continue;
      }
      check.check(problems, id, sp, tp);
    }
    return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("\n  ", problems));
  }

  /** A case's folder in one engine, to write paths in descriptions engine-independently. */
  record CaseFolder(String folder) {
    String normalize(String text) {
      return text.replace(folder, "<case>");
    }
  }

  private static void compare(
      List<String> problems, long batchId, String field, JsonNode spark, JsonNode tideline) {
    JsonNode s = spark == null ? JsonNodeFactory.instance.missingNode() : spark;
    JsonNode t = tideline == null ? JsonNodeFactory.instance.missingNode() : tideline;
    if (!s.equals(t)) {
      problems.add("batch " + batchId + ": " + field + " Spark " + s + " | Tideline " + t);
    }
  }

  /** Per batch id, the progress of the trigger that delivered it (the last such, with addBatch). */
  static Map<Long, JsonNode> dataProgress(StreamOracleAnswer answer) {
    Map<Long, JsonNode> byBatch = new LinkedHashMap<>();
    for (JsonNode p : answer.progress()) {
      if (p.path("durationMs").has("addBatch")) {
        byBatch.put(p.path("batchId").asLong(), p);
      }
    }
    return byBatch;
  }

  /**
   * The JSON shape of a progress record: every field as {@code path:type}, in order, for the top
   * level, the first source, the sink, the first state operator and the {@code durationMs} keys;
   * values are not part of it (times, ids and rates vary).
   */
  static List<String> shape(JsonNode progress) {
    List<String> out = new ArrayList<>();
    fields(out, "", progress);
    JsonNode sources = progress.path("sources");
    if (sources.size() > 0) {
      fields(out, "sources[].", sources.get(0));
    }
    fields(out, "sink.", progress.path("sink"));
    JsonNode state = progress.path("stateOperators");
    if (state.size() > 0) {
      fields(out, "stateOperators[].", state.get(0));
    }
    List<String> phases = new ArrayList<>();
    progress.path("durationMs").fieldNames().forEachRemaining(phases::add);
    out.add("durationMs keys " + phases);
    return out;
  }

  /** The names of each state operator's {@code customMetrics}, in order, one entry per operator. */
  static List<String> stateMetricNames(JsonNode progress) {
    List<String> out = new ArrayList<>();
    for (JsonNode operator : progress.path("stateOperators")) {
      List<String> names = new ArrayList<>();
      operator.path("customMetrics").fieldNames().forEachRemaining(names::add);
      out.add(operator.path("operatorName").asText() + " " + names);
    }
    return out;
  }

  private static void fields(List<String> out, String prefix, JsonNode node) {
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      out.add(prefix + e.getKey() + ":" + e.getValue().getNodeType().name().toLowerCase());
    }
  }

  private static List<JsonNode> mask(List<JsonNode> rows, List<Integer> positions) {
    if (positions.isEmpty()) {
      return rows;
    }
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode row : rows) {
      ArrayNode copy = ((ArrayNode) row).deepCopy();
      for (int p : positions) {
        copy.set(p, TextNode.valueOf("<masked>"));
      }
      out.add(copy);
    }
    return out;
  }

  private static List<Integer> maskedPositions(StreamCase c, String schemaDdl) {
    List<Integer> out = new ArrayList<>();
    if (c.maskedColumns().isEmpty()) {
      return out;
    }
    StructType schema = StructType.fromDDL(schemaDdl);
    for (int i = 0; i < schema.size(); i++) {
      if (c.maskedColumns().contains(schema.field(i).name())) {
        out.add(i);
      }
    }
    return out;
  }

  private static String withoutNullability(String ddl) {
    return ddl.replace(" NOT NULL", "");
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
