package io.tideline.internal.exec;

import io.tideline.internal.conf.TidelineConf;
import io.tideline.internal.expr.AggregateCall;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Conjunctions;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.plan.Aggregate;
import io.tideline.internal.plan.CountRows;
import io.tideline.internal.plan.Deduplicate;
import io.tideline.internal.plan.EventTimeWatermark;
import io.tideline.internal.plan.FileRelation;
import io.tideline.internal.plan.Filter;
import io.tideline.internal.plan.Join;
import io.tideline.internal.plan.JoinType;
import io.tideline.internal.plan.Limit;
import io.tideline.internal.plan.LocalRelation;
import io.tideline.internal.plan.LogicalPlan;
import io.tideline.internal.plan.MergeSessions;
import io.tideline.internal.plan.Project;
import io.tideline.internal.plan.ScanRelation;
import io.tideline.internal.plan.SessionWindowAssign;
import io.tideline.internal.plan.Sort;
import io.tideline.internal.plan.StatefulAggregate;
import io.tideline.internal.plan.StatefulDeduplicate;
import io.tideline.internal.plan.StatefulJoin;
import io.tideline.internal.plan.StreamingJoinHelper;
import io.tideline.internal.plan.StreamingRelation;
import io.tideline.internal.plan.SubqueryAlias;
import io.tideline.internal.plan.TimeWindowAssign;
import io.tideline.internal.plan.Union;
import io.tideline.internal.vector.Batch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns a resolved logical plan into physical operators, Spark's way: an aggregation becomes a
 * partial aggregation, a hash exchange on the keys and a final aggregation; a global sort sorts
 * range partitions; a limit cuts each partition then a single one; a join is a broadcast hash join
 * when one side is below {@code tideline.sql.autoBroadcastJoinThreshold}, else a shuffled hash
 * join, and a nested-loop join when the condition has no equality between the sides.
 *
 * <p>Column pruning travels top-down: each node is planned knowing which columns (by expression id)
 * its parent needs, so scans read only those. Nodes bind their expressions to their physical
 * children's output, which may be narrower than the logical output.
 */
public final class PhysicalPlanner {
  public static final String BROADCAST_THRESHOLD = "tideline.sql.autoBroadcastJoinThreshold";
  private static final long DEFAULT_BROADCAST_THRESHOLD = 10L * 1024 * 1024;

  private final TidelineConf conf;

  public PhysicalPlanner(TidelineConf conf) {
    this.conf = conf;
  }

  public ExecNode plan(LogicalPlan plan) {
    return plan(plan, null);
  }

