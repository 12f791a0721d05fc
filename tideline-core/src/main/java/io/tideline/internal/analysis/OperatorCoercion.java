package io.tideline.internal.analysis;

import io.tideline.internal.expr.BinaryOp;
import io.tideline.internal.expr.BinaryOperator;
import io.tideline.internal.expr.CaseWhen;
import io.tideline.internal.expr.Cast;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.In;
import io.tideline.internal.expr.Like;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.expr.TypeRules;
import io.tideline.internal.expr.UnaryOp;
import io.tideline.internal.expr.UnaryOperator;
import io.tideline.types.AtomicType.Kind;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.DecimalType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * Type coercion and type checking of operators, in the order Spark's analyser applies its rules:
 * datetime arithmetic first ({@code BinaryArithmeticWithDatetimeResolver}), then string promotion,
 * decimal precision, division, and the implicit widening of operands to their tightest common type.
 * Each method takes resolved operands and returns the resolved, coerced operator, or throws Spark's
 * {@code DATATYPE_MISMATCH} error.
 */
final class OperatorCoercion {
  private final TypeCoercion coercion;

  private OperatorCoercion(TypeCoercion coercion) {
    this.coercion = coercion;
  }

  static OperatorCoercion of(TypeCoercion coercion) {
    return new OperatorCoercion(coercion);
  }

  // ---------------------------------------------------------------------------------------------
  // Binary operators.

