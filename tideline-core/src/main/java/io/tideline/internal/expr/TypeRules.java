package io.tideline.internal.expr;

import io.tideline.types.ArrayType;
import io.tideline.types.AtomicType;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.DecimalType;
import io.tideline.types.MapType;
import io.tideline.types.StructField;
import io.tideline.types.StructType;

/**
 * Result types and nullability of resolved operators, by Spark's rules. The analyser coerces
 * operands first; these rules assume it has.
 *
 * <p>Operand shapes a resolved {@link BinaryOp} can have, and its result type:
 *
 * <ul>
 *   <li>comparisons, AND, OR: BOOLEAN (operands of one type; AND/OR operands BOOLEAN)
 *   <li>{@code ||}: STRING, or BINARY when both operands are BINARY
 *   <li>{@code div}: BIGINT (operands BIGINT, or DECIMALs)
 *   <li>{@code /}: DOUBLE, or Spark's DECIMAL result type when both operands are DECIMAL
 *   <li>{@code + - * %} on numbers: the operands' common type; on two DECIMALs, Spark's result
 *       precision and scale ({@link #decimalResultType})
 *   <li>DATE {@code ±} year-month interval: DATE; TIMESTAMP {@code ±} any interval (either operand
 *       order for {@code +}): TIMESTAMP; DATE {@code -} DATE and TIMESTAMP {@code -} TIMESTAMP:
 *       day-time interval (microseconds); interval {@code * /} number and number {@code *}
 *       interval: the interval
 * </ul>
 */
public final class TypeRules {
  /** Spark's {@code DecimalType.MINIMUM_ADJUSTED_SCALE}: the least scale kept on precision loss. */
  public static final int MINIMUM_ADJUSTED_SCALE = 6;

  private TypeRules() {}

  public static DataType binaryResultType(BinaryOp op) {
    BinaryOperator o = op.op();
    if (o.isComparison() || o.isLogical()) {
      return DataTypes.BooleanType;
    }
    DataType l = op.left().dataType();
    DataType r = op.right().dataType();
    if (o == BinaryOperator.CONCAT) {
      return isBinary(l) && isBinary(r) ? DataTypes.BinaryType : DataTypes.StringType;
    }
    if (o == BinaryOperator.INT_DIVIDE) {
      return DataTypes.LongType;
    }
    if (l instanceof DecimalType dl && r instanceof DecimalType dr && o.isArithmetic()) {
      return decimalResultType(o, dl, dr);
    }
    DataType datetime = datetimeArithmeticType(o, l, r);
    if (datetime != null) {
      return datetime;
    }
    if (o == BinaryOperator.DIVIDE) {
      return DataTypes.DoubleType;
    }
    return isNull(l) ? r : l;
  }

  public static boolean binaryNullable(BinaryOp op) {
    switch (op.op()) {
      case EQ_NULL_SAFE:
        return false;
      case DIVIDE:
      case INT_DIVIDE:
      case MOD:
        // Division by zero gives null outside ANSI mode, as Spark's DivModLike says.
        return true;
      default:
        break;
    }
    if (op.op().isArithmetic() && op.left().dataType() instanceof DecimalType) {
      // A decimal result that overflows its precision is null outside ANSI mode.
      return true;
    }
    return op.left().nullable() || op.right().nullable();
  }

  /**
   * Spark's {@code Cast.nullable}: a cast is nullable when its input is, or when the conversion
   * itself can fail to a null (string to number, number to a too narrow decimal, ...).
   */
  public static boolean castNullable(Cast cast) {
    DataType from = cast.child().dataType();
    DataType to = cast.to();
    if (cast.tryCast()) {
      return true;
    }
    return cast.child().nullable() || forceNullable(from, to);
  }

  /** Spark's {@code Cast.forceNullable}: whether casting can turn a non-null value into null. */
  public static boolean forceNullable(DataType from, DataType to) {
    if (isNull(from)) {
      return false;
    }
    if (is(from, AtomicType.Kind.STRING)) {
      return !is(to, AtomicType.Kind.BINARY);
    }
    if (is(to, AtomicType.Kind.STRING)) {
      return false;
    }
    if ((is(from, AtomicType.Kind.FLOAT) || is(from, AtomicType.Kind.DOUBLE))
        && is(to, AtomicType.Kind.TIMESTAMP)) {
      return true;
    }
    if (is(from, AtomicType.Kind.TIMESTAMP) && is(to, AtomicType.Kind.DATE)) {
      return false;
    }
    if (is(to, AtomicType.Kind.DATE)) {
      return true;
    }
    if (is(from, AtomicType.Kind.DATE)) {
      return !is(to, AtomicType.Kind.TIMESTAMP);
    }
    if (to instanceof DecimalType d && !canNullSafeCastToDecimal(from, d)) {
      return true;
    }
    if (isFractional(from) && isIntegral(to)) {
      return true;
    }
    if (from instanceof ArrayType fa && to instanceof ArrayType ta) {
      return forceNullable(fa.elementType(), ta.elementType());
    }
    return false;
  }

