package io.tideline.internal.exec;

import io.tideline.internal.eval.VectorEvaluator;
import io.tideline.internal.expr.AggregateCall;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.BoundReference;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.plan.Explain;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * Hash aggregation of one partition, in one of three modes.
 *
 * <ul>
 *   <li>{@code PARTIAL}: folds raw input into per-group buffers and emits {@code [keys...,
 *       buffers...]}, to be hash-exchanged on the keys.
 *   <li>{@code FINAL}: merges those buffers (all rows of a key are now in this partition) and
 *       evaluates the output list: grouping columns and expressions over aggregate results, such as
 *       {@code sum(a) / count(b)}.
 *   <li>{@code COMPLETE}: both at once, for DISTINCT aggregates, which run after an exchange of the
 *       raw rows.
 * </ul>
 *
 * <p>Groups get dense ids from a {@link GroupKeyTable}, assigned a batch at a time; accumulators
 * are primitive arrays indexed by those ids. Without grouping keys there is exactly one group, so a
 * global aggregate yields one row even on empty input, as in Spark.
 */
public final class HashAggregateExec extends ExecNode {

  /** Which half of a two-phase aggregation this node computes. */
  public enum Mode {
    PARTIAL,
    FINAL,
    COMPLETE
  }

  private final Mode mode;
  private final List<Expr> grouping;
  private final List<Expr> boundGrouping;
  private final List<AggregateCall> aggregates;
  private final List<List<Expr>> boundArgs;
  private final int[] bufferOffsets;
  private final List<Expr> resultExprs;
  private final List<Expr> boundResults;
  private final List<Attribute> output;
  private final ExecNode child;

  private HashAggregateExec(
      Mode mode,
      List<Expr> grouping,
      List<Expr> boundGrouping,
      List<AggregateCall> aggregates,
      List<List<Expr>> boundArgs,
      int[] bufferOffsets,
      List<Expr> resultExprs,
      List<Expr> boundResults,
      List<Attribute> output,
      ExecNode child) {
    this.mode = mode;
    this.grouping = List.copyOf(grouping);
    this.boundGrouping = List.copyOf(boundGrouping);
    this.aggregates = List.copyOf(aggregates);
    this.boundArgs = boundArgs;
    this.bufferOffsets = bufferOffsets;
    this.resultExprs = resultExprs;
    this.boundResults = boundResults;
    this.output = List.copyOf(output);
    this.child = child;
  }

  /** The first phase: {@code [keys..., buffers...]} per group of this partition. */
  public static HashAggregateExec partial(
      List<Expr> grouping, List<AggregateCall> aggregates, ExecNode child) {
    List<Attribute> out = new ArrayList<>(keyAttributes(grouping));
    for (AggregateCall call : aggregates) {
      List<DataType> types = AggregateFunction.create(call, false).bufferTypes();
      for (int i = 0; i < types.size(); i++) {
        out.add(new Attribute(call.name() + "_buffer" + i, types.get(i), true));
      }
    }
    return new HashAggregateExec(
        Mode.PARTIAL,
        grouping,
        AttributeBinder.bindAll(grouping, child.output()),
        aggregates,
        bindArgs(aggregates, child.output()),
        null,
        null,
        null,
        out,
        child);
  }

  /** The second phase over the (exchanged) output of {@link #partial}. */
  public static HashAggregateExec finalPhase(
      List<Expr> grouping,
      List<AggregateCall> aggregates,
      List<Expr> aggregateList,
      ExecNode child) {
    List<Expr> keys = new ArrayList<>();
    List<Attribute> in = child.output();
    for (int i = 0; i < grouping.size(); i++) {
      keys.add(new BoundReference(i, in.get(i).dataType(), in.get(i).nullable()));
    }
    int[] offsets = new int[aggregates.size()];
    int at = grouping.size();
    for (int i = 0; i < aggregates.size(); i++) {
      offsets[i] = at;
      at += AggregateFunction.create(aggregates.get(i), false).bufferTypes().size();
    }
    return new HashAggregateExec(
        Mode.FINAL,
        grouping,
        keys,
        aggregates,
        null,
        offsets,
        aggregateList,
        bindResults(aggregateList, grouping, aggregates),
        aggregateList.stream().map(Explain::toAttribute).toList(),
        child);
  }

