package io.tideline.internal.eval;

import static io.tideline.internal.eval.EvalTesting.batch;
import static io.tideline.internal.eval.EvalTesting.column;
import static io.tideline.internal.eval.EvalTesting.ctx;
import static io.tideline.internal.eval.EvalTesting.eval;
import static io.tideline.internal.eval.EvalTesting.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.Row;
import io.tideline.internal.errors.ExecutionException;
import io.tideline.internal.expr.Cast;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CastTest {
  private static final DataType STRING = DataTypes.StringType;
  private static final DataType INT = DataTypes.IntegerType;
  private static final DataType LONG = DataTypes.LongType;
  private static final DataType DOUBLE = DataTypes.DoubleType;

  private static List<Object> cast(DataType from, DataType to, boolean ansi, Object... values) {
    return eval(new Cast(ref(0, from), to), batch(column(from, values)), ansi);
  }

  private static List<Object> tryCast(DataType from, DataType to, boolean ansi, Object... values) {
    return eval(new Cast(ref(0, from), to, true, false), batch(column(from, values)), ansi);
  }

  @Test
  void cast_stringToInt_trimsWhitespaceAndTruncatesFractionWithAnsiOff() {
    assertThat(cast(STRING, INT, false, "  42\t", "1.9", "-4.56", "+7", null))
        .containsExactly(42, 1, -4, 7, null);
    assertThat(cast(STRING, INT, true, "  42\t", "+7", null)).containsExactly(42, 7, null);
  }

  @Test
  void cast_stringWithFractionToInt_isMalformedUnderAnsi() {
    assertThatThrownBy(() -> cast(STRING, INT, true, "3.0"))
        .hasMessageStartingWith("[CAST_INVALID_INPUT] The value '3.0' of the type \"STRING\"");
  }

  @Test
  void cast_stringToInt_invalidInputFailsUnderAnsi() {
    assertThatThrownBy(() -> cast(STRING, INT, true, "abc"))
        .isInstanceOf(ExecutionException.class)
        .hasMessageStartingWith(
            "[CAST_INVALID_INPUT] The value 'abc' of the type \"STRING\" cannot be cast to \"INT\""
                + " because it is malformed. Correct the value as per the syntax, or change its"
                + " target type. Use try_cast to tolerate malformed input and return NULL"
                + " instead.")
        .hasMessageContaining("CAST(input[0] AS INT)");
  }

  @Test
  void cast_stringToInt_invalidOrOutOfRangeIsNullWithoutAnsi() {
    assertThat(cast(STRING, INT, false, "abc", "", "1234567890123", "1e3"))
        .containsExactly(null, null, null, null);
  }

  @Test
  void cast_stringToBigint_acceptsExtremes() {
    assertThat(cast(STRING, LONG, true, "-9223372036854775808", "9223372036854775807"))
        .containsExactly(Long.MIN_VALUE, Long.MAX_VALUE);
    assertThat(cast(STRING, LONG, false, "9223372036854775808", "-9223372036854775809"))
        .containsExactly(null, null);
  }

  @Test
  void tryCast_invalidInput_isNullEvenUnderAnsi() {
    assertThat(tryCast(STRING, INT, true, "abc", "12")).containsExactly(null, 12);
    assertThat(tryCast(INT, DataTypes.ByteType, false, 300)).containsExactly((Object) null);
  }

  @Test
  void cast_intToTinyint_overflowFailsUnderAnsiAndWrapsOtherwise() {
    assertThatThrownBy(() -> cast(INT, DataTypes.ByteType, true, 128))
        .satisfies(
            e -> assertThat(((ExecutionException) e).getCondition()).isEqualTo("CAST_OVERFLOW"))
        .hasMessageContaining(
            "The value 128 of the type \"INT\" cannot be cast to \"TINYINT\" due to an overflow.");
    assertThat(cast(INT, DataTypes.ByteType, false, 128, -129))
        .containsExactly((byte) -128, (byte) 127);
  }

  @Test
  void cast_bigintToInt_printsBigintLiteralInOverflow() {
    assertThatThrownBy(() -> cast(LONG, INT, true, 2147483648L))
        .hasMessageContaining("The value 2147483648L of the type \"BIGINT\"");
  }

  @Test
  void cast_doubleToInt_ansiOverflowAndLegacySaturation() {
    assertThatThrownBy(() -> cast(DOUBLE, INT, true, 1.0e10))
        .hasMessageContaining("The value 1.0E10D of the type \"DOUBLE\"");
    assertThatThrownBy(() -> cast(DOUBLE, INT, true, Double.NaN))
        .hasMessageContaining("CAST_OVERFLOW");
    assertThat(cast(DOUBLE, INT, false, 1.0e10, Double.NaN, -1.9, 1.9))
        .containsExactly(Integer.MAX_VALUE, 0, -1, 1);
  }

  @Test
  void cast_doubleToDecimal_roundsHalfUpOnDecimalForm() {
    DataType d = DataTypes.createDecimalType(4, 2);
    assertThat(cast(DOUBLE, d, true, 2.675, 3.14159, -0.005))
        .containsExactly(new BigDecimal("2.68"), new BigDecimal("3.14"), new BigDecimal("-0.01"));
  }

  @Test
  void cast_decimalToNarrowerDecimal_overflowFailsUnderAnsiAndIsNullOtherwise() {
    DataType from = DataTypes.createDecimalType(10, 2);
    DataType to = DataTypes.createDecimalType(4, 1);
    assertThat(cast(from, to, true, new BigDecimal("123.45")))
        .containsExactly(new BigDecimal("123.5"));
    assertThatThrownBy(() -> cast(from, to, true, new BigDecimal("12345.60")))
        .hasMessageContaining("[NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION]")
        .hasMessageContaining("Decimal(4, 1)");
    assertThat(cast(from, to, false, new BigDecimal("12345.60"))).containsExactly((Object) null);
  }

  @Test
  void cast_decimalWidening_rescalesExactly() {
    DataType from = DataTypes.createDecimalType(5, 2);
    DataType to = DataTypes.createDecimalType(10, 4);
    assertThat(cast(from, to, true, new BigDecimal("-123.45"), null))
        .containsExactly(new BigDecimal("-123.4500"), null);
  }

  @Test
  void cast_decimalToInt_truncatesTowardZero() {
    DataType d = DataTypes.createDecimalType(5, 2);
    assertThat(cast(d, INT, true, new BigDecimal("9.99"), new BigDecimal("-9.99")))
        .containsExactly(9, -9);
  }

  @Test
  void cast_stringToDecimal_parsesExponentAndRounds() {
    DataType d = DataTypes.createDecimalType(10, 2);
    assertThat(cast(STRING, d, true, " 12.345 ", "1e3", "-0.004"))
        .containsExactly(
            new BigDecimal("12.35"), new BigDecimal("1000.00"), new BigDecimal("0.00"));
    assertThat(cast(STRING, d, false, "1.2.3")).containsExactly((Object) null);
  }

  @Test
  void cast_stringToDouble_acceptsSpecialLiteralsAndRejectsJavaSuffixes() {
    assertThat(cast(STRING, DOUBLE, true, " 2.5 ", "inf", "-Infinity", "NaN", "1e-3"))
        .containsExactly(
            2.5, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 0.001);
    assertThat(cast(STRING, DOUBLE, false, "1.5d", "0x10", "")).containsExactly(null, null, null);
    assertThatThrownBy(() -> cast(STRING, DOUBLE, true, "1.5f"))
        .hasMessageContaining("CAST_INVALID_INPUT");
  }

  @Test
  void cast_stringToBoolean_acceptsSparkSpellings() {
    assertThat(cast(STRING, DataTypes.BooleanType, true, " YES ", "t", "0", "False", "n"))
        .containsExactly(true, true, false, false, false);
    assertThatThrownBy(() -> cast(STRING, DataTypes.BooleanType, true, "maybe"))
        .hasMessageContaining("cannot be cast to \"BOOLEAN\"");
    assertThat(cast(STRING, DataTypes.BooleanType, false, "maybe")).containsExactly((Object) null);
  }

  @Test
  void cast_booleanAndNumbers_convertBothWays() {
    assertThat(cast(DataTypes.BooleanType, INT, true, true, false)).containsExactly(1, 0);
    assertThat(cast(INT, DataTypes.BooleanType, true, 0, 5, -1)).containsExactly(false, true, true);
  }

  @Test
  void cast_numbersToString_asSparkPrintsThem() {
    assertThat(cast(INT, STRING, true, 123, -5, null)).containsExactly("123", "-5", null);
    assertThat(cast(LONG, STRING, true, Long.MIN_VALUE)).containsExactly("-9223372036854775808");
    assertThat(cast(DOUBLE, STRING, true, 1.0e10, 0.1, Double.NaN))
        .containsExactly("1.0E10", "0.1", "NaN");
    assertThat(cast(DataTypes.createDecimalType(5, 2), STRING, true, new BigDecimal("1.50")))
        .containsExactly("1.50");
    assertThat(cast(DataTypes.BooleanType, STRING, true, true)).containsExactly("true");
  }

  @Test
  void cast_nestedTypesToString_usesSparkBraces() {
    StructType st = new StructType().add("a", INT).add("b", STRING).add("c", INT);
    assertThat(cast(st, STRING, true, Row.of(1, "a", null))).containsExactly("{1, a, null}");
    DataType arr = DataTypes.createArrayType(INT);
    assertThat(cast(arr, STRING, true, Arrays.asList(1, null, 3), List.of()))
        .containsExactly("[1, null, 3]", "[]");
    DataType map = DataTypes.createMapType(STRING, INT);
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("a", 1);
    m.put("b", null);
    assertThat(cast(map, STRING, true, m)).containsExactly("{a -> 1, b -> null}");
    DataType nested = DataTypes.createArrayType(new StructType().add("x", arr));
    assertThat(cast(nested, STRING, true, List.of(Row.of(List.of(1, 2)))))
        .containsExactly("[{[1, 2]}]");
  }

  @Test
  void cast_binaryToString_sharesBytesWithoutCopy() {
    ColumnVector bin =
        column(
            DataTypes.BinaryType, "héllo".getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
    Batch b = batch(bin);
    ColumnVector out =
        ExprCompiler.compile(new Cast(ref(0, DataTypes.BinaryType), STRING), ctx(true)).eval(b);
    assertThat(((BytesVector) out).data()).isSameAs(((BytesVector) bin).data());
    assertThat(EvalTesting.liveValues(out, b)).containsExactly("héllo", null);
    ColumnVector back =
        ExprCompiler.compile(new Cast(ref(0, STRING), DataTypes.BinaryType), ctx(true))
            .eval(batch(out));
    assertThat((byte[]) back.getObject(0))
        .isEqualTo("héllo".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void cast_dateToTimestamp_usesSessionZone() {
    LocalDate day = LocalDate.of(2024, 1, 1);
    Batch b = batch(column(DataTypes.DateType, day));
    Cast c = new Cast(ref(0, DataTypes.DateType), DataTypes.TimestampType);
    assertThat(eval(c, b, ctx(true))).containsExactly(Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(eval(c, b, ctx(true, ZoneId.of("America/Los_Angeles"))))
        .containsExactly(Instant.parse("2024-01-01T08:00:00Z"));
  }

  @Test
  void cast_timestampToDate_usesSessionZone() {
    Batch b = batch(column(DataTypes.TimestampType, Instant.parse("2024-01-01T05:00:00Z")));
    Cast c = new Cast(ref(0, DataTypes.TimestampType), DataTypes.DateType);
    assertThat(eval(c, b, ctx(true))).containsExactly(LocalDate.of(2024, 1, 1));
    assertThat(eval(c, b, ctx(true, ZoneId.of("America/Los_Angeles"))))
        .containsExactly(LocalDate.of(2023, 12, 31));
  }

  @Test
  void cast_timestampAndNumbers_convertInSeconds() {
    DataType ts = DataTypes.TimestampType;
    assertThat(
            cast(
                ts,
                LONG,
                true,
                Instant.parse("1970-01-01T00:00:01.5Z"),
                Instant.ofEpochSecond(0, -1000)))
        .containsExactly(1L, -1L);
    assertThat(cast(ts, DOUBLE, true, Instant.parse("1970-01-01T00:00:01.5Z")))
        .containsExactly(1.5);
    assertThat(cast(LONG, ts, true, 86400L)).containsExactly(Instant.parse("1970-01-02T00:00:00Z"));
    assertThat(cast(DOUBLE, ts, true, 1.25, Double.NaN))
        .containsExactly(Instant.parse("1970-01-01T00:00:01.25Z"), null);
  }

  @Test
  void cast_bigintSecondsToTimestamp_saturatesInBothModes() {
    DataType ts = DataTypes.TimestampType;
    for (boolean ansi : new boolean[] {true, false}) {
      assertThat(cast(LONG, ts, ansi, Long.MAX_VALUE, Long.MIN_VALUE))
          .containsExactly(
              Instant.EPOCH.plus(Long.MAX_VALUE, java.time.temporal.ChronoUnit.MICROS),
              Instant.EPOCH.plus(Long.MIN_VALUE, java.time.temporal.ChronoUnit.MICROS));
    }
  }

  @Test
  void cast_doubleSecondsBeyondTimestampRange_overflowsUnderAnsiOnly() {
    DataType ts = DataTypes.TimestampType;
    assertThatThrownBy(() -> cast(DOUBLE, ts, true, 1e300))
        .hasMessageStartingWith("[CAST_OVERFLOW] The value 1.0E306D of the type \"DOUBLE\"")
        .hasMessageContaining("\"BIGINT\"");
    assertThat(cast(DOUBLE, ts, false, 1e300))
        .containsExactly(Instant.EPOCH.plus(Long.MAX_VALUE, java.time.temporal.ChronoUnit.MICROS));
  }

  @Test
  void cast_nullLiteral_givesTypedNulls() {
    Cast c = new Cast(EvalTesting.lit(null, DataTypes.NullType), INT);
    assertThat(EvalTesting.evalConstant(c, true)).isNull();
  }

  @Test
  void cast_withSelectionAndReusedOutput_onlyTouchesLiveRows() {
    VectorEvaluator ev = ExprCompiler.compile(new Cast(ref(0, STRING), INT), ctx(true));
    Batch first = batch(column(STRING, "bad", "2", "3")).withSelection(new int[] {1, 2}, 2);
    assertThat(EvalTesting.liveValues(ev.eval(first), first)).containsExactly(2, 3);
    Batch second = batch(column(STRING, null, "5"));
    assertThat(EvalTesting.liveValues(ev.eval(second), second)).containsExactly(null, 5);
  }

  @Test
  void cast_structToStruct_castsEachFieldAndKeepsStructNulls() {
    StructType from = new StructType().add("a", STRING).add("b", INT);
    StructType to = new StructType().add("x", INT).add("y", INT);
    assertThat(cast(from, to, false, Row.of("12", 3), null, Row.of("bad", null)))
        .containsExactly(Row.of(12, 3), null, Row.of(null, null));
    assertThatThrownBy(() -> cast(from, to, true, Row.of("bad", 1)))
        .hasMessageContaining("CAST_INVALID_INPUT");
  }

  @Test
  void cast_nullStructWithGarbageFields_doesNotFailUnderAnsi() {
    StructType from = new StructType().add("a", STRING);
    StructType to = new StructType().add("a", INT);
    io.tideline.internal.vector.StructVector s =
        new io.tideline.internal.vector.StructVector(
            from, new ColumnVector[] {column(STRING, "bad", "7")}, 2);
    s.setNull(0);
    assertThat(eval(new Cast(ref(0, from), to), batch(s), true)).containsExactly(null, Row.of(7));
  }

  @Test
  void cast_arrayToArray_castsElementsAndKeepsNulls() {
    DataType from = DataTypes.createArrayType(STRING);
    DataType to = DataTypes.createArrayType(INT);
    Batch b = batch(column(from, Arrays.asList("1", null, " 3 "), null, List.of(), List.of("x")));
    assertThat(eval(new Cast(ref(0, from), to), b.withSelection(new int[] {0, 1, 2}, 3), true))
        .containsExactly(Arrays.asList(1, null, 3), null, List.of());
    assertThat(eval(new Cast(ref(0, from), to), b, false))
        .containsExactly(Arrays.asList(1, null, 3), null, List.of(), Arrays.asList((Object) null));
    assertThatThrownBy(() -> eval(new Cast(ref(0, from), to), b, true))
        .hasMessageContaining("The value 'x'");
  }

  @Test
  void cast_compactDecimalToNumbers_truncatesAndDividesLikeSpark() {
    DataType d = DataTypes.createDecimalType(18, 2);
    assertThat(cast(d, LONG, true, new BigDecimal("-12.99"), new BigDecimal("12.99")))
        .containsExactly(-12L, 12L);
    assertThat(cast(d, DOUBLE, true, new BigDecimal("0.10"))).containsExactly(0.1);
    assertThat(cast(d, DataTypes.BooleanType, true, new BigDecimal("0.00"))).containsExactly(false);
    assertThatThrownBy(() -> cast(d, DataTypes.ByteType, true, new BigDecimal("128.00")))
        .hasMessageContaining("The value 128.00BD of the type \"DECIMAL(18,2)\"");
    assertThat(cast(d, DataTypes.ByteType, false, new BigDecimal("128.00")))
        .containsExactly((byte) -128);
  }

  @Test
  void cast_mapToMap_castsKeysAndValues() {
    DataType from = DataTypes.createMapType(STRING, STRING);
    DataType to = DataTypes.createMapType(INT, DOUBLE);
    Map<String, String> m = new LinkedHashMap<>();
    m.put("1", "2.5");
    m.put("2", null);
    Map<Integer, Double> expected = new LinkedHashMap<>();
    expected.put(1, 2.5);
    expected.put(2, null);
    assertThat(cast(from, to, true, m, null)).containsExactly(expected, null);
  }
}
