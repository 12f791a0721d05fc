package io.tideline.internal.analysis;

import io.tideline.AnalysisException;
import io.tideline.internal.errors.ErrorCondition;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The errors of {@link UnsupportedOperationChecker}: what a streaming query may not do in its
 * output mode. The text before "Operator:" is Spark's own message for the rule (Spark raises them
 * all as {@code _LEGACY_ERROR_TEMP_3102}); Tideline gives each rule its own condition so callers
 * and tests can tell them apart, names the operator that broke the rule, and says how to fix it.
 * Rules Spark supports and Tideline does not yet are {@code STREAMING_NOT_SUPPORTED_YET.*}.
 */
public final class UnsupportedOperationErrors {
  private UnsupportedOperationErrors() {}

  private static final String WHERE = " Operator: <operator>. <hint>";

  /** The conditions of the streaming plan checks. */
  public enum Condition implements ErrorCondition {
    NO_STREAMING_SOURCE(
        "STREAMING_UNSUPPORTED_OPERATION.NO_STREAMING_SOURCE",
        "42KDE",
        "Queries without streaming sources cannot be executed with writeStream.start();" + WHERE),
    GLOBAL_WATERMARK_CORRECTNESS(
        "STREAMING_UNSUPPORTED_OPERATION.GLOBAL_WATERMARK_CORRECTNESS",
        "42KDE",
        "Detected pattern of possible 'correctness' issue due to global watermark. The query"
            + " contains stateful operation which can emit rows older than the current watermark"
            + " plus allowed late record delay, which are \"late rows\" in downstream stateful"
            + " operations and these rows can be discarded;"
            + WHERE),
    APPEND_AGGREGATION_WITHOUT_WATERMARK(
        "STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION",
        "42KDE",
        "Invalid streaming output mode: <outputMode>. This output mode is not supported for"
            + " <operation> on streaming DataFrames/DataSets;"
            + WHERE),
    COMPLETE_WITHOUT_AGGREGATION(
        "STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION",
        "42KDE",
        "Invalid streaming output mode: <outputMode>. This output mode is not supported for"
            + " <operation> on streaming DataFrames/DataSets;"
            + WHERE),
    SESSION_WINDOW_IN_UPDATE_MODE(
        "STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION",
        "42KDE",
        "Invalid streaming output mode: <outputMode>. This output mode is not supported for"
            + " <operation> on streaming DataFrames/DataSets;"
            + WHERE),
    GLOBAL_SESSION_WINDOW(
        "STREAMING_UNSUPPORTED_OPERATION.GLOBAL_SESSION_WINDOW",
        "0A000",
        "Global aggregation with session window in streaming query is not supported;" + WHERE),
    DISTINCT_AGGREGATION(
        "STREAMING_UNSUPPORTED_OPERATION.DISTINCT_AGGREGATION",
        "0A000",
        "Distinct aggregations are not supported on streaming DataFrames/Datasets. Consider using"
            + " approx_count_distinct() instead;"
            + WHERE),
    SORT(
        "STREAMING_UNSUPPORTED_OPERATION.SORT",
        "0A000",
        "Sorting is not supported on streaming DataFrames/Datasets, unless it is on aggregated"
            + " DataFrame/Dataset in Complete output mode;"
            + WHERE),
    LIMIT_IN_UPDATE_MODE(
        "STREAMING_UNSUPPORTED_OPERATION.LIMIT_IN_UPDATE_MODE",
        "0A000",
        "Limits are not supported on streaming DataFrames/Datasets in Update output mode;" + WHERE),
    UNION_STREAMING_AND_BATCH(
        "STREAMING_UNSUPPORTED_OPERATION.UNION_STREAMING_AND_BATCH",
        "0A000",
        "Union between streaming and batch DataFrames/Datasets is not supported;" + WHERE),
    STREAM_STREAM_JOIN_OUTPUT_MODE(
        "STREAMING_UNSUPPORTED_OPERATION.STREAM_STREAM_JOIN_OUTPUT_MODE",
        "0A000",
        "Join between two streaming DataFrames/Datasets is not supported in <outputMode> output"
            + " mode, only in Append output mode;"
            + WHERE),
    JOIN_STREAMING_ON_RIGHT(
        "STREAMING_UNSUPPORTED_OPERATION.JOIN_STREAMING_ON_RIGHT",
        "0A000",
        "<joinType> join with a streaming DataFrame/Dataset on the right and a static"
            + " DataFrame/Dataset on the left is not supported;"
            + WHERE),
    LEFT_ANTI_JOIN_STREAMING_ON_RIGHT(
        "STREAMING_UNSUPPORTED_OPERATION.LEFT_ANTI_JOIN_STREAMING_ON_RIGHT",
        "0A000",
        "LeftAnti joins with a streaming DataFrame/Dataset on the right are not supported;"
            + WHERE),
    RIGHT_OUTER_JOIN_STREAMING_ON_LEFT(
        "STREAMING_UNSUPPORTED_OPERATION.RIGHT_OUTER_JOIN_STREAMING_ON_LEFT",
        "0A000",
        "RightOuter join with a streaming DataFrame/Dataset on the left and a static"
            + " DataFrame/DataSet on the right not supported;"
            + WHERE),
    FULL_OUTER_JOIN_STREAM_STATIC(
        "STREAMING_UNSUPPORTED_OPERATION.FULL_OUTER_JOIN_STREAM_STATIC",
        "0A000",
        "FullOuter joins with streaming DataFrames/Datasets on the <streamingSide> and a static"
            + " DataFrame/Dataset on the <staticSide> is not supported;"
            + WHERE),
    STREAM_STREAM_JOIN_WITHOUT_WATERMARK(
        "STREAMING_UNSUPPORTED_OPERATION.STREAM_STREAM_JOIN_WITHOUT_WATERMARK",
        "0A000",
        "Stream-stream <joinType> join between two streaming DataFrame/Datasets is not supported"
            + " without a watermark in the join keys, or a watermark on the nullable side and an"
            + " appropriate range condition;"
            + WHERE),
    STREAM_STREAM_JOIN_WITHOUT_EQUALITY(
        "STREAMING_UNSUPPORTED_OPERATION.STREAM_STREAM_JOIN_WITHOUT_EQUALITY",
        "0A000",
        "Stream-stream join without equality predicate is not supported;" + WHERE),
    MULTIPLE_EVENT_TIME_COLUMNS(
        "STREAMING_UNSUPPORTED_OPERATION.MULTIPLE_EVENT_TIME_COLUMNS",
        "42KDE",
        "More than one event time columns are available. Please ensure there is at most one event"
            + " time column per stream. event time columns: (<eventTimeColumns>);"
            + WHERE),
    REDEFINING_WATERMARK(
        "STREAMING_UNSUPPORTED_OPERATION.REDEFINING_WATERMARK",
        "42KDE",
        "Redefining watermark is disallowed: withWatermark is applied to a stream that already has"
            + " one;"
            + WHERE),
    DEDUPLICATE_WITHIN_WATERMARK_WITHOUT_WATERMARK(
        "STREAMING_UNSUPPORTED_OPERATION.DEDUPLICATE_WITHIN_WATERMARK_WITHOUT_WATERMARK",
        "42KDE",
        "dropDuplicatesWithinWatermark is not supported on streaming DataFrames/DataSets without"
            + " watermark;"
            + WHERE),
    NOT_SUPPORTED_YET(
        "STREAMING_NOT_SUPPORTED_YET",
        "0A000",
        "<what> on streaming DataFrames/Datasets is not supported yet by Tideline's streaming"
            + " engine (Spark supports it: <sparkBehaviour>);"
            + WHERE);

