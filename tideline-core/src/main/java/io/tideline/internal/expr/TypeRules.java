package io.tideline.internal.expr;

import io.tideline.types.DataType;
import io.tideline.types.DataTypes;

/**
 * Result types and nullability of resolved operators, by Spark's rules. The analyser coerces
 * operands first; these rules assume it has.
 */
public final class TypeRules {
  private TypeRules() {}

  public static DataType binaryResultType(BinaryOp op) {
    if (op.op().isComparison() || op.op().isLogical()) {
      return DataTypes.BooleanType;
    }
    if (op.op() == BinaryOperator.CONCAT) {
      return DataTypes.StringType;
    }
    if (op.op() == BinaryOperator.INT_DIVIDE) {
      return DataTypes.LongType;
    }
    return op.left().dataType();
  }

  public static boolean binaryNullable(BinaryOp op) {
    if (op.op() == BinaryOperator.EQ_NULL_SAFE) {
      return false;
    }
    return op.left().nullable() || op.right().nullable();
  }

  public static boolean castNullable(Cast cast) {
    return true;
  }
}
