package io.tideline.internal.analysis;

import static io.tideline.functions.col;
import static io.tideline.functions.session_window;
import static io.tideline.functions.window;
import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.DataFrame;
import io.tideline.Row;
import io.tideline.Tideline;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.plan.Aggregate;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.internal.plan.MergeSessions;
import io.tideline.internal.plan.SessionWindowAssign;
import io.tideline.internal.plan.TimeWindowAssign;
import io.tideline.types.StructType;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TimeWindowingTest {
  private static Tideline t;
  private static DataFrame events;

  @BeforeAll
  static void start() {
    t = Tideline.builder().appName("time-windowing-test").getOrCreate();
    events = t.createDataFrame(List.<Row>of(), StructType.fromDDL("t TIMESTAMP, k STRING, v INT"));
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private static Attribute column(DataFrame df, String name) {
    for (Attribute a : df.logicalPlan().output()) {
      if (a.name().equals(name)) {
        return a;
      }
    }
    throw new AssertionError("no column " + name);
  }

  @Test
  void groupByWindow_groupsByTheColumnOfATimeWindowAssignBelow() {
    Aggregate a =
        (Aggregate) events.groupBy(window(col("t"), "5 minutes"), col("k")).count().logicalPlan();
    TimeWindowAssign w = (TimeWindowAssign) a.child();
    assertThat(a.grouping()).containsExactly(w.window(), w.child().output().get(1));
    assertThat(((Attribute) w.timeColumn()).name()).isEqualTo("t");
    assertThat(w.windowMicros()).isEqualTo(300_000_000L);
  }

  @Test
  void windowSource_followsRenamesAndFilters_toTheAssigningNode() {
    DataFrame df =
        events
            .withColumn("w", window(col("t"), "1 minute"))
            .filter(col("v").gt(0))
            .withColumnRenamed("w", "renamed");
    LogicalPlan source =
        TimeWindowing.windowSource(df.logicalPlan(), column(df, "renamed").exprId());
    assertThat(source).isInstanceOf(TimeWindowAssign.class);
    assertThat(TimeWindowing.windowSource(df.logicalPlan(), column(df, "v").exprId())).isNull();
  }

  @Test
  void groupBySessionWindow_putsMergeSessionsOverTheAssignment_keyedByTheOtherColumns() {
    Aggregate a =
        (Aggregate)
            events.groupBy(session_window(col("t"), "10 minutes"), col("k")).count().logicalPlan();
    MergeSessions m = (MergeSessions) a.child();
    assertThat(m.child()).isInstanceOf(SessionWindowAssign.class);
    assertThat(m.keys()).hasSize(1);
    assertThat(((Attribute) m.keys().get(0)).name()).isEqualTo("k");
  }

  @Test
  void selectSessionWindow_withoutAggregation_hasNoMerge() {
    LogicalPlan p = events.select(session_window(col("t"), "10 minutes")).logicalPlan();
    assertThat(p.children().get(0)).isInstanceOf(SessionWindowAssign.class);
  }
}
