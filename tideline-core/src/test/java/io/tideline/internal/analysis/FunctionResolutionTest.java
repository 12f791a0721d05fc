package io.tideline.internal.analysis;

import static io.tideline.internal.analysis.Exprs.attr;
import static io.tideline.internal.analysis.Exprs.col;
import static io.tideline.internal.analysis.Exprs.distinct;
import static io.tideline.internal.analysis.Exprs.fn;
import static io.tideline.internal.analysis.Exprs.lit;
import static io.tideline.internal.analysis.Exprs.star;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThatCode;

import io.tideline.AnalysisException;
import io.tideline.internal.expr.AggregateCall;
import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.BinaryOp;
import io.tideline.internal.expr.BinaryOperator;
import io.tideline.internal.expr.Cast;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.expr.ScalarCall;
import io.tideline.internal.expr.UnaryOp;
import io.tideline.internal.expr.UnaryOperator;
import io.tideline.types.ArrayType;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.MapType;
import io.tideline.types.StructField;
import io.tideline.types.StructType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionResolutionTest {
  private final Attribute i = attr("i", DataTypes.IntegerType);
  private final Attribute l = attr("l", DataTypes.LongType, false);
  private final Attribute d = attr("d", DataTypes.DoubleType);
  private final Attribute f = attr("f", DataTypes.FloatType);
  private final Attribute dec = attr("dec", DataTypes.createDecimalType(10, 2));
  private final Attribute str = attr("str", DataTypes.StringType);
  private final Attribute ts = attr("ts", DataTypes.TimestampType);
  private final Attribute date = attr("date", DataTypes.DateType);
  private final Attribute bool = attr("bool", DataTypes.BooleanType);
  private final Attribute arr = attr("arr", new ArrayType(DataTypes.IntegerType, true));
  private final Attribute map =
      attr("m", new MapType(DataTypes.StringType, DataTypes.DoubleType, true));
  private final Attribute data = attr("data", new StructType().add("amount", DataTypes.DoubleType));
  private final List<Attribute> input =
      List.of(i, l, d, f, dec, str, ts, date, bool, arr, map, data);
  private final ExpressionResolver ansi = Exprs.ansi();

  private Expr resolve(Expr e) {
    return ansi.resolve(e, input, true);
  }

  private DataType typeOf(Expr e) {
    return resolve(e).dataType();
  }

  @Test
  void functionNames_matchCaseInsensitively() {
    ScalarCall c = (ScalarCall) resolve(fn("UPPER", col("str")));
    assertThat(c.name()).isEqualTo("upper");
    assertThat(c.dataType()).isEqualTo(DataTypes.StringType);
  }

  @Test
  void stringFunctions_castNumbersToString() {
    ScalarCall c = (ScalarCall) resolve(fn("lower", col("i")));
    assertThat(c.args()).containsExactly(Cast.implicit(i, DataTypes.StringType));
    assertThat(typeOf(fn("length", col("str")))).isEqualTo(DataTypes.IntegerType);
    assertThat(typeOf(fn("instr", col("str"), lit("a")))).isEqualTo(DataTypes.IntegerType);
    assertThat(typeOf(fn("concat_ws", lit(","), col("str"), col("i"))))
        .isEqualTo(DataTypes.StringType);
  }

  @Test
  void substring_withoutLength_fillsSparksDefault() {
    ScalarCall c = (ScalarCall) resolve(fn("substr", col("str"), lit(2)));
    assertThat(c.name()).isEqualTo("substring");
    assertThat(c.args()).containsExactly(str, lit(2), lit(Integer.MAX_VALUE));
  }

  @Test
  void defaults_areFilledAsSparkDoes() {
    assertThat(((ScalarCall) resolve(fn("split", col("str"), lit(",")))).args())
        .containsExactly(str, lit(","), lit(-1));
    assertThat(typeOf(fn("split", col("str"), lit(","))))
        .isEqualTo(new ArrayType(DataTypes.StringType, false));
    assertThat(((ScalarCall) resolve(fn("regexp_replace", col("str"), lit("a"), lit("b")))).args())
        .hasSize(4)
        .last()
        .isEqualTo(lit(1));
    assertThat(((ScalarCall) resolve(fn("regexp_extract", col("str"), lit("(a)")))).args())
        .last()
        .isEqualTo(lit(1));
    assertThat(((ScalarCall) resolve(fn("lpad", col("str"), lit(5)))).args())
        .last()
        .isEqualTo(lit(" "));
    assertThat(((ScalarCall) resolve(fn("replace", col("str"), lit("a")))).args())
        .last()
        .isEqualTo(lit(""));
  }

  @Test
  void trim_sqlTwoArgumentForm_putsTheSourceFirst() {
    ScalarCall c = (ScalarCall) resolve(fn("trim", lit("x"), col("str")));
    assertThat(c.args()).containsExactly(str, lit("x"));
  }

  @Test
  void concat_ofStringsArraysAndBinaries_hasSparkResultTypes() {
    assertThat(typeOf(fn("concat", col("str"), col("i")))).isEqualTo(DataTypes.StringType);
    assertThat(typeOf(fn("concat", col("arr"), col("arr")))).isEqualTo(arr.dataType());
  }

  @Test
  void nullHandlingFunctions_resolveToSparkShapes() {
    ScalarCall nvl = (ScalarCall) resolve(fn("nvl", col("i"), col("l")));
    assertThat(nvl.name()).isEqualTo("coalesce");
    assertThat(nvl.dataType()).isEqualTo(DataTypes.LongType);
    assertThat(nvl.nullable()).isFalse();
    assertThat(resolve(fn("isnull", col("str"))))
        .isEqualTo(new UnaryOp(UnaryOperator.IS_NULL, str));
    assertThat(resolve(fn("isnotnull", col("str"))))
        .isEqualTo(new UnaryOp(UnaryOperator.IS_NOT_NULL, str));
  }

  @Test
  void nullif_becomesIfEqualThenNull() {
    ScalarCall c = (ScalarCall) resolve(fn("nullif", col("i"), lit(0)));
    assertThat(c.name()).isEqualTo("if");
    assertThat(c.args().get(0)).isEqualTo(new BinaryOp(BinaryOperator.EQ, i, lit(0)));
    assertThat(c.args().get(1)).isEqualTo(new Literal(null, DataTypes.IntegerType));
    assertThat(c.args().get(2)).isEqualTo(i);
    assertThat(c.dataType()).isEqualTo(DataTypes.IntegerType);
  }

  @Test
  void math_resultTypes_followSpark() {
    assertThat(typeOf(fn("abs", col("i")))).isEqualTo(DataTypes.IntegerType);
    assertThat(typeOf(fn("abs", col("str")))).isEqualTo(DataTypes.DoubleType);
    assertThat(typeOf(fn("ceil", col("d")))).isEqualTo(DataTypes.LongType);
    assertThat(typeOf(fn("floor", col("i")))).isEqualTo(DataTypes.LongType);
    assertThat(typeOf(fn("ceil", col("dec")))).isEqualTo(DataTypes.createDecimalType(9, 0));
    assertThat(typeOf(fn("sqrt", col("i")))).isEqualTo(DataTypes.DoubleType);
    assertThat(typeOf(fn("ln", col("l")))).isEqualTo(DataTypes.DoubleType);
    assertThat(typeOf(fn("pow", col("i"), lit(2)))).isEqualTo(DataTypes.DoubleType);
    assertThat(typeOf(fn("greatest", col("i"), col("l"), lit(3)))).isEqualTo(DataTypes.LongType);
  }

  @Test
  void round_decimal_reducesScaleAsSparkDoes() {
    ScalarCall c = (ScalarCall) resolve(fn("round", col("dec"), lit(1)));
    assertThat(c.dataType()).isEqualTo(DataTypes.createDecimalType(10, 1));
    assertThat(c.params()).containsExactly(1);
    assertThat(typeOf(fn("round", col("dec")))).isEqualTo(DataTypes.createDecimalType(9, 0));
    assertThat(typeOf(fn("round", col("dec"), lit(-2))))
        .isEqualTo(DataTypes.createDecimalType(9, 0));
    assertThat(typeOf(fn("bround", col("d"), lit(2)))).isEqualTo(DataTypes.DoubleType);
  }

  @Test
  void round_nonLiteralScale_isNonFoldableInput() {
    assertThatThrownBy(() -> resolve(fn("round", col("d"), col("i"))))
        .hasMessageStartingWith("[DATATYPE_MISMATCH.NON_FOLDABLE_INPUT]");
  }

  @Test
  void datetimeFunctions_haveSparkTypesAndCasts() {
    assertThat(typeOf(fn("to_timestamp", col("str")))).isEqualTo(DataTypes.TimestampType);
    ScalarCall toTs = (ScalarCall) resolve(fn("to_timestamp", col("str"), lit("yyyy-MM-dd")));
    assertThat(toTs.params()).containsExactly("yyyy-MM-dd");
    assertThat(typeOf(fn("to_date", col("str")))).isEqualTo(DataTypes.DateType);
    ScalarCall fmt = (ScalarCall) resolve(fn("date_format", col("date"), lit("yyyy")));
    assertThat(fmt.args().get(0)).isEqualTo(Cast.implicit(date, DataTypes.TimestampType));
    assertThat(fmt.dataType()).isEqualTo(DataTypes.StringType);
    ScalarCall year = (ScalarCall) resolve(fn("year", col("ts")));
    assertThat(year.args()).containsExactly(Cast.implicit(ts, DataTypes.DateType));
    assertThat(year.dataType()).isEqualTo(DataTypes.IntegerType);
    assertThat(typeOf(fn("hour", col("ts")))).isEqualTo(DataTypes.IntegerType);
    assertThat(typeOf(fn("datediff", col("ts"), col("date")))).isEqualTo(DataTypes.IntegerType);
    assertThat(typeOf(fn("date_add", col("str"), lit(1)))).isEqualTo(DataTypes.DateType);
    assertThat(typeOf(fn("timestamp_seconds", col("l")))).isEqualTo(DataTypes.TimestampType);
    assertThat(typeOf(fn("from_unixtime", col("l")))).isEqualTo(DataTypes.StringType);
  }

  @Test
  void currentTimestamp_isNotNullable() {
    ScalarCall c = (ScalarCall) resolve(fn("current_timestamp"));
    assertThat(c.dataType()).isEqualTo(DataTypes.TimestampType);
    assertThat(c.nullable()).isFalse();
    assertThat(((ScalarCall) resolve(fn("now"))).name()).isEqualTo("current_timestamp");
    assertThat(typeOf(fn("current_date"))).isEqualTo(DataTypes.DateType);
  }

  @Test
  void unixTimestamp_withoutArguments_usesNowAndTheDefaultPattern() {
    ScalarCall c = (ScalarCall) resolve(fn("unix_timestamp"));
    assertThat(c.dataType()).isEqualTo(DataTypes.LongType);
    assertThat(((ScalarCall) c.args().get(0)).name()).isEqualTo("current_timestamp");
    assertThat(c.params()).containsExactly("yyyy-MM-dd HH:mm:ss");
  }

  @Test
  void fromJson_parsesTheDdlSchemaAndOptionsIntoParams() {
    assumeThatCode(() -> StructType.fromDDL("a INT")).doesNotThrowAnyException();
    ScalarCall c =
        (ScalarCall)
            resolve(
                fn(
                    "from_json",
                    col("str"),
                    lit("amount DOUBLE, product STRING"),
                    fn("map", lit("mode"), lit("FAILFAST"))));
    StructType schema =
        new StructType().add("amount", DataTypes.DoubleType).add("product", DataTypes.StringType);
    assertThat(c.dataType()).isEqualTo(schema);
    assertThat(c.args()).containsExactly(str);
    assertThat(c.params()).containsExactly(schema, Map.of("mode", "FAILFAST"));
  }

  @Test
  void fromJson_nonLiteralSchema_isNonFoldableInput() {
    assertThatThrownBy(() -> resolve(fn("from_json", col("str"), col("str"))))
        .hasMessageStartingWith("[DATATYPE_MISMATCH.NON_FOLDABLE_INPUT]");
  }

  @Test
  void fromJson_arraySchema_isRefusedAtAnalysisWithWhatToDo() {
    assertThatThrownBy(() -> resolve(fn("from_json", col("str"), lit("ARRAY<INT>"))))
        .hasMessageStartingWith("[INVALID_SCHEMA.NON_STRUCT_TYPE]")
        .hasMessageContaining("\"ARRAY<INT>\"")
        .hasMessageContaining("struct schema");
  }

  @Test
  void toJson_ofStruct_isStringWithOptions() {
    ScalarCall c = (ScalarCall) resolve(fn("to_json", col("data")));
    assertThat(c.dataType()).isEqualTo(DataTypes.StringType);
    assertThat(c.params()).containsExactly(Map.of());
    assertThatThrownBy(() -> resolve(fn("to_json", col("i"))))
        .hasMessageStartingWith("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE]");
  }

  @Test
  void getJsonObject_keepsThePathInParams() {
    ScalarCall c = (ScalarCall) resolve(fn("get_json_object", col("str"), lit("$.a")));
    assertThat(c.params()).containsExactly("$.a");
  }

  @Test
  void struct_namesFieldsAfterColumnsAliasesAndPositions() {
    ScalarCall c =
        (ScalarCall)
            resolve(
                fn(
                    "struct",
                    col("i"),
                    new Alias(col("str"), "name"),
                    col("data", "amount"),
                    new BinaryOp(BinaryOperator.ADD, col("i"), lit(1))));
    StructType t = (StructType) c.dataType();
    assertThat(t.fieldNames()).containsExactly("i", "name", "amount", "col4");
    assertThat(t.field(0)).isEqualTo(new StructField("i", DataTypes.IntegerType, true));
    assertThat(c.nullable()).isFalse();
    assertThat(c.args()).noneMatch(a -> a instanceof Alias);
  }

  @Test
  void namedStruct_takesNamesFromLiterals() {
    ScalarCall c =
        (ScalarCall) resolve(fn("named_struct", lit("x"), col("l"), lit("y"), col("str")));
    assertThat(c.name()).isEqualTo("struct");
    assertThat(((StructType) c.dataType()).fieldNames()).containsExactly("x", "y");
    assertThat(c.args()).containsExactly(l, str);
    assertThatThrownBy(() -> resolve(fn("named_struct", col("str"), col("l"))))
        .hasMessageStartingWith("[DATATYPE_MISMATCH.CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING]");
  }

  @Test
  void arrayAndMap_widenTheirElements() {
    assertThat(typeOf(fn("array", col("i"), col("l"))))
        .isEqualTo(new ArrayType(DataTypes.LongType, true));
    assertThat(typeOf(fn("array", col("l"), lit(1L))))
        .isEqualTo(new ArrayType(DataTypes.LongType, false));
    assertThat(typeOf(fn("map", lit("a"), col("i"), lit("b"), col("d"))))
        .isEqualTo(new MapType(DataTypes.StringType, DataTypes.DoubleType, true));
  }

  @Test
  void size_andElementAt_haveSparkTypes() {
    ScalarCall size = (ScalarCall) resolve(fn("size", col("arr")));
    assertThat(size.dataType()).isEqualTo(DataTypes.IntegerType);
    assertThat(size.params()).containsExactly(false);
    ScalarCall legacySize =
        (ScalarCall) Exprs.legacy().resolve(fn("size", col("arr")), input, false);
    assertThat(legacySize.params()).containsExactly(true);
    assertThat(legacySize.nullable()).isFalse();
    assertThat(typeOf(fn("element_at", col("arr"), lit(1)))).isEqualTo(DataTypes.IntegerType);
    assertThat(typeOf(fn("element_at", col("m"), lit("k")))).isEqualTo(DataTypes.DoubleType);
  }

  @Test
  void hashAndDigests_haveSparkTypes() {
    assertThat(typeOf(fn("hash", col("i"), col("str")))).isEqualTo(DataTypes.IntegerType);
    ScalarCall md5 = (ScalarCall) resolve(fn("md5", col("str")));
    assertThat(md5.args()).containsExactly(Cast.implicit(str, DataTypes.BinaryType));
    assertThat(typeOf(fn("sha2", col("str"), lit(256)))).isEqualTo(DataTypes.StringType);
  }

  @Test
  void count_starAndOne_countRowsAsBigintNotNull() {
    AggregateCall star = (AggregateCall) resolve(fn("count", star()));
    assertThat(star.args()).containsExactly(lit(1));
    assertThat(star.dataType()).isEqualTo(DataTypes.LongType);
    assertThat(star.nullable()).isFalse();
    AggregateCall countDistinct = (AggregateCall) resolve(distinct("count", col("str"), col("i")));
    assertThat(countDistinct.distinct()).isTrue();
    assertThat(countDistinct.args()).containsExactly(str, i);
  }

  @Test
  void sum_resultTypes_followSpark() {
    assertThat(typeOf(fn("sum", col("i")))).isEqualTo(DataTypes.LongType);
    assertThat(typeOf(fn("sum", col("f")))).isEqualTo(DataTypes.DoubleType);
    assertThat(typeOf(fn("sum", col("dec")))).isEqualTo(DataTypes.createDecimalType(20, 2));
    assertThat(typeOf(fn("sum", col("str")))).isEqualTo(DataTypes.DoubleType);
    Attribute wide = attr("w", DataTypes.createDecimalType(35, 5));
    assertThat(Exprs.ansi().resolve(fn("sum", wide), List.of(wide), true).dataType())
        .isEqualTo(DataTypes.createDecimalType(38, 5));
  }

  @Test
  void avg_resultTypes_followSpark() {
    assertThat(typeOf(fn("avg", col("i")))).isEqualTo(DataTypes.DoubleType);
    assertThat(typeOf(fn("mean", col("dec")))).isEqualTo(DataTypes.createDecimalType(14, 6));
  }

  @Test
  void minMaxFirstLast_keepTheInputType() {
    assertThat(typeOf(fn("min", col("str")))).isEqualTo(DataTypes.StringType);
    assertThat(typeOf(fn("max", col("ts")))).isEqualTo(DataTypes.TimestampType);
    AggregateCall first = (AggregateCall) resolve(fn("first", col("i"), lit(true)));
    assertThat(first.params()).containsExactly(true);
    assertThat(first.args()).containsExactly(i);
    assertThat(((AggregateCall) resolve(fn("last", col("i")))).params()).containsExactly(false);
    assertThatThrownBy(() -> resolve(fn("max", col("m"))))
        .hasMessageStartingWith("[DATATYPE_MISMATCH.INVALID_ORDERING_TYPE]");
  }

  @Test
  void approxCountDistinct_keepsTheRelativeErrorInParams() {
    AggregateCall c = (AggregateCall) resolve(fn("approx_count_distinct", col("str")));
    assertThat(c.dataType()).isEqualTo(DataTypes.LongType);
    assertThat(c.params()).containsExactly(0.05);
    AggregateCall c2 = (AggregateCall) resolve(fn("approx_count_distinct", col("str"), lit(0.01)));
    assertThat(c2.params()).containsExactly(0.01);
    assertThat(c2.args()).containsExactly(str);
  }

  @Test
  void unknownFunction_isUnresolvedRoutineWithSuggestions() {
    assertThatThrownBy(() -> resolve(fn("uper", col("str"))))
        .isInstanceOfSatisfying(
            AnalysisException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("UNRESOLVED_ROUTINE");
              assertThat(e.getSqlState()).isEqualTo("42883");
              assertThat(e.parameters().get("proposal")).startsWith("`upper`");
            });
  }

  @Test
  void wrongArgumentCount_isWrongNumArgs() {
    assertThatThrownBy(() -> resolve(fn("upper", col("str"), col("str"))))
        .isInstanceOfSatisfying(
            AnalysisException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("WRONG_NUM_ARGS.WITHOUT_SUGGESTION");
              assertThat(e.parameters())
                  .containsEntry("functionName", "`upper`")
                  .containsEntry("expectedNum", "1")
                  .containsEntry("actualNum", "2");
            });
    assertThatThrownBy(() -> resolve(fn("substring", col("str"))))
        .isInstanceOfSatisfying(
            AnalysisException.class,
            e -> assertThat(e.parameters()).containsEntry("expectedNum", "[2, 3]"));
  }

  @Test
  void wrongArgumentType_isUnexpectedInputType() {
    assertThatThrownBy(() -> resolve(fn("datediff", col("bool"), col("date"))))
        .hasMessage(
            "[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"datediff(bool, date)\""
                + " due to data type mismatch: the first parameter requires the \"DATE\" type,"
                + " however \"bool\" has the type \"BOOLEAN\".");
  }

  @Test
  void aggregateInsideAggregate_isNestedAggregateFunction() {
    assertThatThrownBy(() -> resolve(fn("sum", fn("max", col("i")))))
        .isInstanceOfSatisfying(
            AnalysisException.class,
            e -> assertThat(e.getCondition()).isEqualTo("NESTED_AGGREGATE_FUNCTION"));
  }

  @Test
  void aggregateInFilter_isInvalidWhereCondition() {
    Expr cond = new BinaryOp(BinaryOperator.GT, fn("sum", col("i")), lit(10));
    assertThatThrownBy(() -> ansi.resolvePredicate(cond, input))
        .isInstanceOfSatisfying(
            AnalysisException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("INVALID_WHERE_CONDITION");
              assertThat(e.parameters()).containsEntry("expressionList", "\"sum(i)\"");
            });
  }

  @Test
  void aggregateWhereNotAllowed_isUnsupportedExpression() {
    assertThatThrownBy(() -> ansi.resolve(fn("count", star()), input, false))
        .hasMessageStartingWith("[UNSUPPORTED_EXPR_FOR_OPERATOR]");
  }

  @Test
  void distinctOnScalarFunction_isUnsupportedSyntax() {
    assertThatThrownBy(() -> resolve(distinct("upper", col("str"))))
        .hasMessageStartingWith("[INVALID_SQL_SYNTAX.FUNCTION_WITH_UNSUPPORTED_SYNTAX]");
  }

  @Test
  void starInFunctionArguments_expandsToColumns() {
    Attribute a = attr("a", DataTypes.StringType);
    Attribute b2 = attr("b", DataTypes.StringType);
    ScalarCall c = (ScalarCall) ansi.resolve(fn("concat", star()), List.of(a, b2), false);
    assertThat(c.args()).containsExactly(a, b2);
  }

  @Test
  void predicatesOnStrings_areBoolean() {
    assertThat(typeOf(fn("contains", col("str"), lit("a")))).isEqualTo(DataTypes.BooleanType);
    assertThat(typeOf(fn("startswith", col("str"), col("i")))).isEqualTo(DataTypes.BooleanType);
    ScalarCall nan = (ScalarCall) resolve(fn("isnan", col("i")));
    assertThat(nan.args()).containsExactly(Cast.implicit(i, DataTypes.DoubleType));
    assertThat(nan.nullable()).isFalse();
  }

  @Test
  void btrim_takesTheSourceFirst() {
    ScalarCall c = (ScalarCall) resolve(fn("btrim", col("str"), lit("x")));
    assertThat(c.name()).isEqualTo("trim");
    assertThat(c.args()).containsExactly(str, lit("x"));
  }

  @Test
  void position_isInstrWithArgumentsSwapped() {
    ScalarCall c = (ScalarCall) resolve(fn("position", lit("a"), col("str")));
    assertThat(c.name()).isEqualTo("instr");
    assertThat(c.args()).containsExactly(str, lit("a"));
  }

  @Test
  void extract_mapsFieldsToDatetimeKernels() {
    ScalarCall year = (ScalarCall) resolve(fn("extract", lit("YEAR"), col("ts")));
    assertThat(year.name()).isEqualTo("year");
    assertThat(year.args()).containsExactly(Cast.implicit(ts, DataTypes.DateType));
    ScalarCall hour = (ScalarCall) resolve(fn("date_part", lit("h"), col("ts")));
    assertThat(hour.name()).isEqualTo("hour");
    assertThatThrownBy(() -> resolve(fn("extract", lit("WEEK"), col("ts"))))
        .hasMessageStartingWith("[INVALID_EXTRACT_FIELD] Cannot extract `WEEK` from \"ts\"");
  }

  @Test
  void shiftLeft_keepsTheBaseType() {
    assertThat(typeOf(fn("shiftleft", col("l"), lit(2)))).isEqualTo(DataTypes.LongType);
    assertThat(typeOf(fn("shiftleft", col("i"), lit(2)))).isEqualTo(DataTypes.IntegerType);
  }

  @Test
  void anyValue_isFirst() {
    AggregateCall c = (AggregateCall) resolve(fn("any_value", col("str")));
    assertThat(c.name()).isEqualTo("first");
    assertThat(c.dataType()).isEqualTo(DataTypes.StringType);
  }
}