  Expr binary(BinaryOperator op, Expr l, Expr r) {
    if (op == BinaryOperator.CONCAT) {
      return concat(l, r);
    }
    Expr datetime = datetimeArithmetic(op, l, r);
    if (datetime != null) {
      return datetime;
    }
    DataType lt = l.dataType();
    DataType rt = r.dataType();

    // String promotion.
    if (TypeCoercion.isString(lt) != TypeCoercion.isString(rt)) {
      DataType target = null;
      if (coercion.ansi()) {
        target = coercion.ansiStringPromotion(lt, rt);
      } else if (op.isArithmetic()) {
        if (TypeCoercion.isString(lt)) {
          l = TypeCoercion.castTo(l, DataTypes.DoubleType);
        } else {
          r = TypeCoercion.castTo(r, DataTypes.DoubleType);
        }
      } else if (op.isComparison()) {
        target = coercion.legacyComparisonType(lt, rt);
      }
      if (target != null) {
        l = TypeCoercion.castTo(l, target);
        r = TypeCoercion.castTo(r, target);
      }
      lt = l.dataType();
      rt = r.dataType();
    }

    // Legacy BooleanEquality: true = 1 compares the boolean as a number.
    if (!coercion.ansi() && (op == BinaryOperator.EQ || op == BinaryOperator.EQ_NULL_SAFE)) {
      if (TypeCoercion.is(lt, Kind.BOOLEAN) && rt.isNumeric()) {
        l = TypeCoercion.castTo(l, rt);
        lt = rt;
      } else if (lt.isNumeric() && TypeCoercion.is(rt, Kind.BOOLEAN)) {
        r = TypeCoercion.castTo(r, lt);
        rt = lt;
      }
    }

    // Decimal precision.
    if ((lt instanceof DecimalType || rt instanceof DecimalType) && !TypeRules.sameType(lt, rt)) {
      if (lt instanceof DecimalType && !(rt instanceof DecimalType)) {
        r = TypeCoercion.isFloating(rt) ? r : decimalPartner(r);
        l = TypeCoercion.isFloating(rt) ? TypeCoercion.castTo(l, DataTypes.DoubleType) : l;
      } else if (rt instanceof DecimalType && !(lt instanceof DecimalType)) {
        l = TypeCoercion.isFloating(lt) ? l : decimalPartner(l);
        r = TypeCoercion.isFloating(lt) ? TypeCoercion.castTo(r, DataTypes.DoubleType) : r;
      }
      lt = l.dataType();
      rt = r.dataType();
      if (lt instanceof DecimalType dl
          && rt instanceof DecimalType dr
          && !TypeRules.sameType(lt, rt)
          && op.isComparison()) {
        DecimalType w = TypeRules.widerDecimalType(dl, dr);
        l = TypeCoercion.castTo(l, w);
        r = TypeCoercion.castTo(r, w);
        lt = rt = w;
      }
    }

    // Division: "/" is fractional unless the sides are decimals (a null beside a decimal
    // becomes one); "div" is integral.
    boolean decimalDivision =
        (lt instanceof DecimalType || rt instanceof DecimalType)
            && (lt instanceof DecimalType || TypeCoercion.isNull(lt))
            && (rt instanceof DecimalType || TypeCoercion.isNull(rt));
    if (op == BinaryOperator.DIVIDE && numericOrNull(lt) && numericOrNull(rt) && !decimalDivision) {
      l = TypeCoercion.castTo(l, DataTypes.DoubleType);
      r = TypeCoercion.castTo(r, DataTypes.DoubleType);
      lt = rt = DataTypes.DoubleType;
    }
    if (op == BinaryOperator.INT_DIVIDE && integralOrNull(lt) && integralOrNull(rt)) {
      l = TypeCoercion.castTo(l, DataTypes.LongType);
      r = TypeCoercion.castTo(r, DataTypes.LongType);
      lt = rt = DataTypes.LongType;
    }

    // Nulls take the type the operator needs from its other side or its own input type.
    if (TypeCoercion.isNull(lt) && TypeCoercion.isNull(rt)) {
      DataType t = nullOperandType(op);
      if (t != null) {
        l = TypeCoercion.castTo(l, t);
        r = TypeCoercion.castTo(r, t);
        lt = rt = t;
      }
    }

    // Implicit widening to the tightest common type.
    if (!TypeRules.sameType(lt, rt)
        && (!(lt instanceof DecimalType || rt instanceof DecimalType)
            || TypeCoercion.isNull(lt)
            || TypeCoercion.isNull(rt))) {
      DataType common = coercion.findTightestCommonType(lt, rt);
      if (common != null && accepts(op, common)) {
        l = TypeCoercion.castTo(l, common);
        r = TypeCoercion.castTo(r, common);
        lt = rt = common;
      }
    }

    BinaryOp result = new BinaryOp(op, l, r);
    boolean decimalPair = lt instanceof DecimalType && rt instanceof DecimalType;
    if (!TypeRules.sameType(lt, rt) && !(decimalPair && op.isArithmetic())) {
      throw AnalysisErrors.binaryOpDiffTypes(result, lt, rt);
    }
    if (!accepts(op, lt)) {
      throw AnalysisErrors.binaryOpWrongType(result, inputTypeSql(op), lt);
    }
    if (op.isComparison() && !TypeCoercion.isOrderable(lt)) {
      throw AnalysisErrors.invalidOrderingType(result, op.symbol(), lt);
    }
    return result;
  }

  /**
   * The non-decimal side of an arithmetic or comparison with a decimal: an integer literal becomes
   * the narrowest decimal holding its value (Spark's literalPickMinimumPrecision), another integer
   * the decimal of its type; floating sides are handled by the caller.
   */
  private static Expr decimalPartner(Expr e) {
    DataType t = e.dataType();
    if (!TypeCoercion.isIntegral(t)) {
      return e;
    }
    if (e instanceof Literal lit && lit.value() instanceof Number n) {
      int digits = Math.max(1, new BigDecimal(n.longValue()).precision());
      return Cast.implicit(e, DataTypes.createDecimalType(digits, 0));
    }
    return TypeCoercion.castTo(e, TypeRules.decimalForType(t));
  }

  private static DataType nullOperandType(BinaryOperator op) {
    if (op.isLogical()) {
      return DataTypes.BooleanType;
    }
    return switch (op) {
      case ADD, SUBTRACT, MULTIPLY, DIVIDE, MOD -> DataTypes.DoubleType;
      case INT_DIVIDE, BIT_AND, BIT_OR, BIT_XOR -> DataTypes.LongType;
      default -> null;
    };
  }

