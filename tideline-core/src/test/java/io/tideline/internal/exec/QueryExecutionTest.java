package io.tideline.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.errors.ExecutionException;
import io.tideline.internal.eval.VectorEvaluator;
import io.tideline.internal.expr.AggregateCall;
import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.BinaryOp;
import io.tideline.internal.expr.BinaryOperator;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.expr.SortOrder;
import io.tideline.internal.plan.Aggregate;
import io.tideline.internal.plan.Filter;
import io.tideline.internal.plan.Join;
import io.tideline.internal.plan.JoinType;
import io.tideline.internal.plan.Limit;
import io.tideline.internal.plan.LocalRelation;
import io.tideline.internal.plan.Project;
import io.tideline.internal.plan.Sort;
import io.tideline.types.DataTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class QueryExecutionTest extends ExecTestSupport {
  private final Attribute id = attr("id", DataTypes.LongType);
  private final Attribute amount = attr("amount", DataTypes.DoubleType);

  private LocalRelation rows(int n) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(row((long) i, i * 1.5));
    }
    return relation(List.of(id, amount), 5, rows);
  }

  @Test
  void taskFailure_cancelsOtherTasksAndRethrowsWithCause() throws Exception {
    CountDownLatch blockedStarted = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    CountDownLatch cancelled = new CountDownLatch(1);
    // Partition 0's evaluator fails once another partition is blocked; blocked partitions wait
    // until the failure cancels (interrupts) them.
    EvaluatorFactory evaluators =
        (bound, ctx) -> {
          VectorEvaluator inner = TestEvaluators.compile(bound);
          return batch -> {
            long first = (Long) batch.column(0).getObject(batch.rowAt(0));
            if (first == 0) {
              try {
                blockedStarted.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              throw new IllegalStateException("boom");
            }
            blockedStarted.countDown();
            try {
              never.await();
            } catch (InterruptedException e) {
              cancelled.countDown();
              Thread.currentThread().interrupt();
            }
            return inner.eval(batch);
          };
        };
    Filter f = new Filter(new BinaryOp(BinaryOperator.GE, id, Literal.of(0L)), rows(40));
    QueryExecution qe = new QueryExecution(f, conf(), pool, evaluators);
    assertThatThrownBy(qe::collect)
        .isInstanceOfSatisfying(
            ExecutionException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("TASK_FAILED");
              assertThat(e.getMessage()).contains("partition 0");
              assertThat(e.getCause()).hasMessage("boom");
            });
    assertThat(cancelled.await(10, TimeUnit.SECONDS)).as("blocked tasks were cancelled").isTrue();
  }

  @Test
  void sortThenLimit_keepsGlobalOrderThroughCollect() {
    Sort s = new Sort(List.of(SortOrder.desc(id)), true, rows(100));
    assertThat(collect(new Limit(5, s)))
        .extracting(r -> r.get(0))
        .containsExactly(99L, 98L, 97L, 96L, 95L);
  }

  @Test
  void sortThenLimit_sortsAndCutsEachPartitionBeforeTheSinglePartition() {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      rows.add(row((long) ((i * 7919) % 500), i % 3 == 0 ? null : i * 1.0));
    }
    LocalRelation r = relation(List.of(id, amount), 16, rows);
    Limit top = new Limit(6, new Sort(List.of(SortOrder.asc(amount), SortOrder.desc(id)), true, r));
    QueryExecution qe = execution(top, conf());
    assertThat(rowsOf(qe.collect()))
        .extracting(x -> x.get(0))
        .as("nulls first, then by id descending")
        .containsExactly(499L, 495L, 494L, 490L, 485L, 481L);
    assertThat(qe.explainString(false))
        .contains("GlobalLimit 6\n+- Sort [amount#" + amount.exprId())
        .contains("+- Exchange SinglePartition\n")
        .contains("LocalLimit 6\n")
        .contains("], false, 0\n");
  }

  @Test
  void productionConstructor_plainColumnsNeedNoCompiledExpressions() {
    Attribute k = attr("k", DataTypes.LongType);
    LocalRelation dims = relation(List.of(k), row(1L), row(2L));
    AggregateCall count =
        new AggregateCall(
            "count", List.of(Literal.of(1)), false, DataTypes.LongType, false, List.of());
    Aggregate a =
        new Aggregate(
            List.of(k),
            List.of(k, new Alias(count, "n"), new Alias(agg("sum", id, DataTypes.LongType), "s")),
            new Join(rows(6), dims, JoinType.INNER, new BinaryOp(BinaryOperator.EQ, id, k)));
    QueryExecution qe = new QueryExecution(a, conf(), pool);
    assertThat(rowsOf(qe.collect())).containsExactlyInAnyOrder(list(1L, 1L, 1L), list(2L, 1L, 2L));
  }

  @Test
  void collect_twice_givesTheSameRows() {
    Aggregate a =
        new Aggregate(
            List.of(), List.of(new Alias(agg("sum", id, DataTypes.LongType), "s")), rows(100));
    QueryExecution qe = execution(a, conf());
    assertThat(rowsOf(qe.collect())).containsExactly(list(4950L));
    assertThat(rowsOf(qe.collect())).containsExactly(list(4950L));
    assertThat(qe.count()).isEqualTo(1);
  }

  @Test
  void explainExtended_printsLogicalPlansAndSchemaThenPhysical() {
    Project p =
        new Project(
            List.of(id),
            new Filter(new BinaryOp(BinaryOperator.GT, amount, Literal.of(100.0)), rows(3)));
    String text = execution(p, conf()).explainString(true);
    String i = "id#" + id.exprId();
    String am = "amount#" + amount.exprId();
    assertThat(text)
        .startsWith("== Parsed Logical Plan ==\nProject [" + i + "]\n+- Filter ")
        .contains("\n== Analyzed Logical Plan ==\nid: bigint\nProject [" + i + "]\n")
        .contains("\n== Optimized Logical Plan ==\n")
        .endsWith(
            "== Physical Plan ==\n"
                + "Project ["
                + i
                + "]\n"
                + "+- Filter ("
                + am
                + " > 100.0)\n"
                + "   +- LocalTableScan ["
                + i
                + ", "
                + am
                + "]\n");
  }

  @Test
  void ansiOverflowInOneOfManyPartitions_surfacesTheConditionItself() {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      rows.add(row(i == 17 ? Long.MAX_VALUE : 1L, 0.0));
    }
    Aggregate a =
        new Aggregate(
            List.of(amount),
            List.of(new Alias(agg("sum", id, DataTypes.LongType), "s")),
            relation(List.of(id, amount), 4, rows));
    TidelineConf conf = conf().set(TidelineConf.PARALLELISM, "8");
    assertThatThrownBy(() -> collect(a, conf))
        .isInstanceOfSatisfying(
            ExecutionException.class,
            e -> assertThat(e.getCondition()).isEqualTo("ARITHMETIC_OVERFLOW"));
  }
}
