package io.tideline.internal.expr;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The pieces of a condition that join planning and join operators look at: its {@code AND}-ed
 * conjuncts, and which attributes (by expression id) each part refers to.
 */
public final class Conjunctions {
  private Conjunctions() {}

  /** The conjuncts of {@code condition}, left to right; none for a null condition. */
  public static List<Expr> split(Expr condition) {
    List<Expr> out = new ArrayList<>();
    addConjuncts(condition, out);
    return out;
  }

  /** {@code parts} joined with {@code AND}, left-deep; null for no parts. */
  public static Expr and(List<Expr> parts) {
    Expr out = null;
    for (Expr p : parts) {
      out = out == null ? p : new BinaryOp(BinaryOperator.AND, out, p);
    }
    return out;
  }

  /** The expression ids of the attributes {@code e} refers to. */
  public static Set<Long> referencedIds(Expr e) {
    Set<Long> out = new HashSet<>();
    e.anyMatch(
        x -> {
          if (x instanceof Attribute a) {
            out.add(a.exprId());
          }
          return false;
        });
    return out;
  }

  /** The expression ids of {@code attrs}. */
  public static Set<Long> ids(List<Attribute> attrs) {
    Set<Long> out = new HashSet<>();
    for (Attribute a : attrs) {
      out.add(a.exprId());
    }
    return out;
  }

  private static void addConjuncts(Expr e, List<Expr> out) {
    if (e == null) {
      return;
    }
    if (e instanceof BinaryOp b && b.op() == BinaryOperator.AND) {
      addConjuncts(b.left(), out);
      addConjuncts(b.right(), out);
    } else {
      out.add(e);
    }
  }
}
