package io.tideline.internal.analysis;

import static io.tideline.internal.analysis.Exprs.attr;
import static io.tideline.internal.analysis.Exprs.col;
import static io.tideline.internal.analysis.Exprs.fn;
import static io.tideline.internal.analysis.Exprs.lit;
import static io.tideline.internal.analysis.Exprs.op;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.AnalysisException;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Between;
import io.tideline.internal.expr.BinaryOp;
import io.tideline.internal.expr.BinaryOperator;
import io.tideline.internal.expr.CaseWhen;
import io.tideline.internal.expr.Cast;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.In;
import io.tideline.internal.expr.Like;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.expr.ScalarCall;
import io.tideline.internal.expr.UnaryOp;
import io.tideline.internal.expr.UnaryOperator;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeCoercionTest {
  private final Attribute b = attr("b", DataTypes.ByteType);
  private final Attribute s = attr("s", DataTypes.ShortType);
  private final Attribute i = attr("i", DataTypes.IntegerType);
  private final Attribute l = attr("l", DataTypes.LongType);
  private final Attribute f = attr("f", DataTypes.FloatType);
  private final Attribute d = attr("d", DataTypes.DoubleType);
  private final Attribute dec = attr("dec", DataTypes.createDecimalType(5, 2));
  private final Attribute dec10 = attr("dec10", DataTypes.createDecimalType(10, 0));
  private final Attribute str = attr("str", DataTypes.StringType);
  private final Attribute bool = attr("bool", DataTypes.BooleanType);
  private final Attribute date = attr("date", DataTypes.DateType);
  private final Attribute ts = attr("ts", DataTypes.TimestampType);
  private final Attribute dt = attr("dt", DataTypes.DayTimeIntervalType);
  private final Attribute ym = attr("ym", DataTypes.YearMonthIntervalType);
  private final List<Attribute> input =
      List.of(b, s, i, l, f, d, dec, dec10, str, bool, date, ts, dt, ym);

  private final ExpressionResolver ansi = Exprs.ansi();
  private final ExpressionResolver legacy = Exprs.legacy();

  private BinaryOp binary(ExpressionResolver r, BinaryOperator o, Expr left, Expr right) {
    return (BinaryOp) r.resolve(op(o, left, right), input, false);
  }

  private static void assertOperands(BinaryOp e, DataType left, DataType right, DataType result) {
    assertThat(e.left().dataType()).as("left").isEqualTo(left);
    assertThat(e.right().dataType()).as("right").isEqualTo(right);
    assertThat(e.dataType()).as("result").isEqualTo(result);
  }

  private static DataType decimal(int p, int s) {
    return DataTypes.createDecimalType(p, s);
  }

  @Test
  void add_integerTypes_widenToTheWiderOne() {
    BinaryOp e = binary(ansi, BinaryOperator.ADD, col("i"), col("l"));
    assertOperands(e, DataTypes.LongType, DataTypes.LongType, DataTypes.LongType);
    assertThat(e.left()).isEqualTo(Cast.implicit(i, DataTypes.LongType));
    assertOperands(
        binary(ansi, BinaryOperator.ADD, col("b"), col("s")),
        DataTypes.ShortType,
        DataTypes.ShortType,
        DataTypes.ShortType);
  }

  @Test
  void add_intAndFloat_isDoubleUnderAnsiAndFloatInLegacy() {
    assertOperands(
        binary(ansi, BinaryOperator.ADD, col("i"), col("f")),
        DataTypes.DoubleType,
        DataTypes.DoubleType,
        DataTypes.DoubleType);
    assertOperands(
        binary(legacy, BinaryOperator.ADD, col("i"), col("f")),
        DataTypes.FloatType,
        DataTypes.FloatType,
        DataTypes.FloatType);
  }

  @Test
  void add_intColumnAndDecimal_promotesIntToDecimal10() {
    BinaryOp e = binary(ansi, BinaryOperator.ADD, col("i"), col("dec"));
    assertOperands(e, decimal(10, 0), decimal(5, 2), decimal(13, 2));
  }

  @Test
  void multiply_intLiteralAndDecimal_usesTheLiteralsOwnPrecision() {
    BinaryOp e = binary(ansi, BinaryOperator.MULTIPLY, col("dec"), lit(12));
    assertOperands(e, decimal(5, 2), decimal(2, 0), decimal(8, 2));
  }

  @Test
  void add_decimalAndDouble_isDouble() {
    assertOperands(
        binary(ansi, BinaryOperator.ADD, col("dec"), col("d")),
        DataTypes.DoubleType,
        DataTypes.DoubleType,
        DataTypes.DoubleType);
  }

  @Test
  void compare_decimalsOfDifferentPrecision_castBothToTheWiderDecimal() {
    assertOperands(
        binary(ansi, BinaryOperator.LT, col("dec"), col("dec10")),
        decimal(12, 2),
        decimal(12, 2),
        DataTypes.BooleanType);
    assertOperands(
        binary(ansi, BinaryOperator.EQ, col("i"), col("dec")),
        decimal(12, 2),
        decimal(12, 2),
        DataTypes.BooleanType);
  }

  @Test
  void divide_integers_castsBothToDouble() {
    assertOperands(
        binary(ansi, BinaryOperator.DIVIDE, col("i"), col("l")),
        DataTypes.DoubleType,
        DataTypes.DoubleType,
        DataTypes.DoubleType);
  }

  @Test
  void divide_decimals_keepsDecimalWithSparkPrecision() {
    BinaryOp e = binary(ansi, BinaryOperator.DIVIDE, col("dec10"), col("i"));
    assertOperands(e, decimal(10, 0), decimal(10, 0), decimal(21, 11));
  }

  @Test
  void intDivide_integers_castsToBigint() {
    assertOperands(
        binary(ansi, BinaryOperator.INT_DIVIDE, col("i"), col("s")),
        DataTypes.LongType,
        DataTypes.LongType,
        DataTypes.LongType);
  }

  @Test
  void add_stringAndInt_isBigintUnderAnsi_doubleInLegacy() {
    assertOperands(
        binary(ansi, BinaryOperator.ADD, lit("1"), lit(1)),
        DataTypes.LongType,
        DataTypes.LongType,
        DataTypes.LongType);
    assertOperands(
        binary(legacy, BinaryOperator.ADD, lit("1"), lit(1)),
        DataTypes.DoubleType,
        DataTypes.DoubleType,
        DataTypes.DoubleType);
  }

  @Test
  void add_stringAndDouble_isDoubleInBothModes() {
    assertOperands(
        binary(ansi, BinaryOperator.ADD, col("str"), col("d")),
        DataTypes.DoubleType,
        DataTypes.DoubleType,
        DataTypes.DoubleType);
    assertOperands(
        binary(ansi, BinaryOperator.ADD, col("str"), col("dec")),
        DataTypes.DoubleType,
        DataTypes.DoubleType,
        DataTypes.DoubleType);
  }

  @Test
  void compare_stringAndInt_isBigintUnderAnsi_intInLegacy() {
    assertOperands(
        binary(ansi, BinaryOperator.EQ, col("str"), col("i")),
        DataTypes.LongType,
        DataTypes.LongType,
        DataTypes.BooleanType);
    assertOperands(
        binary(legacy, BinaryOperator.EQ, col("str"), col("i")),
        DataTypes.IntegerType,
        DataTypes.IntegerType,
        DataTypes.BooleanType);
  }

  @Test
  void compare_stringAndDecimalInLegacy_isDouble() {
    assertOperands(
        binary(legacy, BinaryOperator.GT, col("dec"), col("str")),
        DataTypes.DoubleType,
        DataTypes.DoubleType,
        DataTypes.BooleanType);
  }

  @Test
  void compare_stringAndDatetime_castsTheStringToTheDatetime() {
    for (ExpressionResolver r : List.of(ansi, legacy)) {
      assertOperands(
          binary(r, BinaryOperator.GE, col("date"), lit("2024-01-01")),
          DataTypes.DateType,
          DataTypes.DateType,
          DataTypes.BooleanType);
      assertOperands(
          binary(r, BinaryOperator.EQ, lit("2024-01-01 10:00:00"), col("ts")),
          DataTypes.TimestampType,
          DataTypes.TimestampType,
          DataTypes.BooleanType);
    }
  }

  @Test
  void compare_dateAndTimestamp_castsTheDateToTimestamp() {
    assertOperands(
        binary(ansi, BinaryOperator.LT, col("date"), col("ts")),
        DataTypes.TimestampType,
        DataTypes.TimestampType,
        DataTypes.BooleanType);
  }

  @Test
  void compare_booleanAndInt_failsUnderAnsi_castsTheBooleanInLegacy() {
    assertThatThrownBy(() -> binary(ansi, BinaryOperator.EQ, col("bool"), lit(1)))
        .isInstanceOfSatisfying(
            AnalysisException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES");
              assertThat(e.getSqlState()).isEqualTo("42K09");
            });
    assertOperands(
        binary(legacy, BinaryOperator.EQ, col("bool"), lit(1)),
        DataTypes.IntegerType,
        DataTypes.IntegerType,
        DataTypes.BooleanType);
  }

  @Test
  void add_intAndBoolean_isBinaryOpDiffTypesWithSparkWording() {
    assertThatThrownBy(() -> binary(ansi, BinaryOperator.ADD, col("i"), col("bool")))
        .hasMessage(
            "[DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES] Cannot resolve \"(i + bool)\" due to data"
                + " type mismatch: the left and right operands of the binary operator have"
                + " incompatible types (\"INT\" and \"BOOLEAN\").");
  }

  @Test
  void add_twoStrings_requiresNumericInput() {
    assertThatThrownBy(() -> binary(ansi, BinaryOperator.ADD, col("str"), col("str")))
        .hasMessageStartingWith("[DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE]");
  }

  @Test
  void and_ofIntegers_isBinaryOpWrongType() {
    assertThatThrownBy(() -> binary(ansi, BinaryOperator.AND, col("i"), col("i")))
        .isInstanceOfSatisfying(
            AnalysisException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE");
              assertThat(e.parameters())
                  .containsEntry("sqlExpr", "\"(i AND i)\"")
                  .containsEntry("inputType", "\"BOOLEAN\"")
                  .containsEntry("actualDataType", "\"INT\"");
            });
  }

  @Test
  void and_stringAndBoolean_castsTheStringUnderAnsiOnly() {
    assertOperands(
        binary(ansi, BinaryOperator.AND, col("str"), col("bool")),
        DataTypes.BooleanType,
        DataTypes.BooleanType,
        DataTypes.BooleanType);
    assertThatThrownBy(() -> binary(legacy, BinaryOperator.AND, col("str"), col("bool")))
        .hasMessageStartingWith("[DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES]");
  }

  @Test
  void and_withNullLiteral_typesTheNullBoolean() {
    BinaryOp e = binary(ansi, BinaryOperator.OR, Literal.NULL, col("bool"));
    assertThat(e.left()).isEqualTo(new Literal(null, DataTypes.BooleanType));
  }

  @Test
  void not_ofInteger_isUnexpectedInputType() {
    assertThatThrownBy(() -> ansi.resolve(new UnaryOp(UnaryOperator.NOT, col("i")), input, false))
        .hasMessage(
            "[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"(NOT i)\" due to data"
                + " type mismatch: the first parameter requires the \"BOOLEAN\" type, however"
                + " \"i\" has the type \"INT\".");
  }

  @Test
  void not_ofNull_typesTheNullBoolean() {
    Expr e = ansi.resolve(new UnaryOp(UnaryOperator.NOT, Literal.NULL), input, false);
    assertThat(e)
        .isEqualTo(new UnaryOp(UnaryOperator.NOT, new Literal(null, DataTypes.BooleanType)));
  }

  @Test
  void negate_ofString_castsToDouble() {
    Expr e = ansi.resolve(new UnaryOp(UnaryOperator.NEGATE, col("str")), input, false);
    assertThat(e.dataType()).isEqualTo(DataTypes.DoubleType);
  }

  @Test
  void nullLiteral_takesTheTypeOfTheOtherOperand() {
    BinaryOp e = binary(ansi, BinaryOperator.ADD, col("i"), Literal.NULL);
    assertThat(e.right()).isEqualTo(new Literal(null, DataTypes.IntegerType));
    assertThat(e.dataType()).isEqualTo(DataTypes.IntegerType);
    BinaryOp cmp = binary(legacy, BinaryOperator.EQ, Literal.NULL, col("str"));
    assertThat(cmp.left()).isEqualTo(new Literal(null, DataTypes.StringType));
  }

  @Test
  void timestampPlusDayTimeInterval_isTimestamp() {
    Expr e = ansi.resolve(op(BinaryOperator.ADD, col("ts"), col("dt")), input, false);
    assertThat(e.dataType()).isEqualTo(DataTypes.TimestampType);
  }

  @Test
  void datePlusDayTimeInterval_castsTheDateToTimestamp() {
    BinaryOp e = binary(ansi, BinaryOperator.ADD, col("date"), col("dt"));
    assertThat(e.left()).isEqualTo(Cast.implicit(date, DataTypes.TimestampType));
    assertThat(e.dataType()).isEqualTo(DataTypes.TimestampType);
  }

  @Test
  void dateMinusYearMonthInterval_isDate() {
    assertThat(binary(ansi, BinaryOperator.SUBTRACT, col("date"), col("ym")).dataType())
        .isEqualTo(DataTypes.DateType);
  }

  @Test
  void datePlusInteger_isDateAdd() {
    Expr e = ansi.resolve(op(BinaryOperator.ADD, col("date"), lit(1)), input, false);
    assertThat(e)
        .isEqualTo(
            new ScalarCall("date_add", List.of(date, lit(1)), DataTypes.DateType, true, List.of()));
    Expr sub = ansi.resolve(op(BinaryOperator.SUBTRACT, col("date"), col("l")), input, false);
    assertThat(((ScalarCall) sub).name()).isEqualTo("date_sub");
    assertThat(((ScalarCall) sub).args().get(1).dataType()).isEqualTo(DataTypes.IntegerType);
  }

  @Test
  void subtractDatetimes_givesDayTimeInterval() {
    BinaryOp e = binary(ansi, BinaryOperator.SUBTRACT, col("ts"), col("date"));
    assertOperands(
        e, DataTypes.TimestampType, DataTypes.TimestampType, DataTypes.DayTimeIntervalType);
    assertThat(binary(ansi, BinaryOperator.SUBTRACT, col("date"), col("date")).dataType())
        .isEqualTo(DataTypes.DayTimeIntervalType);
  }

  @Test
  void in_mixedNumbers_castsAllToTheWiderType() {
    In e = (In) ansi.resolve(new In(col("i"), List.of(lit(1L), lit(2))), input, false);
    assertThat(e.value().dataType()).isEqualTo(DataTypes.LongType);
    assertThat(e.list()).allSatisfy(x -> assertThat(x.dataType()).isEqualTo(DataTypes.LongType));
  }

  @Test
  void in_intAndString_isBigintUnderAnsi_stringInLegacy() {
    In a = (In) ansi.resolve(new In(col("i"), List.of(lit("1"))), input, false);
    assertThat(a.value().dataType()).isEqualTo(DataTypes.LongType);
    In l2 = (In) legacy.resolve(new In(col("i"), List.of(lit("1"))), input, false);
    assertThat(l2.value().dataType()).isEqualTo(DataTypes.StringType);
  }

  @Test
  void in_incompatibleTypes_isDataDiffTypes() {
    assertThatThrownBy(() -> ansi.resolve(new In(col("i"), List.of(col("bool"))), input, false))
        .isInstanceOfSatisfying(
            AnalysisException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("DATATYPE_MISMATCH.DATA_DIFF_TYPES");
              assertThat(e.parameters())
                  .containsEntry("functionName", "`in`")
                  .containsEntry("dataType", "[\"INT\", \"BOOLEAN\"]");
            });
  }

  @Test
  void caseWhen_branches_castToTheWiderCommonType() {
    CaseWhen e =
        (CaseWhen)
            ansi.resolve(
                new CaseWhen(List.of(col("bool")), List.of(lit(1)), lit(2.5)), input, false);
    assertThat(e.dataType()).isEqualTo(DataTypes.DoubleType);
    assertThat(e.values().get(0)).isEqualTo(Cast.implicit(lit(1), DataTypes.DoubleType));
  }

  @Test
  void caseWhen_intAndStringBranches_isBigintUnderAnsi_stringInLegacy() {
    CaseWhen c = new CaseWhen(List.of(col("bool")), List.of(col("i")), col("str"));
    assertThat(ansi.resolve(c, input, false).dataType()).isEqualTo(DataTypes.LongType);
    assertThat(legacy.resolve(c, input, false).dataType()).isEqualTo(DataTypes.StringType);
  }

  @Test
  void caseWhen_nullBranch_takesTheOtherBranchesType() {
    CaseWhen e =
        (CaseWhen)
            ansi.resolve(
                new CaseWhen(List.of(col("bool")), List.of(col("str")), Literal.NULL),
                input,
                false);
    assertThat(e.elseValue()).isEqualTo(new Literal(null, DataTypes.StringType));
  }

  @Test
  void caseWhen_nonBooleanCondition_isUnexpectedInputType() {
    assertThatThrownBy(
            () ->
                ansi.resolve(new CaseWhen(List.of(col("i")), List.of(lit(1)), null), input, false))
        .hasMessageStartingWith("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE]");
  }

  @Test
  void caseWhen_incompatibleBranches_isDataDiffTypes() {
    assertThatThrownBy(
            () ->
                ansi.resolve(
                    new CaseWhen(List.of(col("bool")), List.of(col("i")), col("date")),
                    input,
                    false))
        .hasMessageStartingWith("[DATATYPE_MISMATCH.DATA_DIFF_TYPES]");
  }

  @Test
  void between_becomesTwoComparisonsJoinedByAnd() {
    Expr e = ansi.resolve(new Between(col("i"), lit(1), lit(10L)), input, false);
    BinaryOp and = (BinaryOp) e;
    assertThat(and.op()).isEqualTo(BinaryOperator.AND);
    BinaryOp ge = (BinaryOp) and.left();
    BinaryOp le = (BinaryOp) and.right();
    assertThat(ge.op()).isEqualTo(BinaryOperator.GE);
    assertThat(ge.left()).isEqualTo(i);
    assertThat(le.op()).isEqualTo(BinaryOperator.LE);
    assertThat(le.left()).isEqualTo(Cast.implicit(i, DataTypes.LongType));
  }

  @Test
  void like_onInteger_castsTheValueToString() {
    Like e = (Like) ansi.resolve(new Like(Like.Kind.LIKE, col("i"), lit("1%")), input, false);
    assertThat(e.value()).isEqualTo(Cast.implicit(i, DataTypes.StringType));
  }

  @Test
  void concatOperator_castsNumbersToString() {
    BinaryOp e = binary(ansi, BinaryOperator.CONCAT, col("str"), col("i"));
    assertOperands(e, DataTypes.StringType, DataTypes.StringType, DataTypes.StringType);
  }

  @Test
  void cast_dateToIntIsIllegalUnderAnsiOnly() {
    Cast c = new Cast(col("date"), DataTypes.IntegerType);
    assertThatThrownBy(() -> ansi.resolve(c, input, false))
        .hasMessage(
            "[DATATYPE_MISMATCH.CAST_WITH_FUNC_SUGGESTION] Cannot resolve \"CAST(date AS INT)\""
                + " due to data type mismatch: cannot cast \"DATE\" to \"INT\". To convert"
                + " values from \"DATE\" to \"INT\", you can use the functions `UNIX_DATE`"
                + " instead.");
    assertThat(legacy.resolve(c, input, false).dataType()).isEqualTo(DataTypes.IntegerType);
  }

  @Test
  void cast_booleanToTimestamp_underAnsi_suggestsTurningAnsiOff() {
    Cast c = new Cast(col("bool"), DataTypes.TimestampType);
    assertThatThrownBy(() -> ansi.resolve(c, input, false))
        .hasMessage(
            "[DATATYPE_MISMATCH.CAST_WITH_CONF_SUGGESTION] Cannot resolve"
                + " \"CAST(bool AS TIMESTAMP)\" due to data type mismatch: cannot cast"
                + " \"BOOLEAN\" to \"TIMESTAMP\" with ANSI mode on. If you have to cast"
                + " \"BOOLEAN\" to \"TIMESTAMP\", you can set \"tideline.sql.ansi.enabled\""
                + " as 'false'.");
    assertThat(legacy.resolve(c, input, false).dataType()).isEqualTo(DataTypes.TimestampType);
  }

  @Test
  void cast_booleanToDate_isIllegalInBothModes() {
    Cast c = new Cast(col("bool"), DataTypes.DateType);
    assertThatThrownBy(() -> legacy.resolve(c, input, false))
        .hasMessageStartingWith("[DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION]");
  }

  @Test
  void coalesce_mixedTypes_castToTheWiderType() {
    ScalarCall e =
        (ScalarCall) ansi.resolve(fn("coalesce", col("i"), col("l"), lit(0)), input, false);
    assertThat(e.dataType()).isEqualTo(DataTypes.LongType);
    assertThat(e.args()).allSatisfy(a -> assertThat(a.dataType()).isEqualTo(DataTypes.LongType));
  }

  @Test
  void greatest_intAndString_doesNotPromoteToString() {
    assertThatThrownBy(() -> legacy.resolve(fn("greatest", col("i"), col("str")), input, false))
        .hasMessageStartingWith("[DATATYPE_MISMATCH.DATA_DIFF_TYPES]");
    assertThat(ansi.resolve(fn("greatest", col("i"), col("dec")), input, false).dataType())
        .isEqualTo(decimal(12, 2));
  }

  @Test
  void if_branchesOfIntAndNull_isInt() {
    ScalarCall e =
        (ScalarCall) ansi.resolve(fn("if", col("bool"), col("i"), Literal.NULL), input, false);
    assertThat(e.dataType()).isEqualTo(DataTypes.IntegerType);
    assertThat(e.args().get(2)).isEqualTo(new Literal(null, DataTypes.IntegerType));
  }

  @Test
  void resolvePredicate_nonBoolean_isFilterNotBoolean() {
    assertThatThrownBy(() -> ansi.resolvePredicate(col("i"), input))
        .isInstanceOfSatisfying(
            AnalysisException.class,
            e -> {
              assertThat(e.getCondition()).isEqualTo("DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN");
              assertThat(e.parameters()).containsEntry("type", "\"INT\"");
            });
  }

  @Test
  void resolvePredicate_comparison_isBoolean() {
    Expr e = ansi.resolvePredicate(op(BinaryOperator.GT, col("d"), lit(100)), input);
    assertThat(e.dataType()).isEqualTo(DataTypes.BooleanType);
    assertThat(((BinaryOp) e).right()).isEqualTo(Cast.implicit(lit(100), DataTypes.DoubleType));
  }

  @Test
  void typeCoercion_findWiderCommonType_legacyFoldsStringsFirst() {
    TypeCoercion legacyRules = new TypeCoercion(false, false);
    assertThat(
            legacyRules.findWiderCommonType(
                List.of(DataTypes.TimestampType, DataTypes.IntegerType, DataTypes.StringType)))
        .isEqualTo(DataTypes.StringType);
    TypeCoercion ansiRules = new TypeCoercion(true, false);
    assertThat(
            ansiRules.findWiderCommonType(
                List.of(DataTypes.TimestampType, DataTypes.IntegerType, DataTypes.StringType)))
        .isNull();
  }

  @Test
  void typeCoercion_complexTypes_widenElementwise() {
    TypeCoercion rules = new TypeCoercion(true, false);
    assertThat(
            rules.findWiderTypeForTwo(
                DataTypes.createArrayType(DataTypes.IntegerType, false),
                DataTypes.createArrayType(DataTypes.LongType, false)))
        .isEqualTo(DataTypes.createArrayType(DataTypes.LongType, false));
  }

  @Test
  void resolvePredicate_aliasedCondition_dropsTheAlias() {
    Expr e =
        ansi.resolvePredicate(
            new io.tideline.internal.expr.Alias(op(BinaryOperator.GT, col("i"), lit(1)), "c"),
            input);
    assertThat(e).isInstanceOf(BinaryOp.class);
  }

  @Test
  void compare_intColumnAndStringLiteralInLegacy_castsTheString() {
    BinaryOp e = binary(legacy, BinaryOperator.LT, col("i"), lit("10"));
    assertThat(e.left()).isEqualTo(i);
    assertThat(e.right()).isEqualTo(Cast.implicit(lit("10"), DataTypes.IntegerType));
  }

  @Test
  void arithmetic_ofTwoNulls_isDouble() {
    assertThat(binary(ansi, BinaryOperator.ADD, Literal.NULL, Literal.NULL).dataType())
        .isEqualTo(DataTypes.DoubleType);
  }

  @Test
  void stringPlusDayTimeInterval_isStringAsInSpark() {
    Expr e = ansi.resolve(op(BinaryOperator.ADD, col("str"), col("dt")), input, false);
    assertThat(e.dataType()).isEqualTo(DataTypes.StringType);
    assertThat(((Cast) e).child().dataType()).isEqualTo(DataTypes.TimestampType);
  }

  @Test
  void divide_decimalByNull_staysDecimal() {
    BinaryOp e = binary(ansi, BinaryOperator.DIVIDE, col("dec"), Literal.NULL);
    assertThat(e.right()).isEqualTo(new Literal(null, decimal(5, 2)));
    assertThat(e.dataType()).isEqualTo(decimal(13, 8));
  }
}