  /**
   * @param required the expression ids the parent reads, or null for every output column
   */
  private ExecNode plan(LogicalPlan plan, Set<Long> required) {
    if (plan instanceof LocalRelation r) {
      List<Attribute> out = prune(r.output(), required);
      int[] columns = new int[out.size()];
      for (int i = 0; i < columns.length; i++) {
        columns[i] = r.output().indexOf(out.get(i));
      }
      return new LocalScanExec(out, columns, r.batches(), conf.batchSize(), conf.parallelism());
    }
    if (plan instanceof ScanRelation r) {
      List<Attribute> out = prune(r.output(), required);
      int[] columns = new int[out.size()];
      for (int i = 0; i < columns.length; i++) {
        columns[i] = r.output().indexOf(out.get(i));
      }
      return new ScanExec(out, columns, r.scan());
    }
    if (plan instanceof FileRelation f) {
      return new FileScanExec(
          f.format(), f.files(), f.options(), f.output(), prune(f.output(), required), conf);
    }
    if (plan instanceof Project p) {
      return new ProjectExec(p.projectList(), plan(p.child(), ids(references(p.projectList()))));
    }
    if (plan instanceof Filter f) {
      return new FilterExec(f.condition(), plan(f.child(), with(required, f.condition())));
    }
    if (plan instanceof SubqueryAlias s) {
      return plan(s.child(), required);
    }
    if (plan instanceof EventTimeWatermark w) {
      return new EventTimeWatermarkExec(
          w.eventTime(), plan(w.child(), with(required, w.eventTime())), w.stats().newPass());
    }
    if (plan instanceof CountRows c) {
      return new CountRowsExec(plan(c.child(), required), c.counter().newPass());
    }
    if (plan instanceof Sort s) {
      ExecNode child = plan(s.child(), with(required, s.order()));
      if (s.global() && child.numPartitions() > 1) {
        child = new RangeExchangeExec(s.order(), conf.shufflePartitions(), child);
      }
      return new SortExec(s.order(), s.global(), child);
    }
    if (plan instanceof Limit l && l.child() instanceof Sort s && s.global()) {
      return planTopK(l.n(), s, required);
    }
    if (plan instanceof Limit l) {
      ExecNode child = plan(l.child(), required);
      if (child.numPartitions() == 1) {
        return new LimitExec(l.n(), true, child);
      }
      return new LimitExec(
          l.n(), true, ShuffleExchangeExec.single(new LimitExec(l.n(), false, child)));
    }
    if (plan instanceof Union u) {
      List<ExecNode> kids = new ArrayList<>();
      for (LogicalPlan c : u.children()) {
        kids.add(plan(c, null));
      }
      return new UnionExec(u.output(), kids);
    }
    if (plan instanceof Deduplicate d) {
      List<Attribute> keys = d.keys().isEmpty() ? d.child().output() : d.keys();
      ExecNode child = plan(d.child(), with(required, keys));
      ExecNode partial = new DeduplicateExec(keys, child);
      ExecNode exchange =
          new ShuffleExchangeExec(List.copyOf(keys), conf.shufflePartitions(), partial);
      return new DeduplicateExec(keys, exchange);
    }
    if (plan instanceof Aggregate a) {
      return planAggregate(a);
    }
    if (plan instanceof Join j) {
      return planJoin(j, required);
    }
    if (plan instanceof StatefulDeduplicate s) {
      // The exchange uses the pinned state partition count, as the aggregation's does.
      List<Attribute> keys = s.deduplicate().keys();
      ExecNode child = plan(s.deduplicate().child(), null);
      ExecNode exchange =
          new ShuffleExchangeExec(List.copyOf(keys), s.info().numPartitions(), child);
      return new StreamingDeduplicateExec(s, exchange);
    }
    if (plan instanceof StatefulJoin s) {
      // Both sides exchanged on their keys into the pinned state partitions, unpruned: the state
      // keeps whole rows, in the layout the checkpoint's schema records.
      ExecNode l = plan(s.join().left(), null);
      ExecNode r = plan(s.join().right(), null);
      int n = s.info().numPartitions();
      return new StreamingSymmetricHashJoinExec(
          s,
          new ShuffleExchangeExec(s.keys().leftKeys(), n, l),
          new ShuffleExchangeExec(s.keys().rightKeys(), n, r));
    }
    if (plan instanceof StatefulAggregate s) {
      Aggregate a = s.aggregate();
      List<Expr> all = new ArrayList<>(a.grouping());
      all.addAll(a.aggregateList());
      if (a.child() instanceof MergeSessions m) {
        // Sessions merge with the state of earlier batches, not within this batch alone.
        return StatefulAggregateExecs.planSessions(s, m, plan(m.child(), ids(references(all))));
      }
      return StatefulAggregateExecs.plan(s, plan(a.child(), ids(references(all))), conf);
    }
    if (plan instanceof TimeWindowAssign w) {
      ExecNode child = plan(w.child(), with(required, w.timeColumn()));
      return new TimeWindowExec(
          w.window(), w.timeColumn(), w.windowMicros(), w.slideMicros(), w.startMicros(), child);
    }
    if (plan instanceof SessionWindowAssign s) {
      Set<Long> childRequired = with(required, s.timeColumn());
      if (s.gap() != null) {
        childRequired = with(childRequired, s.gap());
      }
      return new SessionWindowExec(
          s.session(), s.timeColumn(), s.gap(), s.gapMicros(), plan(s.child(), childRequired));
    }
    if (plan instanceof MergeSessions m) {
      ExecNode child = plan(m.child(), with(with(required, m.keys()), m.session()));
      // Every row of a key must reach one task, which sees all its sessions.
      ExecNode exchange =
          m.keys().isEmpty()
              ? (child.numPartitions() == 1 ? child : ShuffleExchangeExec.single(child))
              : new ShuffleExchangeExec(m.keys(), conf.shufflePartitions(), child);
      return new UpdatingSessionsExec(m.keys(), m.session(), exchange);
    }
    if (plan instanceof StreamingRelation r) {
      throw ExecErrors.bug(
          "a streaming source reached batch planning unreplaced: " + r.simpleString());
    }
    throw ExecErrors.bug("no physical plan for " + plan.simpleString());
  }

