package io.tideline.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.errors.ExecutionException;
import io.tideline.internal.expr.AggregateCall;
import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.BinaryOp;
import io.tideline.internal.expr.BinaryOperator;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.plan.Aggregate;
import io.tideline.internal.plan.LocalRelation;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.types.DataTypes;
import io.tideline.types.DecimalType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HashAggregateExecTest extends ExecTestSupport {
  private final Attribute key = attr("key", DataTypes.StringType);
  private final Attribute v = attr("v", DataTypes.LongType);
  private final Attribute d = attr("d", DataTypes.DoubleType);

  private LocalRelation data() {
    return relation(
        List.of(key, v, d),
        row("a", 1L, 1.5),
        row("b", 10L, null),
        row("a", null, 2.5),
        row(null, 5L, 7.0),
        row("b", 20L, Double.NaN),
        row("a", 3L, -1.0),
        row(null, null, null));
  }

  private static Alias as(Expr e, String name) {
    return new Alias(e, name);
  }

  private static AggregateCall countStar() {
    return new AggregateCall(
        "count", List.of(Literal.of(1)), false, DataTypes.LongType, false, List.of());
  }

  private static Map<Object, List<Object>> byFirstColumn(List<List<Object>> rows) {
    Map<Object, List<Object>> out = new HashMap<>();
    for (List<Object> r : rows) {
      out.put(r.get(0), r.subList(1, r.size()));
    }
    return out;
  }

  @Test
  void groupBy_stringKeyWithNullGroup_computesEveryFunction() {
    Aggregate a =
        new Aggregate(
            List.of(key),
            List.of(
                key,
                as(countStar(), "n"),
                as(agg("count", v, DataTypes.LongType), "nv"),
                as(agg("sum", v, DataTypes.LongType), "s"),
                as(agg("avg", v, DataTypes.DoubleType), "av"),
                as(agg("min", d, DataTypes.DoubleType), "mn"),
                as(agg("max", d, DataTypes.DoubleType), "mx")),
            data());
    Map<Object, List<Object>> out = byFirstColumn(collect(a));
    assertThat(out).hasSize(3);
    assertThat(out.get("a")).containsExactly(3L, 2L, 4L, 2.0, -1.0, 2.5);
    assertThat(out.get("b")).containsExactly(2L, 2L, 30L, 15.0, Double.NaN, Double.NaN);
    assertThat(out.get(null)).containsExactly(2L, 1L, 5L, 5.0, 7.0, 7.0);
  }

  @Test
  void globalAggregate_emptyInput_yieldsOneRowOfZeroAndNulls() {
    LocalRelation empty = relation(List.of(key, v, d), new Object[0][]);
    Aggregate a =
        new Aggregate(
            List.of(),
            List.of(
                as(countStar(), "n"),
                as(agg("sum", v, DataTypes.LongType), "s"),
                as(agg("max", key, DataTypes.StringType), "mx"),
                as(agg("avg", d, DataTypes.DoubleType), "av"),
                as(
                    agg("approx_count_distinct", List.of(v), false, DataTypes.LongType, List.of()),
                    "acd")),
            empty);
    assertThat(collect(a)).containsExactly(list(0L, null, null, null, 0L));
  }

  @Test
  void groupedAggregate_emptyInput_yieldsNoRows() {
    LocalRelation empty = relation(List.of(key, v, d), new Object[0][]);
    Aggregate a = new Aggregate(List.of(key), List.of(key, as(countStar(), "n")), empty);
    assertThat(collect(a)).isEmpty();
  }

  @Test
  void sum_allNullInput_isNull() {
    LocalRelation nulls = relation(List.of(key, v, d), row("a", null, null), row("a", null, null));
    Aggregate a =
        new Aggregate(
            List.of(key),
            List.of(
                key,
                as(agg("sum", v, DataTypes.LongType), "s"),
                as(agg("sum", d, DataTypes.DoubleType), "sd"),
                as(agg("count", v, DataTypes.LongType), "c")),
            nulls);
    assertThat(collect(a)).containsExactly(list("a", null, null, 0L));
  }

  @Test
  void sum_longOverflow_failsUnderAnsi() {
    LocalRelation big = relation(List.of(v), row(Long.MAX_VALUE), row(1L));
    Aggregate a =
        new Aggregate(List.of(), List.of(as(agg("sum", v, DataTypes.LongType), "s")), big);
    assertThatThrownBy(() -> collect(a))
        .isInstanceOfSatisfying(
            ExecutionException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("ARITHMETIC_OVERFLOW");
              assertThat(e.getMessage()).contains("sum(v)");
            });
  }

  @Test
  void sum_longOverflow_wrapsWhenAnsiOff() {
    LocalRelation big = relation(List.of(v), row(Long.MAX_VALUE), row(1L), row(1L));
    Aggregate a =
        new Aggregate(List.of(), List.of(as(agg("sum", v, DataTypes.LongType), "s")), big);
    TidelineConf legacy = conf().set(TidelineConf.ANSI_ENABLED, "false");
    assertThat(collect(a, legacy)).containsExactly(list(Long.MIN_VALUE + 1));
  }

  @Test
  void sum_intInput_sumsAsBigint() {
    Attribute i = attr("i", DataTypes.IntegerType);
    LocalRelation r = relation(List.of(i), row(Integer.MAX_VALUE), row(Integer.MAX_VALUE));
    Aggregate a = new Aggregate(List.of(), List.of(as(agg("sum", i, DataTypes.LongType), "s")), r);
    assertThat(collect(a)).containsExactly(list(2L * Integer.MAX_VALUE));
  }

  @Test
  void sumAndAvg_decimal_useSparkResultTypesAndHalfUpRounding() {
    DecimalType in = DataTypes.createDecimalType(10, 2);
    Attribute m = attr("m", in);
    LocalRelation r =
        relation(
            List.of(m),
            row(new BigDecimal("1.10")),
            row(new BigDecimal("2.25")),
            row((Object) null),
            row(new BigDecimal("3.33")));
    Aggregate a =
        new Aggregate(
            List.of(),
            List.of(
                as(agg("sum", m, DataTypes.createDecimalType(20, 2)), "s"),
                as(agg("avg", m, DataTypes.createDecimalType(14, 6)), "av")),
            r);
    assertThat(collect(a))
        .containsExactly(list(new BigDecimal("6.68"), new BigDecimal("2.226667")));
  }

  @Test
  void sum_decimalOverflow_failsUnderAnsiAndIsNullOtherwise() {
    DecimalType wide = DataTypes.createDecimalType(38, 0);
    Attribute m = attr("m", wide);
    BigDecimal nines = new BigDecimal("9".repeat(38));
    LocalRelation r = relation(List.of(m), row(nines), row(BigDecimal.ONE));
    LogicalPlan a = new Aggregate(List.of(), List.of(as(agg("sum", m, wide), "s")), r);
    assertThatThrownBy(() -> collect(a))
        .isInstanceOfSatisfying(
            ExecutionException.class,
            e -> assertThat(e.getCondition()).isEqualTo("ARITHMETIC_OVERFLOW"));
    TidelineConf legacy = conf().set(TidelineConf.ANSI_ENABLED, "false");
    assertThat(collect(a, legacy)).containsExactly(list((Object) null));
  }

  @Test
  void minMax_strings_orderByBytes() {
    Aggregate a =
        new Aggregate(
            List.of(),
            List.of(
                as(agg("min", key, DataTypes.StringType), "mn"),
                as(agg("max", key, DataTypes.StringType), "mx")),
            relation(
                List.of(key),
                row("pear"),
                row((Object) null),
                row("apple"),
                row("Zebra"),
                row("äpfel")));
    assertThat(collect(a)).containsExactly(list("Zebra", "äpfel"));
  }

  @Test
  void firstLast_respectIgnoreNulls() {
    LocalRelation r =
        relation(
            List.of(key), 1, List.of(row((Object) null), row("b"), row("c"), row((Object) null)));
    Aggregate a =
        new Aggregate(
            List.of(),
            List.of(
                as(agg("first", List.of(key), false, DataTypes.StringType, List.of(false)), "f"),
                as(agg("first", List.of(key), false, DataTypes.StringType, List.of(true)), "fi"),
                as(agg("last", List.of(key), false, DataTypes.StringType, List.of(false)), "l"),
                as(agg("last", List.of(key), false, DataTypes.StringType, List.of(true)), "li")),
            r);
    assertThat(collect(a)).containsExactly(list(null, "b", null, "c"));
  }

  @Test
  void distinctAggregates_countAndSumEachValueOncePerGroup() {
    LocalRelation r =
        relation(
            List.of(key, v, d),
            row("a", 1L, 0.0),
            row("a", 1L, 0.0),
            row("a", 2L, 0.0),
            row("a", null, 0.0),
            row("b", 5L, 0.0),
            row("b", 5L, 0.0));
    Aggregate a =
        new Aggregate(
            List.of(key),
            List.of(
                key,
                as(agg("count", List.of(v), true, DataTypes.LongType, List.of()), "cd"),
                as(agg("sum", List.of(v), true, DataTypes.LongType, List.of()), "sd"),
                as(countStar(), "n")),
            r);
    Map<Object, List<Object>> out = byFirstColumn(collect(a));
    assertThat(out.get("a")).containsExactly(2L, 3L, 4L);
    assertThat(out.get("b")).containsExactly(1L, 5L, 2L);
  }

  @Test
  void outputList_evaluatesExpressionsOverAggregatesAndGroupingExpressions() {
    Expr parity = new BinaryOp(BinaryOperator.MOD, v, Literal.of(2L));
    Expr mean =
        new BinaryOp(
            BinaryOperator.DIVIDE,
            agg("sum", d, DataTypes.DoubleType),
            agg("count", d, DataTypes.LongType));
    LocalRelation r =
        relation(List.of(v, d), row(1L, 1.0), row(2L, 4.0), row(3L, 3.0), row(4L, 8.0));
    Aggregate a = new Aggregate(List.of(parity), List.of(as(parity, "p"), as(mean, "mean")), r);
    assertThat(collect(a)).containsExactlyInAnyOrder(list(1L, 2.0), list(0L, 6.0));
  }

  @Test
  void groupBy_manyGroupsAcrossPartitions_matchesHashMapReference() {
    Random random = new Random(11);
    List<Object[]> rows = new ArrayList<>();
    Map<List<Object>, long[]> expected = new HashMap<>();
    for (int i = 0; i < 20000; i++) {
      String k = random.nextInt(10) == 0 ? null : "k" + random.nextInt(3000);
      Long x = random.nextInt(7) == 0 ? null : (long) random.nextInt(1000);
      rows.add(row(k, x, 0.0));
      long[] acc = expected.computeIfAbsent(java.util.Arrays.asList(k), kk -> new long[3]);
      acc[0]++;
      if (x != null) {
        acc[1] += x;
        acc[2]++;
      }
    }
    Aggregate a =
        new Aggregate(
            List.of(key),
            List.of(
                key,
                as(countStar(), "n"),
                as(agg("sum", v, DataTypes.LongType), "s"),
                as(agg("count", v, DataTypes.LongType), "c")),
            relation(List.of(key, v, d), 500, rows));
    List<List<Object>> out = collect(a, conf().set(TidelineConf.BATCH_SIZE, "256"));
    assertThat(out).hasSize(expected.size());
    for (List<Object> r : out) {
      long[] acc = expected.get(java.util.Arrays.asList(r.get(0)));
      assertThat(r.subList(1, 4))
          .as("group %s", r.get(0))
          .containsExactly(acc[0], acc[2] == 0 ? null : acc[1], acc[2]);
    }
  }

  @Test
  void groupBy_longKeyWithNullsAndDoubleKeyNormalisation() {
    LocalRelation r =
        relation(
            List.of(v, d),
            row(1L, -0.0),
            row(null, 0.0),
            row(1L, Double.NaN),
            row(null, Double.longBitsToDouble(0x7ff8000000000001L)),
            row(2L, 0.0));
    Aggregate byLong = new Aggregate(List.of(v), List.of(v, as(countStar(), "n")), r);
    assertThat(collect(byLong))
        .containsExactlyInAnyOrder(list(1L, 2L), list(null, 2L), list(2L, 1L));
    Aggregate byDouble = new Aggregate(List.of(d), List.of(d, as(countStar(), "n")), r);
    List<List<Object>> groups = collect(byDouble);
    assertThat(groups).containsExactlyInAnyOrder(list(0.0, 3L), list(Double.NaN, 2L));
    assertThat(groups)
        .filteredOn(x -> ((Double) x.get(0)) == 0.0)
        .allSatisfy(x -> assertThat(1 / (Double) x.get(0)).isPositive());
  }

  @Test
  void explain_showsPartialExchangeFinal() {
    Aggregate a =
        new Aggregate(
            List.of(key), List.of(key, as(agg("sum", v, DataTypes.LongType), "total")), data());
    String explain = execution(a, conf()).explainString(false);
    String k = "key#" + key.exprId();
    String s = "sum(v#" + v.exprId() + ")";
    assertThat(explain)
        .isEqualTo(
            "== Physical Plan ==\n"
                + "HashAggregate(keys=["
                + k
                + "], functions=["
                + s
                + "])\n"
                + "+- Exchange hashpartitioning("
                + k
                + ", 4)\n"
                + "   +- HashAggregate(keys=["
                + k
                + "], functions=[partial_"
                + s
                + "])\n"
                + "      +- LocalTableScan ["
                + k
                + ", v#"
                + v.exprId()
                + "]\n");
  }
}
