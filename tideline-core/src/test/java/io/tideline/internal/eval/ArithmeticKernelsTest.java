package io.tideline.internal.eval;

import static io.tideline.internal.eval.EvalTesting.batch;
import static io.tideline.internal.eval.EvalTesting.column;
import static io.tideline.internal.eval.EvalTesting.ctx;
import static io.tideline.internal.eval.EvalTesting.eval;
import static io.tideline.internal.eval.EvalTesting.evalConstant;
import static io.tideline.internal.eval.EvalTesting.lit;
import static io.tideline.internal.eval.EvalTesting.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.errors.ExecutionException;
import io.tideline.internal.expr.BinaryOp;
import io.tideline.internal.expr.BinaryOperator;
import io.tideline.internal.expr.UnaryOp;
import io.tideline.internal.expr.UnaryOperator;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import java.math.BigDecimal;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ArithmeticKernelsTest {
  private static final DataType INT = DataTypes.IntegerType;
  private static final DataType LONG = DataTypes.LongType;
  private static final DataType DOUBLE = DataTypes.DoubleType;

  private static BinaryOp op(BinaryOperator o, DataType t) {
    return new BinaryOp(o, ref(0, t), ref(1, t));
  }

  @Test
  void add_intWithNulls_propagatesNulls() {
    Batch b = batch(column(INT, 1, null, 3), column(INT, 10, 20, null));
    assertThat(eval(op(BinaryOperator.ADD, INT), b, true)).containsExactly(11, null, null);
  }

  @Test
  void add_intOverflow_failsUnderAnsiWithCondition() {
    Batch b = batch(column(INT, Integer.MAX_VALUE), column(INT, 1));
    assertThatThrownBy(() -> eval(op(BinaryOperator.ADD, INT), b, true))
        .isInstanceOf(ExecutionException.class)
        .satisfies(
            e ->
                assertThat(((ExecutionException) e).getCondition())
                    .isEqualTo("ARITHMETIC_OVERFLOW"))
        .hasMessageContaining("integer overflow")
        .hasMessageContaining("try_add")
        .hasMessageContaining("(input[0] + input[1])");
  }

  @Test
  void add_intOverflow_wrapsWithoutAnsi() {
    Batch b = batch(column(INT, Integer.MAX_VALUE), column(INT, 1));
    assertThat(eval(op(BinaryOperator.ADD, INT), b, false)).containsExactly(Integer.MIN_VALUE);
  }

  @Test
  void multiply_longOverflow_failsUnderAnsiAndWrapsOtherwise() {
    Batch b = batch(column(LONG, Long.MAX_VALUE / 2 + 1), column(LONG, 2L));
    assertThatThrownBy(() -> eval(op(BinaryOperator.MULTIPLY, LONG), b, true))
        .hasMessageContaining("[ARITHMETIC_OVERFLOW] long overflow");
    assertThat(eval(op(BinaryOperator.MULTIPLY, LONG), b, false)).containsExactly(Long.MIN_VALUE);
  }

  @Test
  void subtract_tinyintOverflow_failsUnderAnsiAndWraps() {
    DataType byteType = DataTypes.ByteType;
    Batch b = batch(column(byteType, (byte) -128), column(byteType, (byte) 1));
    assertThatThrownBy(() -> eval(op(BinaryOperator.SUBTRACT, byteType), b, true))
        .hasMessageContaining("tinyint overflow");
    assertThat(eval(op(BinaryOperator.SUBTRACT, byteType), b, false)).containsExactly((byte) 127);
  }

  @Test
  void divide_doubleByZero_failsUnderAnsiWithSparkMessage() {
    Batch b = batch(column(DOUBLE, 1.0), column(DOUBLE, 0.0));
    assertThatThrownBy(() -> eval(op(BinaryOperator.DIVIDE, DOUBLE), b, true))
        .hasMessageStartingWith(
            "[DIVIDE_BY_ZERO] Division by zero. Use try_divide to tolerate divisor being 0 and"
                + " return NULL instead. If necessary set \"tideline.sql.ansi.enabled\" to"
                + " \"false\" to bypass this error.");
  }

  @Test
  void divide_doubleByZero_isNullWithoutAnsi() {
    Batch b = batch(column(DOUBLE, 1.0, 6.0), column(DOUBLE, 0.0, 4.0));
    assertThat(eval(op(BinaryOperator.DIVIDE, DOUBLE), b, false)).containsExactly(null, 1.5);
  }

  @Test
  void divide_byZeroOnRowOutsideSelection_doesNotFail() {
    Batch b =
        batch(column(DOUBLE, 1.0, 6.0), column(DOUBLE, 0.0, 3.0)).withSelection(new int[] {1}, 1);
    assertThat(eval(op(BinaryOperator.DIVIDE, DOUBLE), b, true)).containsExactly(2.0);
  }

  @Test
  void mod_followsDividendSign() {
    Batch b = batch(column(INT, -7, 7, -7), column(INT, 3, -3, -3));
    assertThat(eval(op(BinaryOperator.MOD, INT), b, true)).containsExactly(-1, 1, -1);
  }

  @Test
  void mod_byZero_failsUnderAnsiAndIsNullOtherwise() {
    Batch b = batch(column(INT, 5), column(INT, 0));
    assertThatThrownBy(() -> eval(op(BinaryOperator.MOD, INT), b, true))
        .hasMessageStartingWith("[REMAINDER_BY_ZERO]");
    assertThat(eval(op(BinaryOperator.MOD, INT), b, false)).containsExactly((Object) null);
  }

  @Test
  void intDivide_truncatesAndChecksMinByMinusOne() {
    Batch b = batch(column(LONG, -7L, Long.MIN_VALUE), column(LONG, 2L, -1L));
    Batch first = b.withSelection(new int[] {0}, 1);
    assertThat(eval(op(BinaryOperator.INT_DIVIDE, LONG), first, true)).containsExactly(-3L);
    assertThatThrownBy(() -> eval(op(BinaryOperator.INT_DIVIDE, LONG), b, true))
        .hasMessageContaining("Overflow in integral divide");
    assertThat(eval(op(BinaryOperator.INT_DIVIDE, LONG), b, false))
        .containsExactly(-3L, Long.MIN_VALUE);
  }

  @Test
  void intDivide_ofInts_yieldsBigint() {
    Batch b = batch(column(INT, 7), column(INT, 2));
    assertThat(eval(op(BinaryOperator.INT_DIVIDE, INT), b, true)).containsExactly(3L);
  }

  @Test
  void add_decimalsOfResultScale_usesExactLongs() {
    DataType d = DataTypes.createDecimalType(5, 2);
    Batch b =
        batch(
            column(d, new BigDecimal("1.25"), null),
            column(d, new BigDecimal("2.50"), BigDecimal.ONE));
    assertThat(eval(op(BinaryOperator.ADD, d), b, true))
        .containsExactly(new BigDecimal("3.75"), null);
  }

  @Test
  void add_decimalOverflow_failsUnderAnsiAndIsNullOtherwise() {
    // Spark widens DECIMAL(p,s) + DECIMAL(p,s) by one digit, up to 38: only 38 digits overflow.
    DataType d = DataTypes.createDecimalType(38, 1);
    Batch b =
        batch(
            column(d, new BigDecimal("9999999999999999999999999999999999999.9")),
            column(d, new BigDecimal("0.1")));
    assertThatThrownBy(() -> eval(op(BinaryOperator.ADD, d), b, true))
        .satisfies(
            e ->
                assertThat(((ExecutionException) e).getCondition())
                    .isEqualTo("NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION"))
        .hasMessageContaining("cannot be represented as Decimal(38, 1)");
    assertThat(eval(op(BinaryOperator.ADD, d), b, false)).containsExactly((Object) null);
  }

  @Test
  void divide_decimals_roundsHalfUpAtResultScale() {
    DataType d = DataTypes.createDecimalType(10, 4);
    Batch b =
        batch(
            column(d, new BigDecimal("2"), new BigDecimal("-2")),
            column(d, new BigDecimal("3"), new BigDecimal("3")));
    // DECIMAL(10,4) / DECIMAL(10,4) is DECIMAL(25,15) by Spark's rule: scale max(6, s1 + p2 + 1).
    assertThat(eval(op(BinaryOperator.DIVIDE, d), b, true))
        .containsExactly(new BigDecimal("0.666666666666667"), new BigDecimal("-0.666666666666667"));
  }

  @Test
  void multiply_decimalOfMixedScales_computesExactly() {
    DataType c = DataTypes.createDecimalType(3, 1);
    BinaryOp mul =
        new BinaryOp(BinaryOperator.MULTIPLY, ref(0, DataTypes.createDecimalType(9, 3)), ref(1, c));
    Batch b =
        batch(
            column(DataTypes.createDecimalType(9, 3), new BigDecimal("1.505")),
            column(c, new BigDecimal("2.0")));
    // DECIMAL(9,3) * DECIMAL(3,1) is DECIMAL(13,4).
    assertThat(eval(mul, b, true)).containsExactly(new BigDecimal("3.0100"));
  }

  @Test
  void negate_intMin_failsUnderAnsi() {
    Batch b = batch(column(INT, Integer.MIN_VALUE));
    UnaryOp neg = new UnaryOp(UnaryOperator.NEGATE, ref(0, INT));
    assertThatThrownBy(() -> eval(neg, b, true)).hasMessageContaining("integer overflow");
    assertThat(eval(neg, b, false)).containsExactly(Integer.MIN_VALUE);
  }

  @Test
  void bitwise_operatorsOnLongs() {
    Batch b = batch(column(LONG, 12L), column(LONG, 10L));
    assertThat(eval(op(BinaryOperator.BIT_AND, LONG), b, true)).containsExactly(8L);
    assertThat(eval(op(BinaryOperator.BIT_OR, LONG), b, true)).containsExactly(14L);
    assertThat(eval(op(BinaryOperator.BIT_XOR, LONG), b, true)).containsExactly(6L);
    assertThat(eval(new UnaryOp(UnaryOperator.BIT_NOT, ref(0, LONG)), b, true))
        .containsExactly(-13L);
  }

  @Test
  void evaluator_reusesOutputVectorAcrossBatches() {
    VectorEvaluator ev = ExprCompiler.compile(op(BinaryOperator.ADD, LONG), ctx(true));
    ColumnVector first = ev.eval(batch(column(LONG, 1L, null), column(LONG, 1L, 1L)));
    assertThat(first.isNullAt(1)).isTrue();
    ColumnVector second = ev.eval(batch(column(LONG, 2L, 3L), column(LONG, 2L, 3L)));
    assertThat(second).isSameAs(first);
    assertThat(Arrays.asList(second.getObject(0), second.getObject(1))).containsExactly(4L, 6L);
  }

  @Test
  void literalOnlySubtree_isFoldedOnceIntoConstant() {
    BinaryOp e = new BinaryOp(BinaryOperator.ADD, lit(2L, LONG), lit(3L, LONG));
    assertThat(ExprCompiler.compile(e, ctx(true))).isInstanceOf(ConstantEvaluator.class);
    assertThat(evalConstant(e, true)).isEqualTo(5L);
  }

  @Test
  void literalDivisionByZero_isNotFoldedSoEmptyBatchesDoNotFail() {
    BinaryOp e = new BinaryOp(BinaryOperator.DIVIDE, lit(1.0, DOUBLE), lit(0.0, DOUBLE));
    VectorEvaluator ev = ExprCompiler.compile(e, ctx(true));
    assertThat(ev).isNotInstanceOf(ConstantEvaluator.class);
    Batch empty = new Batch(new ColumnVector[0], 0);
    assertThat(ev.eval(empty)).isNotNull();
    assertThatThrownBy(() -> evalConstant(e, true)).hasMessageContaining("DIVIDE_BY_ZERO");
  }

  @Test
  void nullIntolerantOperator_skipsLaterArgumentWhereEarlierIsNull() {
    // NULL + (10 % y) with y = 0 is NULL, not a division error: Spark stops at the null.
    BinaryOp e =
        new BinaryOp(
            BinaryOperator.ADD,
            ref(0, INT),
            new BinaryOp(BinaryOperator.MOD, lit(10, INT), ref(1, INT)));
    Batch b = batch(column(INT, null, 1), column(INT, 0, 3));
    assertThat(eval(e, b, true)).containsExactly(null, 2);
  }

  @Test
  void comparison_skipsRightSideWhereLeftIsNull() {
    BinaryOp e =
        new BinaryOp(
            BinaryOperator.EQ,
            ref(0, INT),
            new BinaryOp(BinaryOperator.MOD, lit(10, INT), ref(1, INT)));
    Batch b = batch(column(INT, null, 1), column(INT, 0, 3));
    assertThat(eval(e, b, true)).containsExactly(null, true);
  }

  @Test
  void pmod_isNonNegativeForPositiveDivisor() {
    io.tideline.internal.expr.ScalarCall pmod =
        new io.tideline.internal.expr.ScalarCall(
            "pmod", java.util.List.of(ref(0, INT), ref(1, INT)), INT, true, java.util.List.of());
    Batch b = batch(column(INT, -7, 7, -7, null), column(INT, 3, 3, -3, 3));
    assertThat(eval(pmod, b, true)).containsExactly(2, 1, -1, null);
  }

  @Test
  void multiply_compactDecimals_roundsHalfUpToResultScale() {
    // DECIMAL(38,10) * DECIMAL(38,10) loses precision to DECIMAL(38,6), rounding HALF_UP.
    DataType d = DataTypes.createDecimalType(38, 10);
    DataType r = DataTypes.createDecimalType(38, 10);
    BinaryOp mul = new BinaryOp(BinaryOperator.MULTIPLY, ref(0, d), ref(1, r));
    Batch b =
        batch(
            column(
                d, new BigDecimal("1.2345"), new BigDecimal("-1.2345"), new BigDecimal("0.0001")),
            column(r, new BigDecimal("1.005"), new BigDecimal("1.005"), new BigDecimal("0.500")));
    // 1.2345 * 1.005 = 1.2406725 -> 1.240673; 0.0001 * 0.5 = 0.00005 -> 0.000050
    assertThat(eval(mul, b, true))
        .containsExactly(
            new BigDecimal("1.240673"), new BigDecimal("-1.240673"), new BigDecimal("0.000050"));
  }

  @Test
  void add_compactDecimalsOfDifferentScales_rescalesExactly() {
    DataType res = DataTypes.createDecimalType(12, 3);
    DataType other = DataTypes.createDecimalType(5, 1);
    BinaryOp add = new BinaryOp(BinaryOperator.ADD, ref(0, res), ref(1, other));
    Batch b =
        batch(
            column(res, new BigDecimal("1.001"), new BigDecimal("999999999.999")),
            column(other, new BigDecimal("2.5"), new BigDecimal("0.1")));
    // DECIMAL(12,3) + DECIMAL(5,1) is DECIMAL(13,3), so the larger sum still fits.
    assertThat(eval(add, b, false))
        .containsExactly(new BigDecimal("3.501"), new BigDecimal("1000000000.099"));
  }

  @Test
  void multiply_compactDecimalsOverflowingLong_givesTheExactWideResult() {
    // DECIMAL(18,0) * DECIMAL(18,0) is DECIMAL(37,0): the product leaves the long fast path.
    DataType d = DataTypes.createDecimalType(18, 0);
    BinaryOp mul = new BinaryOp(BinaryOperator.MULTIPLY, ref(0, d), ref(1, d));
    Batch b =
        batch(column(d, new BigDecimal("999999999999999999")), column(d, new BigDecimal("10")));
    assertThat(eval(mul, b, true)).containsExactly(new BigDecimal("9999999999999999990"));
  }

  @Test
  void multiply_decimalsPastThirtyEightDigits_failsUnderAnsiAndIsNullOtherwise() {
    DataType d = DataTypes.createDecimalType(38, 0);
    BinaryOp mul = new BinaryOp(BinaryOperator.MULTIPLY, ref(0, d), ref(1, d));
    Batch b =
        batch(
            column(d, new BigDecimal("10000000000000000000000000000000000000")),
            column(d, new BigDecimal("100")));
    assertThatThrownBy(() -> eval(mul, b, true)).hasMessageContaining("NUMERIC_VALUE_OUT_OF_RANGE");
    assertThat(eval(mul, b, false)).containsExactly((Object) null);
  }

  @Test
  void timestampPlusDayTimeInterval_addsMicroseconds() {
    DataType ts = DataTypes.TimestampType;
    DataType interval = DataTypes.DayTimeIntervalType;
    BinaryOp plus = new BinaryOp(BinaryOperator.ADD, ref(0, ts), ref(1, interval));
    Batch b =
        batch(
            column(ts, java.time.Instant.parse("2024-01-01T23:30:00Z")),
            column(interval, java.time.Duration.ofMinutes(45)));
    assertThat(eval(plus, b, true))
        .containsExactly(java.time.Instant.parse("2024-01-02T00:15:00Z"));
  }
}
