package io.tideline.internal.eval;

import static io.tideline.internal.eval.EvalTesting.batch;
import static io.tideline.internal.eval.EvalTesting.column;
import static io.tideline.internal.eval.EvalTesting.ctx;
import static io.tideline.internal.eval.EvalTesting.eval;
import static io.tideline.internal.eval.EvalTesting.lit;
import static io.tideline.internal.eval.EvalTesting.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.Row;
import io.tideline.internal.expr.BinaryOp;
import io.tideline.internal.expr.BinaryOperator;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.ScalarCall;
import io.tideline.internal.vector.Batch;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.StructVector;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalarFunctionsTest {
  private static final DataType STRING = DataTypes.StringType;
  private static final DataType INT = DataTypes.IntegerType;
  private static final DataType LONG = DataTypes.LongType;
  private static final DataType DOUBLE = DataTypes.DoubleType;

  private static ScalarCall call(String name, DataType type, Expr... args) {
    return new ScalarCall(name, List.of(args), type, true, List.of());
  }

  private static List<Object> strings(String name, DataType type, Object[] values, Expr... rest) {
    Expr[] args = new Expr[rest.length + 1];
    args[0] = ref(0, STRING);
    System.arraycopy(rest, 0, args, 1, rest.length);
    return eval(call(name, type, args), batch(column(STRING, values)), true);
  }

  @Test
  void upperLower_handleAsciiAndUnicode() {
    Object[] v = {"Spark", "straße", null};
    assertThat(strings("upper", STRING, v)).containsExactly("SPARK", "STRASSE", null);
    assertThat(strings("lower", STRING, new Object[] {"SpArK", "ÉTÉ"}))
        .containsExactly("spark", "été");
  }

  @Test
  void length_countsCharactersNotBytes() {
    assertThat(strings("length", INT, new Object[] {"héllo", "", "😀", null}))
        .containsExactly(5, 0, 1, null);
    assertThat(
            eval(
                call("length", INT, ref(0, DataTypes.BinaryType)),
                batch(column(DataTypes.BinaryType, new byte[3])),
                true))
        .containsExactly(3);
  }

  @Test
  void substring_followsSparkPositionRules() {
    Object[] v = {"Spark SQL"};
    assertThat(strings("substring", STRING, v, lit(5, INT))).containsExactly("k SQL");
    assertThat(strings("substring", STRING, v, lit(-3, INT))).containsExactly("SQL");
    assertThat(strings("substring", STRING, v, lit(5, INT), lit(1, INT))).containsExactly("k");
    assertThat(strings("substring", STRING, v, lit(0, INT), lit(2, INT))).containsExactly("Sp");
    assertThat(strings("substr", STRING, new Object[] {"abc"}, lit(-5, INT), lit(3, INT)))
        .containsExactly("a");
    assertThat(strings("substring", STRING, v, lit(20, INT))).containsExactly("");
    assertThat(strings("substring", STRING, v, lit(2, INT), lit(-1, INT))).containsExactly("");
    assertThat(strings("substring", STRING, new Object[] {"héllo"}, lit(2, INT), lit(3, INT)))
        .containsExactly("éll");
  }

  @Test
  void concat_isNullWhenAnyArgumentIs_concatWsSkipsNulls() {
    Batch b = batch(column(STRING, "a", "a", null), column(STRING, "b", null, "c"));
    assertThat(eval(call("concat", STRING, ref(0, STRING), ref(1, STRING)), b, true))
        .containsExactly("ab", null, null);
    assertThat(eval(new BinaryOp(BinaryOperator.CONCAT, ref(0, STRING), ref(1, STRING)), b, true))
        .containsExactly("ab", null, null);
    assertThat(
            eval(
                call("concat_ws", STRING, lit("-", STRING), ref(0, STRING), ref(1, STRING)),
                b,
                true))
        .containsExactly("a-b", "a", "c");
    DataType arr = DataTypes.createArrayType(STRING);
    Batch withArray = batch(column(arr, Arrays.asList("x", null, "y")), column(STRING, ""));
    assertThat(
            eval(
                call("concat_ws", STRING, lit(",", STRING), ref(0, arr), ref(1, STRING)),
                withArray,
                true))
        .containsExactly("x,y,");
  }

  @Test
  void trim_removesSpacesOnly() {
    Object[] v = {"  a b  ", "\ta "};
    assertThat(strings("trim", STRING, v)).containsExactly("a b", "\ta");
    assertThat(strings("ltrim", STRING, v)).containsExactly("a b  ", "\ta ");
    assertThat(strings("rtrim", STRING, v)).containsExactly("  a b", "\ta");
    assertThat(strings("trim", STRING, new Object[] {"xxaxx"}, lit("x", STRING)))
        .containsExactly("a");
  }

  @Test
  void pad_padsOrCutsByCharacters() {
    Object[] v = {"hi", "hello"};
    assertThat(strings("lpad", STRING, v, lit(4, INT), lit("é", STRING)))
        .containsExactly("ééhi", "hell");
    assertThat(strings("rpad", STRING, v, lit(5, INT), lit("xy", STRING)))
        .containsExactly("hixyx", "hello");
    assertThat(strings("lpad", STRING, v, lit(3, INT))).containsExactly(" hi", "hel");
  }

  @Test
  void replaceSplitAndRegexFunctions() {
    assertThat(
            strings("replace", STRING, new Object[] {"a.b.c"}, lit(".", STRING), lit("-", STRING)))
        .containsExactly("a-b-c");
    DataType arr = DataTypes.createArrayType(STRING);
    assertThat(strings("split", arr, new Object[] {"a1b22c", "abc"}, lit("[0-9]+", STRING)))
        .containsExactly(List.of("a", "b", "c"), List.of("abc"));
    assertThat(strings("split", arr, new Object[] {"a,b,,"}, lit(",", STRING)))
        .containsExactly(List.of("a", "b", "", ""));
    assertThat(
            strings(
                "regexp_replace",
                STRING,
                new Object[] {"100-200"},
                lit("(\\d+)", STRING),
                lit("<$1>", STRING)))
        .containsExactly("<100>-<200>");
    assertThat(
            strings(
                "regexp_extract",
                STRING,
                new Object[] {"100-200", "x"},
                lit("(\\d+)-(\\d+)", STRING),
                lit(2, INT)))
        .containsExactly("200", "");
    assertThatThrownBy(
            () ->
                strings(
                    "regexp_extract",
                    STRING,
                    new Object[] {"1"},
                    lit("(\\d)", STRING),
                    lit(3, INT)))
        .hasMessageContaining("INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX");
    assertThat(strings("instr", INT, new Object[] {"héllo", "abc"}, lit("llo", STRING)))
        .containsExactly(3, 0);
  }

  @Test
  void coalesce_evaluatesLaterArgumentsOnlyWhereNeeded() {
    Expr y = ref(1, INT);
    Expr risky = new BinaryOp(BinaryOperator.MOD, lit(10, INT), y);
    Batch b = batch(column(INT, 1, null, null), column(INT, 0, 3, 0));
    Batch live = b.withSelection(new int[] {0, 1}, 2);
    assertThat(eval(call("coalesce", INT, ref(0, INT), risky), live, true)).containsExactly(1, 1);
    assertThatThrownBy(() -> eval(call("coalesce", INT, ref(0, INT), risky), b, true))
        .hasMessageContaining("REMAINDER_BY_ZERO");
    assertThat(eval(call("nvl", INT, ref(0, INT), lit(null, INT)), b, true))
        .containsExactly(1, null, null);
  }

  @Test
  void nullifIfAndNullTests() {
    Batch b = batch(column(INT, 1, 2, null));
    assertThat(eval(call("nullif", INT, ref(0, INT), lit(2, INT)), b, true))
        .containsExactly(1, null, null);
    Expr cond = new BinaryOp(BinaryOperator.GT, ref(0, INT), lit(1, INT));
    assertThat(eval(call("if", STRING, cond, lit("big", STRING), lit("small", STRING)), b, true))
        .containsExactly("small", "big", "small");
    assertThat(eval(call("isnull", DataTypes.BooleanType, ref(0, INT)), b, true))
        .containsExactly(false, false, true);
    assertThat(eval(call("isnotnull", DataTypes.BooleanType, ref(0, INT)), b, true))
        .containsExactly(true, true, false);
  }

  @Test
  void round_isHalfUpAndBroundHalfEven() {
    Batch b = batch(column(DOUBLE, 2.5, -2.5, 2.675, Double.NaN));
    assertThat(eval(call("round", DOUBLE, ref(0, DOUBLE)), b, true))
        .containsExactly(3.0, -3.0, 3.0, Double.NaN);
    assertThat(eval(call("bround", DOUBLE, ref(0, DOUBLE)), b, true))
        .containsExactly(2.0, -2.0, 3.0, Double.NaN);
    assertThat(eval(call("round", DOUBLE, ref(0, DOUBLE), lit(2, INT)), b, true))
        .containsExactly(2.5, -2.5, 2.68, Double.NaN);
    DataType dec = DataTypes.createDecimalType(5, 3);
    DataType decOut = DataTypes.createDecimalType(4, 1);
    Batch d = batch(column(dec, new BigDecimal("1.250"), new BigDecimal("-1.250")));
    assertThat(eval(call("round", decOut, ref(0, dec), lit(1, INT)), d, true))
        .containsExactly(new BigDecimal("1.3"), new BigDecimal("-1.3"));
    assertThat(eval(call("bround", decOut, ref(0, dec), lit(1, INT)), d, true))
        .containsExactly(new BigDecimal("1.2"), new BigDecimal("-1.2"));
    Batch ints = batch(column(INT, 125, -125));
    assertThat(eval(call("round", INT, ref(0, INT), lit(-1, INT)), ints, true))
        .containsExactly(130, -130);
  }

  @Test
  void ceilFloorAbs() {
    Batch b = batch(column(DOUBLE, 1.2, -1.2));
    assertThat(eval(call("ceil", LONG, ref(0, DOUBLE)), b, true)).containsExactly(2L, -1L);
    assertThat(eval(call("floor", LONG, ref(0, DOUBLE)), b, true)).containsExactly(1L, -2L);
    assertThat(eval(call("abs", DOUBLE, ref(0, DOUBLE)), b, true)).containsExactly(1.2, 1.2);
    Batch ints = batch(column(INT, -3, Integer.MIN_VALUE));
    assertThatThrownBy(() -> eval(call("abs", INT, ref(0, INT)), ints, true))
        .hasMessageContaining("ARITHMETIC_OVERFLOW");
    assertThat(eval(call("abs", INT, ref(0, INT)), ints, false))
        .containsExactly(3, Integer.MIN_VALUE);
  }

  @Test
  void doubleFunctions_logOfNonPositiveIsNull() {
    Batch b = batch(column(DOUBLE, 4.0, 0.0, -1.0));
    assertThat(eval(call("sqrt", DOUBLE, ref(0, DOUBLE)), b, true).get(0)).isEqualTo(2.0);
    assertThat(eval(call("ln", DOUBLE, ref(0, DOUBLE)), b, true))
        .containsExactly(Math.log(4.0), null, null);
    assertThat(eval(call("log", DOUBLE, lit(2.0, DOUBLE), ref(0, DOUBLE)), b, true))
        .containsExactly(2.0, null, null);
    assertThat(eval(call("pow", DOUBLE, ref(0, DOUBLE), lit(0.5, DOUBLE)), b, true).get(0))
        .isEqualTo(2.0);
    assertThat(eval(call("exp", DOUBLE, lit(0.0, DOUBLE)), b, true).get(0)).isEqualTo(1.0);
  }

  @Test
  void greatestLeast_skipNulls() {
    Batch b = batch(column(INT, 1, null, null), column(INT, 5, 2, null));
    assertThat(eval(call("greatest", INT, ref(0, INT), ref(1, INT)), b, true))
        .containsExactly(5, 2, null);
    assertThat(eval(call("least", INT, ref(0, INT), ref(1, INT)), b, true))
        .containsExactly(1, 2, null);
    Batch d = batch(column(DOUBLE, Double.NaN), column(DOUBLE, 1.0));
    assertThat(eval(call("greatest", DOUBLE, ref(0, DOUBLE), ref(1, DOUBLE)), d, true))
        .containsExactly(Double.NaN);
  }

  @Test
  void struct_buildsOverArgumentVectorsWithoutCopy() {
    StructType st = new StructType().add("a", INT).add("b", STRING);
    ColumnVector a = column(INT, 1, null);
    ColumnVector bcol = column(STRING, "x", "y");
    Batch b = batch(a, bcol);
    ScalarCall s = call("struct", st, ref(0, INT), ref(1, STRING));
    ColumnVector out = ExprCompiler.compile(s, ctx(true)).eval(b);
    assertThat(((StructVector) out).child(0)).isSameAs(a);
    assertThat(EvalTesting.liveValues(out, b)).containsExactly(Row.of(1, "x"), Row.of(null, "y"));
    ScalarCall named =
        call("named_struct", st, lit("a", STRING), ref(0, INT), lit("b", STRING), ref(1, STRING));
    assertThat(eval(named, b, true)).containsExactly(Row.of(1, "x"), Row.of(null, "y"));
  }

  @Test
  void arraySizeAndElementAt() {
    DataType arr = DataTypes.createArrayType(INT);
    Batch b = batch(column(INT, 1, 4), column(INT, null, 5));
    assertThat(eval(call("array", arr, ref(0, INT), ref(1, INT)), b, true))
        .containsExactly(Arrays.asList(1, null), List.of(4, 5));
    Batch arrays = batch(column(arr, List.of(1, 2, 3), null));
    assertThat(eval(call("size", INT, ref(0, arr)), arrays, true)).containsExactly(3, null);
    assertThat(eval(call("size", INT, ref(0, arr)), arrays, false)).containsExactly(3, -1);
    assertThat(eval(call("element_at", INT, ref(0, arr), lit(1, INT)), arrays, true))
        .containsExactly(1, null);
    assertThat(eval(call("element_at", INT, ref(0, arr), lit(-1, INT)), arrays, true))
        .containsExactly(3, null);
    assertThatThrownBy(() -> eval(call("element_at", INT, ref(0, arr), lit(0, INT)), arrays, true))
        .hasMessageContaining("INVALID_INDEX_OF_ZERO");
    assertThatThrownBy(() -> eval(call("element_at", INT, ref(0, arr), lit(4, INT)), arrays, true))
        .hasMessageContaining("INVALID_ARRAY_INDEX_IN_ELEMENT_AT");
    assertThat(eval(call("element_at", INT, ref(0, arr), lit(4, INT)), arrays, false))
        .containsExactly(null, null);
  }

  @Test
  void calendarFieldsAndDateArithmetic() {
    DataType date = DataTypes.DateType;
    Batch d =
        batch(
            column(
                date,
                LocalDate.of(2024, 2, 29),
                LocalDate.of(1969, 12, 31),
                LocalDate.of(1, 1, 1)));
    assertThat(eval(call("year", INT, ref(0, date)), d, true)).containsExactly(2024, 1969, 1);
    assertThat(eval(call("month", INT, ref(0, date)), d, true)).containsExactly(2, 12, 1);
    assertThat(eval(call("dayofmonth", INT, ref(0, date)), d, true)).containsExactly(29, 31, 1);
    assertThat(eval(call("date_add", date, ref(0, date), lit(1, INT)), d, true).get(0))
        .isEqualTo(LocalDate.of(2024, 3, 1));
    assertThat(eval(call("date_sub", date, ref(0, date), lit(60, INT)), d, true).get(0))
        .isEqualTo(LocalDate.of(2023, 12, 31));
    Batch two =
        batch(column(date, LocalDate.of(2024, 3, 1)), column(date, LocalDate.of(2024, 2, 1)));
    assertThat(eval(call("datediff", INT, ref(0, date), ref(1, date)), two, true))
        .containsExactly(29);
  }

  @Test
  void timeFields_useSessionZone() {
    DataType ts = DataTypes.TimestampType;
    Batch b =
        batch(
            column(
                ts, Instant.parse("2024-01-01T23:59:58Z"), Instant.parse("1969-12-31T23:00:01Z")));
    assertThat(eval(call("hour", INT, ref(0, ts)), b, true)).containsExactly(23, 23);
    assertThat(eval(call("minute", INT, ref(0, ts)), b, true)).containsExactly(59, 0);
    assertThat(eval(call("second", INT, ref(0, ts)), b, true)).containsExactly(58, 1);
    assertThat(
            eval(call("hour", INT, ref(0, ts)), b, ctx(true, java.time.ZoneId.of("Asia/Kolkata"))))
        .containsExactly(5, 4);
  }

  @Test
  void currentTimestampAndDate_comeFromContextAndAreConstant() {
    ScalarCall now = call("current_timestamp", DataTypes.TimestampType);
    assertThat(ExprCompiler.compile(now, ctx(true))).isInstanceOf(ConstantEvaluator.class);
    assertThat(EvalTesting.evalConstant(now, true))
        .isEqualTo(Instant.parse("2024-01-02T03:04:05.678901Z"));
    assertThat(EvalTesting.evalConstant(call("current_date", DataTypes.DateType), true))
        .isEqualTo(LocalDate.of(2024, 1, 2));
  }

  @Test
  void timestampSeconds_convertsAndChecksOverflow() {
    DataType ts = DataTypes.TimestampType;
    Batch b = batch(column(LONG, 1L, Long.MAX_VALUE));
    Batch first = b.withSelection(new int[] {0}, 1);
    assertThat(eval(call("timestamp_seconds", ts, ref(0, LONG)), first, true))
        .containsExactly(Instant.ofEpochSecond(1));
    assertThatThrownBy(() -> eval(call("timestamp_seconds", ts, ref(0, LONG)), b, true))
        .hasMessageContaining("ARITHMETIC_OVERFLOW");
  }

  @Test
  void unknownFunction_failsWithConditionNamingIt() {
    assertThatThrownBy(() -> ExprCompiler.compile(call("no_such_fn", INT, lit(1, INT)), ctx(true)))
        .hasMessageContaining("UNSUPPORTED_EXPRESSION")
        .hasMessageContaining("no_such_fn");
  }

  @Test
  void stringKernel_reusesItsBufferSoMemoryStaysBoundedAcrossBatches() {
    VectorEvaluator ev =
        ExprCompiler.compile(call("concat", STRING, ref(0, STRING), ref(0, STRING)), ctx(true));
    int firstCapacity = -1;
    for (int round = 0; round < 200; round++) {
      Batch b = batch(column(STRING, "abcdefgh" + round, null, "x"));
      ColumnVector out = ev.eval(b);
      assertThat(EvalTesting.liveValues(out, b))
          .containsExactly("abcdefgh" + round + "abcdefgh" + round, null, "xx");
      int capacity = ((io.tideline.internal.vector.BytesVector) out).data().length;
      if (firstCapacity < 0) {
        firstCapacity = capacity;
      }
      assertThat(capacity).isLessThanOrEqualTo(Math.max(firstCapacity, 64) * 2);
    }
  }

  @Test
  void likeWithConstantPattern_overSelectionOfReusedBatches() {
    io.tideline.internal.expr.Like like =
        new io.tideline.internal.expr.Like(
            io.tideline.internal.expr.Like.Kind.LIKE, ref(0, STRING), lit("%b%", STRING));
    VectorEvaluator ev = ExprCompiler.compile(like, ctx(true));
    Batch first = batch(column(STRING, "abc", "xyz", "b")).withSelection(new int[] {0, 2}, 2);
    assertThat(EvalTesting.liveValues(ev.eval(first), first)).containsExactly(true, true);
    Batch second = batch(column(STRING, "xyz", null));
    assertThat(EvalTesting.liveValues(ev.eval(second), second)).containsExactly(false, null);
  }
}
