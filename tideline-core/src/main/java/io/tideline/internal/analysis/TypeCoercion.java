package io.tideline.internal.analysis;

import io.tideline.internal.expr.Cast;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.expr.TypeRules;
import io.tideline.types.ArrayType;
import io.tideline.types.AtomicType;
import io.tideline.types.AtomicType.Kind;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.DecimalType;
import io.tideline.types.MapType;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * Spark's type coercion lattice: common types of operands ({@code findTightestCommonType}, {@code
 * findWiderTypeForTwo}), implicit casts to what a function expects, and which explicit casts are
 * legal. One instance per mode: ANSI ({@code AnsiTypeCoercion}, Spark's default) or legacy ({@code
 * TypeCoercion}, with {@code tideline.sql.ansi.enabled=false}).
 *
 * <p>The two differ where Spark's do: under ANSI an integer and a FLOAT meet at DOUBLE, a string
 * meets a number at BIGINT or DOUBLE (not at STRING), and only casts up a type's precedence list
 * are implicit; the legacy rules promote freely, including everything to STRING in unions and CASE
 * branches.
 */
final class TypeCoercion {
  private static final List<Kind> NUMERIC_PRECEDENCE =
      List.of(Kind.BYTE, Kind.SHORT, Kind.INT, Kind.LONG, Kind.FLOAT, Kind.DOUBLE);

  private final boolean ansi;
  private final boolean caseSensitive;

  TypeCoercion(boolean ansi, boolean caseSensitive) {
    this.ansi = ansi;
    this.caseSensitive = caseSensitive;
  }

  boolean ansi() {
    return ansi;
  }

  // ---------------------------------------------------------------------------------------------
  // Common types.

  /** The narrowest type both widen to without losing precision, or null. */
  DataType findTightestCommonType(DataType t1, DataType t2) {
    if (TypeRules.sameType(t1, t2)) {
      return t1;
    }
    if (isNull(t1)) {
      return t2;
    }
    if (isNull(t2)) {
      return t1;
    }
    if (isIntegral(t1) && t2 instanceof DecimalType d && TypeRules.isWiderThan(d, t1)) {
      return d;
    }
    if (isIntegral(t2) && t1 instanceof DecimalType d && TypeRules.isWiderThan(d, t2)) {
      return d;
    }
    if (isPrimitiveNumber(t1) && isPrimitiveNumber(t2)) {
      int i = Math.max(precedence(t1), precedence(t2));
      Kind wider = NUMERIC_PRECEDENCE.get(i);
      // ANSI avoids the precision loss of an integer turned FLOAT by meeting at DOUBLE.
      if (ansi && wider == Kind.FLOAT) {
        return DataTypes.DoubleType;
      }
      return atomic(wider);
    }
    if (isDatetime(t1) && isDatetime(t2)) {
      return DataTypes.TimestampType;
    }
    return findTypeForComplex(t1, t2, true);
  }

  /** The common type allowing precision loss (decimal with double) and string promotion. */
  DataType findWiderTypeForTwo(DataType t1, DataType t2) {
    DataType t = findTightestCommonType(t1, t2);
    if (t == null) {
      t = findWiderTypeForDecimal(t1, t2);
    }
    if (t == null) {
      t = ansi ? ansiStringPromotion(t1, t2) : legacyStringPromotion(t1, t2);
    }
    if (t == null) {
      t = findTypeForComplex(t1, t2, false);
    }
    return t;
  }

  /** The wider common type of all, or null; under legacy rules strings are folded in first. */
  DataType findWiderCommonType(List<DataType> types) {
    List<DataType> ordered = types;
    if (!ansi) {
      // Legacy widening is not associative with strings: fold them in first, as Spark does, so
      // (TIMESTAMP, INT, STRING) meets at STRING.
      ordered = new ArrayList<>();
      for (DataType t : types) {
        if (hasStringType(t)) {
          ordered.add(t);
        }
      }
      for (DataType t : types) {
        if (!hasStringType(t)) {
          ordered.add(t);
        }
      }
    }
    DataType acc = DataTypes.NullType;
    for (DataType t : ordered) {
      acc = findWiderTypeForTwo(acc, t);
      if (acc == null) {
        return null;
      }
    }
    return acc;
  }

