package io.tideline.internal.analysis;

import static io.tideline.internal.analysis.FunctionRegistry.registerAggregate;

import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.TypeRules;
import io.tideline.types.ArrayType;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.DecimalType;
import java.util.List;

/** The aggregate functions (see {@link FunctionRegistry}). */
final class AggregateFunctions {
  private AggregateFunctions() {}

  /** Adds these functions to the registry. */
  static void registerAll() {
    registerAggregate(
        "count", 1, -1, c -> c.aggregate("count", c.args(), DataTypes.LongType, false, List.of()));
    registerAggregate("sum", 1, 1, AggregateFunctions::sum);
    for (String n : List.of("avg", "mean")) {
      registerAggregate(n, 1, 1, c -> avg(c));
    }
    for (String n : List.of("min", "max")) {
      registerAggregate(
          n,
          1,
          1,
          c -> {
            if (!TypeCoercion.isOrderable(c.type(0))) {
              throw AnalysisErrors.invalidOrderingType(c.asExpr(), n, c.type(0));
            }
            return c.aggregate(n, c.args(), c.type(0), true, List.of());
          });
    }
    for (String[] n :
        new String[][] {
          {"first", "first"},
          {"first_value", "first"},
          {"any_value", "first"},
          {"last", "last"},
          {"last_value", "last"}
        }) {
      registerAggregate(
          n[0],
          1,
          2,
          c -> {
            boolean ignoreNulls = false;
            if (c.size() == 2) {
              c.expect(1, ExpectedType.BOOLEAN);
              Object v = c.constant(1, "ignoreNulls", ExpectedType.BOOLEAN);
              ignoreNulls = Boolean.TRUE.equals(v);
            }
            return c.aggregate(n[1], List.of(c.arg(0)), c.type(0), true, List.of(ignoreNulls));
          });
    }
    registerAggregate(
        "approx_count_distinct",
        1,
        2,
        c -> {
          double rsd = 0.05;
          if (c.size() == 2) {
            c.expect(1, ExpectedType.DOUBLE);
            Object v = c.constant(1, "rsd", ExpectedType.DOUBLE);
            rsd = v == null ? rsd : ((Number) v).doubleValue();
          }
          return c.aggregate(
              "approx_count_distinct", List.of(c.arg(0)), DataTypes.LongType, false, List.of(rsd));
        });
    for (String n : List.of("collect_list", "collect_set")) {
      registerAggregate(
          n,
          1,
          1,
          c -> c.aggregate(n, c.args(), new ArrayType(c.type(0), false), false, List.of()));
    }
  }

  static Expr sum(FunctionCall c) {
    DataType t = c.type(0);
    if (!TypeCoercion.isInterval(t)) {
      t = c.expect(0, ExpectedType.NUMERIC).dataType();
    }
    DataType result;
    if (t instanceof DecimalType d) {
      result = TypeRules.boundedDecimal(d.precision() + 10, d.scale());
    } else if (TypeCoercion.isIntegral(t)) {
      result = DataTypes.LongType;
    } else if (TypeCoercion.isInterval(t)) {
      result = t;
    } else {
      result = DataTypes.DoubleType;
    }
    return c.aggregate("sum", c.args(), result, true, List.of());
  }

  private static Expr avg(FunctionCall c) {
    DataType t = c.type(0);
    if (!TypeCoercion.isInterval(t)) {
      t = c.expect(0, ExpectedType.NUMERIC).dataType();
    }
    DataType result;
    if (t instanceof DecimalType d) {
      result = TypeRules.boundedDecimal(d.precision() + 4, d.scale() + 4);
    } else if (TypeCoercion.isInterval(t)) {
      result = t;
    } else {
      result = DataTypes.DoubleType;
    }
    return c.aggregate("avg", c.args(), result, true, List.of());
  }
}
