package io.tideline.internal.exec;

import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.Identifiers;
import java.util.ArrayList;
import java.util.List;

/** Prints expressions for physical plans the way Spark does: columns as {@code name#id}. */
final class ExprPrinter {
  private ExprPrinter() {}

  static String print(Expr e) {
    List<Attribute> attrs = new ArrayList<>();
    e.anyMatch(
        x -> {
          if (x instanceof Attribute a) {
            attrs.add(a);
          }
          return false;
        });
    // Rename every column to name#id and let the tree print itself; the marker keeps the
    // replacement from touching string literals that merely look like column names.
    Expr renamed =
        e.transformUp(
            x -> x instanceof Attribute a ? a.withName("\u0001" + a.name() + "#" + a.exprId()) : x);
    String text = renamed instanceof Alias al ? al.child().sql() : renamed.sql();
    for (Attribute a : attrs) {
      String marked = "\u0001" + a.name() + "#" + a.exprId();
      text = text.replace(Identifiers.quote(marked), a.name() + "#" + a.exprId());
    }
    if (e instanceof Alias al) {
      text = text + " AS " + al.name() + "#" + al.exprId();
    }
    return text;
  }

  static String list(List<? extends Expr> exprs) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < exprs.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(print(exprs.get(i)));
    }
    return sb.append(']').toString();
  }

  /** Attributes as Spark prints a scan's columns: no space after the commas. */
  static String compactAttributes(List<Attribute> attrs) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < attrs.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(attrs.get(i).name()).append('#').append(attrs.get(i).exprId());
    }
    return sb.append(']').toString();
  }
}