  /** Like {@link #findWiderCommonType} without promoting to STRING (greatest, least). */
  DataType findWiderTypeWithoutStringPromotion(List<DataType> types) {
    DataType acc = DataTypes.NullType;
    for (DataType t : types) {
      DataType next = findTightestCommonType(acc, t);
      if (next == null) {
        next = findWiderTypeForDecimal(acc, t);
      }
      if (next == null) {
        return null;
      }
      acc = next;
    }
    return acc;
  }

  DataType findWiderTypeForDecimal(DataType t1, DataType t2) {
    if (t1 instanceof DecimalType d1 && t2 instanceof DecimalType d2) {
      return TypeRules.widerDecimalType(d1, d2);
    }
    if (isIntegral(t1) && t2 instanceof DecimalType d) {
      return TypeRules.widerDecimalType(TypeRules.decimalForType(t1), d);
    }
    if (t1 instanceof DecimalType d && isIntegral(t2)) {
      return TypeRules.widerDecimalType(TypeRules.decimalForType(t2), d);
    }
    if ((isFloating(t1) && t2 instanceof DecimalType)
        || (t1 instanceof DecimalType && isFloating(t2))) {
      return DataTypes.DoubleType;
    }
    return null;
  }

  /**
   * Spark's ANSI {@code findWiderTypeForString}: a string meets an integer at BIGINT, a fraction at
   * DOUBLE, another atomic type at that type; never an interval.
   */
  DataType ansiStringPromotion(DataType t1, DataType t2) {
    if (isString(t1)) {
      if (isIntegral(t2)) {
        return DataTypes.LongType;
      }
      if (isFloating(t2) || t2 instanceof DecimalType) {
        return DataTypes.DoubleType;
      }
      if (isNull(t2)) {
        return t1;
      }
      if (isInterval(t2)) {
        return null;
      }
      if (t2 instanceof AtomicType) {
        return t2;
      }
      return null;
    }
    if (isString(t2)) {
      return ansiStringPromotion(t2, t1);
    }
    return null;
  }

  private static DataType legacyStringPromotion(DataType t1, DataType t2) {
    if (isString(t1) && promotableToString(t2)) {
      return DataTypes.StringType;
    }
    if (isString(t2) && promotableToString(t1)) {
      return DataTypes.StringType;
    }
    return null;
  }

  private static boolean promotableToString(DataType t) {
    return (t instanceof AtomicType || t instanceof DecimalType)
        && !is(t, Kind.BINARY)
        && !is(t, Kind.BOOLEAN);
  }

  /**
   * Spark's legacy {@code findCommonTypeForBinaryComparison}: the type both sides of a comparison
   * meet at when one is a string.
   */
  DataType legacyComparisonType(DataType l, DataType r) {
    if (isString(l) && (is(r, Kind.DATE) || is(r, Kind.TIMESTAMP))) {
      return r;
    }
    if (isString(r) && (is(l, Kind.DATE) || is(l, Kind.TIMESTAMP))) {
      return l;
    }
    if ((isString(l) && isNull(r)) || (isNull(l) && isString(r))) {
      return DataTypes.StringType;
    }
    if (isDatetime(l) && isDatetime(r) && !TypeRules.sameType(l, r)) {
      return DataTypes.TimestampType;
    }
    if ((isString(l) && r instanceof DecimalType) || (l instanceof DecimalType && isString(r))) {
      return DataTypes.DoubleType;
    }
    if (isString(l) && isAtomic(r) && !isString(r)) {
      return r;
    }
    if (isString(r) && isAtomic(l) && !isString(l)) {
      return l;
    }
    return null;
  }