  private static boolean canNullSafeCastToDecimal(DataType from, DecimalType to) {
    if (is(from, AtomicType.Kind.BOOLEAN)) {
      return isWiderThan(to, DataTypes.createDecimalType(1, 0));
    }
    if (from instanceof DecimalType d) {
      return (to.precision() - to.scale()) > (d.precision() - d.scale());
    }
    return isIntegral(from) && isWiderThan(to, from);
  }

  // ---------------------------------------------------------------------------------------------
  // Decimal precision rules (Spark's DecimalPrecision and the arithmetic expressions'
  // resultDecimalType, with spark.sql.decimalOperations.allowPrecisionLoss=true).

  /**
   * The result type of {@code a op b} for DECIMAL operands, as Spark computes it with precision
   * loss allowed (its default): {@code +,-}: scale max(s1,s2), precision max(p1-s1,p2-s2)+scale+1;
   * {@code *}: p1+p2+1, s1+s2; {@code /}: scale max(6, s1+p2+1), precision p1-s1+s2+scale; {@code
   * %}: min(p1-s1,p2-s2)+max(s1,s2), max(s1,s2); each then fitted into 38 digits by {@link
   * #adjustPrecisionScale}. {@code div} is BIGINT.
   */
  public static DataType decimalResultType(BinaryOperator op, DecimalType a, DecimalType b) {
    int p1 = a.precision();
    int s1 = a.scale();
    int p2 = b.precision();
    int s2 = b.scale();
    switch (op) {
      case ADD:
      case SUBTRACT:
        {
          int scale = Math.max(s1, s2);
          return adjustPrecisionScale(Math.max(p1 - s1, p2 - s2) + scale + 1, scale);
        }
      case MULTIPLY:
        return adjustPrecisionScale(p1 + p2 + 1, s1 + s2);
      case DIVIDE:
        {
          int scale = Math.max(MINIMUM_ADJUSTED_SCALE, s1 + p2 + 1);
          return adjustPrecisionScale(p1 - s1 + s2 + scale, scale);
        }
      case MOD:
        {
          int scale = Math.max(s1, s2);
          return adjustPrecisionScale(Math.min(p1 - s1, p2 - s2) + scale, scale);
        }
      case INT_DIVIDE:
        return DataTypes.LongType;
      default:
        throw new IllegalArgumentException(
            "Bug in Tideline: " + op + " is not a decimal arithmetic operator");
    }
  }

  /**
   * Spark's {@code DecimalType.adjustPrecisionScale}: a type that does not fit 38 digits keeps its
   * integral digits and gives up scale, down to a scale of min(scale, 6).
   */
  public static DecimalType adjustPrecisionScale(int precision, int scale) {
    if (precision <= DecimalType.MAX_PRECISION) {
      return DataTypes.createDecimalType(Math.max(precision, 1), scale);
    }
    int intDigits = precision - scale;
    int minScale = Math.min(scale, MINIMUM_ADJUSTED_SCALE);
    int adjustedScale = Math.max(DecimalType.MAX_PRECISION - intDigits, minScale);
    return DataTypes.createDecimalType(DecimalType.MAX_PRECISION, adjustedScale);
  }

  /** Spark's {@code DecimalType.bounded}: precision and scale capped at 38. */
  public static DecimalType boundedDecimal(int precision, int scale) {
    return DataTypes.createDecimalType(
        Math.min(Math.max(precision, 1), DecimalType.MAX_PRECISION),
        Math.min(scale, DecimalType.MAX_SCALE));
  }

  /**
   * Spark's {@code DecimalType.forType}: the decimal that holds every value of a number type
   * (TINYINT 3,0; SMALLINT 5,0; INT 10,0; BIGINT 20,0; FLOAT 14,7; DOUBLE 30,15), or null.
   */
  public static DecimalType decimalForType(DataType t) {
    if (t instanceof DecimalType d) {
      return d;
    }
    if (!(t instanceof AtomicType a)) {
      return null;
    }
    return switch (a.kind()) {
      case BYTE -> DataTypes.createDecimalType(3, 0);
      case SHORT -> DataTypes.createDecimalType(5, 0);
      case INT -> DataTypes.createDecimalType(10, 0);
      case LONG -> DataTypes.createDecimalType(20, 0);
      case FLOAT -> DataTypes.createDecimalType(14, 7);
      case DOUBLE -> DataTypes.createDecimalType(30, 15);
      default -> null;
    };
  }