  private static boolean numericOrNull(DataType t) {
    return t.isNumeric() || TypeCoercion.isNull(t);
  }

  private static boolean integralOrNull(DataType t) {
    return TypeCoercion.isIntegral(t) || TypeCoercion.isNull(t);
  }

  /** Spark's {@code inputType} of each operator. */
  private static boolean accepts(BinaryOperator op, DataType t) {
    return switch (op) {
      case ADD, SUBTRACT -> t.isNumeric() || TypeCoercion.isInterval(t);
      case MULTIPLY, MOD -> t.isNumeric();
      case DIVIDE -> TypeCoercion.is(t, Kind.DOUBLE) || t instanceof DecimalType;
      case INT_DIVIDE ->
          TypeCoercion.is(t, Kind.LONG) || t instanceof DecimalType || TypeCoercion.isInterval(t);
      case AND, OR -> TypeCoercion.is(t, Kind.BOOLEAN);
      case BIT_AND, BIT_OR, BIT_XOR -> TypeCoercion.isIntegral(t);
      default -> true;
    };
  }

  private static String inputTypeSql(BinaryOperator op) {
    return switch (op) {
      case ADD, SUBTRACT ->
          "(\"NUMERIC\" or \"INTERVAL DAY TO SECOND\" or \"INTERVAL YEAR TO MONTH\")";
      case MULTIPLY, MOD -> "\"NUMERIC\"";
      case DIVIDE -> "(\"DOUBLE\" or \"DECIMAL\")";
      case INT_DIVIDE ->
          "(\"BIGINT\" or \"DECIMAL\" or \"INTERVAL YEAR TO MONTH\" or \"INTERVAL DAY TO SECOND\")";
      case AND, OR -> "\"BOOLEAN\"";
      case BIT_AND, BIT_OR, BIT_XOR -> "\"INTEGRAL\"";
      default -> "\"ANY\"";
    };
  }

  /**
   * Spark's datetime arithmetic: DATE/TIMESTAMP plus or minus intervals and days, differences of
   * dates and timestamps; null when the operands are not datetime arithmetic.
   */
  private Expr datetimeArithmetic(BinaryOperator op, Expr l, Expr r) {
    DataType lt = l.dataType();
    DataType rt = r.dataType();
    boolean lDate = TypeCoercion.is(lt, Kind.DATE);
    boolean rDate = TypeCoercion.is(rt, Kind.DATE);
    boolean lTs = TypeCoercion.is(lt, Kind.TIMESTAMP);
    boolean rTs = TypeCoercion.is(rt, Kind.TIMESTAMP);
    boolean lDt = TypeCoercion.is(lt, Kind.DAY_TIME_INTERVAL);
    boolean rDt = TypeCoercion.is(rt, Kind.DAY_TIME_INTERVAL);
    boolean lYm = TypeCoercion.is(lt, Kind.YEAR_MONTH_INTERVAL);
    boolean rYm = TypeCoercion.is(rt, Kind.YEAR_MONTH_INTERVAL);
    boolean lInterval = lDt || lYm;
    boolean rInterval = rDt || rYm;
    if (op == BinaryOperator.ADD || op == BinaryOperator.SUBTRACT) {
      boolean add = op == BinaryOperator.ADD;
      if (lDate && rDt) {
        return new BinaryOp(op, Cast.implicit(l, DataTypes.TimestampType), r);
      }
      if (add && lDt && rDate) {
        return new BinaryOp(op, l, Cast.implicit(r, DataTypes.TimestampType));
      }
      if ((lDate || lTs) && rInterval || add && lInterval && (rDate || rTs)) {
        return new BinaryOp(op, l, r);
      }
      if (lInterval && rInterval && TypeRules.sameType(lt, rt)) {
        return new BinaryOp(op, l, r);
      }
      if (TypeCoercion.isNull(lt) && rInterval) {
        return new BinaryOp(op, TypeCoercion.castTo(l, rt), r);
      }
      if (lInterval && TypeCoercion.isNull(rt)) {
        return new BinaryOp(op, l, TypeCoercion.castTo(r, lt));
      }
      if (TypeCoercion.isString(lt) && rDt) {
        // Spark adds the interval to the string read as a timestamp, and gives back a string.
        BinaryOp sum = new BinaryOp(op, Cast.implicit(l, DataTypes.TimestampType), r);
        return Cast.implicit(sum, DataTypes.StringType);
      }
      if (!add && (lTs || rTs)) {
        return subtractDatetimes(l, r, DataTypes.TimestampType);
      }
      if (!add && rDate) {
        return subtractDatetimes(l, r, DataTypes.DateType);
      }
      if (lDate && dayCount(rt)) {
        return dateArithmetic(add ? "date_add" : "date_sub", l, r);
      }
      if (add && rDate && dayCount(lt)) {
        return dateArithmetic("date_add", r, l);
      }
      return null;
    }
    if (op == BinaryOperator.MULTIPLY
        && (lInterval && rt.isNumeric() || lt.isNumeric() && rInterval)) {
      return new BinaryOp(op, l, r);
    }
    if (op == BinaryOperator.DIVIDE && lInterval && rt.isNumeric()) {
      return new BinaryOp(op, l, r);
    }
    return null;
  }

