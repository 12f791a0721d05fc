package io.tideline.internal.expr;

import io.tideline.types.DataType;
import java.util.List;

/**
 * A resolved call of a built-in scalar function. {@code name} is the function's canonical
 * lower-case name in the registry; {@code args} are already coerced to the types the function
 * takes; {@code params} carries constants resolved at analysis (a {@code from_json} schema and
 * options, a compiled datetime pattern), which the evaluator compiler hands to the kernel.
 */
public record ScalarCall(
    String name, List<Expr> args, DataType dataType, boolean nullable, List<Object> params)
    implements Expr {

  public ScalarCall {
    args = List.copyOf(args);
    params = List.copyOf(params);
  }

  @Override
  public List<Expr> children() {
    return args;
  }

  @Override
  public Expr withChildren(List<Expr> newChildren) {
    return new ScalarCall(name, newChildren, dataType, nullable, params);
  }

  @Override
  public String sql() {
    StringBuilder sb = new StringBuilder(name).append('(');
    for (int i = 0; i < args.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(args.get(i).sql());
    }
    return sb.append(')').toString();
  }
}
