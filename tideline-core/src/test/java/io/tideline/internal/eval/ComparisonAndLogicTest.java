package io.tideline.internal.eval;

import static io.tideline.internal.eval.EvalTesting.batch;
import static io.tideline.internal.eval.EvalTesting.column;
import static io.tideline.internal.eval.EvalTesting.eval;
import static io.tideline.internal.eval.EvalTesting.lit;
import static io.tideline.internal.eval.EvalTesting.ref;
import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.internal.expr.BinaryOp;
import io.tideline.internal.expr.BinaryOperator;
import io.tideline.internal.expr.UnaryOp;
import io.tideline.internal.expr.UnaryOperator;
import io.tideline.internal.vector.Batch;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ComparisonAndLogicTest {
  private static final DataType BOOL = DataTypes.BooleanType;
  private static final DataType DOUBLE = DataTypes.DoubleType;
  private static final DataType STRING = DataTypes.StringType;

  private static BinaryOp op(BinaryOperator o, DataType t) {
    return new BinaryOp(o, ref(0, t), ref(1, t));
  }

  @Test
  void compare_doubles_nanEqualsNanAndIsGreatest() {
    Batch b =
        batch(
            column(DOUBLE, Double.NaN, Double.NaN, -0.0, Double.POSITIVE_INFINITY),
            column(DOUBLE, Double.NaN, Double.POSITIVE_INFINITY, 0.0, Double.NaN));
    assertThat(eval(op(BinaryOperator.EQ, DOUBLE), b, true))
        .containsExactly(true, false, true, false);
    assertThat(eval(op(BinaryOperator.GT, DOUBLE), b, true))
        .containsExactly(false, true, false, false);
    assertThat(eval(op(BinaryOperator.LT, DOUBLE), b, true))
        .containsExactly(false, false, false, true);
  }

  @Test
  void compare_strings_byUnsignedBytes() {
    Batch b = batch(column(STRING, "é", "a", "ab", ""), column(STRING, "z", "b", "a", ""));
    assertThat(eval(op(BinaryOperator.GT, STRING), b, true))
        .containsExactly(true, false, true, false);
    assertThat(eval(op(BinaryOperator.LE, STRING), b, true))
        .containsExactly(false, true, false, true);
  }

  @Test
  void compare_withNull_isNullButNullSafeEqualIsNot() {
    DataType t = DataTypes.IntegerType;
    Batch b = batch(column(t, 1, null, null, 2), column(t, null, null, 1, 2));
    assertThat(eval(op(BinaryOperator.EQ, t), b, true)).containsExactly(null, null, null, true);
    assertThat(eval(op(BinaryOperator.NOT_EQ, t), b, true))
        .containsExactly(null, null, null, false);
    assertThat(eval(op(BinaryOperator.EQ_NULL_SAFE, t), b, true))
        .containsExactly(false, true, false, true);
  }

  @Test
  void compare_decimalsOfDifferentScales_byValue() {
    DataType a = DataTypes.createDecimalType(5, 2);
    DataType c = DataTypes.createDecimalType(30, 4);
    BinaryOp eq = new BinaryOp(BinaryOperator.EQ, ref(0, a), ref(1, c));
    Batch b = batch(column(a, new BigDecimal("1.50")), column(c, new BigDecimal("1.5000")));
    assertThat(eval(eq, b, true)).containsExactly(true);
  }

  @Test
  void compare_datesTimestampsAndBooleans() {
    DataType date = DataTypes.DateType;
    Batch dates =
        batch(
            column(date, java.time.LocalDate.of(2024, 1, 1)),
            column(date, java.time.LocalDate.of(2023, 12, 31)));
    assertThat(eval(op(BinaryOperator.GT, date), dates, true)).containsExactly(true);
    Batch bools = batch(column(BOOL, false, true), column(BOOL, true, true));
    assertThat(eval(op(BinaryOperator.LT, BOOL), bools, true)).containsExactly(true, false);
  }

  @Test
  void compare_structsFieldByField() {
    io.tideline.types.StructType st =
        new io.tideline.types.StructType().add("a", DataTypes.IntegerType).add("b", STRING);
    Batch b =
        batch(
            column(st, io.tideline.Row.of(1, "x"), io.tideline.Row.of(1, "b")),
            column(st, io.tideline.Row.of(1, "x"), io.tideline.Row.of(1, "c")));
    assertThat(eval(op(BinaryOperator.EQ, st), b, true)).containsExactly(true, false);
    assertThat(eval(op(BinaryOperator.LT, st), b, true)).containsExactly(false, true);
  }

  @Test
  void and_or_followThreeValuedLogic() {
    Boolean[] l = {true, true, true, false, false, false, null, null, null};
    Boolean[] r = {true, false, null, true, false, null, true, false, null};
    Batch b = batch(column(BOOL, (Object[]) l), column(BOOL, (Object[]) r));
    assertThat(eval(op(BinaryOperator.AND, BOOL), b, true))
        .containsExactly(true, false, null, false, false, false, null, false, null);
    assertThat(eval(op(BinaryOperator.OR, BOOL), b, true))
        .containsExactly(true, true, true, true, false, null, true, null, null);
  }

  @Test
  void and_rightSideRunsOnlyOnUndecidedRows_soAnsiErrorsDoNotFire() {
    DataType t = DataTypes.IntegerType;
    // y <> 0 AND 10 % y = 0: the row with y = 0 is decided by the left side.
    BinaryOp guard = new BinaryOp(BinaryOperator.NOT_EQ, ref(0, t), lit(0, t));
    BinaryOp risky =
        new BinaryOp(
            BinaryOperator.EQ, new BinaryOp(BinaryOperator.MOD, lit(10, t), ref(0, t)), lit(0, t));
    Batch b = batch(column(t, 0, 5, 3));
    assertThat(eval(new BinaryOp(BinaryOperator.AND, guard, risky), b, true))
        .containsExactly(false, true, false);
    BinaryOp isZero = new BinaryOp(BinaryOperator.EQ, ref(0, t), lit(0, t));
    assertThat(eval(new BinaryOp(BinaryOperator.OR, isZero, risky), b, true))
        .containsExactly(true, true, false);
  }

  @Test
  void not_andNullTests() {
    Batch b = batch(column(BOOL, true, null, false));
    assertThat(eval(new UnaryOp(UnaryOperator.NOT, ref(0, BOOL)), b, true))
        .containsExactly(false, null, true);
    assertThat(eval(new UnaryOp(UnaryOperator.IS_NULL, ref(0, BOOL)), b, true))
        .containsExactly(false, true, false);
    assertThat(eval(new UnaryOp(UnaryOperator.IS_NOT_NULL, ref(0, BOOL)), b, true))
        .containsExactly(true, false, true);
  }

  @Test
  void comparison_withSelection_computesOnlyLiveRows() {
    DataType t = DataTypes.LongType;
    Batch b =
        batch(column(t, 1L, 5L, 9L, 2L), column(t, 2L, 5L, 1L, 2L))
            .withSelection(new int[] {1, 2}, 2);
    assertThat(eval(op(BinaryOperator.GE, t), b, true)).containsExactly(true, true);
  }

  @Test
  void untypedNulls_inLogicAndArithmetic_evaluateToNull() {
    io.tideline.internal.expr.Literal untyped = io.tideline.internal.expr.Literal.NULL;
    Batch b = batch(column(BOOL, true, false));
    assertThat(eval(new BinaryOp(BinaryOperator.AND, ref(0, BOOL), untyped), b, true))
        .containsExactly(null, false);
    assertThat(eval(new UnaryOp(UnaryOperator.NOT, untyped), b, true)).containsExactly(null, null);
    assertThat(eval(new BinaryOp(BinaryOperator.ADD, untyped, untyped), b, true))
        .containsExactly(null, null);
  }

  @Test
  void compare_compactDecimalsOfDifferentScales_withoutBigDecimal() {
    DataType a = DataTypes.createDecimalType(10, 1);
    DataType c = DataTypes.createDecimalType(18, 4);
    BinaryOp lt = new BinaryOp(BinaryOperator.LT, ref(0, a), ref(1, c));
    Batch b =
        batch(
            column(a, new BigDecimal("1.5"), new BigDecimal("-1.5"), new BigDecimal("999999999.9")),
            column(
                c, new BigDecimal("1.5001"), new BigDecimal("-1.5000"), new BigDecimal("1.0000")));
    assertThat(eval(lt, b, true)).containsExactly(true, false, false);
  }
}
