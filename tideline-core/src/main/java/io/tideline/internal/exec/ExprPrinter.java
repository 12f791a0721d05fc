package io.tideline.internal.exec;

import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.Identifiers;
import io.tideline.internal.expr.Literal;
import io.tideline.types.AtomicType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints expressions for physical plans the way Spark's {@code explain} does: columns as {@code
 * name#id}, literals bare ({@code 100.0}, {@code apple}, {@code null}).
 */
final class ExprPrinter {
  private ExprPrinter() {}

  static String print(Expr e) {
    // Swap columns and literals for marker columns, let the tree print itself as SQL, then put
    // Spark's spelling in place of each (quoted) marker: the tree's own printing of every other
    // node is reused, and string literals that merely look like markers are left alone.
    Map<String, String> replacements = new LinkedHashMap<>();
    Expr marked =
        e.transformUp(
            x -> {
              String text;
              if (x instanceof Attribute a) {
                text = a.name() + "#" + a.exprId();
              } else if (x instanceof Literal l) {
                text = literal(l);
              } else {
                return x;
              }
              String marker = "\u0001" + replacements.size();
              replacements.put(marker, text);
              return new Attribute(marker, x.dataType(), x.nullable(), 0, List.of());
            });
    String out = marked instanceof Alias al ? al.child().sql() : marked.sql();
    for (Map.Entry<String, String> r : replacements.entrySet()) {
      out = out.replace(Identifiers.quote(r.getKey()), r.getValue());
    }
    if (e instanceof Alias al) {
      out = out + " AS " + al.name() + "#" + al.exprId();
    }
    return out;
  }

  private static String literal(Literal l) {
    Object v = l.value();
    if (v == null) {
      return "null";
    }
    if (l.dataType() instanceof AtomicType a) {
      return switch (a.kind()) {
        case BOOLEAN, BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, STRING -> v.toString();
        default -> l.sql();
      };
    }
    return v instanceof java.math.BigDecimal d ? d.toPlainString() : l.sql();
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