  private static boolean dayCount(DataType t) {
    return TypeCoercion.isIntegral(t) || TypeCoercion.isNull(t);
  }

  private Expr subtractDatetimes(Expr l, Expr r, DataType type) {
    Expr nl = toDatetime(l, type);
    Expr nr = toDatetime(r, type);
    BinaryOp result = new BinaryOp(BinaryOperator.SUBTRACT, nl, nr);
    if (!TypeRules.sameType(nl.dataType(), nr.dataType())) {
      throw AnalysisErrors.binaryOpDiffTypes(result, l.dataType(), r.dataType());
    }
    return result;
  }

  private static Expr toDatetime(Expr e, DataType type) {
    DataType t = e.dataType();
    if (TypeCoercion.isString(t) || TypeCoercion.isNull(t) || TypeCoercion.isDatetime(t)) {
      return TypeCoercion.castTo(e, type);
    }
    return e;
  }

  private Expr dateArithmetic(String function, Expr date, Expr days) {
    FunctionCall call =
        new FunctionCall(function, List.of(date, days), false, coercion, new IdentityHashMap<>());
    return DatetimeFunctions.dateAdd(call, function);
  }

  /** {@code a || b}: both sides as STRING unless both are BINARY. */
  private Expr concat(Expr l, Expr r) {
    if (TypeCoercion.is(l.dataType(), Kind.BINARY) && TypeCoercion.is(r.dataType(), Kind.BINARY)) {
      return new BinaryOp(BinaryOperator.CONCAT, l, r);
    }
    Expr nl = toStringOperand(l, 0, l, r);
    Expr nr = toStringOperand(r, 1, l, r);
    return new BinaryOp(BinaryOperator.CONCAT, nl, nr);
  }

  private Expr toStringOperand(Expr e, int index, Expr l, Expr r) {
    DataType t = coercion.implicitCastType(e.dataType(), ExpectedType.STRING);
    if (t == null) {
      throw AnalysisErrors.unexpectedInputType(
          new BinaryOp(BinaryOperator.CONCAT, l, r), index, "\"STRING\"", e);
    }
    return TypeCoercion.castTo(e, t);
  }

  // ---------------------------------------------------------------------------------------------
  // Other operators.

