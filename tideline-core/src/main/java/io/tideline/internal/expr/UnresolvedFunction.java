package io.tideline.internal.expr;

import io.tideline.types.DataType;
import java.util.List;

/**
 * A function call by name, {@code upper(product)}, {@code count(DISTINCT x)}, {@code count(*)}
 * (whose argument is an {@link UnresolvedStar}). Names are matched case-insensitively.
 */
public record UnresolvedFunction(String name, List<Expr> args, boolean distinct) implements Expr {
  public UnresolvedFunction {
    args = List.copyOf(args);
  }

  @Override
  public List<Expr> children() {
    return args;
  }

  @Override
  public Expr withChildren(List<Expr> newChildren) {
    return new UnresolvedFunction(name, newChildren, distinct);
  }

  @Override
  public boolean selfResolved() {
    return false;
  }

  @Override
  public DataType dataType() {
    throw Expr.unresolved(this);
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public String sql() {
    StringBuilder sb = new StringBuilder(Identifiers.quoteFunctionName(name)).append('(');
    if (distinct) {
      sb.append("DISTINCT ");
    }
    for (int i = 0; i < args.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      Expr arg = args.get(i);
      if (i == 0
          && arg instanceof UnresolvedColumn c
          && c.nameParts().size() == 1
          && Identifiers.takesUnitKeyword(name)
          && Identifiers.isDatetimeUnit(c.nameParts().get(0))) {
        // Unquoted, TIMESTAMPADD(day, ...) would read back with the unit DAY, not the column.
        sb.append('`').append(c.nameParts().get(0)).append('`');
      } else {
        sb.append(arg.sql());
      }
    }
    return sb.append(')').toString();
  }
}
