package io.tideline.internal.expr;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.internal.sql.SqlParser;
import io.tideline.types.DataTypes;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class LiteralSqlTest {

  private static String sql(Object value, io.tideline.types.DataType type) {
    return new Literal(value, type).sql();
  }

  @Test
  void numbers_printWithSparkSuffixes() {
    assertThat(Literal.of(5).sql()).isEqualTo("5");
    assertThat(Literal.of(-5L).sql()).isEqualTo("-5L");
    assertThat(sql(7, DataTypes.ShortType)).isEqualTo("7S");
    assertThat(sql(-7, DataTypes.ByteType)).isEqualTo("-7Y");
    assertThat(Literal.of(1.0).sql()).isEqualTo("1.0D");
    assertThat(sql(2.5f, DataTypes.FloatType)).isEqualTo("2.5F");
    assertThat(sql(new BigDecimal("1.50"), DataTypes.createDecimalType(3, 2))).isEqualTo("1.50BD");
  }

  @Test
  void decimal_widerThanItsDigits_printsACast() {
    String text = sql(new BigDecimal("1.50"), DataTypes.createDecimalType(10, 2));
    assertThat(text).isEqualTo("CAST(1.50BD AS DECIMAL(10,2))");
    assertThat(SqlParser.parseExpression(text))
        .isEqualTo(
            new Cast(
                new Literal(new BigDecimal("1.50"), DataTypes.createDecimalType(3, 2)),
                DataTypes.createDecimalType(10, 2)));
  }

  @Test
  void nanAndInfinity_printAsCastsOfStrings() {
    assertThat(Literal.of(Double.NaN).sql()).isEqualTo("CAST('NaN' AS DOUBLE)");
    assertThat(Literal.of(Double.NEGATIVE_INFINITY).sql()).isEqualTo("CAST('-Infinity' AS DOUBLE)");
    assertThat(sql(Float.POSITIVE_INFINITY, DataTypes.FloatType))
        .isEqualTo("CAST('Infinity' AS FLOAT)");
  }

  @Test
  void typedNull_printsACastOfNull() {
    assertThat(Literal.NULL.sql()).isEqualTo("NULL");
    assertThat(new Literal(null, DataTypes.IntegerType).sql()).isEqualTo("CAST(NULL AS INT)");
  }

  @Test
  void string_escapesQuoteAndBackslash() {
    assertThat(Literal.of("it's a \\ test").sql()).isEqualTo("'it\\'s a \\\\ test'");
  }

  @Test
  void dateAndTimestamp_printAsTypedLiteralsInUtc() {
    assertThat(sql(19723, DataTypes.DateType)).isEqualTo("DATE '2024-01-01'");
    assertThat(sql(1_704_067_200_000_000L, DataTypes.TimestampType))
        .isEqualTo("TIMESTAMP '2024-01-01 00:00:00Z'");
    assertThat(sql(-1L, DataTypes.TimestampType))
        .isEqualTo("TIMESTAMP '1969-12-31 23:59:59.999999Z'");
    assertThat(SqlParser.parseExpression("TIMESTAMP '1969-12-31 23:59:59.999999Z'"))
        .isEqualTo(new Cast(Literal.of("1969-12-31 23:59:59.999999Z"), DataTypes.TimestampType));
  }

  @Test
  void binary_printsHex() {
    assertThat(sql(new byte[] {0x0A, (byte) 0xFF}, DataTypes.BinaryType)).isEqualTo("X'0AFF'");
  }

  @Test
  void intervals_printInUnitToUnitForm() {
    assertThat(sql(93_600_000_001L, DataTypes.DayTimeIntervalType))
        .isEqualTo("INTERVAL '1 02:00:00.000001' DAY TO SECOND");
    assertThat(sql(Long.MIN_VALUE, DataTypes.DayTimeIntervalType))
        .isEqualTo("INTERVAL '-106751991 04:00:54.775808' DAY TO SECOND");
    assertThat(sql(-14, DataTypes.YearMonthIntervalType))
        .isEqualTo("INTERVAL '-1-2' YEAR TO MONTH");
  }

  @Test
  void negatedNumber_keepsParenthesesSoItIsNotReadAsANegativeLiteral() {
    Expr e = new UnaryOp(UnaryOperator.NEGATE, Literal.of(5));
    assertThat(e.sql()).isEqualTo("(- (5))");
    assertThat(SqlParser.parseExpression(e.sql())).isEqualTo(e);
  }

  @Test
  void reservedWords_areQuotedAsNames() {
    assertThat(UnresolvedColumn.of("window", "end").sql()).isEqualTo("window.`end`");
    assertThat(new UnresolvedFunction("cast", java.util.List.of(Literal.of(1)), false).sql())
        .isEqualTo("`cast`(1)");
    assertThat(new Alias(Literal.of(1), "select").sql()).isEqualTo("1 AS select");
  }
}