  Expr unary(UnaryOperator op, Expr child) {
    switch (op) {
      case NOT:
        return new UnaryOp(op, expect(new UnaryOp(op, child), child, ExpectedType.BOOLEAN));
      case NEGATE:
      case POSITIVE:
        {
          DataType t = child.dataType();
          if (TypeCoercion.isString(t)) {
            return new UnaryOp(op, TypeCoercion.castTo(child, DataTypes.DoubleType));
          }
          if (TypeCoercion.isInterval(t)) {
            return new UnaryOp(op, child);
          }
          return new UnaryOp(op, expect(new UnaryOp(op, child), child, ExpectedType.NUMERIC));
        }
      case BIT_NOT:
        return new UnaryOp(op, expect(new UnaryOp(op, child), child, ExpectedType.INTEGRAL));
      default:
        return new UnaryOp(op, child);
    }
  }

  private Expr expect(Expr whole, Expr child, ExpectedType expected) {
    DataType t = coercion.implicitCastType(child.dataType(), expected);
    if (t == null) {
      throw AnalysisErrors.unexpectedInputType(whole, 0, expected.sql(), child);
    }
    return TypeCoercion.castTo(child, t);
  }

  /** {@code v IN (list)}: every side cast to their wider common type. */
  Expr in(Expr value, List<Expr> list) {
    List<DataType> types = new ArrayList<>();
    types.add(value.dataType());
    boolean same = true;
    for (Expr e : list) {
      types.add(e.dataType());
      same &= TypeRules.sameType(e.dataType(), value.dataType());
    }
    if (same) {
      return new In(value, list);
    }
    DataType common = coercion.findWiderCommonType(types);
    if (common == null) {
      throw AnalysisErrors.dataDiffTypes(new In(value, list), "in", types);
    }
    List<Expr> cast = new ArrayList<>();
    for (Expr e : list) {
      cast.add(TypeCoercion.castTo(e, common));
    }
    return new In(TypeCoercion.castTo(value, common), cast);
  }

  Expr like(Like like, Expr value, Expr pattern) {
    Like whole = new Like(like.kind(), value, pattern, like.escape());
    DataType vt = coercion.implicitCastType(value.dataType(), ExpectedType.STRING);
    if (vt == null) {
      throw AnalysisErrors.unexpectedInputType(whole, 0, "\"STRING\"", value);
    }
    DataType pt = coercion.implicitCastType(pattern.dataType(), ExpectedType.STRING);
    if (pt == null) {
      throw AnalysisErrors.unexpectedInputType(whole, 1, "\"STRING\"", pattern);
    }
    return new Like(
        like.kind(),
        TypeCoercion.castTo(value, vt),
        TypeCoercion.castTo(pattern, pt),
        like.escape());
  }

  /** CASE WHEN: conditions BOOLEAN, branch values cast to their wider common type. */
  Expr caseWhen(List<Expr> conditions, List<Expr> values, Expr elseValue) {
    CaseWhen whole = new CaseWhen(conditions, values, elseValue);
    List<Expr> conds = new ArrayList<>();
    for (int i = 0; i < conditions.size(); i++) {
      Expr c = conditions.get(i);
      if (TypeCoercion.isNull(c.dataType())) {
        c = TypeCoercion.castTo(c, DataTypes.BooleanType);
      } else if (!TypeCoercion.is(c.dataType(), Kind.BOOLEAN)) {
        throw AnalysisErrors.unexpectedInputType(whole, i * 2, "\"BOOLEAN\"", c);
      }
      conds.add(c);
    }
    List<DataType> types = new ArrayList<>();
    for (Expr v : values) {
      types.add(v.dataType());
    }
    if (elseValue != null) {
      types.add(elseValue.dataType());
    }
    DataType common = coercion.findWiderCommonType(types);
    if (common == null) {
      throw AnalysisErrors.dataDiffTypes(whole, "casewhen", types);
    }
    List<Expr> vals = new ArrayList<>();
    for (Expr v : values) {
      vals.add(TypeCoercion.castTo(v, common));
    }
    Expr els = elseValue == null ? null : TypeCoercion.castTo(elseValue, common);
    return new CaseWhen(conds, vals, els);
  }
}
