package io.tideline;

import static io.tideline.functions.col;
import static io.tideline.functions.count;
import static io.tideline.functions.expr;
import static io.tideline.functions.lit;
import static io.tideline.functions.max;
import static io.tideline.functions.min;
import static io.tideline.functions.session_window;
import static io.tideline.functions.sum;
import static io.tideline.functions.when;
import static io.tideline.functions.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code window} and {@code session_window} in batch queries, end to end: Spark's window grid and
 * boundaries, sliding-window duplication, null times, errors, and session merging per key.
 */
class WindowFunctionsTest {
  private static final StructType EVENTS = StructType.fromDDL("t TIMESTAMP, k STRING, v INT");
  private static Tideline t;

  @BeforeAll
  static void start() {
    // Tiny batches and several partitions, so expansion and merging cross batch boundaries.
    t =
        Tideline.builder()
            .appName("window-test")
            .config("tideline.shuffle.partitions", "3")
            .config("tideline.sql.batchSize", "2")
            .getOrCreate();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private static Instant s(long seconds) {
    return Instant.ofEpochSecond(seconds);
  }

  private static Row w(long startSeconds, long endSeconds) {
    return Row.of(s(startSeconds), s(endSeconds));
  }

  private static DataFrame events(Row... rows) {
    return t.createDataFrame(Arrays.asList(rows), EVENTS);
  }

  private static DataFrame times(Long... seconds) {
    List<Row> rows = new ArrayList<>();
    for (Long x : seconds) {
      rows.add(Row.of(x == null ? null : s(x), "a", 1));
    }
    return t.createDataFrame(rows, EVENTS);
  }

  private static List<Row> windowsOf(DataFrame df, Column window) {
    return df.select(window, col("t")).collectAsList();
  }

  @Test
  void tumbling_rowAtWindowEnd_belongsToNextWindow() {
    assertThat(windowsOf(times(12L, 15L, -1L, 10L), window(col("t"), "5 seconds")))
        .containsExactlyInAnyOrder(
            Row.of(w(10, 15), s(12)),
            Row.of(w(15, 20), s(15)),
            Row.of(w(-5, 0), s(-1)),
            Row.of(w(10, 15), s(10)));
  }

  @Test
  void tumbling_beforeEpoch_floorsToTheGrid() {
    assertThat(windowsOf(times(-7200L, -7201L, -1L), window(col("t"), "1 hour")))
        .containsExactlyInAnyOrder(
            Row.of(w(-7200, -3600), s(-7200)),
            Row.of(w(-10800, -7200), s(-7201)),
            Row.of(w(-3600, 0), s(-1)));
  }

  @Test
  void tumbling_startTimeShiftsTheGrid_positiveAndNegative() {
    assertThat(windowsOf(times(12L, 11L), window(col("t"), "5 seconds", "5 seconds", "2 seconds")))
        .containsExactlyInAnyOrder(Row.of(w(12, 17), s(12)), Row.of(w(7, 12), s(11)));
    assertThat(windowsOf(times(12L), window(col("t"), "5 seconds", "5 seconds", "-1 second")))
        .containsExactly(Row.of(w(9, 14), s(12)));
  }

  @Test
  void tumbling_nullTime_dropsTheRow() {
    assertThat(windowsOf(times(3L, null, 7L), window(col("t"), "5 seconds")))
        .containsExactlyInAnyOrder(Row.of(w(0, 5), s(3)), Row.of(w(5, 10), s(7)));
  }

  @Test
  void sliding_durationMultipleOfSlide_givesEveryCandidate_latestFirst() {
    assertThat(windowsOf(times(12L), window(col("t"), "10 seconds", "5 seconds")))
        .containsExactly(Row.of(w(10, 20), s(12)), Row.of(w(5, 15), s(12)));
    assertThat(windowsOf(times(10L), window(col("t"), "10 seconds", "5 seconds")))
        .containsExactly(Row.of(w(10, 20), s(10)), Row.of(w(5, 15), s(10)));
    assertThat(windowsOf(times(15L), window(col("t"), "10 seconds", "5 seconds")))
        .containsExactly(Row.of(w(15, 25), s(15)), Row.of(w(10, 20), s(15)));
  }

  @Test
  void sliding_durationNotMultipleOfSlide_dropsCandidatesWithoutTheRow() {
    assertThat(windowsOf(times(12L), window(col("t"), "10 seconds", "3 seconds")))
        .containsExactly(
            Row.of(w(12, 22), s(12)),
            Row.of(w(9, 19), s(12)),
            Row.of(w(6, 16), s(12)),
            Row.of(w(3, 13), s(12)));
    assertThat(windowsOf(times(13L), window(col("t"), "10 seconds", "3 seconds")))
        .containsExactly(
            Row.of(w(12, 22), s(13)), Row.of(w(9, 19), s(13)), Row.of(w(6, 16), s(13)));
  }

  @Test
  void sliding_beforeEpochWithStartTime_keepsSparkGrid() {
    // 12m windows every 5m, grid shifted by 2m: t = -1s lies in [-8m, 4m), [-3m, 9m).
    assertThat(windowsOf(times(-1L), window(col("t"), "12 minutes", "5 minutes", "2 minutes")))
        .containsExactly(Row.of(w(-180, 540), s(-1)), Row.of(w(-480, 240), s(-1)));
  }

  @Test
  void sliding_manyRowsAcrossTinyBatches_countsEachRowOncePerWindow() {
    Long[] ts = new Long[50];
    for (int i = 0; i < ts.length; i++) {
      ts[i] = (long) i;
    }
    List<Row> counts =
        times(ts).groupBy(window(col("t"), "10 seconds", "2 seconds")).count().collectAsList();
    // Windows start every 2s from -8 to 48; each holds the rows of [start, start + 10) ∩ [0, 50).
    assertThat(counts).hasSize(29);
    long total = 0;
    for (Row r : counts) {
      long start = r.getStruct(0).getInstant(0).getEpochSecond();
      long expected = Math.min(start + 10, 50) - Math.max(start, 0);
      assertThat(r.getLong(1)).as("window starting %d", start).isEqualTo(expected);
      total += r.getLong(1);
    }
    assertThat(total).isEqualTo(50 * 5);
  }

  @Test
  void sliding_moreWindowsPerRowThanABatch_andNullTimes_expandCompletely() {
    Long[] ts = new Long[21];
    for (int i = 0; i < 20; i++) {
      ts[i] = (long) i;
    }
    // 60 windows per row, batches of 2 rows: each output batch holds one row's windows.
    DataFrame expanded = times(ts).select(window(col("t"), "1 minute", "1 second"), col("t"));
    assertThat(expanded.count()).isEqualTo(20 * 60);
    assertThat(expanded.filter(col("t").isNull()).count()).isZero();
    assertThat(
            expanded
                .filter(col("window.start").leq(col("t")).and(col("t").lt(col("window.end"))))
                .count())
        .isEqualTo(20 * 60);
  }

  @Test
  void groupByWindowAndKey_countsPerWindow_withSparkColumnNamesAndTypes() {
    DataFrame orders =
        events(
            Row.of(s(0), "widget", 1),
            Row.of(s(299), "widget", 2),
            Row.of(s(300), "widget", 3),
            Row.of(s(60), "gadget", 4),
            Row.of(null, "gadget", 5));
    DataFrame counts = orders.groupBy(window(col("t"), "5 minutes"), col("k")).count();
    assertThat(counts.columns()).containsExactly("window", "k", "count");
    assertThat(counts.schema().fields().get(0).dataType())
        .isEqualTo(
            new StructType()
                .add("start", DataTypes.TimestampType)
                .add("end", DataTypes.TimestampType));
    assertThat(counts.schema().fields().get(0).nullable()).isFalse();
    assertThat(
            orders
                .select(window(col("t"), "10 minutes", "5 minutes"))
                .schema()
                .fields()
                .get(0)
                .nullable())
        .isTrue();
    assertThat(counts.collectAsList())
        .containsExactlyInAnyOrder(
            Row.of(w(0, 300), "widget", 2L),
            Row.of(w(300, 600), "widget", 1L),
            Row.of(w(0, 300), "gadget", 1L));
  }

  @Test
  void windowFields_areReachableByGetFieldAndSqlText() {
    DataFrame counts =
        times(1L, 2L, 7L).groupBy(window(col("t"), "5 seconds")).agg(sum("v").as("n"));
    assertThat(
            counts
                .select(col("window").getField("start"), col("window.end"), col("n"))
                .collectAsList())
        .containsExactlyInAnyOrder(Row.of(s(0), s(5), 2L), Row.of(s(5), s(10), 1L));
    assertThat(counts.selectExpr("window.start AS s", "n").collectAsList())
        .containsExactlyInAnyOrder(Row.of(s(0), 2L), Row.of(s(5), 1L));
  }

  @Test
  void sqlText_windowAndSessionWindow_resolve() {
    assertThat(times(12L).selectExpr("window(t, '10 seconds', '5 seconds') AS w").collectAsList())
        .containsExactly(Row.of(w(10, 20)), Row.of(w(5, 15)));
    assertThat(times(1L, 3L).groupBy(expr("window(t, '5 seconds')")).count().collectAsList())
        .containsExactly(Row.of(w(0, 5), 2L));
    assertThat(times(12L).selectExpr("session_window(t, '5 seconds')").collectAsList())
        .containsExactly(Row.of(w(12, 17)));
    assertThat(times(12L).selectExpr("session_window(t, '5 seconds')").columns())
        .containsExactly("session_window");
  }

  @Test
  void withColumnAndFilter_onWindow_work() {
    DataFrame df = times(3L, 8L).withColumn("w", window(col("t"), "5 seconds"));
    assertThat(df.filter(col("w.start").geq(lit(s(5)))).select("v").collectAsList())
        .containsExactly(Row.of(1));
  }

  @Test
  void chainedWindows_rewindowTheWindowTime_endMinusOneMicro() {
    DataFrame perMinute =
        times(10L, 70L, 130L).groupBy(window(col("t"), "1 minute")).agg(sum("v").as("n"));
    assertThat(perMinute.select(expr("window_time(window)")).columns())
        .containsExactly("window_time(window)");
    assertThat(perMinute.select(expr("window_time(window)")).collectAsList())
        .containsExactlyInAnyOrder(
            Row.of(s(60).minusNanos(1000)),
            Row.of(s(120).minusNanos(1000)),
            Row.of(s(180).minusNanos(1000)));
    System.out.println(
        perMinute
            .groupBy(window(col("window"), "2 minutes"))
            .agg(sum("n").as("n"))
            .explainString(true));
    assertThat(
            perMinute
                .groupBy(window(col("window"), "2 minutes"))
                .agg(sum("n").as("n"))
                .collectAsList())
        .containsExactlyInAnyOrder(Row.of(w(0, 120), 2L), Row.of(w(120, 240), 1L));
  }

  @Test
  void twoWindowsInOneOperator_areRefused() {
    assertThatThrownBy(
            () ->
                times(1L)
                    .select(window(col("t"), "5 seconds"), window(col("t"), "10 seconds"))
                    .collectAsList())
        .isInstanceOf(AnalysisException.class)
        .hasMessageStartingWith("[_LEGACY_ERROR_TEMP_1039]");
  }

  @Test
  void windowOnNonTimestamp_isUnexpectedInputType() {
    assertThatThrownBy(() -> times(1L).select(window(col("v"), "5 seconds")))
        .isInstanceOf(AnalysisException.class)
        .hasMessageStartingWith("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE]")
        .hasMessageContaining("\"TIMESTAMP\"")
        .hasMessageContaining("\"INT\"");
  }

  @Test
  void windowSlideLongerThanDuration_isRefused() {
    assertThatThrownBy(() -> times(1L).select(window(col("t"), "5 seconds", "10 seconds")))
        .isInstanceOf(AnalysisException.class)
        .hasMessageStartingWith("[DATATYPE_MISMATCH.PARAMETER_CONSTRAINT_VIOLATION]");
  }

  // ---- session windows ----

  @Test
  void sessionWindow_staticGap_mergesOutOfOrderRowsPerKey() {
    DataFrame df =
        events(
            Row.of(s(40), "spark", 3),
            Row.of(s(25), "spark", 1),
            Row.of(s(30), "spark", 2),
            Row.of(s(70), "spark", 4),
            Row.of(s(26), "flink", 10),
            Row.of(null, "flink", 99));
    DataFrame sessions =
        df.groupBy(session_window(col("t"), "10 seconds"), col("k"))
            .agg(count(lit(1)).as("n"), sum("v").as("total"), min("v"), max("v"));
    assertThat(sessions.columns())
        .containsExactly("session_window", "k", "n", "total", "min(v)", "max(v)");
    assertThat(sessions.collectAsList())
        .containsExactlyInAnyOrder(
            Row.of(w(25, 50), "spark", 3L, 6L, 1, 3),
            Row.of(w(70, 80), "spark", 1L, 4L, 4, 4),
            Row.of(w(26, 36), "flink", 1L, 10L, 10, 10));
  }

  @Test
  void sessionWindow_touchingSessionsMerge_gapApartDoNot() {
    // [0,10) and [10,20) touch; [31,41) starts after 20 + nothing: a new session.
    assertThat(
            times(10L, 0L, 31L)
                .groupBy(session_window(col("t"), "10 seconds"))
                .count()
                .collectAsList())
        .containsExactlyInAnyOrder(Row.of(w(0, 20), 2L), Row.of(w(31, 41), 1L));
  }

  @Test
  void sessionWindow_lateRowBridgesTwoSessions() {
    assertThat(
            times(0L, 20L, 9L, 15L)
                .groupBy(session_window(col("t"), "6 seconds"))
                .count()
                .collectAsList())
        .containsExactlyInAnyOrder(Row.of(w(0, 6), 1L), Row.of(w(9, 26), 3L));
  }

  @Test
  void sessionWindow_dynamicGap_perRow_dropsNullAndNonPositiveGaps() {
    DataFrame df =
        events(
            Row.of(s(0), "slow", 1),
            Row.of(s(15), "slow", 2),
            Row.of(s(0), "fast", 3),
            Row.of(s(15), "fast", 4),
            Row.of(s(5), "none", 5),
            Row.of(s(5), "neg", 6),
            Row.of(s(5), "zero", 7));
    Column gap =
        when(col("k").equalTo("slow"), lit("20 seconds"))
            .when(col("k").equalTo("fast"), lit("5 seconds"))
            .when(col("k").equalTo("neg"), lit("-5 seconds"))
            .when(col("k").equalTo("zero"), lit("0 seconds"));
    assertThat(
            df.groupBy(session_window(col("t"), gap), col("k"))
                .agg(sum("v").as("total"))
                .collectAsList())
        .containsExactlyInAnyOrder(
            Row.of(w(0, 35), "slow", 3L),
            Row.of(w(0, 5), "fast", 3L),
            Row.of(w(15, 20), "fast", 4L));
  }

  @Test
  void sessionWindow_computedEarlierAndRenamed_stillMergesInTheAggregation() {
    DataFrame df =
        times(0L, 4L, 20L)
            .withColumn("s", session_window(col("t"), "5 seconds"))
            .select(col("s").as("sess"), col("k"));
    assertThat(df.groupBy(col("sess"), col("k")).count().collectAsList())
        .containsExactlyInAnyOrder(Row.of(w(0, 9), "a", 2L), Row.of(w(20, 25), "a", 1L));
  }

  @Test
  void sessionWindow_inSelect_isTheRowsOwnSession() {
    assertThat(times(3L, 5L).select(session_window(col("t"), "10 seconds")).collectAsList())
        .containsExactlyInAnyOrder(Row.of(w(3, 13)), Row.of(w(5, 15)));
  }

  @Test
  void sessionWindow_nonPositiveStaticGap_dropsEveryRow() {
    assertThat(times(3L, 5L).groupBy(session_window(col("t"), "-1 second")).count().collectAsList())
        .isEmpty();
  }

  @Test
  void sessionWindow_sessionFieldsAreReachable() {
    DataFrame df =
        times(1L, 2L).groupBy(session_window(col("t"), "3 seconds")).agg(count(lit(1)).as("n"));
    assertThat(df.selectExpr("session_window.start", "session_window.end", "n").collectAsList())
        .containsExactly(Row.of(s(1), s(5), 2L));
  }
}
