package io.tideline.internal.analysis;

import static io.tideline.internal.analysis.FunctionRegistry.register;

import io.tideline.internal.expr.BinaryOp;
import io.tideline.internal.expr.BinaryOperator;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.expr.TypeRules;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.DecimalType;
import java.util.List;

/** The math functions (see {@link FunctionRegistry}). */
final class MathFunctions {
  private MathFunctions() {}

  /** Adds these functions to the registry. */
  static void registerAll() {
    for (String n : List.of("round", "bround")) {
      register(n, 1, 2, c -> round(c, n));
    }
    register(
        "abs",
        1,
        1,
        c -> {
          if (!TypeCoercion.isInterval(c.type(0))) {
            c.expect(0, ExpectedType.NUMERIC);
          }
          return c.scalar("abs", c.type(0), c.nullable(0), List.of());
        });
    for (String[] n : new String[][] {{"ceil", "ceil"}, {"ceiling", "ceil"}, {"floor", "floor"}}) {
      register(
          n[0],
          1,
          1,
          c -> {
            Expr x =
                c.expect(
                    0,
                    ExpectedType.oneOf(
                        ExpectedType.DOUBLE, ExpectedType.DECIMAL, ExpectedType.LONG));
            DataType t = DataTypes.LongType;
            if (x.dataType() instanceof DecimalType d) {
              t = d.scale() == 0 ? d : TypeRules.boundedDecimal(d.precision() - d.scale() + 1, 0);
            }
            return c.scalar(n[1], t, c.nullable(0), List.of());
          });
    }
    for (String n : List.of("sqrt", "exp", "ln")) {
      register(n, 1, 1, c -> doubleFunction(c, n));
    }
    register("log10", 1, 1, c -> doubleFunction(c, "log10"));
    for (String n : List.of("sign", "signum")) {
      register(n, 1, 1, c -> doubleFunction(c, "signum"));
    }
    register("pmod", 2, 2, c -> arithmetic(c, BinaryOperator.MOD, "pmod"));
    register("try_add", 2, 2, c -> arithmetic(c, BinaryOperator.ADD, "try_add"));
    register("try_divide", 2, 2, c -> arithmetic(c, BinaryOperator.DIVIDE, "try_divide"));
    register("log", 1, 2, c -> c.size() == 1 ? doubleFunction(c, "ln") : doubleFunction(c, "log"));
    for (String n : List.of("pow", "power")) {
      register(n, 2, 2, c -> doubleFunction(c, "power"));
    }
    register(
        "isnan",
        1,
        1,
        c -> {
          if (!TypeCoercion.is(c.type(0), io.tideline.types.AtomicType.Kind.FLOAT)) {
            c.expect(0, ExpectedType.DOUBLE);
          }
          return c.scalar("isnan", DataTypes.BooleanType, false, List.of());
        });
    for (String n : List.of("shiftleft", "shiftright", "shiftrightunsigned")) {
      register(
          n,
          2,
          2,
          c -> {
            Expr base = c.expect(0, ExpectedType.oneOf(ExpectedType.INT, ExpectedType.LONG));
            c.expect(1, ExpectedType.INT);
            return c.scalar(n, base.dataType(), c.anyNullable(), List.of());
          });
    }
    for (String n : List.of("greatest", "least")) {
      register(
          n,
          2,
          -1,
          c -> {
            DataType t = c.commonType(n, true);
            if (!TypeCoercion.isOrderable(t)) {
              throw AnalysisErrors.invalidOrderingType(c.asExpr(), n, t);
            }
            return c.scalar(n, t, c.allNullable(), List.of());
          });
    }
  }

  /**
   * A function whose arguments and result are typed as the operator {@code op} would type them;
   * only numbers are accepted.
   */
  private static Expr arithmetic(FunctionCall c, BinaryOperator op, String kernel) {
    for (int i = 0; i < 2; i++) {
      if (!TypeCoercion.isNull(c.type(i)) && !TypeCoercion.isString(c.type(i))) {
        c.expect(i, ExpectedType.NUMERIC);
      }
    }
    Expr typed = OperatorCoercion.of(c.coercion()).binary(op, c.arg(0), c.arg(1));
    if (!(typed instanceof BinaryOp b)) {
      throw AnalysisErrors.unexpectedInputType(c.asExpr(), 0, "\"NUMERIC\"", c.arg(0));
    }
    return c.scalar(kernel, List.of(b.left(), b.right()), b.dataType(), true, List.of());
  }

  private static Expr doubleFunction(FunctionCall c, String kernel) {
    for (int i = 0; i < c.size(); i++) {
      c.expect(i, ExpectedType.DOUBLE);
    }
    return c.scalar(kernel, DataTypes.DoubleType, c.anyNullable(), List.of());
  }

  private static Expr round(FunctionCall c, String kernel) {
    FunctionCall full = c.size() == 1 ? c.withArgs(List.of(c.arg(0), Literal.of(0))) : c;
    Expr x = full.expect(0, ExpectedType.NUMERIC);
    full.expect(1, ExpectedType.INT);
    Object scaleValue = full.constant(1, "scale", ExpectedType.INT);
    int scale = scaleValue == null ? 0 : ((Number) scaleValue).intValue();
    DataType t = x.dataType();
    if (t instanceof DecimalType d) {
      int integral = d.precision() - d.scale() + 1;
      if (scale < 0) {
        t =
            DataTypes.createDecimalType(
                Math.min(Math.max(integral, -scale + 1), DecimalType.MAX_PRECISION), 0);
      } else {
        int newScale = Math.min(d.scale(), scale);
        t =
            DataTypes.createDecimalType(
                Math.min(integral + newScale, DecimalType.MAX_PRECISION), newScale);
      }
    }
    return full.scalar(kernel, t, full.anyNullable(), List.of(scale));
  }

  // ---------------------------------------------------------------------------------------------
}
