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
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.internal.plan.Plans;
import io.tideline.internal.plan.StreamingRelation;
import io.tideline.internal.state.StateStoreRegistry;
import io.tideline.internal.streaming.exec.StatefulPlanning;
import io.tideline.streaming.OutputMode;
import io.tideline.streaming.StateOperatorProgress;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streaming aggregation driven batch by batch, as the micro-batch loop drives it: the streaming
 * plan is rewritten with {@link StatefulPlanning} for each batch id, its source replaced by the
 * batch's rows, and run with {@link QueryExecution}; outputs are checked against a model that keeps
 * every row seen so far.
 */
class StreamingAggregationTest extends ExecTestSupport {
  private static final int STATE_PARTITIONS = 3;

  private final Attribute k = attr("k", DataTypes.StringType);
  private final Attribute v = attr("v", DataTypes.LongType);
  private final StreamingRelation source =
      new StreamingRelation(
          new TestSourceSpec(new StructType().add("k", "string").add("v", "bigint")),
          List.of(k, v));

  @TempDir Path dir;

  /** One map partition keeps input order, so first/last are defined; state has 3 partitions. */
  private static TidelineConf orderedConf() {
    return conf().set(TidelineConf.PARALLELISM, "1");
  }

  private static AggregateCall call(String name, Expr arg, DataType type, boolean nullable) {
    List<Object> params =
        name.equals("first") || name.equals("last")
            ? List.of(false)
            : name.equals("approx_count_distinct") ? List.of(0.05) : List.of();
    return new AggregateCall(name, List.of(arg), false, type, nullable, params);
  }

  private LogicalPlan allFunctions(List<Expr> grouping) {
    List<Expr> out = new ArrayList<>(grouping);
    out.add(new Alias(call("count", Literal.of(1), DataTypes.LongType, false), "cnt"));
    out.add(new Alias(call("sum", v, DataTypes.LongType, true), "sum"));
    out.add(new Alias(call("avg", v, DataTypes.DoubleType, true), "avg"));
    out.add(new Alias(call("min", v, DataTypes.LongType, true), "min"));
    out.add(new Alias(call("max", v, DataTypes.LongType, true), "max"));
    out.add(new Alias(call("first", v, DataTypes.LongType, true), "first"));
    out.add(new Alias(call("last", v, DataTypes.LongType, true), "last"));
    out.add(new Alias(call("approx_count_distinct", v, DataTypes.LongType, false), "approx"));
    return new Aggregate(grouping, out, source);
  }

  private List<List<Object>> runBatch(
      LogicalPlan streaming,
      long batchId,
      OutputMode mode,
      List<Object[]> rows,
      StateStoreRegistry stores,
      TidelineConf conf) {
    LogicalPlan bound =
        StatefulPlanning.rewrite(streaming, batchId, STATE_PARTITIONS, mode, 0, stores);
    LogicalPlan batch =
        Plans.transformUp(
            bound, n -> n instanceof StreamingRelation r ? relation(r.output(), 2, rows) : n);
    return collect(batch, conf);
  }

  /**
   * Every row seen so far, per key, in arrival order: the answer a batch query would give. The
   * sketch estimate of approx_count_distinct is not the exact count, so it comes from a batch
   * aggregation over all rows so far, which must agree with the merged state exactly.
   */
  private final class Model {
    final Map<Object, List<Long>> rowsByKey = new LinkedHashMap<>();
    final List<Object[]> all = new ArrayList<>();
    Map<Object, Object> approx = Map.of();

    Set<Object> add(List<Object[]> rows) {
      Set<Object> touched = new HashSet<>();
      all.addAll(rows);
      if (!all.isEmpty()) {
        Aggregate batch =
            new Aggregate(
                List.of(k),
                List.of(
                    k,
                    new Alias(
                        call("approx_count_distinct", v, DataTypes.LongType, false), "approx")),
                relation(List.of(k, v), 5, all));
        Map<Object, Object> byKey = new HashMap<>();
        for (List<Object> r : collect(batch)) {
          byKey.put(r.get(0), r.get(1));
        }
        approx = byKey;
      }
      for (Object[] r : rows) {
        rowsByKey.computeIfAbsent(r[0], x -> new ArrayList<>()).add((Long) r[1]);
        touched.add(r[0]);
      }
      return touched;
    }

    List<Object> expected(Object key) {
      List<Long> values = rowsByKey.get(key);
      List<Long> present = values.stream().filter(Objects::nonNull).toList();
      Long sum = present.isEmpty() ? null : present.stream().mapToLong(Long::longValue).sum();
      return Arrays.asList(
          key,
          (long) values.size(),
          sum,
          sum == null ? null : (double) sum / present.size(),
          present.stream().min(Long::compare).orElse(null),
          present.stream().max(Long::compare).orElse(null),
          values.get(0),
          values.get(values.size() - 1),
          approx.get(key));
    }