  private DataType findTypeForComplex(DataType t1, DataType t2, boolean tightest) {
    if (t1 instanceof ArrayType a1 && t2 instanceof ArrayType a2) {
      DataType e = common(a1.elementType(), a2.elementType(), tightest);
      return e == null
          ? null
          : new ArrayType(
              e,
              a1.containsNull()
                  || a2.containsNull()
                  || TypeRules.forceNullable(a1.elementType(), e)
                  || TypeRules.forceNullable(a2.elementType(), e));
    }
    if (t1 instanceof MapType m1 && t2 instanceof MapType m2) {
      DataType k = common(m1.keyType(), m2.keyType(), tightest);
      if (k == null
          || TypeRules.forceNullable(m1.keyType(), k)
          || TypeRules.forceNullable(m2.keyType(), k)) {
        return null;
      }
      DataType v = common(m1.valueType(), m2.valueType(), tightest);
      return v == null
          ? null
          : new MapType(
              k,
              v,
              m1.valueContainsNull()
                  || m2.valueContainsNull()
                  || TypeRules.forceNullable(m1.valueType(), v)
                  || TypeRules.forceNullable(m2.valueType(), v));
    }
    if (t1 instanceof StructType s1 && t2 instanceof StructType s2 && s1.size() == s2.size()) {
      List<StructField> fields = new ArrayList<>();
      for (int i = 0; i < s1.size(); i++) {
        StructField f1 = s1.field(i);
        StructField f2 = s2.field(i);
        if (!namesMatch(f1.name(), f2.name())) {
          return null;
        }
        DataType dt = common(f1.dataType(), f2.dataType(), tightest);
        if (dt == null) {
          return null;
        }
        fields.add(
            new StructField(
                f1.name(),
                dt,
                f1.nullable()
                    || f2.nullable()
                    || TypeRules.forceNullable(f1.dataType(), dt)
                    || TypeRules.forceNullable(f2.dataType(), dt)));
      }
      return new StructType(fields);
    }
    return null;
  }

  private DataType common(DataType a, DataType b, boolean tightest) {
    return tightest ? findTightestCommonType(a, b) : findWiderTypeForTwo(a, b);
  }

  private boolean namesMatch(String a, String b) {
    return caseSensitive ? a.equals(b) : a.equalsIgnoreCase(b);
  }

  // ---------------------------------------------------------------------------------------------
  // Implicit casts.

  /**
   * The type an argument of type {@code in} is implicitly cast to for {@code expected}, or null
   * when Spark does not convert it (the caller then reports a type mismatch).
   */
  DataType implicitCastType(DataType in, ExpectedType expected) {
    if (expected.accepts(in)) {
      return in;
    }
    return ansi ? ansiImplicitCast(in, expected) : legacyImplicitCast(in, expected);
  }

  private DataType ansiImplicitCast(DataType in, ExpectedType expected) {
    if (expected instanceof ExpectedType.OneOf oneOf) {
      for (ExpectedType o : oneOf.options()) {
        DataType t = implicitCastType(in, o);
        if (t != null) {
          return t;
        }
      }
      return null;
    }
    if (in.isNumeric() && expected == ExpectedType.DECIMAL) {
      return TypeRules.decimalForType(in);
    }
    if (isString(in) && isString(expected.defaultConcreteType())) {
      return null;
    }
    if (isFractionalOrDecimal(in) && expected == ExpectedType.INTEGRAL) {
      return null;
    }
    DataType concrete = expected.defaultConcreteType();
    if (concrete == null) {
      return null;
    }
    // A string converts to any atomic type except through the INTEGRAL family, as in Spark.
    if (isString(in)
        && expected != ExpectedType.INTEGRAL
        && (concrete instanceof AtomicType || concrete instanceof DecimalType)) {
      return concrete;
    }
    if (in instanceof ArrayType a && concrete instanceof ArrayType ca) {
      DataType e = implicitCastType(a.elementType(), ExpectedType.of(ca.elementType()));
      return e == null ? null : new ArrayType(e, true);
    }
    return canAnsiStoreAssign(in, concrete) ? concrete : null;
  }

