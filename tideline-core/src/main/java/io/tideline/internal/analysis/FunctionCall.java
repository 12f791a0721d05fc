package io.tideline.internal.analysis;

import io.tideline.internal.expr.AggregateCall;
import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Cast;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.expr.ScalarCall;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One call being resolved: the name it was called by, its resolved arguments, and the helpers a
 * {@link FunctionRegistry} builder uses to coerce arguments and build the resolved call. Errors
 * name the call as Spark prints it.
 */
final class FunctionCall {
  private final String calledName;
  private final List<Expr> rawArgs;
  private final List<Expr> args;
  private final boolean distinct;
  private final TypeCoercion coercion;
  private final Map<Expr, String> calledNames;

  FunctionCall(
      String calledName,
      List<Expr> resolvedArgs,
      boolean distinct,
      TypeCoercion coercion,
      Map<Expr, String> calledNames) {
    this.calledName = calledName;
    this.rawArgs = resolvedArgs;
    this.args = new ArrayList<>(resolvedArgs.size());
    for (Expr a : resolvedArgs) {
      this.args.add(stripAlias(a));
    }
    this.distinct = distinct;
    this.coercion = coercion;
    this.calledNames = calledNames;
  }

  /** The same call with other (already resolved) arguments, e.g. with defaults filled in. */
  FunctionCall withArgs(List<Expr> newArgs) {
    return new FunctionCall(calledName, newArgs, distinct, coercion, calledNames);
  }

  static Expr stripAlias(Expr e) {
    return e instanceof Alias a ? stripAlias(a.child()) : e;
  }

  String name() {
    return calledName;
  }

  boolean distinct() {
    return distinct;
  }

  boolean ansi() {
    return coercion.ansi();
  }

  TypeCoercion coercion() {
    return coercion;
  }

  int size() {
    return args.size();
  }

  List<Expr> args() {
    return args;
  }

  /** The arguments as given, with any aliases (whose names {@code struct(...)} uses). */
  List<Expr> rawArgs() {
    return rawArgs;
  }

  Expr arg(int i) {
    return args.get(i);
  }

  DataType type(int i) {
    return args.get(i).dataType();
  }

  /** The call as Spark prints it in messages. */
  Expr asExpr() {
    return new ScalarCall(calledName, args, DataTypes.NullType, true, List.of());
  }

  /**
   * Argument {@code i} implicitly cast to what {@code expected} accepts, or Spark's {@code
   * DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE}.
   */
  Expr expect(int i, ExpectedType expected) {
    Expr a = args.get(i);
    DataType t = coercion.implicitCastType(a.dataType(), expected);
    if (t == null) {
      throw AnalysisErrors.unexpectedInputType(asExpr(), i, expected.sql(), a);
    }
    Expr cast = TypeCoercion.castTo(a, t);
    args.set(i, cast);
    return cast;
  }

  /** Casts argument {@code i} to {@code type} (already known to be the common type). */
  Expr castArg(int i, DataType type) {
    Expr cast = TypeCoercion.castTo(args.get(i), type);
    args.set(i, cast);
    return cast;
  }

  /** The constant value of argument {@code i}, which must be a literal. */
  Object constant(int i, String inputName, ExpectedType expected) {
    Expr a = args.get(i);
    Literal l = asLiteral(a);
    if (l == null) {
      throw AnalysisErrors.nonFoldableInput(asExpr(), inputName, expected.sql(), a);
    }
    return l.value();
  }

  /** The literal behind {@code e} (looking through implicit casts of numbers), or null. */
  static Literal asLiteral(Expr e) {
    if (e instanceof Literal l) {
      return l;
    }
    if (e instanceof Cast c && c.child() instanceof Literal l) {
      Object v = l.value();
      if (v == null) {
        return new Literal(null, c.to());
      }
      if (v instanceof Number n) {
        Object converted = convertNumber(n, c.to());
        return converted == null ? null : new Literal(converted, c.to());
      }
      if (v instanceof String s && TypeCoercion.isString(c.to())) {
        return new Literal(s, c.to());
      }
    }
    return null;
  }

  private static Object convertNumber(Number n, DataType to) {
    if (TypeCoercion.is(to, io.tideline.types.AtomicType.Kind.INT)
        || TypeCoercion.is(to, io.tideline.types.AtomicType.Kind.SHORT)
        || TypeCoercion.is(to, io.tideline.types.AtomicType.Kind.BYTE)) {
      return n.intValue();
    }
    if (TypeCoercion.is(to, io.tideline.types.AtomicType.Kind.LONG)) {
      return n.longValue();
    }
    if (TypeCoercion.is(to, io.tideline.types.AtomicType.Kind.DOUBLE)) {
      return n.doubleValue();
    }
    if (TypeCoercion.is(to, io.tideline.types.AtomicType.Kind.FLOAT)) {
      return n.floatValue();
    }
    return null;
  }

  /** A resolved scalar call; records the called name when Spark prints it instead. */
  ScalarCall scalar(String kernel, DataType type, boolean nullable, List<Object> params) {
    return scalar(kernel, args, type, nullable, params);
  }

  ScalarCall scalar(
      String kernel, List<Expr> callArgs, DataType type, boolean nullable, List<Object> params) {
    ScalarCall c = new ScalarCall(kernel, callArgs, type, nullable, params);
    named(c, kernel);
    return c;
  }

  AggregateCall aggregate(
      String kernel, List<Expr> callArgs, DataType type, boolean nullable, List<Object> params) {
    AggregateCall c = new AggregateCall(kernel, callArgs, distinct, type, nullable, params);
    named(c, kernel);
    return c;
  }

  /** Records that {@code call} was written as this call's name, when that differs. */
  <T extends Expr> T named(T call, String kernel) {
    if (!calledName.equals(kernel)) {
      calledNames.put(call, calledName);
    }
    return call;
  }

  boolean anyNullable() {
    for (Expr a : args) {
      if (a.nullable()) {
        return true;
      }
    }
    return false;
  }

  boolean nullable(int i) {
    return args.get(i).nullable();
  }

  /** Casts every argument to their wider common type, or fails with DATA_DIFF_TYPES. */
  DataType commonType(String functionName, boolean withoutStringPromotion) {
    List<DataType> types = new ArrayList<>();
    for (Expr a : args) {
      types.add(a.dataType());
    }
    DataType common =
        withoutStringPromotion
            ? coercion.findWiderTypeWithoutStringPromotion(types)
            : coercion.findWiderCommonType(types);
    if (common == null) {
      throw AnalysisErrors.dataDiffTypes(asExpr(), functionName, types);
    }
    for (int i = 0; i < args.size(); i++) {
      castArg(i, common);
    }
    return common;
  }

  /** True when every argument is nullable (coalesce, greatest: null only when all are). */
  boolean allNullable() {
    for (Expr a : args) {
      if (!a.nullable()) {
        return false;
      }
    }
    return true;
  }

  /** The literal at argument {@code i} as the only param, or no params when not a literal. */
  List<Object> literalParam(int i) {
    Literal l = asLiteral(args.get(i));
    return l == null || l.value() == null ? List.of() : List.of(l.value());
  }
}
