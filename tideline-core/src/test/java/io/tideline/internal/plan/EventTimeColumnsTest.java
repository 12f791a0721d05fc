package io.tideline.internal.plan;

import static io.tideline.functions.col;
import static io.tideline.functions.struct;
import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.DataFrame;
import io.tideline.Tideline;
import io.tideline.internal.expr.Attribute;
import io.tideline.streaming.MemoryStream;
import io.tideline.types.StructType;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which columns carry the watermark through a plan (Spark's watermark metadata). */
class EventTimeColumnsTest {
  private static final StructType EVENTS =
      StructType.fromDDL("k STRING, ts TIMESTAMP, other TIMESTAMP");
  private static Tideline t;

  @BeforeAll
  static void start() {
    t = Tideline.builder().appName("event-time-columns-test").getOrCreate();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private static DataFrame events() {
    return MemoryStream.of(t, EVENTS).toDF();
  }

  /** The names of the marked output columns of {@code df}. */
  private static Set<String> marked(DataFrame df) {
    Map<Long, Long> marks = EventTimeColumns.of(df.logicalPlan());
    Set<String> out = new TreeSet<>();
    for (Attribute a : df.logicalPlan().output()) {
      if (marks.containsKey(a.exprId())) {
        out.add(a.name());
      }
    }
    return out;
  }

  @Test
  void watermark_marksItsColumn_throughFiltersAndAliases_withItsDelay() {
    DataFrame df = events().withWatermark("ts", "2 seconds").filter(col("k").isNotNull());
    assertThat(marked(df)).containsExactly("ts");
    assertThat(EventTimeColumns.of(df.logicalPlan()).values()).containsExactly(2_000L);
    assertThat(marked(df.select(col("ts").as("t"), col("other")))).containsExactly("t");
    assertThat(marked(df.select(col("k")))).isEmpty();
  }

  @Test
  void windowStruct_computedFromTheMarkedColumn_isMarked() {
    DataFrame df =
        events()
            .withWatermark("ts", "1 second")
            .select(struct(col("other").as("start"), col("ts").as("end")).as("window"), col("k"));
    assertThat(marked(df)).containsExactly("window");
    // A struct that is no window (no TIMESTAMP end) carries nothing.
    assertThat(
            marked(
                events()
                    .withWatermark("ts", "1 second")
                    .select(struct(col("ts").as("at"), col("k")).as("s"))))
        .isEmpty();
  }

  @Test
  void windowTime_ofAMarkedWindow_isMarked_asSparksWindowTimeKeepsTheMetadata() {
    DataFrame windows =
        events()
            .withWatermark("ts", "3 seconds")
            .groupBy(io.tideline.functions.window(col("ts"), "10 seconds").as("w"), col("k"))
            .count();
    DataFrame times =
        windows.select(io.tideline.functions.expr("window_time(w)").as("wt"), col("count"));
    assertThat(marked(times)).containsExactly("wt");
    assertThat(EventTimeColumns.of(times.logicalPlan()).values()).containsExactly(3_000L);
  }

  @Test
  void aggregation_keepsMarkedGroupingKeysOnly() {
    DataFrame counted =
        events().withWatermark("ts", "1 second").groupBy(col("k"), col("ts")).count();
    assertThat(marked(counted)).containsExactly("ts");
    assertThat(EventTimeColumns.keyOf((Aggregate) counted.logicalPlan()))
        .isEqualTo(new EventTimeKey(1, -1));
    DataFrame byKey = events().withWatermark("ts", "1 second").groupBy(col("k")).count();
    assertThat(marked(byKey)).isEmpty();
    assertThat(EventTimeColumns.keyOf((Aggregate) byKey.logicalPlan()).isPresent()).isFalse();
  }

  @Test
  void laterWatermark_unmarksTheEarlierColumn() {
    DataFrame df = events().withWatermark("ts", "1 second").withWatermark("other", "1 second");
    assertThat(marked(df)).containsExactly("other");
  }

  @Test
  void union_keepsWhatItsFirstChildMarks_asSpark() {
    DataFrame second = events().union(events().withWatermark("ts", "1 second"));
    assertThat(marked(second)).isEmpty();
    assertThat(EventTimeColumns.hasWatermark(second.logicalPlan())).isTrue();
    DataFrame first = events().withWatermark("ts", "1 second").union(events());
    assertThat(marked(first)).containsExactly("ts");
    assertThat(EventTimeColumns.hasWatermark(events().logicalPlan())).isFalse();
  }
}
