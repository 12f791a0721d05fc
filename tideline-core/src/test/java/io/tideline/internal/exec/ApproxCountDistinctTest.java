package io.tideline.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.plan.Aggregate;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * approx_count_distinct against Spark 4.2.0's own HyperLogLogPlusPlusHelper: each expected value
 * was produced by running Spark's class on the same inputs, so equality means our hash, sketch
 * layout, estimator and bias correction all agree with Spark's.
 */
class ApproxCountDistinctTest extends ExecTestSupport {

  private long estimate(DataType type, int n, IntFunction<Object> value, double rsd) {
    Attribute x = attr("x", type);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(row(value.apply(i)));
    }
    Aggregate a =
        new Aggregate(
            List.of(),
            List.of(
                new Alias(
                    agg(
                        "approx_count_distinct",
                        List.of(x),
                        false,
                        DataTypes.LongType,
                        List.of(rsd)),
                    "acd")),
            relation(List.of(x), 1000, rows));
    return (Long) collect(a).get(0).get(0);
  }

  @Test
  void approxCountDistinct_smallLongs_linearCountingEqualsSpark() {
    assertThat(estimate(DataTypes.LongType, 100, i -> (long) (i + 1), 0.05)).isEqualTo(103);
  }

  @Test
  void approxCountDistinct_longsInBiasCorrectedRange_equalsSpark() {
    assertThat(estimate(DataTypes.LongType, 1000, i -> (long) (i + 1), 0.05)).isEqualTo(1026);
  }

  @Test
  void approxCountDistinct_ints_hashedAsFourBytes_equalsSpark() {
    assertThat(estimate(DataTypes.IntegerType, 100000, i -> i, 0.05)).isEqualTo(94954);
  }

  @Test
  void approxCountDistinct_strings_equalsSpark() {
    assertThat(estimate(DataTypes.StringType, 5000, i -> "user-" + i, 0.05)).isEqualTo(4985);
    assertThat(
            estimate(
                DataTypes.StringType,
                300,
                i -> "a-rather-long-key-that-spans-32-byte-stripes-" + i,
                0.05))
        .isEqualTo(302);
  }

  @Test
  void approxCountDistinct_doublesAtHighPrecision_equalsSpark() {
    assertThat(estimate(DataTypes.DoubleType, 3000, i -> i * 0.5, 0.01)).isEqualTo(2990);
  }

  @Test
  void approxCountDistinct_lowPrecision_equalsSpark() {
    assertThat(estimate(DataTypes.LongType, 20000, i -> (long) (i + 1), 0.1)).isEqualTo(18211);
  }

  @Test
  void approxCountDistinct_duplicatesAndNulls_doNotCount() {
    assertThat(estimate(DataTypes.LongType, 1000, i -> i % 3 == 0 ? null : (long) (i % 10), 0.05))
        .isEqualTo(estimate(DataTypes.LongType, 10, i -> (long) i, 0.05));
  }
}
