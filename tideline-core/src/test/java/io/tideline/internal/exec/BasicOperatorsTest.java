package io.tideline.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.BinaryOp;
import io.tideline.internal.expr.BinaryOperator;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.expr.SortOrder;
import io.tideline.internal.plan.Deduplicate;
import io.tideline.internal.plan.Filter;
import io.tideline.internal.plan.Limit;
import io.tideline.internal.plan.LocalRelation;
import io.tideline.internal.plan.Project;
import io.tideline.internal.plan.Sort;
import io.tideline.internal.plan.SubqueryAlias;
import io.tideline.internal.plan.Union;
import io.tideline.types.DataTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BasicOperatorsTest extends ExecTestSupport {
  private final Attribute id = attr("id", DataTypes.LongType);
  private final Attribute name = attr("name", DataTypes.StringType);
  private final Attribute amount = attr("amount", DataTypes.DoubleType);

  private LocalRelation orders() {
    return relation(
        List.of(id, name, amount),
        row(1L, "apple", 10.0),
        row(2L, "pear", null),
        row(3L, null, 250.5),
        row(4L, "apple", 120.0),
        row(5L, "fig", 99.0),
        row(6L, "pear", 101.0),
        row(7L, "fig", 300.0));
  }

  @Test
  void collect_localRelation_keepsRowOrderAcrossPartitions() {
    assertThat(execution(orders(), conf()).executedPlan().numPartitions()).isEqualTo(3);
    assertThat(collect(orders()))
        .extracting(r -> r.get(0))
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
  }

  @Test
  void filter_nullConditionCountsAsFalse_andProjectEvaluatesOnSelection() {
    Expr big = new BinaryOp(BinaryOperator.GT, amount, Literal.of(100.0));
    Alias doubled =
        new Alias(new BinaryOp(BinaryOperator.MULTIPLY, amount, Literal.of(2.0)), "doubled");
    Project p = new Project(List.of(id, doubled), new Filter(big, orders()));
    assertThat(collect(p))
        .containsExactly(list(3L, 501.0), list(4L, 240.0), list(6L, 202.0), list(7L, 600.0));
  }

  @Test
  void filter_everyRowRejected_yieldsNoBatches() {
    Expr none = new BinaryOp(BinaryOperator.GT, id, Literal.of(100L));
    assertThat(execution(new Filter(none, orders()), conf()).collect()).isEmpty();
    assertThat(execution(new Filter(none, orders()), conf()).count()).isZero();
  }

  @Test
  void filter_nullLiteralCondition_keepsNothing() {
    assertThat(collect(new Filter(Literal.NULL, orders()))).isEmpty();
  }

  @Test
  void scan_emptyRelation_yieldsNothing() {
    LocalRelation empty = relation(List.of(id), new Object[0][]);
    assertThat(collect(empty)).isEmpty();
    assertThat(execution(empty, conf()).count()).isZero();
  }

  @Test
  void limit_overManyPartitions_takesFirstRowsInOrder() {
    assertThat(collect(new Limit(4, orders())))
        .extracting(r -> r.get(0))
        .containsExactly(1L, 2L, 3L, 4L);
    assertThat(collect(new Limit(0, orders()))).isEmpty();
    assertThat(collect(new Limit(100, orders()))).hasSize(7);
  }

  @Test
  void limit_afterFilterSelection_cutsWithinBatch() {
    Expr odd =
        new BinaryOp(
            BinaryOperator.EQ,
            new BinaryOp(BinaryOperator.MOD, id, Literal.of(2L)),
            Literal.of(1L));
    assertThat(collect(new Limit(3, new Filter(odd, orders()))))
        .extracting(r -> r.get(0))
        .containsExactly(1L, 3L, 5L);
  }

  @Test
  void union_concatenatesChildrenInOrder() {
    Attribute other = attr("x", DataTypes.LongType);
    LocalRelation second = relation(List.of(other), row(100L), row(200L));
    Union u = new Union(List.of(new Project(List.of(id), orders()), second));
    assertThat(collect(u))
        .extracting(r -> r.get(0))
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 100L, 200L);
  }

  @Test
  void sort_ascendingPutsNullsFirst_descendingNullsLast() {
    Sort asc = new Sort(List.of(SortOrder.asc(amount)), true, orders());
    assertThat(collect(asc))
        .extracting(r -> r.get(2))
        .containsExactly(null, 10.0, 99.0, 101.0, 120.0, 250.5, 300.0);
    Sort desc = new Sort(List.of(SortOrder.desc(amount)), true, orders());
    assertThat(collect(desc))
        .extracting(r -> r.get(2))
        .containsExactly(300.0, 250.5, 120.0, 101.0, 99.0, 10.0, null);
  }

  @Test
  void sort_byStringThenNumber_isStableAndTotal() {
    Sort s =
        new Sort(List.of(new SortOrder(name, true, false), SortOrder.desc(id)), true, orders());
    assertThat(collect(s)).extracting(r -> r.get(0)).containsExactly(4L, 1L, 7L, 5L, 6L, 2L, 3L);
  }

  @Test
  void sort_nanIsGreatestAndNegativeZeroEqualsZero() {
    Attribute d = attr("d", DataTypes.DoubleType);
    LocalRelation r =
        relation(List.of(d), row(Double.NaN), row(1.0), row(-0.0), row(Double.NEGATIVE_INFINITY));
    assertThat(collect(new Sort(List.of(SortOrder.asc(d)), true, r)))
        .extracting(x -> x.get(0))
        .containsExactly(Double.NEGATIVE_INFINITY, -0.0, 1.0, Double.NaN);
  }

  @Test
  void sort_manyRandomRows_matchesListSort() {
    Attribute v = attr("v", DataTypes.LongType);
    Random random = new Random(7);
    List<Object[]> rows = new ArrayList<>();
    List<Long> expected = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      long x = random.nextInt(500) - 250;
      rows.add(row(x));
      expected.add(x);
    }
    expected.sort(null);
    LocalRelation r = relation(List.of(v), 37, rows);
    assertThat(collect(new Sort(List.of(SortOrder.asc(v)), true, r)))
        .extracting(x -> (Long) x.get(0))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void sort_rangePartitioned_stringsWithNullsAndTies_matchesReferenceOrder() {
    Attribute s = attr("s", DataTypes.StringType);
    Attribute n = attr("n", DataTypes.LongType);
    Random random = new Random(21);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      String x = random.nextInt(10) == 0 ? null : "k" + random.nextInt(200);
      rows.add(row(x, (long) i));
    }
    List<Object[]> expected = new ArrayList<>(rows);
    // s DESC NULLS FIRST, ties in input order (the sort is stable).
    expected.sort(
        (a, b) -> {
          if (a[0] == null || b[0] == null) {
            return a[0] == b[0] ? 0 : (a[0] == null ? -1 : 1);
          }
          return ((String) b[0]).compareTo((String) a[0]);
        });
    TidelineConf conf = conf().set(TidelineConf.SHUFFLE_PARTITIONS, "5");
    QueryExecution qe =
        execution(
            new Sort(
                List.of(new SortOrder(s, false, true)), true, relation(List.of(s, n), 50, rows)),
            conf);
    assertThat(qe.explainString(false))
        .contains("Exchange rangepartitioning(s#" + s.exprId() + " DESC NULLS FIRST, 5)");
    List<List<Object>> out = rowsOf(qe.collect());
    assertThat(out).hasSize(3000);
    for (int i = 0; i < out.size(); i++) {
      assertThat(out.get(i)).as("row %d", i).containsExactly(expected.get(i));
    }
    assertThat(out).extracting(r -> r.get(0)).startsWith(null, null);
  }

  @Test
  void deduplicate_keepsFirstRowPerKey_nullIsAKey() {
    Deduplicate d = new Deduplicate(List.of(name), orders());
    List<List<Object>> out = collect(d);
    assertThat(out).extracting(r -> r.get(0)).containsExactlyInAnyOrder(1L, 2L, 3L, 5L);
  }

  @Test
  void deduplicate_onAllColumns_removesExactDuplicates() {
    LocalRelation r =
        relation(List.of(id, name), row(1L, "a"), row(1L, "a"), row(1L, null), row(1L, null));
    assertThat(collect(new Deduplicate(List.of(), r)))
        .containsExactlyInAnyOrder(list(1L, "a"), list(1L, null));
  }

  @Test
  void subqueryAlias_passesRowsThrough() {
    assertThat(collect(new SubqueryAlias("o", orders()))).hasSize(7);
  }

  @Test
  void count_manyPartitionsAndSmallBatches_countsEveryRow() {
    Attribute v = attr("v", DataTypes.LongType);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      rows.add(row((long) i));
    }
    TidelineConf conf = conf().set(TidelineConf.PARALLELISM, "16");
    QueryExecution qe = execution(relation(List.of(v), 10, rows), conf);
    assertThat(qe.executedPlan().numPartitions()).isEqualTo(16);
    assertThat(qe.count()).isEqualTo(1000);
  }

  @Test
  void runPartitions_givesEachPartitionItsRows_andRethrowsFirstFailure() {
    QueryExecution qe = execution(orders(), conf());
    java.util.concurrent.atomic.AtomicLong rows = new java.util.concurrent.atomic.AtomicLong();
    qe.runPartitions(
        (p, in) -> {
          io.tideline.internal.vector.Batch b;
          while ((b = in.next()) != null) {
            rows.addAndGet(b.size());
          }
        });
    assertThat(rows.get()).isEqualTo(7);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                qe.runPartitions(
                    (p, in) -> {
                      throw new java.io.IOException("disk full in " + p);
                    }))
        .isInstanceOf(io.tideline.internal.errors.ExecutionException.class)
        .hasMessageContaining("TASK_FAILED")
        .hasCauseInstanceOf(java.io.IOException.class);
  }
}
