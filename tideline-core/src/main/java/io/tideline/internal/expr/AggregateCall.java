package io.tideline.internal.expr;

import io.tideline.types.DataType;
import java.util.List;

/**
 * A resolved call of an aggregate function ({@code count}, {@code sum}, {@code avg}, {@code min},
 * {@code max}, {@code first}, {@code last}, {@code approx_count_distinct}, ...). {@code dataType}
 * is Spark's result type for the argument types (e.g. {@code sum(int)} is BIGINT, {@code
 * sum(decimal(p,s))} is DECIMAL(min(38,p+10), s)); {@code params} holds constant arguments such as
 * {@code ignoreNulls} or the relative error of {@code approx_count_distinct}.
 */
public record AggregateCall(
    String name,
    List<Expr> args,
    boolean distinct,
    DataType dataType,
    boolean nullable,
    List<Object> params)
    implements Expr {

  public AggregateCall {
    args = List.copyOf(args);
    params = List.copyOf(params);
  }

  @Override
  public List<Expr> children() {
    return args;
  }

  @Override
  public Expr withChildren(List<Expr> newChildren) {
    return new AggregateCall(name, newChildren, distinct, dataType, nullable, params);
  }

  @Override
  public String sql() {
    StringBuilder sb = new StringBuilder(name).append('(');
    if (distinct) {
      sb.append("DISTINCT ");
    }
    for (int i = 0; i < args.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(args.get(i).sql());
    }
    return sb.append(')').toString();
  }
}
