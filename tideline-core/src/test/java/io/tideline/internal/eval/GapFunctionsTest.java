package io.tideline.internal.eval;

import static io.tideline.internal.eval.EvalTesting.batch;
import static io.tideline.internal.eval.EvalTesting.column;
import static io.tideline.internal.eval.EvalTesting.eval;
import static io.tideline.internal.eval.EvalTesting.lit;
import static io.tideline.internal.eval.EvalTesting.ref;
import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.ScalarCall;
import io.tideline.internal.vector.Batch;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The string, math, conditional and date functions added to close conformance gaps. */
class GapFunctionsTest {
  private static final DataType STRING = DataTypes.StringType;
  private static final DataType INT = DataTypes.IntegerType;
  private static final DataType DOUBLE = DataTypes.DoubleType;
  private static final DataType DATE = DataTypes.DateType;
  private static final DataType BOOL = DataTypes.BooleanType;

  private static ScalarCall call(String name, DataType type, Expr... args) {
    return new ScalarCall(name, List.of(args), type, true, List.of());
  }

  private static List<Object> strings(String name, DataType type, Object[] values, Expr... rest) {
    Expr[] args = new Expr[rest.length + 1];
    args[0] = ref(0, STRING);
    System.arraycopy(rest, 0, args, 1, rest.length);
    return eval(call(name, type, args), batch(column(STRING, values)), true);
  }

  private static List<Object> dates(String name, DataType type, Expr... rest) {
    Batch d =
        batch(
            column(
                DATE,
                LocalDate.of(2024, 2, 29),
                LocalDate.of(2021, 1, 3),
                LocalDate.of(2023, 12, 31),
                null));
    Expr[] args = new Expr[rest.length + 1];
    args[0] = ref(0, DATE);
    System.arraycopy(rest, 0, args, 1, rest.length);
    return eval(call(name, type, args), d, true);
  }

  @Test
  void startsWithContainsEndsWith_compareBytes() {
    Object[] v = {"Spark SQL", "", null, "héllo"};
    assertThat(strings("startswith", BOOL, v, lit("Sp", STRING)))
        .containsExactly(true, false, null, false);
    assertThat(strings("endswith", BOOL, v, lit("SQL", STRING)))
        .containsExactly(true, false, null, false);
    assertThat(strings("contains", BOOL, v, lit("é", STRING)))
        .containsExactly(false, false, null, true);
    assertThat(strings("contains", BOOL, v, lit("", STRING)))
        .containsExactly(true, true, null, true);
    assertThat(strings("startswith", BOOL, v, lit(null, STRING)))
        .containsExactly(null, null, null, null);
  }

  @Test
  void octetLength_countsUtf8Bytes() {
    assertThat(strings("octet_length", INT, new Object[] {"abc", "é😀", "", null}))
        .containsExactly(3, 6, 0, null);
  }

  @Test
  void initcap_titleCasesAfterSpacesOnly() {
    assertThat(
            strings(
                "initcap",
                STRING,
                new Object[] {"hello WORLD", "a-b c_d", "  x", "élan vital", "", null}))
        .containsExactly("Hello World", "A-b C_d", "  X", "Élan Vital", "", null);
  }

  @Test
  void reverse_keepsMultiByteCharactersWhole() {
    assertThat(strings("reverse", STRING, new Object[] {"abc", "héllo😀", "", null}))
        .containsExactly("cba", "😀olléh", "", null);
  }