    private final String name;
    private final String sqlState;
    private final String template;

    Condition(String name, String sqlState, String template) {
      this.name = name;
      this.sqlState = sqlState;
      this.template = template;
    }

    @Override
    public String conditionName() {
      return name;
    }

    @Override
    public String sqlState() {
      return sqlState;
    }

    @Override
    public String template() {
      return template;
    }
  }

  static AnalysisException noStreamingSource(String operator) {
    return error(
        Condition.NO_STREAMING_SOURCE,
        operator,
        "Run a query over batch DataFrames with write() or collect(), or read one of its inputs"
            + " with readStream().",
        Map.of());
  }

  static AnalysisException globalWatermarkCorrectness(String operator, String outputMode) {
    return error(
        Condition.GLOBAL_WATERMARK_CORRECTNESS,
        operator,
        "An aggregation in "
            + outputMode
            + " output mode revises rows it already emitted, so no stateful operation may follow"
            + " it: aggregate the stream once, and aggregate its output further inside"
            + " foreachBatch.",
        Map.of("outputMode", outputMode));
  }

  static AnalysisException appendAggregationWithoutWatermark(String operator) {
    return error(
        Condition.APPEND_AGGREGATION_WITHOUT_WATERMARK,
        operator,
        "Use outputMode(\"update\") or outputMode(\"complete\"), or add withWatermark(...) on an"
            + " event-time column the aggregation groups by (directly or through window(...)).",
        Map.of("outputMode", "append", "operation", "streaming aggregations without watermark"));
  }

  static AnalysisException sessionWindowInUpdateMode(String operator) {
    return error(
        Condition.SESSION_WINDOW_IN_UPDATE_MODE,
        operator,
        "A session can still grow and merge with its neighbours until the watermark passes its"
            + " end, so Update mode cannot say which rows changed. Use outputMode(\"append\")"
            + " (each session once, when final) or outputMode(\"complete\").",
        Map.of("outputMode", "update", "operation", "session window"));
  }

  static AnalysisException globalSessionWindow(String operator) {
    return error(
        Condition.GLOBAL_SESSION_WINDOW,
        operator,
        "Group by at least one column besides session_window(...), e.g."
            + " groupBy(session_window(ts, \"5 minutes\"), col(\"userId\")).",
        Map.of());
  }

  static AnalysisException redefiningWatermark(String operator) {
    return error(
        Condition.REDEFINING_WATERMARK,
        operator,
        "Declare the watermark once, on the stream's event-time column before its first stateful"
            + " operation, and let it flow through to the later ones.",
        Map.of());
  }

