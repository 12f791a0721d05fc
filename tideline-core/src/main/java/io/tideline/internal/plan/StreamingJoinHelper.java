package io.tideline.internal.plan;

import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.BinaryOp;
import io.tideline.internal.expr.BinaryOperator;
import io.tideline.internal.expr.Cast;
import io.tideline.internal.expr.Conjunctions;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.expr.UnaryOp;
import io.tideline.internal.expr.UnaryOperator;
import io.tideline.types.AtomicType;
import io.tideline.types.DataType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What a stream-stream join's condition says about its state, as Spark's {@code
 * StreamingJoinHelper} and {@code StreamingSymmetricHashJoinHelper} derive it: the equi-join keys,
 * whether a watermarked column is one of them, and each side's <em>state value watermark</em>, the
 * event time below which a buffered row can never match a future row of the other side.
 *
 * <p>The state value watermark comes from the conjuncts of the condition of the form {@code
 * leftTime + c1 < rightTime + c2} (or {@code <=}, {@code >}, {@code >=}; {@code BETWEEN} arrives as
 * two of them): moved to one side as a sum of terms, the other side's watermarked time is replaced
 * by the watermark and the sum solved for this side's time. Intervals and numbers (seconds) count
 * in microseconds; an interval with months, more than one time column of a side in one conjunct, or
 * any term that is not an attribute, a literal, a cast, a sum, a difference or a negation makes the
 * conjunct give nothing. A {@code <=} or {@code >=} bound lowers the result by one millisecond,
 * since eviction is inclusive. Of several bounds the lowest wins.
 */
public final class StreamingJoinHelper {

  private StreamingJoinHelper() {}

  /**
   * The equality conjuncts of a join condition split into keys of each side, and the rest.
   *
   * @param nullSafe per key, whether it compares with {@code <=>} (nulls match)
   * @param residual the conjuncts that are not equalities between the sides, in order
   */
  public record EquiKeys(
      List<Expr> leftKeys, List<Expr> rightKeys, boolean[] nullSafe, List<Expr> residual) {}

  /** How one side's buffered rows are evicted. */
  public sealed interface Eviction {}

  /** The side's state is never evicted. */
  public record NoEviction() implements Eviction {}

  /**
   * Rows whose key {@code keyOrdinal} (a watermarked TIMESTAMP or window) is at or before {@code
   * watermarkMs} (a window by its end) are evicted: Spark's state key watermark predicate.
   */
  public record EvictByKey(int keyOrdinal, long watermarkMs) implements Eviction {}

  /**
   * Rows whose watermarked column {@code column} (index in the side's output) is at or before
   * {@code stateWatermarkMs} are evicted: Spark's state value watermark predicate.
   */
  public record EvictByValue(int column, long stateWatermarkMs) implements Eviction {}

  /** The equality conjuncts between the two sides of {@code join}, as Spark's equi-join keys. */
  public static EquiKeys equiKeys(Join join) {
    Set<Long> leftIds = Conjunctions.ids(join.left().output());
    Set<Long> rightIds = Conjunctions.ids(join.right().output());
    List<Expr> leftKeys = new ArrayList<>();
    List<Expr> rightKeys = new ArrayList<>();
    List<Boolean> safe = new ArrayList<>();
    List<Expr> residual = new ArrayList<>();
    for (Expr c : Conjunctions.split(join.condition())) {
      if (c instanceof BinaryOp b
          && (b.op() == BinaryOperator.EQ || b.op() == BinaryOperator.EQ_NULL_SAFE)) {
        Set<Long> l = Conjunctions.referencedIds(b.left());
        Set<Long> r = Conjunctions.referencedIds(b.right());
        if (!l.isEmpty() && !r.isEmpty()) {
          if (leftIds.containsAll(l) && rightIds.containsAll(r)) {
            leftKeys.add(b.left());
            rightKeys.add(b.right());
            safe.add(b.op() == BinaryOperator.EQ_NULL_SAFE);
            continue;
          }
          if (rightIds.containsAll(l) && leftIds.containsAll(r)) {
            leftKeys.add(b.right());
            rightKeys.add(b.left());
            safe.add(b.op() == BinaryOperator.EQ_NULL_SAFE);
            continue;
          }
        }
      }
      residual.add(c);
    }
    boolean[] nullSafe = new boolean[safe.size()];
    for (int i = 0; i < nullSafe.length; i++) {
      nullSafe[i] = safe.get(i);
    }
    return new EquiKeys(leftKeys, rightKeys, nullSafe, residual);
  }