  /**
   * {@code orderBy(...).limit(n)}: each partition sorts its rows and keeps its first {@code n} in
   * parallel, so only {@code n} rows per partition reach the single partition that sorts them again
   * and cuts the global first {@code n}.
   */
  private ExecNode planTopK(int n, Sort s, Set<Long> required) {
    ExecNode child = plan(s.child(), with(required, s.order()));
    if (child.numPartitions() > 1) {
      ExecNode local = new LimitExec(n, false, new SortExec(s.order(), false, child));
      child = ShuffleExchangeExec.single(local);
    }
    return new LimitExec(n, true, new SortExec(s.order(), true, child));
  }

  private ExecNode planAggregate(Aggregate a) {
    List<Expr> all = new ArrayList<>(a.grouping());
    all.addAll(a.aggregateList());
    ExecNode child = plan(a.child(), ids(references(all)));
    List<AggregateCall> calls = aggregateCalls(a.aggregateList());
    int n = conf.shufflePartitions();
    boolean anyDistinct = calls.stream().anyMatch(AggregateCall::distinct);
    if (anyDistinct) {
      ExecNode exchange = new ShuffleExchangeExec(a.grouping(), n, child);
      return HashAggregateExec.complete(a.grouping(), calls, a.aggregateList(), exchange);
    }
    HashAggregateExec partial = HashAggregateExec.partial(a.grouping(), calls, child);
    List<Expr> keys = new ArrayList<>(partial.output().subList(0, a.grouping().size()));
    ExecNode exchange = new ShuffleExchangeExec(keys, n, partial);
    return HashAggregateExec.finalPhase(a.grouping(), calls, a.aggregateList(), exchange);
  }

  /** The distinct aggregate calls of an output list, in order of first appearance. */
  static List<AggregateCall> aggregateCalls(List<Expr> aggregateList) {
    List<AggregateCall> calls = new ArrayList<>();
    for (Expr e : aggregateList) {
      e.anyMatch(
          x -> {
            if (x instanceof AggregateCall c && !calls.contains(c)) {
              calls.add(c);
            }
            return false;
          });
    }
    return calls;
  }

  private ExecNode planJoin(Join j, Set<Long> required) {
    Set<Long> childRequired = j.condition() == null ? required : with(required, j.condition());
    ExecNode left = plan(j.left(), childRequired);
    ExecNode right = plan(j.right(), childRequired);
    // Batch and stream-stream joins split their conditions alike, as Spark's equi-join keys.
    StreamingJoinHelper.EquiKeys keys = StreamingJoinHelper.equiKeys(j);
    List<Expr> leftKeys = keys.leftKeys();
    List<Expr> rightKeys = keys.rightKeys();
    boolean[] safe = keys.nullSafe();
    Expr condition = Conjunctions.and(keys.residual());
    JoinType type = j.joinType();
    boolean canBuildRight =
        switch (type) {
          case INNER, CROSS, LEFT_OUTER, LEFT_SEMI, LEFT_ANTI -> true;
          default -> false;
        };
    boolean canBuildLeft =
        type == JoinType.INNER || type == JoinType.CROSS || type == JoinType.RIGHT_OUTER;
    long leftSize = estimateBytes(j.left());
    long rightSize = estimateBytes(j.right());
    long threshold = broadcastThreshold();
    boolean preferRight = !canBuildLeft || (canBuildRight && rightSize <= leftSize);
    if (leftKeys.isEmpty()) {
      if (canBuildRight && preferRight) {
        return new NestedLoopJoinExec(
            type,
            JoinExec.BuildSide.RIGHT,
            condition,
            left,
            new BroadcastExchangeExec(right),
            true);
      }
      if (canBuildLeft) {
        return new NestedLoopJoinExec(
            type, JoinExec.BuildSide.LEFT, condition, new BroadcastExchangeExec(left), right, true);
      }
      return new NestedLoopJoinExec(
          type,
          JoinExec.BuildSide.RIGHT,
          condition,
          ShuffleExchangeExec.single(left),
          ShuffleExchangeExec.single(right),
          false);
    }
    if (threshold >= 0) {
      if (canBuildRight && preferRight && rightSize <= threshold) {
        return new HashJoinExec(
            type,
            leftKeys,
            rightKeys,
            safe,
            JoinExec.BuildSide.RIGHT,
            condition,
            left,
            new BroadcastExchangeExec(right),
            true);
      }
      if (canBuildLeft && leftSize <= threshold) {
        return new HashJoinExec(
            type,
            leftKeys,
            rightKeys,
            safe,
            JoinExec.BuildSide.LEFT,
            condition,
            new BroadcastExchangeExec(left),
            right,
            true);
      }
    }
    int n = conf.shufflePartitions();
    JoinExec.BuildSide build =
        canBuildLeft && (!canBuildRight || leftSize < rightSize)
            ? JoinExec.BuildSide.LEFT
            : JoinExec.BuildSide.RIGHT;
    return new HashJoinExec(
        type,
        leftKeys,
        rightKeys,
        safe,
        build,
        condition,
        new ShuffleExchangeExec(leftKeys, n, left),
        new ShuffleExchangeExec(rightKeys, n, right),
        false);
  }