  @Test
  void repeat_emptyForNonPositiveCounts() {
    Object[] v = {"ab", "é", null};
    assertThat(strings("repeat", STRING, v, lit(3, INT))).containsExactly("ababab", "ééé", null);
    assertThat(strings("repeat", STRING, v, lit(0, INT))).containsExactly("", "", null);
    assertThat(strings("repeat", STRING, v, lit(-2, INT))).containsExactly("", "", null);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> strings("repeat", STRING, v, lit(Integer.MAX_VALUE, INT)))
        .hasMessageStartingWith("[STRING_RESULT_TOO_LONG]");
  }

  @Test
  void translate_replacesDeletesAndKeepsFirstMapping() {
    Object[] v = {"AaBbCc", "abcabc", null};
    assertThat(strings("translate", STRING, v, lit("abc", STRING), lit("xyz", STRING)))
        .containsExactly("AxByCz", "xyzxyz", null);
    assertThat(strings("translate", STRING, v, lit("abc", STRING), lit("x", STRING)))
        .containsExactly("AxBC", "xx", null);
    assertThat(strings("translate", STRING, v, lit("aab", STRING), lit("123", STRING)))
        .containsExactly("A1B3Cc", "13c13c", null);
  }

  @Test
  void leftRight_followSparkReplacements() {
    Object[] v = {"Spark", "é", null};
    assertThat(strings("left", STRING, v, lit(3, INT))).containsExactly("Spa", "é", null);
    assertThat(strings("right", STRING, v, lit(3, INT))).containsExactly("ark", "é", null);
    assertThat(strings("left", STRING, v, lit(0, INT))).containsExactly("", "", null);
    assertThat(strings("right", STRING, v, lit(-1, INT))).containsExactly("", "", null);
    assertThat(strings("right", STRING, v, lit(null, INT))).containsExactly(null, null, null);
  }

  @Test
  void log10AndSignum() {
    Batch b = batch(column(DOUBLE, 100.0, 0.0, -5.0, null, Double.NaN));
    assertThat(eval(call("log10", DOUBLE, ref(0, DOUBLE)), b, true))
        .containsExactly(2.0, null, null, null, Double.NaN);
    assertThat(eval(call("signum", DOUBLE, ref(0, DOUBLE)), b, true))
        .containsExactly(1.0, 0.0, -1.0, null, Double.NaN);
  }

  @Test
  void tryDivide_nullForZeroEvenUnderAnsi() {
    Batch b = batch(column(DOUBLE, 6.0, 1.0, null), column(DOUBLE, 3.0, 0.0, 1.0));
    assertThat(eval(call("try_divide", DOUBLE, ref(0, DOUBLE), ref(1, DOUBLE)), b, true))
        .containsExactly(2.0, null, null);
  }

  @Test
  void nvl2_picksBranchByNullness() {
    Batch b = batch(column(STRING, "a", null));
    assertThat(eval(call("nvl2", INT, ref(0, STRING), lit(1, INT), lit(0, INT)), b, true))
        .containsExactly(1, 0);
  }

  @Test
  void calendarFieldsOfDates() {
    assertThat(dates("dayofweek", INT)).containsExactly(5, 1, 1, null);
    assertThat(dates("quarter", INT)).containsExactly(1, 1, 4, null);
    assertThat(dates("weekofyear", INT)).containsExactly(9, 53, 52, null);
    assertThat(dates("last_day", DATE))
        .containsExactly(
            LocalDate.of(2024, 2, 29), LocalDate.of(2021, 1, 31), LocalDate.of(2023, 12, 31), null);
  }

  @Test
  void addMonths_clampsToTheEndOfShorterMonths() {
    assertThat(dates("add_months", DATE, lit(1, INT)))
        .containsExactly(
            LocalDate.of(2024, 3, 29), LocalDate.of(2021, 2, 3), LocalDate.of(2024, 1, 31), null);
    assertThat(dates("add_months", DATE, lit(-10, INT)).get(2))
        .isEqualTo(LocalDate.of(2023, 2, 28));
  }

  @Test
  void truncDate_cutsToYearQuarterMonthWeek_nullForUnknownFormats() {
    assertThat(dates("trunc", DATE, lit("MM", STRING)).get(0)).isEqualTo(LocalDate.of(2024, 2, 1));
    assertThat(dates("trunc", DATE, lit("year", STRING)).get(0))
        .isEqualTo(LocalDate.of(2024, 1, 1));
    assertThat(dates("trunc", DATE, lit("QUARTER", STRING)).get(2))
        .isEqualTo(LocalDate.of(2023, 10, 1));
    assertThat(dates("trunc", DATE, lit("week", STRING)).get(1))
        .isEqualTo(LocalDate.of(2020, 12, 28));
    assertThat(dates("trunc", DATE, lit("DD", STRING))).containsExactly(null, null, null, null);
    Batch perRow =
        batch(
            column(DATE, LocalDate.of(2024, 5, 17), LocalDate.of(2024, 5, 17)),
            column(STRING, "MON", "hour"));
    assertThat(eval(call("trunc", DATE, ref(0, DATE), ref(1, STRING)), perRow, true))
        .containsExactly(LocalDate.of(2024, 5, 1), null);
  }

  @Test
  void makeDate_nullOrErrorForFieldsThatNameNoDate() {
    Batch b =
        batch(
            column(INT, 2024, 2024, 2024, null),
            column(INT, 2, 2, 13, 1),
            column(INT, 29, 30, 1, 1));
    ScalarCall make = call("make_date", DATE, ref(0, INT), ref(1, INT), ref(2, INT));
    assertThat(eval(make, b, false)).containsExactly(LocalDate.of(2024, 2, 29), null, null, null);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> eval(make, b, true))
        .hasMessageStartingWith("[DATETIME_FIELD_OUT_OF_BOUNDS.WITH_SUGGESTION]")
        .hasMessageContaining("Invalid date 'FEBRUARY 30'");
  }

  @Test
  void dateTrunc_cutsInTheSessionZone() {
    DataType ts = DataTypes.TimestampType;
    Batch b =
        batch(
            column(
                ts,
                java.time.Instant.parse("2024-05-17T10:34:56.789123Z"),
                java.time.Instant.parse("1969-12-31T23:59:59.999999Z")));
    java.util.function.Function<String, List<Object>> trunc =
        f -> eval(call("date_trunc", ts, lit(f, STRING), ref(0, ts)), b, true);
    assertThat(trunc.apply("HOUR"))
        .containsExactly(
            java.time.Instant.parse("2024-05-17T10:00:00Z"),
            java.time.Instant.parse("1969-12-31T23:00:00Z"));
    assertThat(trunc.apply("MILLISECOND").get(0))
        .isEqualTo(java.time.Instant.parse("2024-05-17T10:34:56.789Z"));
    assertThat(trunc.apply("week").get(0))
        .isEqualTo(java.time.Instant.parse("2024-05-13T00:00:00Z"));
    assertThat(trunc.apply("QUARTER").get(1))
        .isEqualTo(java.time.Instant.parse("1969-10-01T00:00:00Z"));
    assertThat(trunc.apply("nonsense")).containsExactly(null, null);
    EvalContext kolkata = EvalTesting.ctx(true, java.time.ZoneId.of("Asia/Kolkata"));
    assertThat(eval(call("date_trunc", ts, lit("DAY", STRING), ref(0, ts)), b, kolkata).get(0))
        .isEqualTo(java.time.Instant.parse("2024-05-16T18:30:00Z"));
    assertThat(eval(call("date_trunc", ts, lit("HOUR", STRING), ref(0, ts)), b, kolkata).get(0))
        .isEqualTo(java.time.Instant.parse("2024-05-17T10:30:00Z"));
  }

  @Test
  void tryAdd_nullOnOverflowEvenUnderAnsi() {
    DataType longType = DataTypes.LongType;
    Batch b = batch(column(longType, Long.MAX_VALUE, -1L, Long.MIN_VALUE, null));
    assertThat(eval(call("try_add", longType, ref(0, longType), lit(1L, longType)), b, true))
        .containsExactly(null, 0L, Long.MIN_VALUE + 1, null);
    DataType shortType = DataTypes.ShortType;
    Batch s = batch(column(shortType, (short) 32000, (short) -32000));
    assertThat(
            eval(
                call("try_add", shortType, ref(0, shortType), lit((short) 1000, shortType)),
                s,
                true))
        .containsExactly(null, (short) -31000);
  }
}
