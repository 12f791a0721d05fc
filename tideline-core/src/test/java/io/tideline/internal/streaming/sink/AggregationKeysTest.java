package io.tideline.internal.streaming.sink;

import static io.tideline.functions.col;
import static io.tideline.functions.window;
import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.DataFrame;
import io.tideline.Tideline;
import io.tideline.streaming.MemoryStream;
import io.tideline.types.StructType;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AggregationKeysTest {
  private static Tideline t;
  private static DataFrame input;

  @BeforeAll
  static void open() {
    t = Tideline.builder().appName("aggregation-keys").getOrCreate();
    input = MemoryStream.of(t, StructType.fromDDL("ts TIMESTAMP, product STRING, n INT")).toDF();
  }

  @AfterAll
  static void close() {
    t.close();
  }

  @Test
  void groupingColumnsAndWindow_areTheKeys() {
    DataFrame counts = input.groupBy(window(col("ts"), "5 minutes"), col("product")).count();
    assertThat(AggregationKeys.of(counts.logicalPlan())).hasValue(List.of("window", "product"));
  }

  @Test
  void aRenamedKey_staysAKeyUnderItsNewName() {
    DataFrame counts =
        input.groupBy("product").count().select(col("count"), col("product").alias("p"));
    assertThat(AggregationKeys.of(counts.logicalPlan())).hasValue(List.of("p"));
  }

  @Test
  void aQueryThatDropsOrComputesAKey_hasNoKeys() {
    DataFrame dropped = input.groupBy("product", "n").count().select("product", "count");
    DataFrame computed =
        input.groupBy(window(col("ts"), "5 minutes")).count().select(col("window.start"));
    assertThat(AggregationKeys.of(dropped.logicalPlan())).hasValue(List.of());
    assertThat(AggregationKeys.of(computed.logicalPlan())).hasValue(List.of());
  }

  @Test
  void aQueryWithoutAggregation_hasNone() {
    assertThat(AggregationKeys.of(input.filter("n > 1").logicalPlan())).isEmpty();
  }
}
