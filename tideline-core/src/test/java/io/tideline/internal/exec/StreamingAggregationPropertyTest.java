package io.tideline.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.expr.AggregateCall;
import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.plan.Aggregate;
import io.tideline.internal.plan.LocalRelation;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.internal.plan.Plans;
import io.tideline.internal.plan.StreamingRelation;
import io.tideline.internal.state.StateStoreRegistry;
import io.tideline.internal.streaming.exec.StatefulPlanning;
import io.tideline.streaming.OutputMode;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * However a stream is cut into micro-batches, and however many state partitions hold it, a
 * Complete-mode aggregation after the last batch equals the batch aggregation of all rows.
 */
class StreamingAggregationPropertyTest {
  private static ExecutorService pool;

  @BeforeContainer
  static void startPool() {
    pool = Executors.newFixedThreadPool(2);
  }

  @AfterContainer
  static void stopPool() {
    pool.shutdownNow();
  }

  @Provide
  Arbitrary<List<List<Object[]>>> batches() {
    Arbitrary<Object[]> row =
        Combinators.combine(
                Arbitraries.integers().between(0, 6).injectNull(0.15),
                Arbitraries.longs().between(-50, 50).injectNull(0.15))
            .as((k, v) -> new Object[] {k, v});
    return row.list().ofMaxSize(12).list().ofMinSize(1).ofMaxSize(5);
  }

  @Property(tries = 25)
  void completeOutput_equalsBatchAggregationOfAllRows_forAnySplit(
      @ForAll("batches") List<List<Object[]>> batches, @ForAll("partitions") int statePartitions) {
    Attribute k = new Attribute("k", DataTypes.IntegerType, true);
    Attribute v = new Attribute("v", DataTypes.LongType, true);
    StreamingRelation source =
        new StreamingRelation(
            new TestSourceSpec(new StructType().add("k", "int").add("v", "bigint")), List.of(k, v));
    List<Expr> out =
        List.of(
            k,
            new Alias(call("count", Literal.of(1), DataTypes.LongType, false), "n"),
            new Alias(call("sum", v, DataTypes.LongType, true), "s"),
            new Alias(call("min", v, DataTypes.LongType, true), "lo"),
            new Alias(call("max", v, DataTypes.LongType, true), "hi"),
            new Alias(call("approx_count_distinct", v, DataTypes.LongType, false), "d"));
    LogicalPlan query = new Aggregate(List.of(k), out, source);
    TidelineConf conf =
        new TidelineConf()
            .set(TidelineConf.SHUFFLE_PARTITIONS, "2")
            .set(TidelineConf.PARALLELISM, "2")
            .set(TidelineConf.BATCH_SIZE, "3");
    Path stateDir = newStateDir();
    StateStoreRegistry stores = new StateStoreRegistry(stateDir, conf);
    try {
      checkAgainstBatch(query, out, batches, statePartitions, conf, stores);
    } finally {
      stores.close();
      deleteRecursively(stateDir);
    }
  }

  private void checkAgainstBatch(
      LogicalPlan query,
      List<Expr> out,
      List<List<Object[]>> batches,
      int statePartitions,
      TidelineConf conf,
      StateStoreRegistry stores) {
    Attribute k = (Attribute) out.get(0);
    List<Attribute> input = query.children().get(0).output();
    List<Object[]> all = new ArrayList<>();
    List<List<Object>> last = List.of();
    for (int batchId = 0; batchId < batches.size(); batchId++) {
      List<Object[]> rows = batches.get(batchId);
      all.addAll(rows);
      LogicalPlan bound =
          StatefulPlanning.rewrite(query, batchId, statePartitions, OutputMode.COMPLETE, 0, stores);
      LogicalPlan batch =
          Plans.transformUp(
              bound,
              n ->
                  n instanceof StreamingRelation r
                      ? ExecTestSupport.relation(r.output(), 2, rows)
                      : n);
      last = run(batch, conf);
    }
    LocalRelation everything = ExecTestSupport.relation(input, 5, all);
    assertThat(last)
        .containsExactlyInAnyOrderElementsOf(run(new Aggregate(List.of(k), out, everything), conf));
  }

  private static Path newStateDir() {
    try {
      return java.nio.file.Files.createTempDirectory("tideline-agg-property");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (var paths = java.nio.file.Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        java.nio.file.Files.deleteIfExists(p);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Provide
  Arbitrary<Integer> partitions() {
    return Arbitraries.integers().between(1, 4);
  }

  private static List<List<Object>> run(LogicalPlan plan, TidelineConf conf) {
    return ExecTestSupport.rowsOf(new QueryExecution(plan, conf, pool).collect());
  }

  private static AggregateCall call(String name, Expr arg, DataType type, boolean nullable) {
    List<Object> params = name.equals("approx_count_distinct") ? List.of(0.05) : List.of();
    return new AggregateCall(name, List.of(arg), false, type, nullable, params);
  }
}