  /** The broadcast threshold in bytes; like Spark, accepts {@code 10485760}, {@code 10MB}, -1. */
  private long broadcastThreshold() {
    String v = conf.get(BROADCAST_THRESHOLD);
    if (v == null) {
      return DEFAULT_BROADCAST_THRESHOLD;
    }
    String s = v.trim().toLowerCase(java.util.Locale.ROOT);
    long unit = 1;
    String[][] suffixes = {{"kb", "k"}, {"mb", "m"}, {"gb", "g"}, {"b", "b"}};
    long[] units = {1L << 10, 1L << 20, 1L << 30, 1};
    outer:
    for (int i = 0; i < suffixes.length; i++) {
      for (String suffix : suffixes[i]) {
        if (s.endsWith(suffix)) {
          s = s.substring(0, s.length() - suffix.length()).trim();
          unit = units[i];
          break outer;
        }
      }
    }
    try {
      return Long.parseLong(s) * unit;
    } catch (NumberFormatException e) {
      throw ExecErrors.invalidConf(
          BROADCAST_THRESHOLD, v, "a size in bytes such as 10485760, 10MB or -1");
    }
  }

  /** A rough size of a plan's output, for choosing the side to broadcast. */
  static long estimateBytes(LogicalPlan plan) {
    if (plan instanceof LocalRelation r) {
      long bytes = 0;
      for (Batch b : r.batches()) {
        for (int c = 0; c < b.numColumns(); c++) {
          bytes += b.column(c).sizeInBytes();
        }
      }
      return bytes;
    }
    if (plan instanceof FileRelation f) {
      long bytes = 0;
      for (Path p : f.files()) {
        bytes = saturatedAdd(bytes, pathBytes(p));
      }
      return bytes;
    }
    if (plan instanceof ScanRelation) {
      // Its size is known only once it runs: never pick it as the side to broadcast.
      return Long.MAX_VALUE;
    }
    long bytes = 0;
    for (LogicalPlan c : plan.children()) {
      bytes = saturatedAdd(bytes, estimateBytes(c));
    }
    return bytes;
  }

  private static long pathBytes(Path p) {
    if (!Files.exists(p)) {
      return Long.MAX_VALUE;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      return walk.filter(Files::isRegularFile)
          .mapToLong(
              f -> {
                try {
                  return Files.size(f);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long saturatedAdd(long a, long b) {
    long s = a + b;
    return ((a ^ s) & (b ^ s)) < 0 ? Long.MAX_VALUE : s;
  }

  private static List<Attribute> prune(List<Attribute> output, Set<Long> required) {
    if (required == null) {
      return output;
    }
    List<Attribute> out = new ArrayList<>();
    for (Attribute a : output) {
      if (required.contains(a.exprId())) {
        out.add(a);
      }
    }
    // Keep one column so a scan still yields row counts (count(*)), even with no column needed.
    if (out.isEmpty() && !output.isEmpty()) {
      out.add(output.get(0));
    }
    return out;
  }

  private static Set<Long> with(Set<Long> required, Expr e) {
    return with(required, List.of(e));
  }

  private static Set<Long> with(Set<Long> required, List<? extends Expr> exprs) {
    if (required == null) {
      return null;
    }
    Set<Long> out = new HashSet<>(required);
    out.addAll(ids(references(exprs)));
    return out;
  }

  private static List<Attribute> references(List<? extends Expr> exprs) {
    List<Attribute> out = new ArrayList<>();
    for (Expr e : exprs) {
      e.anyMatch(
          x -> {
            if (x instanceof Attribute a) {
              out.add(a);
            }
            return false;
          });
    }
    return out;
  }

  private static Set<Long> ids(List<Attribute> attrs) {
    Set<Long> out = new HashSet<>();
    for (Attribute a : attrs) {
      out.add(a.exprId());
    }
    return out;
  }
}
