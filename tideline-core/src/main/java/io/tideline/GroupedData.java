package io.tideline;

import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.expr.UnresolvedFunction;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of {@code groupBy}: a DataFrame waiting for its aggregations. The result has the
 * grouping columns first, then one column per aggregation, as in Spark.
 */
public final class GroupedData {
  private final DataFrame df;
  private final List<Expr> grouping;

  GroupedData(DataFrame df, List<Expr> grouping) {
    this.df = df;
    this.grouping = List.copyOf(grouping);
  }

  public DataFrame agg(Column expr, Column... exprs) {
    List<Expr> aggs = new ArrayList<>(exprs.length + 1);
    aggs.add(expr.expr());
    for (Column c : exprs) {
      aggs.add(c.expr());
    }
    return df.aggregate(grouping, aggs);
  }

  /** Rows per group, in a column named {@code count}. */
  public DataFrame count() {
    return df.aggregate(
        grouping,
        List.of(
            new Alias(new UnresolvedFunction("count", List.of(Literal.of(1)), false), "count")));
  }

  public DataFrame sum(String... colNames) {
    return numericAgg("sum", colNames);
  }

  public DataFrame avg(String... colNames) {
    return numericAgg("avg", colNames);
  }

  public DataFrame mean(String... colNames) {
    return avg(colNames);
  }

  public DataFrame min(String... colNames) {
    return numericAgg("min", colNames);
  }

  public DataFrame max(String... colNames) {
    return numericAgg("max", colNames);
  }

  /** Spark applies the function to the named columns, or to every numeric column when none. */
  private DataFrame numericAgg(String function, String... colNames) {
    List<Expr> aggs = new ArrayList<>();
    if (colNames.length == 0) {
      for (Attribute a : df.logicalPlan().output()) {
        if (a.dataType().isNumeric()) {
          aggs.add(new UnresolvedFunction(function, List.of(a), false));
        }
      }
    } else {
      for (String n : colNames) {
        aggs.add(new UnresolvedFunction(function, List.of(functions.col(n).expr()), false));
      }
    }
    return df.aggregate(grouping, aggs);
  }
}
