package io.tideline.internal.expr;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.DecimalType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TypeRulesTest {

  private static Attribute col(DataType t) {
    return new Attribute("c", t, false);
  }

  private static DecimalType dec(int p, int s) {
    return DataTypes.createDecimalType(p, s);
  }

  /** Spark's DecimalPrecision table, worked by hand from its formulas (allowPrecisionLoss). */
  @ParameterizedTest(name = "decimal({1},{2}) {0} decimal({3},{4}) = decimal({5},{6})")
  @CsvSource({
    "ADD, 10, 2, 5, 3, 12, 3",
    "SUBTRACT, 10, 2, 5, 3, 12, 3",
    "MULTIPLY, 10, 2, 5, 3, 16, 5",
    "DIVIDE, 10, 2, 5, 3, 19, 8",
    "MOD, 10, 2, 5, 3, 5, 3",
    "DIVIDE, 10, 0, 10, 0, 21, 11",
    "MULTIPLY, 10, 0, 10, 0, 21, 0",
    "ADD, 38, 10, 38, 10, 38, 9",
    "MULTIPLY, 38, 10, 38, 10, 38, 6",
    "DIVIDE, 38, 18, 38, 18, 38, 6",
    "ADD, 1, 0, 5, 2, 6, 2",
    "MULTIPLY, 20, 2, 20, 2, 38, 4",
    "DIVIDE, 5, 2, 10, 4, 20, 13",
  })
  void binaryResultType_decimalOperands_followsSparkDecimalPrecision(
      BinaryOperator op, int p1, int s1, int p2, int s2, int p, int s) {
    BinaryOp e = new BinaryOp(op, col(dec(p1, s1)), col(dec(p2, s2)));
    assertThat(e.dataType()).isEqualTo(dec(p, s));
  }

  @Test
  void binaryResultType_intDivideOfDecimals_isBigint() {
    BinaryOp e = new BinaryOp(BinaryOperator.INT_DIVIDE, col(dec(10, 2)), col(dec(5, 3)));
    assertThat(e.dataType()).isEqualTo(DataTypes.LongType);
  }

  @Test
  void binaryResultType_divideOfIntegers_isDouble() {
    BinaryOp e =
        new BinaryOp(BinaryOperator.DIVIDE, col(DataTypes.IntegerType), col(DataTypes.IntegerType));
    assertThat(e.dataType()).isEqualTo(DataTypes.DoubleType);
  }

  @Test
  void binaryResultType_datetimeArithmetic_givesSparkTypes() {
    Attribute date = col(DataTypes.DateType);
    Attribute ts = col(DataTypes.TimestampType);
    Attribute dt = col(DataTypes.DayTimeIntervalType);
    Attribute ym = col(DataTypes.YearMonthIntervalType);
    assertThat(new BinaryOp(BinaryOperator.ADD, ts, dt).dataType())
        .isEqualTo(DataTypes.TimestampType);
    assertThat(new BinaryOp(BinaryOperator.ADD, dt, ts).dataType())
        .isEqualTo(DataTypes.TimestampType);
    assertThat(new BinaryOp(BinaryOperator.SUBTRACT, date, ym).dataType())
        .isEqualTo(DataTypes.DateType);
    assertThat(new BinaryOp(BinaryOperator.SUBTRACT, ts, ts).dataType())
        .isEqualTo(DataTypes.DayTimeIntervalType);
    assertThat(new BinaryOp(BinaryOperator.SUBTRACT, date, date).dataType())
        .isEqualTo(DataTypes.DayTimeIntervalType);
    assertThat(new BinaryOp(BinaryOperator.MULTIPLY, col(DataTypes.IntegerType), ym).dataType())
        .isEqualTo(DataTypes.YearMonthIntervalType);
  }

  @Test
  void binaryResultType_concatOfBinaries_isBinary() {
    assertThat(
            new BinaryOp(
                    BinaryOperator.CONCAT, col(DataTypes.BinaryType), col(DataTypes.BinaryType))
                .dataType())
        .isEqualTo(DataTypes.BinaryType);
    assertThat(
            new BinaryOp(
                    BinaryOperator.CONCAT, col(DataTypes.StringType), col(DataTypes.StringType))
                .dataType())
        .isEqualTo(DataTypes.StringType);
  }

  @Test
  void binaryNullable_divisionIsAlwaysNullable_additionFollowsOperands() {
    Attribute a = col(DataTypes.IntegerType);
    assertThat(new BinaryOp(BinaryOperator.ADD, a, a).nullable()).isFalse();
    assertThat(new BinaryOp(BinaryOperator.DIVIDE, a, a).nullable()).isTrue();
    assertThat(
            new BinaryOp(
                    BinaryOperator.EQ_NULL_SAFE, a, new Attribute("n", DataTypes.IntegerType, true))
                .nullable())
        .isFalse();
  }

  @Test
  void castNullable_followsSparkForceNullable() {
    Attribute s = col(DataTypes.StringType);
    Attribute i = col(DataTypes.IntegerType);
    Attribute d = col(DataTypes.DoubleType);
    assertThat(new Cast(s, DataTypes.IntegerType).nullable()).isTrue();
    assertThat(new Cast(i, DataTypes.LongType).nullable()).isFalse();
    assertThat(new Cast(i, DataTypes.StringType).nullable()).isFalse();
    assertThat(new Cast(d, DataTypes.IntegerType).nullable()).isTrue();
    assertThat(new Cast(i, dec(10, 0)).nullable()).isFalse();
    assertThat(new Cast(i, dec(5, 0)).nullable()).isTrue();
    assertThat(new Cast(col(DataTypes.TimestampType), DataTypes.DateType).nullable()).isFalse();
    assertThat(new Cast(s, DataTypes.BinaryType).nullable()).isFalse();
  }

  @Test
  void adjustPrecisionScale_keepsIntegralDigitsAndAtLeastSixScale() {
    assertThat(TypeRules.adjustPrecisionScale(40, 20)).isEqualTo(dec(38, 18));
    assertThat(TypeRules.adjustPrecisionScale(50, 4)).isEqualTo(dec(38, 4));
    assertThat(TypeRules.adjustPrecisionScale(60, 30)).isEqualTo(dec(38, 8));
  }

  @Test
  void decimalForType_matchesSparkForType() {
    assertThat(TypeRules.decimalForType(DataTypes.ByteType)).isEqualTo(dec(3, 0));
    assertThat(TypeRules.decimalForType(DataTypes.IntegerType)).isEqualTo(dec(10, 0));
    assertThat(TypeRules.decimalForType(DataTypes.LongType)).isEqualTo(dec(20, 0));
    assertThat(TypeRules.decimalForType(DataTypes.DoubleType)).isEqualTo(dec(30, 15));
  }
}