  private DataType legacyImplicitCast(DataType in, ExpectedType expected) {
    if (isNull(in)) {
      DataType c = expected.defaultConcreteType();
      return c == null ? in : c;
    }
    if (expected instanceof ExpectedType.OneOf oneOf) {
      for (ExpectedType o : oneOf.options()) {
        DataType t = implicitCastType(in, o);
        if (t != null) {
          return t;
        }
      }
      return null;
    }
    if (isString(in) && expected == ExpectedType.NUMERIC) {
      return DataTypes.DoubleType;
    }
    if (in.isNumeric() && expected == ExpectedType.DECIMAL) {
      return TypeRules.decimalForType(in);
    }
    if (expected instanceof ExpectedType.Family) {
      if (in.isNumeric() && expected == ExpectedType.INTEGRAL) {
        return DataTypes.LongType;
      }
      if (isString(in) && expected == ExpectedType.INTEGRAL) {
        return DataTypes.LongType;
      }
      return null;
    }
    DataType target = expected.defaultConcreteType();
    if (in.isNumeric() && target.isNumeric()) {
      return target;
    }
    if (isDatetime(in) && isDatetime(target)) {
      return target;
    }
    if (isString(in)
        && (target.isNumeric()
            || is(target, Kind.DATE)
            || is(target, Kind.TIMESTAMP)
            || is(target, Kind.BINARY))) {
      return target;
    }
    if (isString(target) && (in instanceof AtomicType || in instanceof DecimalType)) {
      return target;
    }
    if (in instanceof ArrayType a && target instanceof ArrayType ta) {
      DataType e = implicitCastType(a.elementType(), ExpectedType.of(ta.elementType()));
      return e == null ? null : new ArrayType(e, true);
    }
    return null;
  }