  /** Both phases in one, over rows already partitioned by the grouping keys. */
  public static HashAggregateExec complete(
      List<Expr> grouping,
      List<AggregateCall> aggregates,
      List<Expr> aggregateList,
      ExecNode child) {
    return new HashAggregateExec(
        Mode.COMPLETE,
        grouping,
        AttributeBinder.bindAll(grouping, child.output()),
        aggregates,
        bindArgs(aggregates, child.output()),
        null,
        aggregateList,
        bindResults(aggregateList, grouping, aggregates),
        aggregateList.stream().map(Explain::toAttribute).toList(),
        child);
  }

  static List<Attribute> keyAttributes(List<Expr> grouping) {
    List<Attribute> keys = new ArrayList<>();
    for (Expr g : grouping) {
      Expr e = AttributeBinder.stripAlias(g);
      keys.add(
          e instanceof Attribute a
              ? a
              : new Attribute("_groupingexpression", e.dataType(), e.nullable()));
    }
    return keys;
  }

  private static List<List<Expr>> bindArgs(List<AggregateCall> aggregates, List<Attribute> in) {
    List<List<Expr>> out = new ArrayList<>();
    for (AggregateCall call : aggregates) {
      out.add(AttributeBinder.bindAll(call.args(), in));
    }
    return out;
  }

  /**
   * The output list over {@code [keys..., results...]}: each aggregate call and each grouping
   * expression replaced by a reference to its column.
   */
  static List<Expr> bindResults(
      List<Expr> aggregateList, List<Expr> grouping, List<AggregateCall> aggregates) {
    List<Expr> out = new ArrayList<>();
    int k = grouping.size();
    for (Expr named : aggregateList) {
      Expr e =
          AttributeBinder.stripAlias(named)
              .transformDown(
                  node -> {
                    if (node instanceof AggregateCall call) {
                      int i = aggregates.indexOf(call);
                      return new BoundReference(k + i, call.dataType(), true);
                    }
                    for (int i = 0; i < k; i++) {
                      Expr g = AttributeBinder.stripAlias(grouping.get(i));
                      if (sameExpr(node, g)) {
                        return new BoundReference(i, g.dataType(), g.nullable());
                      }
                    }
                    if (node instanceof Attribute a) {
                      throw ExecErrors.bug(
                          "column "
                              + a.name()
                              + "#"
                              + a.exprId()
                              + " is neither grouped nor"
                              + " aggregated");
                    }
                    return node;
                  });
      out.add(e);
    }
    return out;
  }

  private static boolean sameExpr(Expr a, Expr b) {
    if (a instanceof Attribute x && b instanceof Attribute y) {
      return x.exprId() == y.exprId();
    }
    return !(a instanceof Attribute) && a.equals(b);
  }

  @Override
  public List<Attribute> output() {
    return output;
  }

  @Override
  public List<ExecNode> children() {
    return List.of(child);
  }

  @Override
  public int numPartitions() {
    return child.numPartitions();
  }

  @Override
  public BatchIterator execute(int partition, TaskContext ctx) {
    Batch result = aggregate(partition, ctx);
    return new BatchIterator() {
      boolean done = result.numRows() == 0;

      @Override
      public Batch next() {
        if (done) {
          return null;
        }
        done = true;
        return result;
      }
    };
  }

