package io.tideline.internal.analysis;

import static io.tideline.internal.analysis.FunctionRegistry.register;

import io.tideline.internal.expr.BinaryOperator;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.expr.ScalarCall;
import io.tideline.internal.expr.UnaryOp;
import io.tideline.internal.expr.UnaryOperator;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import java.util.List;

/** coalesce, nvl, ifnull, if, nullif, isnull, isnotnull (see {@link FunctionRegistry}). */
final class ConditionalFunctions {
  private ConditionalFunctions() {}

  /** Adds these functions to the registry. */
  static void registerAll() {
    register(
        "coalesce",
        1,
        -1,
        c -> {
          DataType t = c.commonType("coalesce", false);
          return c.scalar("coalesce", t, c.allNullable(), List.of());
        });
    for (String n : List.of("nvl", "ifnull")) {
      register(
          n,
          2,
          2,
          c -> {
            DataType t = c.commonType(n, false);
            return c.scalar("coalesce", t, c.allNullable(), List.of());
          });
    }
    register(
        "if",
        3,
        3,
        c -> {
          if (!TypeCoercion.is(c.type(0), io.tideline.types.AtomicType.Kind.BOOLEAN)) {
            if (!TypeCoercion.isNull(c.type(0))) {
              throw AnalysisErrors.unexpectedInputType(c.asExpr(), 0, "\"BOOLEAN\"", c.arg(0));
            }
            c.castArg(0, DataTypes.BooleanType);
          }
          FunctionCall branches = c.withArgs(List.of(c.arg(1), c.arg(2)));
          DataType t = branches.commonType("if", false);
          return c.scalar(
              "if",
              List.of(c.arg(0), branches.arg(0), branches.arg(1)),
              t,
              branches.anyNullable(),
              List.of());
        });
    register(
        "nullif",
        2,
        2,
        c -> {
          Expr a = c.arg(0);
          Expr eq = OperatorCoercion.of(c.coercion()).binary(BinaryOperator.EQ, a, c.arg(1));
          ScalarCall call =
              new ScalarCall(
                  "if",
                  List.of(eq, new Literal(null, a.dataType()), a),
                  a.dataType(),
                  true,
                  List.of());
          return c.named(call, "if");
        });
    register(
        "nvl2",
        3,
        3,
        c -> {
          FunctionCall branches = c.withArgs(List.of(c.arg(1), c.arg(2)));
          DataType t = branches.commonType("nvl2", false);
          return c.scalar(
              "nvl2",
              List.of(c.arg(0), branches.arg(0), branches.arg(1)),
              t,
              branches.anyNullable(),
              List.of());
        });
    register("isnull", 1, 1, c -> new UnaryOp(UnaryOperator.IS_NULL, c.arg(0)));
    register("isnotnull", 1, 1, c -> new UnaryOp(UnaryOperator.IS_NOT_NULL, c.arg(0)));
  }

  // ---------------------------------------------------------------------------------------------
}