  /**
   * Spark's {@code Cast.canANSIStoreAssign}: numbers to numbers, atomics to strings, DATE to
   * TIMESTAMP, recursively through complex types.
   */
  static boolean canAnsiStoreAssign(DataType from, DataType to) {
    if (TypeRules.sameType(from, to) || isNull(from)) {
      return true;
    }
    if (from.isNumeric() && to.isNumeric()) {
      return true;
    }
    if (isString(to) && isAtomic(from)) {
      return true;
    }
    if (is(from, Kind.DATE) && is(to, Kind.TIMESTAMP)) {
      return true;
    }
    if (from instanceof ArrayType a && to instanceof ArrayType b) {
      return canAnsiStoreAssign(a.elementType(), b.elementType());
    }
    if (from instanceof MapType a && to instanceof MapType b) {
      return canAnsiStoreAssign(a.keyType(), b.keyType())
          && canAnsiStoreAssign(a.valueType(), b.valueType());
    }
    if (from instanceof StructType a && to instanceof StructType b && a.size() == b.size()) {
      for (int i = 0; i < a.size(); i++) {
        if (!canAnsiStoreAssign(a.field(i).dataType(), b.field(i).dataType())) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /** {@code e} converted to {@code type}: unchanged, a typed null literal, or an implicit cast. */
  static Expr castTo(Expr e, DataType type) {
    if (TypeRules.sameType(e.dataType(), type)) {
      return e;
    }
    if (e instanceof Literal l && l.value() == null) {
      return new Literal(null, type);
    }
    return Cast.implicit(e, type);
  }

  // ---------------------------------------------------------------------------------------------
  // Explicit casts.

  /** Whether {@code CAST(from AS to)} is legal (Spark's {@code canAnsiCast} / {@code canCast}). */
  boolean canCast(DataType from, DataType to) {
    if (TypeRules.sameType(from, to) || isNull(from)) {
      return true;
    }
    if (isString(to)) {
      return true;
    }
    if (from instanceof ArrayType a && to instanceof ArrayType b) {
      return canCast(a.elementType(), b.elementType());
    }
    if (from instanceof MapType a && to instanceof MapType b) {
      return canCast(a.keyType(), b.keyType()) && canCast(a.valueType(), b.valueType());
    }
    if (from instanceof StructType a && to instanceof StructType b) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!canCast(a.field(i).dataType(), b.field(i).dataType())) {
          return false;
        }
      }
      return true;
    }
    if (!isAtomic(from) || !isAtomic(to)) {
      return false;
    }
    boolean fromNum = from.isNumeric();
    boolean toNum = to.isNumeric();
    if (isString(from)) {
      return true;
    }
    if (is(to, Kind.BOOLEAN)) {
      return fromNum || (!ansi && (is(from, Kind.DATE) || is(from, Kind.TIMESTAMP)));
    }
    if (is(to, Kind.TIMESTAMP)) {
      return fromNum || is(from, Kind.DATE) || (!ansi && is(from, Kind.BOOLEAN));
    }
    if (is(to, Kind.DATE)) {
      return is(from, Kind.TIMESTAMP);
    }
    if (toNum) {
      return fromNum
          || is(from, Kind.BOOLEAN)
          || is(from, Kind.TIMESTAMP)
          || (!ansi && is(from, Kind.DATE));
    }
    if (is(to, Kind.BINARY)) {
      return !ansi && isIntegral(from);
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------

  static boolean is(DataType t, Kind kind) {
    return t instanceof AtomicType a && a.kind() == kind;
  }

  static boolean isNull(DataType t) {
    return is(t, Kind.NULL);
  }

  static boolean isString(DataType t) {
    return is(t, Kind.STRING);
  }

  static boolean isIntegral(DataType t) {
    return t instanceof AtomicType a && a.isIntegral();
  }

  static boolean isFloating(DataType t) {
    return is(t, Kind.FLOAT) || is(t, Kind.DOUBLE);
  }

  static boolean isFractionalOrDecimal(DataType t) {
    return isFloating(t) || t instanceof DecimalType;
  }

  static boolean isPrimitiveNumber(DataType t) {
    return t instanceof AtomicType && t.isNumeric();
  }

  static boolean isDatetime(DataType t) {
    return is(t, Kind.DATE) || is(t, Kind.TIMESTAMP);
  }

  static boolean isInterval(DataType t) {
    return is(t, Kind.DAY_TIME_INTERVAL) || is(t, Kind.YEAR_MONTH_INTERVAL);
  }

  static boolean isAtomic(DataType t) {
    return t instanceof AtomicType || t instanceof DecimalType;
  }

  /** Spark's {@code TypeUtils.checkForOrderingExpr}: maps cannot be ordered. */
  static boolean isOrderable(DataType t) {
    if (t instanceof MapType) {
      return false;
    }
    if (t instanceof ArrayType a) {
      return isOrderable(a.elementType());
    }
    if (t instanceof StructType s) {
      for (StructField f : s) {
        if (!isOrderable(f.dataType())) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean hasStringType(DataType t) {
    return isString(t) || (t instanceof ArrayType a && hasStringType(a.elementType()));
  }

  private static int precedence(DataType t) {
    return NUMERIC_PRECEDENCE.indexOf(((AtomicType) t).kind());
  }

  private static DataType atomic(Kind k) {
    return switch (k) {
      case BYTE -> DataTypes.ByteType;
      case SHORT -> DataTypes.ShortType;
      case INT -> DataTypes.IntegerType;
      case LONG -> DataTypes.LongType;
      case FLOAT -> DataTypes.FloatType;
      default -> DataTypes.DoubleType;
    };
  }
}