    List<List<Object>> expected(Set<Object> keys) {
      List<List<Object>> out = new ArrayList<>();
      for (Object key : keys) {
        out.add(expected(key));
      }
      return out;
    }
  }

  private static List<Object[]> rows(Object[]... rows) {
    return Arrays.asList(rows);
  }

  private static List<Object[]> randomRows(Random random, int n) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int key = random.nextInt(9);
      Object k = key == 0 ? null : "k" + key;
      Long value = random.nextInt(6) == 0 ? null : (long) random.nextInt(20) - 5;
      rows.add(row(k, value));
    }
    return rows;
  }

  @Test
  void updateMode_emitsOnlyKeysOfTheBatch_withAggregatesOverAllBatches() {
    StateStoreRegistry stores = new StateStoreRegistry(dir, orderedConf());
    LogicalPlan query = allFunctions(List.of(k));
    Model model = new Model();
    Random random = new Random(7);
    for (long batch = 0; batch < 6; batch++) {
      List<Object[]> rows = randomRows(random, 5 + random.nextInt(15));
      Set<Object> touched = model.add(rows);
      List<List<Object>> out =
          runBatch(query, batch, OutputMode.UPDATE, rows, stores, orderedConf());
      assertThat(out)
          .as("batch %d", batch)
          .containsExactlyInAnyOrderElementsOf(model.expected(touched));
    }
  }

  @Test
  void completeMode_emitsEveryKeyEachBatch_withAggregatesOverAllBatches() {
    StateStoreRegistry stores = new StateStoreRegistry(dir, orderedConf());
    LogicalPlan query = allFunctions(List.of(k));
    Model model = new Model();
    Random random = new Random(11);
    for (long batch = 0; batch < 6; batch++) {
      List<Object[]> rows = batch == 3 ? List.of() : randomRows(random, 3 + random.nextInt(15));
      model.add(rows);
      List<List<Object>> out =
          runBatch(query, batch, OutputMode.COMPLETE, rows, stores, orderedConf());
      assertThat(out)
          .as("batch %d", batch)
          .containsExactlyInAnyOrderElementsOf(model.expected(model.rowsByKey.keySet()));
    }
  }

  @Test
  void nullGroupingKey_isOneGroupAcrossBatches() {
    StateStoreRegistry stores = new StateStoreRegistry(dir, orderedConf());
    LogicalPlan query = allFunctions(List.of(k));
    runBatch(query, 0, OutputMode.UPDATE, rows(row(null, 1L), row("a", 2L)), stores, orderedConf());
    List<List<Object>> out =
        runBatch(
            query,
            1,
            OutputMode.UPDATE,
            rows(row(null, 10L), row(null, null)),
            stores,
            orderedConf());
    assertThat(out).containsExactly(Arrays.asList(null, 3L, 11L, 5.5, 1L, 10L, 1L, null, 2L));
  }

  @Test
  void globalAggregation_emitsItsOneRowEveryBatch_evenForAnEmptyFirstBatch() {
    for (OutputMode mode : List.of(OutputMode.UPDATE, OutputMode.COMPLETE)) {
      StateStoreRegistry stores = new StateStoreRegistry(dir.resolve(mode.name()), conf());
      LogicalPlan query =
          new Aggregate(
              List.of(),
              List.of(
                  new Alias(call("count", Literal.of(1), DataTypes.LongType, false), "cnt"),
                  new Alias(call("sum", v, DataTypes.LongType, true), "sum")),
              source);
      assertThat(runBatch(query, 0, mode, List.of(), stores, conf()))
          .as(mode.toString())
          .containsExactly(Arrays.asList(0L, null));
      assertThat(runBatch(query, 1, mode, rows(row("a", 4L), row("b", 5L)), stores, conf()))
          .containsExactly(List.of(2L, 9L));
      stores.progress();
      assertThat(runBatch(query, 2, mode, rows(row("c", 1L)), stores, conf()))
          .containsExactly(List.of(3L, 10L));
      assertThat(storeDirs(dir.resolve(mode.name()))).containsExactly("0/0");
      StateOperatorProgress progress = stores.progress().get(0);
      assertThat(progress.numRowsTotal()).isEqualTo(1);
      assertThat(progress.numShufflePartitions()).isEqualTo(1);
      assertThat(progress.numStateStoreInstances()).isEqualTo(1);
    }
  }

  @Test
  void rerunOfABatchId_fromItsVersion_givesTheSameOutputAndState() {
    StateStoreRegistry stores = new StateStoreRegistry(dir, orderedConf());
    LogicalPlan query = allFunctions(List.of(k));
    List<Object[]> b0 = rows(row("a", 1L), row("b", 2L));
    List<Object[]> b1 = rows(row("a", 3L), row("c", 4L));
    runBatch(query, 0, OutputMode.COMPLETE, b0, stores, orderedConf());
    List<List<Object>> first = runBatch(query, 1, OutputMode.COMPLETE, b1, stores, orderedConf());
    // A crash after the sink and before commits/1 makes the loop run batch 1 again.
    List<List<Object>> again = runBatch(query, 1, OutputMode.COMPLETE, b1, stores, orderedConf());
    assertThat(again).containsExactlyInAnyOrderElementsOf(first);
    List<List<Object>> next =
        runBatch(query, 2, OutputMode.COMPLETE, rows(row("a", 5L)), stores, orderedConf());
    Model model = new Model();
    model.add(b0);
    model.add(b1);
    model.add(rows(row("a", 5L)));
    assertThat(next).containsExactlyInAnyOrderElementsOf(model.expected(model.rowsByKey.keySet()));
  }

  @Test
  void statePartitions_stayPinned_whenShufflePartitionsChange() {
    StateStoreRegistry stores = new StateStoreRegistry(dir, orderedConf());
    LogicalPlan query = allFunctions(List.of(k));
    Model model = new Model();
    Random random = new Random(3);
    for (long batch = 0; batch < 4; batch++) {
      TidelineConf conf =
          orderedConf().set(TidelineConf.SHUFFLE_PARTITIONS, Long.toString(2 + batch * 3));
      List<Object[]> rows = randomRows(random, 20);
      model.add(rows);
      assertThat(runBatch(query, batch, OutputMode.COMPLETE, rows, stores, conf))
          .containsExactlyInAnyOrderElementsOf(model.expected(model.rowsByKey.keySet()));
    }
    assertThat(storeDirs(dir)).containsExactly("0/0", "0/1", "0/2");
    for (int p = 0; p < STATE_PARTITIONS; p++) {
      assertThat(dir.resolve("0").resolve(Integer.toString(p)).resolve("4.delta"))
          .as("partition %d committed version 4", p)
          .exists();
    }
    assertThat(stores.progress().get(0).numRowsTotal()).isEqualTo(model.rowsByKey.size());
  }

  /** The {@code operator/partition} folders of the stores under {@code stateDir}, sorted. */
  private static List<String> storeDirs(java.nio.file.Path stateDir) {
    try (var operators = java.nio.file.Files.list(stateDir)) {
      List<String> out = new java.util.ArrayList<>();
      for (java.nio.file.Path op : operators.toList()) {
        try (var partitions = java.nio.file.Files.list(op)) {
          for (java.nio.file.Path part : partitions.toList()) {
            if (part.getFileName().toString().matches("\\d+")) {
              out.add(op.getFileName() + "/" + part.getFileName());
            }
          }
        }
      }
      java.util.Collections.sort(out);
      return out;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void physicalPlan_exchangesIntoTheStatePartitions() {
    StateStoreRegistry stores = new StateStoreRegistry(dir, conf());
    LogicalPlan bound =
        StatefulPlanning.rewrite(
            allFunctions(List.of(k)), 0, STATE_PARTITIONS, OutputMode.UPDATE, 0, stores);
    LogicalPlan batch =
        Plans.transformUp(
            bound, n -> n instanceof StreamingRelation r ? relation(r.output(), 2, List.of()) : n);
    String plan = execution(batch, conf()).executedPlan().treeString();
    assertThat(plan)
        .contains("StateStoreAggregate(keys=[k")
        .contains("operator=0, batch=0, mode=Update, partitions=3")
        .containsPattern("Exchange hashpartitioning\\(k#\\d+, 3\\)")
        .contains("partial_count(1)");
  }

  @Test
  void progress_reportsRowsTotalUpdatedAndStoreInstances() {
    StateStoreRegistry stores = new StateStoreRegistry(dir, conf());
    LogicalPlan query = allFunctions(List.of(k));
    runBatch(
        query,
        0,
        OutputMode.UPDATE,
        rows(row("a", 1L), row("b", 1L), row("c", 1L)),
        stores,
        conf());
    stores.progress();
    runBatch(query, 1, OutputMode.UPDATE, rows(row("a", 1L), row("d", 1L)), stores, conf());
    List<StateOperatorProgress> progress = stores.progress();
    assertThat(progress).hasSize(1);
    StateOperatorProgress p = progress.get(0);
    assertThat(p.operatorName()).isEqualTo("stateStoreSave");
    assertThat(p.numRowsTotal()).isEqualTo(4);
    assertThat(p.numRowsUpdated()).isEqualTo(2);
    assertThat(p.numRowsRemoved()).isZero();
    assertThat(p.numShufflePartitions()).isEqualTo(STATE_PARTITIONS);
    assertThat(p.numStateStoreInstances()).isEqualTo(STATE_PARTITIONS);
  }

  @Test
  void completeMode_matchesABatchAggregationOfAllRowsSoFar_forSeveralKeyAndValueTypes() {
    Attribute name = attr("name", DataTypes.StringType);
    Attribute bucket = attr("bucket", DataTypes.IntegerType);
    Attribute amount = attr("amount", DataTypes.createDecimalType(10, 2));
    Attribute label = attr("label", DataTypes.StringType);
    Attribute score = attr("score", DataTypes.DoubleType);
    List<Attribute> columns = List.of(name, bucket, amount, label, score);
    StreamingRelation stream =
        new StreamingRelation(
            new TestSourceSpec(
                new StructType()
                    .add("name", "string")
                    .add("bucket", "int")
                    .add("amount", "decimal(10,2)")
                    .add("label", "string")
                    .add("score", "double")),
            columns);
    AggregateCall count = call("count", Literal.of(1), DataTypes.LongType, false);
    List<Expr> grouping = List.of(name, bucket);
    List<Expr> out =
        List.of(
            name,
            bucket,
            new Alias(new BinaryOp(BinaryOperator.ADD, count, Literal.of(1L)), "cntPlusOne"),
            new Alias(call("sum", amount, DataTypes.createDecimalType(20, 2), true), "total"),
            new Alias(call("avg", amount, DataTypes.createDecimalType(14, 6), true), "mean"),
            new Alias(call("max", label, DataTypes.StringType, true), "maxLabel"),
            new Alias(call("min", label, DataTypes.StringType, true), "minLabel"),
            new Alias(call("count", score, DataTypes.LongType, false), "scores"),
            new Alias(call("max", score, DataTypes.DoubleType, true), "maxScore"),
            new Alias(call("approx_count_distinct", label, DataTypes.LongType, false), "labels"));
    LogicalPlan query = new Aggregate(grouping, out, stream);
    StateStoreRegistry stores = new StateStoreRegistry(dir, conf());
    Random random = new Random(5);
    List<Object[]> all = new ArrayList<>();
    for (long batchId = 0; batchId < 5; batchId++) {
      List<Object[]> rows = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        rows.add(
            row(
                random.nextInt(5) == 0 ? null : "n" + random.nextInt(3),
                random.nextInt(4) == 0 ? null : random.nextInt(3),
                random.nextInt(5) == 0
                    ? null
                    : new BigDecimal(random.nextInt(100000)).movePointLeft(2),
                random.nextInt(4) == 0 ? null : "label-" + random.nextInt(12),
                random.nextInt(4) == 0 ? null : random.nextGaussian()));
      }
      all.addAll(rows);
      LogicalPlan bound =
          StatefulPlanning.rewrite(
              query, batchId, STATE_PARTITIONS, OutputMode.COMPLETE, 0, stores);
      List<Object[]> batchRows = rows;
      LogicalPlan batch =
          Plans.transformUp(
              bound,
              n -> n instanceof StreamingRelation r ? relation(r.output(), 4, batchRows) : n);
      LogicalPlan oracle = new Aggregate(grouping, out, relation(columns, 9, all));
      assertThat(collect(batch))
          .as("batch %d", batchId)
          .containsExactlyInAnyOrderElementsOf(collect(oracle));
    }
  }

  @Test
  void failedBatch_abortsItsStores_andLeavesTheCommittedVersionUsable() {
    StateStoreRegistry stores = new StateStoreRegistry(dir, conf());
    LogicalPlan query =
        new Aggregate(
            List.of(k),
            List.of(k, new Alias(call("sum", v, DataTypes.LongType, true), "sum")),
            source);
    runBatch(
        query, 0, OutputMode.UPDATE, rows(row("a", Long.MAX_VALUE), row("b", 1L)), stores, conf());
    assertThatThrownBy(
            () -> runBatch(query, 1, OutputMode.UPDATE, rows(row("a", 1L)), stores, conf()))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("ARITHMETIC_OVERFLOW");
    // The failed run committed nothing for "a": batch 1 re-runs from version 1.
    assertThat(runBatch(query, 1, OutputMode.UPDATE, rows(row("a", -1L)), stores, conf()))
        .containsExactly(List.of("a", Long.MAX_VALUE - 1));
  }
}