  /**
   * The index of the first join key that is a watermarked column of its side (left keys first), or
   * -1: Spark's {@code isWatermarkInJoinKeys}.
   */
  public static int watermarkKeyOrdinal(Join join, EquiKeys keys) {
    Map<Long, Long> leftMarks = EventTimeColumns.of(join.left());
    for (int i = 0; i < keys.leftKeys().size(); i++) {
      if (keys.leftKeys().get(i) instanceof Attribute a && leftMarks.containsKey(a.exprId())) {
        return i;
      }
    }
    Map<Long, Long> rightMarks = EventTimeColumns.of(join.right());
    for (int i = 0; i < keys.rightKeys().size(); i++) {
      if (keys.rightKeys().get(i) instanceof Attribute a && rightMarks.containsKey(a.exprId())) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The state value watermark of side {@code side} (epoch ms) given the other side's watermark
   * {@code watermarkMs}, or empty when the condition bounds it nowhere: Spark's {@code
   * getStateValueWatermark}.
   */
  public static OptionalLong stateValueWatermark(
      LogicalPlan side, LogicalPlan other, Expr condition, long watermarkMs) {
    if (condition == null) {
      return OptionalLong.empty();
    }
    Map<Long, Long> otherMarks = EventTimeColumns.of(other);
    if (otherMarks.isEmpty()) {
      return OptionalLong.empty();
    }
    Set<Long> sideIds = Conjunctions.ids(side.output());
    Set<Long> otherIds = Conjunctions.ids(other.output());
    long best = Long.MAX_VALUE;
    boolean found = false;
    for (Expr c : Conjunctions.split(condition)) {
      if (!(c instanceof BinaryOp b)) {
        continue;
      }
      OptionalLong w =
          switch (b.op()) {
            case LT -> solve(b.left(), b.right(), sideIds, otherIds, otherMarks, watermarkMs, 0);
            case LE -> solve(b.left(), b.right(), sideIds, otherIds, otherMarks, watermarkMs, 1);
            case GT -> solve(b.right(), b.left(), sideIds, otherIds, otherMarks, watermarkMs, 0);
            case GE -> solve(b.right(), b.left(), sideIds, otherIds, otherMarks, watermarkMs, 1);
            default -> OptionalLong.empty();
          };
      if (w.isPresent()) {
        found = true;
        best = Math.min(best, w.getAsLong());
      }
    }
    return found ? OptionalLong.of(best) : OptionalLong.empty();
  }

  /**
   * How each side's state is evicted at eviction watermark {@code watermarkMs}: by the watermarked
   * join key when there is one, else by the side's own watermarked column against its state value
   * watermark (Spark's {@code getStateWatermarkPredicates}).
   *
   * @return {left, right}
   */
  public static Eviction[] evictions(Join join, EquiKeys keys, long watermarkMs) {
    int keyOrdinal = watermarkKeyOrdinal(join, keys);
    Eviction left = eviction(join.left(), join.right(), join.condition(), keyOrdinal, watermarkMs);
    Eviction right = eviction(join.right(), join.left(), join.condition(), keyOrdinal, watermarkMs);
    return new Eviction[] {left, right};
  }

  private static Eviction eviction(
      LogicalPlan side, LogicalPlan other, Expr condition, int keyOrdinal, long watermarkMs) {
    if (keyOrdinal >= 0) {
      return new EvictByKey(keyOrdinal, watermarkMs);
    }
    int column = eventTimeColumn(side);
    if (column < 0) {
      return new NoEviction();
    }
    OptionalLong w = stateValueWatermark(side, other, condition, watermarkMs);
    return w.isPresent() ? new EvictByValue(column, w.getAsLong()) : new NoEviction();
  }

  /** The index in {@code side}'s output of its first watermarked column, or -1. */
  public static int eventTimeColumn(LogicalPlan side) {
    Map<Long, Long> marks = EventTimeColumns.of(side);
    List<Attribute> out = side.output();
    for (int i = 0; i < out.size(); i++) {
      if (marks.containsKey(out.get(i).exprId())) {
        return i;
      }
    }
    return -1;
  }

  /** One summand: an attribute (null for a constant) or a constant in microseconds. */
  private record Term(Attribute attribute, double micros, boolean negated) {}

  /**
   * Solves {@code less < greater} for the time of the side whose ids are {@code sideIds}, the other
   * side's watermarked column replaced by the watermark; {@code minusMs} is 1 for a non-strict
   * comparison.
   */
  private static OptionalLong solve(
      Expr less,
      Expr greater,
      Set<Long> sideIds,
      Set<Long> otherIds,
      Map<Long, Long> otherMarks,
      long watermarkMs,
      long minusMs) {
    Set<Long> inCondition = new HashSet<>(Conjunctions.referencedIds(less));
    inCondition.addAll(Conjunctions.referencedIds(greater));
    long fromSide = inCondition.stream().filter(sideIds::contains).count();
    long fromOther = inCondition.stream().filter(otherIds::contains).count();
    if (fromSide > 1 || fromOther > 1) {
      return OptionalLong.empty();
    }
    List<Term> terms = new ArrayList<>();
    if (!collect(less, false, terms) || !collect(greater, true, terms)) {
      return OptionalLong.empty();
    }
    Term constraint = null;
    for (Term t : terms) {
      if (t.attribute() != null && sideIds.contains(t.attribute().exprId())) {
        if (constraint != null) {
          return OptionalLong.empty();
        }
        constraint = t;
      }
    }
    // The bound must read "... < thisSideTime": its term has to be the negated one.
    if (constraint == null || !constraint.negated()) {
      return OptionalLong.empty();
    }
    double sum = 0;
    for (Term t : terms) {
      if (t == constraint) {
        continue;
      }
      double v;
      if (t.attribute() == null) {
        v = t.micros();
      } else if (otherMarks.containsKey(t.attribute().exprId())) {
        v = watermarkMs * 1000.0;
      } else {
        // Spark cannot evaluate any other column here and gives up on the conjunct.
        return OptionalLong.empty();
      }
      sum += t.negated() ? -v : v;
    }
    return OptionalLong.of((long) (sum / 1000.0) - minusMs);
  }

  /** Adds {@code e}'s summands to {@code out}; false when {@code e} has another shape. */
  private static boolean collect(Expr e, boolean negate, List<Term> out) {
    if (e instanceof BinaryOp b && b.op() == BinaryOperator.ADD) {
      return collect(b.left(), negate, out) && collect(b.right(), negate, out);
    }
    if (e instanceof BinaryOp b && b.op() == BinaryOperator.SUBTRACT) {
      return collect(b.left(), negate, out) && collect(b.right(), !negate, out);
    }
    if (e instanceof UnaryOp u && u.op() == UnaryOperator.NEGATE) {
      return collect(u.child(), !negate, out);
    }
    if (e instanceof UnaryOp u && u.op() == UnaryOperator.POSITIVE) {
      return collect(u.child(), negate, out);
    }
    if (e instanceof Cast c) {
      return (isNumeric(c.to()) || is(c.to(), AtomicType.Kind.TIMESTAMP))
          && collect(c.child(), negate, out);
    }
    if (e instanceof Attribute a) {
      out.add(new Term(a, 0, negate));
      return true;
    }
    if (e instanceof Literal lit && lit.value() != null) {
      DataType t = lit.dataType();
      double micros;
      if (is(t, AtomicType.Kind.DAY_TIME_INTERVAL)) {
        micros = ((Number) lit.value()).doubleValue();
      } else if (isNumeric(t) && lit.value() instanceof Number n) {
        micros = n.doubleValue() * 1_000_000.0;
      } else {
        return false;
      }
      out.add(new Term(null, micros, negate));
      return true;
    }
    return false;
  }

  private static boolean isNumeric(DataType t) {
    return t.isNumeric() || is(t, AtomicType.Kind.BYTE) || is(t, AtomicType.Kind.SHORT);
  }

  private static boolean is(DataType t, AtomicType.Kind kind) {
    return t instanceof AtomicType a && a.kind() == kind;
  }
}
