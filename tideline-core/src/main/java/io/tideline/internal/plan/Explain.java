package io.tideline.internal.plan;

import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import java.util.List;

/** Printing helpers for plans, in Spark's {@code explain} style ({@code name#id}). */
public final class Explain {
  private Explain() {}

  public static String attributes(List<Attribute> attrs) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < attrs.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(attrs.get(i).name()).append('#').append(attrs.get(i).exprId());
    }
    return sb.append(']').toString();
  }

  public static String exprs(List<? extends Expr> exprs) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < exprs.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      Expr e = exprs.get(i);
      sb.append(e instanceof Attribute a ? a.name() + "#" + a.exprId() : e.sql());
      if (e instanceof Alias a) {
        sb.append('#').append(a.exprId());
      }
    }
    return sb.append(']').toString();
  }

  /** The output column of a named expression (an Attribute or an Alias). */
  public static Attribute toAttribute(Expr e) {
    if (e instanceof Attribute a) {
      return a;
    }
    if (e instanceof Alias a) {
      return a.toAttribute();
    }
    throw new IllegalStateException(
        "Bug in Tideline: unnamed expression in an output list: " + e.sql());
  }

  /** The whole tree, one node per line, indented as Spark indents it. */
  public static String tree(LogicalPlan plan) {
    StringBuilder sb = new StringBuilder();
    tree(plan, "", true, true, sb);
    return sb.toString();
  }

  private static void tree(
      LogicalPlan p, String prefix, boolean root, boolean last, StringBuilder sb) {
    sb.append(root ? "" : prefix + (last ? "+- " : ":- ")).append(p.simpleString()).append('\n');
    List<LogicalPlan> kids = p.children();
    String childPrefix = root ? "" : prefix + (last ? "   " : ":  ");
    for (int i = 0; i < kids.size(); i++) {
      tree(kids.get(i), childPrefix, false, i == kids.size() - 1, sb);
    }
  }
}