  static AnalysisException completeWithoutAggregation(String operator) {
    return error(
        Condition.COMPLETE_WITHOUT_AGGREGATION,
        operator,
        "Use outputMode(\"append\") or outputMode(\"update\"), or aggregate the stream with"
            + " groupBy(...).agg(...).",
        Map.of("outputMode", "complete", "operation", "no streaming aggregations"));
  }

  static AnalysisException distinctAggregation(String operator) {
    return error(
        Condition.DISTINCT_AGGREGATION,
        operator,
        "Replace count(DISTINCT x) with approx_count_distinct(x), or with size(collect_set(x)).",
        Map.of());
  }

  static AnalysisException sort(String operator) {
    return error(
        Condition.SORT,
        operator,
        "Sort the output of a streaming aggregation in Complete output mode, or sort each"
            + " micro-batch inside foreachBatch.",
        Map.of());
  }

  static AnalysisException limitInUpdateMode(String operator) {
    return error(
        Condition.LIMIT_IN_UPDATE_MODE,
        operator,
        "Remove the limit, or limit the output of an aggregation in Complete output mode.",
        Map.of());
  }

  static AnalysisException unionStreamingAndBatch(String operator) {
    return error(
        Condition.UNION_STREAMING_AND_BATCH,
        operator,
        "Make every input of the union a stream (readStream()), or join the batch DataFrame"
            + " instead.",
        Map.of());
  }

  static AnalysisException streamStreamJoinOutputMode(String operator, String outputMode) {
    return error(
        Condition.STREAM_STREAM_JOIN_OUTPUT_MODE,
        operator,
        "Use outputMode(\"append\").",
        Map.of("outputMode", outputMode));
  }

  static AnalysisException streamStreamJoinWithoutWatermark(String operator, String joinType) {
    return error(
        Condition.STREAM_STREAM_JOIN_WITHOUT_WATERMARK,
        operator,
        "Add withWatermark(...) to both inputs and join on the event-time column (or a window of"
            + " it), or add a condition that bounds the nullable side's event time by the other"
            + " side's, e.g. l.time BETWEEN r.time - INTERVAL 1 HOUR AND r.time + INTERVAL 1 HOUR.",
        Map.of("joinType", joinType));
  }

  static AnalysisException multipleEventTimeColumns(String operator, String columns) {
    return error(
        Condition.MULTIPLE_EVENT_TIME_COLUMNS,
        operator,
        "Select only one of the joined inputs' event-time columns (or a window of it) before this"
            + " operator.",
        Map.of("eventTimeColumns", columns));
  }

  static AnalysisException streamStreamJoinWithoutEquality(String operator) {
    return error(
        Condition.STREAM_STREAM_JOIN_WITHOUT_EQUALITY,
        operator,
        "Add an equality between a column of each input (e.g. l.id = r.id) to the join condition.",
        Map.of());
  }

  static AnalysisException joinStreamingOnRight(String operator, String joinType) {
    return error(
        Condition.JOIN_STREAMING_ON_RIGHT,
        operator,
        "Put the stream on the left of a " + joinType + " join, or use an inner join.",
        Map.of("joinType", joinType));
  }

  static AnalysisException leftAntiJoinStreamingOnRight(String operator) {
    return error(
        Condition.LEFT_ANTI_JOIN_STREAMING_ON_RIGHT,
        operator,
        "Put the stream on the left of the anti join.",
        Map.of());
  }

  static AnalysisException rightOuterJoinStreamingOnLeft(String operator) {
    return error(
        Condition.RIGHT_OUTER_JOIN_STREAMING_ON_LEFT,
        operator,
        "Swap the sides and use a left outer join, with the stream on the left.",
        Map.of());
  }

  static AnalysisException fullOuterJoinStreamStatic(String operator, boolean streamingLeft) {
    return error(
        Condition.FULL_OUTER_JOIN_STREAM_STATIC,
        operator,
        "Use a left outer join with the stream on the left (or a right outer join with the"
            + " stream on the right).",
        Map.of(
            "streamingSide", streamingLeft ? "left" : "right",
            "staticSide", streamingLeft ? "right" : "left"));
  }

  static AnalysisException dedupWithinWatermarkWithoutWatermark(String operator) {
    return error(
        Condition.DEDUPLICATE_WITHIN_WATERMARK_WITHOUT_WATERMARK,
        operator,
        "Add withWatermark(\"<eventTimeColumn>\", \"<delay>\") before"
            + " dropDuplicatesWithinWatermark, with a delay at least the largest event-time gap"
            + " between duplicates.",
        Map.of());
  }

  static AnalysisException notSupportedYet(
      String operator, String what, String sparkBehaviour, String hint) {
    return error(
        Condition.NOT_SUPPORTED_YET,
        operator,
        hint,
        Map.of("what", what, "sparkBehaviour", sparkBehaviour));
  }

  private static AnalysisException error(
      Condition condition, String operator, String hint, Map<String, String> extra) {
    Map<String, String> params = new LinkedHashMap<>(extra);
    params.put("operator", operator);
    params.put("hint", hint);
    return new AnalysisException(condition, params);
  }
}
