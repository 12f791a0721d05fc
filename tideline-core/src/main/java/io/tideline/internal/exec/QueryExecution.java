package io.tideline.internal.exec;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.eval.EvalContext;
import io.tideline.internal.eval.ExprCompiler;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.plan.Explain;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.internal.vector.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one batch query: plans it physically (once, lazily), then, from the calling thread,
 * materialises every exchange bottom-up (each one a stage of parallel tasks on the pool) and runs
 * the last stage's tasks, one per output partition.
 *
 * <p>Results keep the plan's order: partition 0's rows first, and within a partition in the order
 * the operators produce them, so a global sort's order survives {@link #collect()}. The first
 * failing task cancels the others and its exception is rethrown: Tideline's errors (such as
 * ARITHMETIC_OVERFLOW) as they are, anything else as TASK_FAILED with the cause.
 */
public final class QueryExecution {
  private final LogicalPlan plan;
  private final TidelineConf conf;
  private final ExecutorService pool;
  private final EvaluatorFactory evaluators;
  private final EvalContext evalContext;
  private ExecNode executedPlan;

  public QueryExecution(LogicalPlan plan, TidelineConf conf, ExecutorService pool) {
    this(plan, conf, pool, ExprCompiler::compile);
  }

  QueryExecution(
      LogicalPlan plan, TidelineConf conf, ExecutorService pool, EvaluatorFactory evaluators) {
    this.plan = plan;
    this.conf = conf;
    this.pool = pool;
    this.evaluators = evaluators;
    // One context per query, so current_timestamp() is one instant across all its stages.
    this.evalContext = EvalContext.of(conf);
  }

  /** The physical plan, planned on first use. */
  public synchronized ExecNode executedPlan() {
    if (executedPlan == null) {
      executedPlan = new PhysicalPlanner(conf).plan(plan);
    }
    return executedPlan;
  }

  /** All result rows as dense batches, partition 0 first. */
  public List<Batch> collect() {
    ExecNode root = executedPlan();
    int n = root.numPartitions();
    @SuppressWarnings("unchecked")
    List<Batch>[] parts = new List[n];
    var types = BatchBuilder.typesOf(root.output());
    runTasks(
        root,
        (ctx, input) -> {
          List<Batch> out = new ArrayList<>();
          BatchBuilder builder = new BatchBuilder(types, ctx.batchSize());
          Batch b;
          while ((b = input.next()) != null) {
            ctx.checkCancelled();
            builder.appendBatch(b);
            if (builder.size() >= ctx.batchSize()) {
              out.add(builder.build(ctx.batchSize()));
            }
          }
          if (builder.size() > 0) {
            out.add(builder.build(0));
          }
          parts[ctx.partition()] = out;
        });
    List<Batch> all = new ArrayList<>();
    for (List<Batch> p : parts) {
      all.addAll(p);
    }
    return all;
  }

  /** The number of result rows, without copying them. */
  public long count() {
    AtomicLong total = new AtomicLong();
    runTasks(
        executedPlan(),
        (ctx, input) -> {
          long rows = 0;
          Batch b;
          while ((b = input.next()) != null) {
            rows += b.size();
          }
          total.addAndGet(rows);
        });
    return total.get();
  }

  /** Runs {@code task} for every output partition, in parallel; rethrows the first failure. */
  public void runPartitions(PartitionTask task) {
    runTasks(executedPlan(), (ctx, input) -> task.run(ctx.partition(), input));
  }

  @FunctionalInterface
  private interface Body {
    void run(TaskContext ctx, BatchIterator input) throws Exception;
  }

  private void runTasks(ExecNode root, Body body) {
    StageScheduler scheduler = new StageScheduler(pool, evalContext, evaluators);
    prepare(root, scheduler);
    scheduler.run(
        root.numPartitions(),
        ctx -> {
          try (BatchIterator input = root.execute(ctx.partition(), ctx)) {
            body.run(ctx, input);
          }
        });
  }

  /** Materialises the exchanges below {@code node}, deepest first. */
  private static void prepare(ExecNode node, StageScheduler scheduler) {
    for (ExecNode child : node.children()) {
      prepare(child, scheduler);
    }
    if (node instanceof ExchangeExec exchange) {
      exchange.materialize(scheduler);
    }
  }

  /** Spark's {@code explain()} text: the physical plan, and with {@code extended} the logical. */
  public String explainString(boolean extended) {
    String physical = "== Physical Plan ==\n" + executedPlan().treeString();
    if (!extended) {
      return physical;
    }
    String logical = Explain.tree(plan);
    return "== Parsed Logical Plan ==\n"
        + logical
        + "\n== Analyzed Logical Plan ==\n"
        + schemaString(plan.output())
        + "\n"
        + logical
        + "\n== Optimized Logical Plan ==\n"
        + logical
        + "\n"
        + physical;
  }

  private static String schemaString(List<Attribute> attrs) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < attrs.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(attrs.get(i).name()).append(": ").append(attrs.get(i).dataType().simpleString());
    }
    return sb.toString();
  }
}
