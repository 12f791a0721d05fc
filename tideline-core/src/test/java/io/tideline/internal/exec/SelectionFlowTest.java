package io.tideline.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.expr.AggregateCall;
import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.BinaryOp;
import io.tideline.internal.expr.BinaryOperator;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.expr.SortOrder;
import io.tideline.internal.plan.Aggregate;
import io.tideline.internal.plan.Deduplicate;
import io.tideline.internal.plan.Filter;
import io.tideline.internal.plan.Join;
import io.tideline.internal.plan.JoinType;
import io.tideline.internal.plan.LocalRelation;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.internal.plan.Sort;
import io.tideline.types.DataTypes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Batches narrowed by a filter's selection vector feed every downstream operator correctly. */
class SelectionFlowTest extends ExecTestSupport {
  private final Attribute k = attr("k", DataTypes.LongType);
  private final Attribute v = attr("v", DataTypes.StringType);
  private final Attribute rk = attr("rk", DataTypes.LongType);

  private LocalRelation data() {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      rows.add(row((long) (i % 6), i % 5 == 0 ? null : "v" + (i % 4)));
    }
    return relation(List.of(k, v), 9, rows);
  }

  /** Keeps k in {1, 3, 5}. */
  private LogicalPlan oddKeys() {
    Expr odd =
        new BinaryOp(
            BinaryOperator.EQ, new BinaryOp(BinaryOperator.MOD, k, Literal.of(2L)), Literal.of(1L));
    return new Filter(odd, data());
  }

  @Test
  void aggregateAfterFilter_countsOnlySelectedRows() {
    AggregateCall count =
        new AggregateCall(
            "count", List.of(Literal.of(1)), false, DataTypes.LongType, false, List.of());
    Aggregate a = new Aggregate(List.of(k), List.of(k, new Alias(count, "n")), oddKeys());
    assertThat(collect(a)).containsExactlyInAnyOrder(list(1L, 10L), list(3L, 10L), list(5L, 10L));
  }

  @Test
  void joinAfterFilter_probesAndBuildsOnlySelectedRows() {
    LocalRelation right = relation(List.of(rk), row(1L), row(2L), row(3L));
    for (TidelineConf conf :
        List.of(conf(), conf().set(PhysicalPlanner.BROADCAST_THRESHOLD, "-1"))) {
      Join inner =
          new Join(oddKeys(), right, JoinType.INNER, new BinaryOp(BinaryOperator.EQ, k, rk));
      assertThat(collect(inner, conf))
          .hasSize(20)
          .allSatisfy(r -> assertThat(r.get(0)).isIn(1L, 3L));
      Join buildFiltered =
          new Join(right, oddKeys(), JoinType.LEFT_SEMI, new BinaryOp(BinaryOperator.EQ, rk, k));
      assertThat(collect(buildFiltered, conf)).containsExactlyInAnyOrder(list(1L), list(3L));
    }
  }

  @Test
  void sortAndDeduplicateAfterFilter_seeOnlySelectedRows() {
    Sort s = new Sort(List.of(SortOrder.desc(k), SortOrder.asc(v)), true, oddKeys());
    List<List<Object>> sorted = collect(s);
    assertThat(sorted).hasSize(30);
    assertThat(sorted.get(0)).containsExactly(5L, null);
    assertThat(sorted.get(29).get(0)).isEqualTo(1L);
    Deduplicate d = new Deduplicate(List.of(k), oddKeys());
    assertThat(collect(d)).extracting(r -> r.get(0)).containsExactlyInAnyOrder(1L, 3L, 5L);
  }
}
