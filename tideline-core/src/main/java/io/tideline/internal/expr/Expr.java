package io.tideline.internal.expr;

import io.tideline.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A node of an expression tree: the form shared by the SQL parser, the {@code Column} API, the
 * analyser and the evaluator compiler.
 *
 * <p>Lifecycle. The parser and the {@code Column} API build <em>unresolved</em> trees ({@link
 * UnresolvedColumn}, {@link UnresolvedFunction}, ...). The analyser resolves them against an
 * operator's input attributes into <em>resolved</em> trees ({@link Attribute}, {@link ScalarCall},
 * {@link AggregateCall}, with implicit {@link Cast}s inserted), whose {@link #dataType()} is known.
 * Before execution, {@link Attribute}s are bound to input positions ({@link BoundReference}) and
 * the tree is compiled into a vectorised evaluator; trees themselves are never evaluated row by
 * row.
 *
 * <p>Nodes are immutable values (records): rewrites build new trees with {@link #transformUp} and
 * {@link #withChildren}.
 */
public interface Expr {

  List<Expr> children();

  /** A copy of this node with other children, in the order of {@link #children()}. */
  Expr withChildren(List<Expr> newChildren);

  /** True when this node itself is resolved; {@link #resolved()} also checks the children. */
  default boolean selfResolved() {
    return true;
  }

  /** True when this node and its whole subtree are resolved, so {@link #dataType()} is known. */
  default boolean resolved() {
    if (!selfResolved()) {
      return false;
    }
    for (Expr c : children()) {
      if (!c.resolved()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The type of the value, known once resolved.
   *
   * @throws IllegalStateException on an unresolved node (a bug: analysis must resolve first)
   */
  DataType dataType();

  boolean nullable();

  /**
   * The expression as Spark SQL text, which {@code SqlParser.parseExpression} parses back into an
   * equal tree. Binary operations are fully parenthesised, as Spark prints them.
   */
  String sql();

  /** Applies {@code rule} to every node, children first. */
  default Expr transformUp(Function<Expr, Expr> rule) {
    List<Expr> kids = children();
    Expr self = this;
    if (!kids.isEmpty()) {
      List<Expr> newKids = new ArrayList<>(kids.size());
      boolean changed = false;
      for (Expr k : kids) {
        Expr nk = k.transformUp(rule);
        changed |= nk != k;
        newKids.add(nk);
      }
      if (changed) {
        self = withChildren(newKids);
      }
    }
    return rule.apply(self);
  }

  /** Applies {@code rule} to this node first, then to the children of its result. */
  default Expr transformDown(Function<Expr, Expr> rule) {
    Expr self = rule.apply(this);
    List<Expr> kids = self.children();
    if (kids.isEmpty()) {
      return self;
    }
    List<Expr> newKids = new ArrayList<>(kids.size());
    boolean changed = false;
    for (Expr k : kids) {
      Expr nk = k.transformDown(rule);
      changed |= nk != k;
      newKids.add(nk);
    }
    return changed ? self.withChildren(newKids) : self;
  }

  /** True when any node of the tree matches. */
  default boolean anyMatch(Predicate<Expr> predicate) {
    if (predicate.test(this)) {
      return true;
    }
    for (Expr c : children()) {
      if (c.anyMatch(predicate)) {
        return true;
      }
    }
    return false;
  }

  /** Throws the error for calling {@link #dataType()} on an unresolved node. */
  static IllegalStateException unresolved(Expr e) {
    return new IllegalStateException(
        "Bug in Tideline: asked the type of the unresolved expression " + e.sql());
  }
}