  /** Spark's {@code widerDecimalType}: enough integral digits and scale for both, capped at 38. */
  public static DecimalType widerDecimalType(DecimalType a, DecimalType b) {
    int scale = Math.max(a.scale(), b.scale());
    int range = Math.max(a.precision() - a.scale(), b.precision() - b.scale());
    return boundedDecimal(range + scale, scale);
  }

  /** Spark's {@code DecimalType.isWiderThan}: whether {@code d} holds every value of {@code t}. */
  public static boolean isWiderThan(DecimalType d, DataType t) {
    if (t instanceof DecimalType o) {
      return (d.precision() - d.scale()) >= (o.precision() - o.scale()) && d.scale() >= o.scale();
    }
    if (isIntegral(t)) {
      return isWiderThan(d, decimalForType(t));
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------

  private static DataType datetimeArithmeticType(BinaryOperator o, DataType l, DataType r) {
    boolean lInterval = isInterval(l);
    boolean rInterval = isInterval(r);
    if (o == BinaryOperator.ADD || o == BinaryOperator.SUBTRACT) {
      if (is(l, AtomicType.Kind.DATE) && is(r, AtomicType.Kind.YEAR_MONTH_INTERVAL)) {
        return DataTypes.DateType;
      }
      if (o == BinaryOperator.ADD
          && is(r, AtomicType.Kind.DATE)
          && is(l, AtomicType.Kind.YEAR_MONTH_INTERVAL)) {
        return DataTypes.DateType;
      }
      if (is(l, AtomicType.Kind.TIMESTAMP) && rInterval) {
        return DataTypes.TimestampType;
      }
      if (o == BinaryOperator.ADD && lInterval && is(r, AtomicType.Kind.TIMESTAMP)) {
        return DataTypes.TimestampType;
      }
      if (o == BinaryOperator.SUBTRACT && isDatetime(l) && isDatetime(r)) {
        return DataTypes.DayTimeIntervalType;
      }
      return null;
    }
    if ((o == BinaryOperator.MULTIPLY || o == BinaryOperator.DIVIDE) && lInterval) {
      return l;
    }
    if (o == BinaryOperator.MULTIPLY && rInterval) {
      return r;
    }
    return null;
  }

  static boolean is(DataType t, AtomicType.Kind kind) {
    return t instanceof AtomicType a && a.kind() == kind;
  }

  private static boolean isNull(DataType t) {
    return is(t, AtomicType.Kind.NULL);
  }

  private static boolean isBinary(DataType t) {
    return is(t, AtomicType.Kind.BINARY);
  }

  private static boolean isIntegral(DataType t) {
    return t instanceof AtomicType a && a.isIntegral();
  }

  private static boolean isFractional(DataType t) {
    return is(t, AtomicType.Kind.FLOAT)
        || is(t, AtomicType.Kind.DOUBLE)
        || t instanceof DecimalType;
  }

  private static boolean isInterval(DataType t) {
    return is(t, AtomicType.Kind.DAY_TIME_INTERVAL) || is(t, AtomicType.Kind.YEAR_MONTH_INTERVAL);
  }

  private static boolean isDatetime(DataType t) {
    return is(t, AtomicType.Kind.DATE) || is(t, AtomicType.Kind.TIMESTAMP);
  }

  /** The type with every nullability flag set, for comparing types by shape only. */
  public static DataType asNullable(DataType t) {
    if (t instanceof ArrayType a) {
      return new ArrayType(asNullable(a.elementType()), true);
    }
    if (t instanceof MapType m) {
      return new MapType(asNullable(m.keyType()), asNullable(m.valueType()), true);
    }
    if (t instanceof StructType s) {
      StructField[] fs = new StructField[s.size()];
      for (int i = 0; i < fs.length; i++) {
        StructField f = s.field(i);
        fs[i] = new StructField(f.name(), asNullable(f.dataType()), true);
      }
      return new StructType(fs);
    }
    return t;
  }

  /** Spark's {@code DataTypeUtils.sameType}: equal ignoring nullability flags. */
  public static boolean sameType(DataType a, DataType b) {
    return asNullable(a).equals(asNullable(b));
  }
}
