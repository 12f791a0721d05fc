package io.tideline.internal.plan;

import static io.tideline.functions.expr;
import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.DataFrame;
import io.tideline.Tideline;
import io.tideline.internal.streaming.exec.StatefulPlanning;
import io.tideline.streaming.MemoryStream;
import io.tideline.types.StructType;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Spark's state watermark arithmetic for stream-stream joins, on resolved conditions. */
class StreamingJoinHelperTest {
  private static final StructType LEFT = StructType.fromDDL("lk STRING, lt TIMESTAMP");
  private static final StructType RIGHT = StructType.fromDDL("rk STRING, rt TIMESTAMP");
  private static Tideline t;

  @BeforeAll
  static void start() {
    t = Tideline.builder().appName("join-helper-test").getOrCreate();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private static Join join(String condition, boolean leftMark, boolean rightMark) {
    DataFrame l = MemoryStream.of(t, LEFT).toDF();
    DataFrame r = MemoryStream.of(t, RIGHT).toDF();
    if (leftMark) {
      l = l.withWatermark("lt", "10 seconds");
    }
    if (rightMark) {
      r = r.withWatermark("rt", "10 seconds");
    }
    return Plans.collect(l.join(r, expr(condition), "inner").logicalPlan(), Join.class).get(0);
  }

  private static OptionalLong leftState(Join j, long watermarkMs) {
    return StreamingJoinHelper.stateValueWatermark(j.left(), j.right(), j.condition(), watermarkMs);
  }

  private static OptionalLong rightState(Join j, long watermarkMs) {
    return StreamingJoinHelper.stateValueWatermark(j.right(), j.left(), j.condition(), watermarkMs);
  }

  @Test
  void between_boundsBothSides_oneMillisecondBelowTheInclusiveBound() {
    Join j =
        join("lk = rk AND rt BETWEEN lt - INTERVAL 1 HOUR AND lt + INTERVAL 1 HOUR", true, true);
    long wm = 10_000_000L;
    // rt <= lt + 1h  =>  lt >= wm - 1h: left rows at or before wm - 1h - 1 ms never match.
    assertThat(leftState(j, wm)).hasValue(wm - 3_600_000L - 1);
    assertThat(rightState(j, wm)).hasValue(wm - 3_600_000L - 1);
  }

  @Test
  void strictBound_isTheWatermarkPlusTheOffset_andOnlyTheSideItBounds() {
    Join j = join("lk = rk AND lt > rt + INTERVAL 2 SECONDS", true, true);
    // lt > rt + 2 s bounds the left side: lt > wm + 2 s. It says nothing of the right side's rows.
    assertThat(leftState(j, 100_000L)).hasValue(102_000L);
    assertThat(rightState(j, 100_000L)).isEmpty();
  }

  @Test
  void noWatermarkOnTheOtherSide_orNoTimeCondition_givesNothing() {
    assertThat(leftState(join("lk = rk AND rt < lt", true, false), 1000L)).isEmpty();
    assertThat(leftState(join("lk = rk", true, true), 1000L)).isEmpty();
  }

  @Test
  void evictions_preferTheWatermarkedJoinKey() {
    Join j = join("lk = rk AND lt = rt", true, true);
    StreamingJoinHelper.Eviction[] e =
        StreamingJoinHelper.evictions(j, StreamingJoinHelper.equiKeys(j), 5000L);
    assertThat(e[0]).isEqualTo(new StreamingJoinHelper.EvictByKey(1, 5000L));
    assertThat(e[1]).isEqualTo(new StreamingJoinHelper.EvictByKey(1, 5000L));
  }

  @Test
  void inputWatermarks_shiftByTheJoinsStateWatermark_forADownstreamOperator() {
    DataFrame l = MemoryStream.of(t, LEFT).toDF().withWatermark("lt", "10 seconds");
    DataFrame r = MemoryStream.of(t, RIGHT).toDF().withWatermark("rt", "10 seconds");
    DataFrame joined =
        l.join(r, expr("lk = rk AND rt BETWEEN lt - INTERVAL 5 SECONDS AND lt"), "inner");
    LogicalPlan plan = joined.select("lk", "lt").dropDuplicates("lk", "lt").logicalPlan();
    long[] in = StatefulPlanning.inputWatermarks(plan, 60_000L);
    // Operator 0 (the join) sees the global watermark; the dedup above it the lowest state
    // watermark of the join's sides: left 60 s - 0 - 1 ms, right 60 s - 5 s - 1 ms.
    assertThat(in).containsExactly(60_000L, 54_999L);
    assertThat(StatefulPlanning.inputWatermarks(plan, 0L)).containsExactly(0L, 0L);
  }
}