  private Batch aggregate(int partition, TaskContext ctx) {
    int k = boundGrouping.size();
    GroupKeyTable table =
        k == 0
            ? null
            : new GroupKeyTable(
                boundGrouping.stream().map(Expr::dataType).toList(), simpleString());
    VectorEvaluator[] keyEvals = new VectorEvaluator[k];
    for (int i = 0; i < k; i++) {
      keyEvals[i] = ctx.compile(boundGrouping.get(i), child.output());
    }
    int numFns = aggregates.size();
    AggregateFunction[] fns = new AggregateFunction[numFns];
    VectorEvaluator[][] argEvals = new VectorEvaluator[numFns][];
    DistinctFilter[] distinct = new DistinctFilter[numFns];
    int[][] bufferCols = new int[numFns][];
    for (int f = 0; f < numFns; f++) {
      AggregateCall call = aggregates.get(f);
      fns[f] = AggregateFunction.create(call, ctx.ansi());
      if (mode == Mode.FINAL) {
        int width = fns[f].bufferTypes().size();
        bufferCols[f] = new int[width];
        for (int w = 0; w < width; w++) {
          bufferCols[f][w] = bufferOffsets[f] + w;
        }
        continue;
      }
      List<Expr> args = boundArgs.get(f);
      boolean skipArgs = fns[f] instanceof CountFunction c && c.countsRows() && !call.distinct();
      argEvals[f] = new VectorEvaluator[skipArgs ? 0 : args.size()];
      for (int a = 0; a < argEvals[f].length; a++) {
        argEvals[f][a] = ctx.compile(args.get(a), child.output());
      }
      if (call.distinct()) {
        if (mode != Mode.COMPLETE) {
          throw ExecErrors.bug("a DISTINCT aggregate in a partial aggregation");
        }
        distinct[f] = new DistinctFilter(args.stream().map(Expr::dataType).toList(), call.sql());
      }
    }
    int[] ids = new int[0];
    int[] distinctIds = new int[0];
    try (BatchIterator input = child.execute(partition, ctx)) {
      Batch b;
      while ((b = input.next()) != null) {
        ctx.checkCancelled();
        int n = b.size();
        if (n == 0) {
          continue;
        }
        if (ids.length < n) {
          ids = new int[Math.max(n, ids.length * 2)];
          distinctIds = new int[ids.length];
        }
        int numGroups;
        if (table != null) {
          ColumnVector[] keys = new ColumnVector[k];
          for (int i = 0; i < k; i++) {
            keys[i] = keyEvals[i].eval(b);
          }
          table.findOrInsert(keys, b, ids);
          numGroups = table.size();
        } else {
          java.util.Arrays.fill(ids, 0, n, 0);
          numGroups = 1;
        }
        for (int f = 0; f < numFns; f++) {
          fns[f].resize(numGroups);
          if (mode == Mode.FINAL) {
            ColumnVector[] buffers = new ColumnVector[bufferCols[f].length];
            for (int w = 0; w < buffers.length; w++) {
              buffers[w] = b.column(bufferCols[f][w]);
            }
            fns[f].merge(buffers, b, ids);
            continue;
          }
          ColumnVector[] args = new ColumnVector[argEvals[f].length];
          for (int a = 0; a < args.length; a++) {
            args[a] = argEvals[f][a].eval(b);
          }
          if (distinct[f] != null) {
            Batch firsts = distinct[f].firstOccurrences(args, b, ids, distinctIds);
            fns[f].update(args, firsts, distinctIds);
          } else {
            fns[f].update(args, b, ids);
          }
        }
      }
    }
    int numGroups = table == null ? 1 : table.size();
    for (AggregateFunction fn : fns) {
      fn.resize(numGroups);
    }
    ColumnVector[] keyCols = table == null ? new ColumnVector[0] : table.keyVectors();
    List<ColumnVector> cols = new ArrayList<>(List.of(keyCols));
    if (mode == Mode.PARTIAL) {
      for (AggregateFunction fn : fns) {
        List<DataType> types = fn.bufferTypes();
        ColumnVector[] out = new ColumnVector[types.size()];
        for (int w = 0; w < out.length; w++) {
          out[w] = ColumnVector.allocate(types.get(w), Math.max(numGroups, 1));
        }
        fn.writeBuffers(out, numGroups);
        cols.addAll(List.of(out));
      }
      return new Batch(cols.toArray(new ColumnVector[0]), numGroups);
    }
    for (AggregateFunction fn : fns) {
      cols.add(fn.result(numGroups));
    }
    Batch aggregated = new Batch(cols.toArray(new ColumnVector[0]), numGroups);
    ColumnVector[] out = new ColumnVector[boundResults.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ctx.compile(boundResults.get(i)).eval(aggregated);
    }
    return new Batch(out, numGroups);
  }

  @Override
  public String simpleString() {
    StringBuilder sb = new StringBuilder("HashAggregate(keys=");
    sb.append(ExprPrinter.list(grouping)).append(", functions=[");
    for (int i = 0; i < aggregates.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(mode == Mode.PARTIAL ? "partial_" : "")
          .append(ExprPrinter.print(aggregates.get(i)));
    }
    return sb.append("])").toString();
  }
}
