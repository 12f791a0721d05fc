package io.tideline.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.BinaryOp;
import io.tideline.internal.expr.BinaryOperator;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.plan.Join;
import io.tideline.internal.plan.JoinType;
import io.tideline.internal.plan.LocalRelation;
import io.tideline.types.DataTypes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every join type and strategy against a nested-loop reference on seeded random data. */
class JoinExecTest extends ExecTestSupport {
  private final Attribute lk = attr("lk", DataTypes.LongType);
  private final Attribute lv = attr("lv", DataTypes.LongType);
  private final Attribute ls = attr("ls", DataTypes.StringType);
  private final Attribute rk = attr("rk", DataTypes.LongType);
  private final Attribute rv = attr("rv", DataTypes.LongType);
  private final Attribute rs = attr("rs", DataTypes.StringType);

  private static List<Object[]> randomRows(Random random, int n) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Long k = random.nextInt(8) == 0 ? null : (long) random.nextInt(12);
      Long v = random.nextInt(10) == 0 ? null : (long) random.nextInt(50);
      String s = random.nextInt(9) == 0 ? null : "s" + random.nextInt(3);
      rows.add(row(k, v, s));
    }
    return rows;
  }

  /** A nested-loop join of rows, as SQL defines each join type. */
  private static List<List<Object>> reference(
      JoinType type,
      List<Object[]> left,
      List<Object[]> right,
      BiPredicate<Object[], Object[]> on) {
    List<List<Object>> out = new ArrayList<>();
    boolean[] rightMatched = new boolean[right.size()];
    Object[] leftNulls = new Object[left.isEmpty() ? 3 : left.get(0).length];
    Object[] rightNulls = new Object[3];
    for (Object[] l : left) {
      boolean matched = false;
      for (int j = 0; j < right.size(); j++) {
        Object[] r = right.get(j);
        if (on.test(l, r)) {
          matched = true;
          rightMatched[j] = true;
          if (type != JoinType.LEFT_SEMI && type != JoinType.LEFT_ANTI) {
            out.add(concat(l, r));
          }
        }
      }
      if (type == JoinType.LEFT_SEMI && matched || type == JoinType.LEFT_ANTI && !matched) {
        out.add(Arrays.asList(l));
      }
      if (!matched && (type == JoinType.LEFT_OUTER || type == JoinType.FULL_OUTER)) {
        out.add(concat(l, rightNulls));
      }
    }
    if (type == JoinType.RIGHT_OUTER || type == JoinType.FULL_OUTER) {
      for (int j = 0; j < right.size(); j++) {
        if (!rightMatched[j]) {
          out.add(concat(leftNulls, right.get(j)));
        }
      }
    }
    return out;
  }

  private static List<Object> concat(Object[] a, Object[] b) {
    List<Object> out = new ArrayList<>(Arrays.asList(a));
    out.addAll(Arrays.asList(b));
    return out;
  }

  private static boolean lessThan(Object a, Object b) {
    return a != null && b != null && (Long) a < (Long) b;
  }

  private static boolean equal(Object a, Object b) {
    return a != null && b != null && Objects.equals(a, b);
  }

  private void check(
      JoinType type,
      Expr condition,
      BiPredicate<Object[], Object[]> on,
      TidelineConf conf,
      long seed) {
    Random random = new Random(seed);
    List<Object[]> left = randomRows(random, 120);
    List<Object[]> right = randomRows(random, 90);
    LocalRelation l = relation(List.of(lk, lv, ls), 11, left);
    LocalRelation r = relation(List.of(rk, rv, rs), 13, right);
    Join join = new Join(l, r, type, condition);
    List<List<Object>> actual = collect(join, conf);
    assertThat(actual)
        .as("%s join on %s", type, condition == null ? "nothing" : condition.sql())
        .containsExactlyInAnyOrderElementsOf(reference(type, left, right, on));
  }

  private Expr keysEqual() {
    return new BinaryOp(BinaryOperator.EQ, lk, rk);
  }

  private Expr keysEqualAndLess() {
    return new BinaryOp(BinaryOperator.AND, keysEqual(), new BinaryOp(BinaryOperator.LT, lv, rv));
  }

  private static TidelineConf broadcastConf() {
    return conf();
  }

  private static TidelineConf shuffledConf() {
    return conf().set(PhysicalPlanner.BROADCAST_THRESHOLD, "-1");
  }

  @ParameterizedTest
  @EnumSource(
      value = JoinType.class,
      names = {"CROSS"},
      mode = EnumSource.Mode.EXCLUDE)
  void equiJoin_broadcast_matchesReference(JoinType type) {
    check(type, keysEqual(), (l, r) -> equal(l[0], r[0]), broadcastConf(), 1);
  }

  @ParameterizedTest
  @EnumSource(
      value = JoinType.class,
      names = {"CROSS"},
      mode = EnumSource.Mode.EXCLUDE)
  void equiJoin_shuffled_matchesReference(JoinType type) {
    check(type, keysEqual(), (l, r) -> equal(l[0], r[0]), shuffledConf(), 2);
  }

  @ParameterizedTest
  @EnumSource(
      value = JoinType.class,
      names = {"CROSS"},
      mode = EnumSource.Mode.EXCLUDE)
  void equiJoinWithResidual_bothStrategies_matchReference(JoinType type) {
    BiPredicate<Object[], Object[]> on = (l, r) -> equal(l[0], r[0]) && lessThan(l[1], r[1]);
    check(type, keysEqualAndLess(), on, broadcastConf(), 3);
    check(type, keysEqualAndLess(), on, shuffledConf(), 4);
  }

  @ParameterizedTest
  @EnumSource(
      value = JoinType.class,
      names = {"CROSS"},
      mode = EnumSource.Mode.EXCLUDE)
  void twoKeyJoin_longAndString_matchesReference(JoinType type) {
    Expr on =
        new BinaryOp(
            BinaryOperator.AND,
            new BinaryOp(BinaryOperator.EQ, rk, lk),
            new BinaryOp(BinaryOperator.EQ, ls, rs));
    check(type, on, (l, r) -> equal(l[0], r[0]) && equal(l[2], r[2]), shuffledConf(), 5);
  }

  @ParameterizedTest
  @EnumSource(
      value = JoinType.class,
      names = {"CROSS"},
      mode = EnumSource.Mode.EXCLUDE)
  void nullSafeEquiJoin_matchesNullToNull(JoinType type) {
    Expr on =
        new BinaryOp(
            BinaryOperator.AND,
            new BinaryOp(BinaryOperator.EQ_NULL_SAFE, lk, rk),
            new BinaryOp(BinaryOperator.EQ, ls, rs));
    BiPredicate<Object[], Object[]> ref = (l, r) -> Objects.equals(l[0], r[0]) && equal(l[2], r[2]);
    check(type, on, ref, broadcastConf(), 8);
    check(type, on, ref, shuffledConf(), 9);
    Expr single = new BinaryOp(BinaryOperator.EQ_NULL_SAFE, lk, rk);
    BiPredicate<Object[], Object[]> singleRef = (l, r) -> Objects.equals(l[0], r[0]);
    check(type, single, singleRef, broadcastConf(), 10);
    check(type, single, singleRef, shuffledConf(), 11);
  }

  @ParameterizedTest
  @EnumSource(JoinType.class)
  void nonEquiJoin_nestedLoop_matchesReference(JoinType type) {
    check(type, new BinaryOp(BinaryOperator.LT, lv, rv), (l, r) -> lessThan(l[1], r[1]), conf(), 6);
  }

  @Test
  void crossJoin_withoutCondition_pairsEveryRow() {
    check(JoinType.CROSS, null, (l, r) -> true, conf(), 7);
  }

  @Test
  void join_emptyBuildSide_keepsOuterRowsOnly() {
    LocalRelation l = relation(List.of(lk, lv, ls), row(1L, 1L, "a"), row(null, 2L, "b"));
    LocalRelation r = relation(List.of(rk, rv, rs), new Object[0][]);
    assertThat(collect(new Join(l, r, JoinType.INNER, keysEqual()))).isEmpty();
    assertThat(collect(new Join(l, r, JoinType.LEFT_OUTER, keysEqual())))
        .containsExactlyInAnyOrder(
            list(1L, 1L, "a", null, null, null), list(null, 2L, "b", null, null, null));
    assertThat(collect(new Join(l, r, JoinType.LEFT_ANTI, keysEqual()), shuffledConf())).hasSize(2);
  }

  @Test
  void plan_broadcastThresholdAcceptsSparkSizeStrings() {
    LocalRelation l = relation(List.of(lk, lv, ls), row(1L, 1L, "a"));
    LocalRelation r = relation(List.of(rk, rv, rs), row(1L, 1L, "a"));
    Join join = new Join(l, r, JoinType.INNER, keysEqual());
    assertThat(
            execution(join, conf().set("spark.sql.autoBroadcastJoinThreshold", "10MB"))
                .explainString(false))
        .contains("BroadcastHashJoin");
    assertThat(
            execution(join, conf().set(PhysicalPlanner.BROADCAST_THRESHOLD, "1b"))
                .explainString(false))
        .contains("ShuffledHashJoin");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                execution(join, conf().set(PhysicalPlanner.BROADCAST_THRESHOLD, "lots"))
                    .executedPlan())
        .hasMessageContaining("INVALID_CONF_VALUE")
        .hasMessageContaining("lots");
  }

  @Test
  void plan_picksBroadcastForSmallSideAndShuffleOtherwise() {
    LocalRelation l = relation(List.of(lk, lv, ls), row(1L, 1L, "a"));
    LocalRelation r = relation(List.of(rk, rv, rs), row(1L, 1L, "a"));
    String broadcast =
        execution(new Join(l, r, JoinType.LEFT_OUTER, keysEqual()), conf()).explainString(false);
    assertThat(broadcast)
        .contains(
            "BroadcastHashJoin [lk#"
                + lk.exprId()
                + "], [rk#"
                + rk.exprId()
                + "], LeftOuter, BuildRight")
        .contains("+- BroadcastExchange");
    String shuffled =
        execution(new Join(l, r, JoinType.FULL_OUTER, keysEqual()), conf()).explainString(false);
    assertThat(shuffled)
        .contains("ShuffledHashJoin")
        .contains("FullOuter, BuildRight")
        .contains("Exchange hashpartitioning(lk#" + lk.exprId() + ", 4)");
    String nested =
        execution(new Join(l, r, JoinType.INNER, new BinaryOp(BinaryOperator.LT, lv, rv)), conf())
            .explainString(false);
    assertThat(nested).contains("BroadcastNestedLoopJoin BuildRight, Inner, (lv#");
  }
}
