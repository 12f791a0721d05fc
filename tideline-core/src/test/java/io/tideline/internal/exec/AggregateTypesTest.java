package io.tideline.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.errors.ExecutionException;
import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.plan.Aggregate;
import io.tideline.internal.plan.LocalRelation;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AggregateTypesTest extends ExecTestSupport {

  private List<Object> minMax(DataType type, Object... values) {
    Attribute x = attr("x", type);
    List<Object[]> rows = new ArrayList<>();
    for (Object v : values) {
      rows.add(row(v));
    }
    Aggregate a =
        new Aggregate(
            List.of(),
            List.of(new Alias(agg("min", x, type), "mn"), new Alias(agg("max", x, type), "mx")),
            relation(List.of(x), 2, rows));
    return collect(a).get(0);
  }

  @Test
  void minMax_datesTimestampsBooleansDecimals() {
    assertThat(
            minMax(
                DataTypes.DateType,
                LocalDate.of(2024, 3, 1),
                null,
                LocalDate.of(1999, 12, 31),
                LocalDate.of(2030, 1, 1)))
        .containsExactly(LocalDate.of(1999, 12, 31), LocalDate.of(2030, 1, 1));
    assertThat(
            minMax(
                DataTypes.TimestampType,
                Instant.parse("2024-01-01T00:00:00Z"),
                Instant.parse("1969-12-31T23:59:59.999999Z")))
        .containsExactly(
            Instant.parse("1969-12-31T23:59:59.999999Z"), Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(minMax(DataTypes.BooleanType, true, false, null, true)).containsExactly(false, true);
    assertThat(
            minMax(
                DataTypes.createDecimalType(5, 2),
                new BigDecimal("-1.50"),
                new BigDecimal("10.25"),
                new BigDecimal("3.00")))
        .containsExactly(new BigDecimal("-1.50"), new BigDecimal("10.25"));
    assertThat(minMax(DataTypes.DoubleType, (Object) null, null)).containsExactly(null, null);
  }

  @Test
  void groupBy_twoKeysLongAndString_matchesReference() {
    Attribute a = attr("a", DataTypes.LongType);
    Attribute s = attr("s", DataTypes.StringType);
    Random random = new Random(3);
    List<Object[]> rows = new ArrayList<>();
    Map<List<Object>, Long> expected = new HashMap<>();
    for (int i = 0; i < 5000; i++) {
      Long x = random.nextInt(6) == 0 ? null : (long) random.nextInt(40);
      String y = random.nextInt(6) == 0 ? null : "s" + random.nextInt(30);
      rows.add(row(x, y));
      expected.merge(java.util.Arrays.asList(x, y), 1L, Long::sum);
    }
    Aggregate agg =
        new Aggregate(
            List.of(a, s),
            List.of(
                a,
                s,
                new Alias(
                    new io.tideline.internal.expr.AggregateCall(
                        "count",
                        List.of(io.tideline.internal.expr.Literal.of(1)),
                        false,
                        DataTypes.LongType,
                        false,
                        List.of()),
                    "n")),
            relation(List.of(a, s), 100, rows));
    List<List<Object>> out = collect(agg);
    assertThat(out).hasSize(expected.size());
    for (List<Object> r : out) {
      assertThat(r.get(2)).isEqualTo(expected.get(r.subList(0, 2)));
    }
  }

  @Test
  void globalCountDistinct_acrossPartitions_countsEachValueOnce() {
    Attribute x = attr("x", DataTypes.StringType);
    List<Object[]> rows = new ArrayList<>();
    Set<String> distinct = new HashSet<>();
    Random random = new Random(5);
    for (int i = 0; i < 3000; i++) {
      String v = random.nextInt(20) == 0 ? null : "v" + random.nextInt(700);
      rows.add(row(v));
      if (v != null) {
        distinct.add(v);
      }
    }
    Aggregate a =
        new Aggregate(
            List.of(),
            List.of(new Alias(agg("count", List.of(x), true, DataTypes.LongType, List.of()), "cd")),
            relation(List.of(x), 64, rows));
    QueryExecution qe = execution(a, conf());
    assertThat(rowsOf(qe.collect())).containsExactly(list((long) distinct.size()));
    assertThat(qe.explainString(false))
        .contains("functions=[count(DISTINCT x#" + x.exprId() + ")]")
        .contains("Exchange SinglePartition");
  }

  @Test
  void unknownAggregateFunction_failsWhenPlanned() {
    Attribute x = attr("x", DataTypes.LongType);
    LocalRelation r = relation(List.of(x), row(1L));
    Aggregate a =
        new Aggregate(
            List.of(), List.of(new Alias(agg("percentile_cont", x, DataTypes.DoubleType), "p")), r);
    assertThatThrownBy(() -> execution(a, conf()).executedPlan())
        .isInstanceOfSatisfying(
            ExecutionException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("UNSUPPORTED_AGGREGATE");
              assertThat(e.getMessage()).contains("percentile_cont(x)");
            });
  }
}
