package io.tideline.internal.eval;

import static io.tideline.internal.eval.EvalTesting.batch;
import static io.tideline.internal.eval.EvalTesting.column;
import static io.tideline.internal.eval.EvalTesting.eval;
import static io.tideline.internal.eval.EvalTesting.lit;
import static io.tideline.internal.eval.EvalTesting.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.errors.ExecutionException;
import io.tideline.internal.expr.BinaryOp;
import io.tideline.internal.expr.BinaryOperator;
import io.tideline.internal.expr.CaseWhen;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.In;
import io.tideline.internal.expr.Like;
import io.tideline.internal.vector.Batch;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

class PredicateKernelsTest {
  private static final DataType STRING = DataTypes.StringType;
  private static final DataType INT = DataTypes.IntegerType;

  private static List<Object> like(Like.Kind kind, String pattern, char escape, Object... values) {
    Like l = new Like(kind, ref(0, STRING), lit(pattern, STRING), escape);
    return eval(l, batch(column(STRING, values)), true);
  }

  private static List<Object> like(String pattern, Object... values) {
    return like(Like.Kind.LIKE, pattern, '\\', values);
  }

  @Test
  void like_fastPaths_matchPrefixSuffixInfixAndExact() {
    Object[] values = {"spark", "sparkle", "apache spark", "park", null, ""};
    assertThat(like("spark%", values)).containsExactly(true, true, false, false, null, false);
    assertThat(like("%park", values)).containsExactly(true, false, true, true, null, false);
    assertThat(like("%ark%", values)).containsExactly(true, true, true, true, null, false);
    assertThat(like("spark", values)).containsExactly(true, false, false, false, null, false);
    assertThat(like("%", values)).containsExactly(true, true, true, true, null, true);
  }

  @Test
  void like_underscoreMatchesOneCharacterNotOneByte() {
    assertThat(like("h_llo", "héllo", "hello", "hllo")).containsExactly(true, true, false);
    assertThat(like("a%b_c", "axxbyc", "abc", "ab\nc")).containsExactly(true, false, true);
  }

  @Test
  void like_escapedWildcardsMatchLiterally() {
    assertThat(like("100\\%", "100%", "1000")).containsExactly(true, false);
    assertThat(like(Like.Kind.LIKE, "a/_b", '/', "a_b", "axb")).containsExactly(true, false);
    assertThat(like("a\\\\b", "a\\b")).containsExactly(true);
  }

  @Test
  void like_escapeBeforeOrdinaryCharacter_failsLikeSpark() {
    assertThatThrownBy(() -> like("a\\b", "ab"))
        .isInstanceOf(ExecutionException.class)
        .satisfies(
            e ->
                assertThat(((ExecutionException) e).getCondition())
                    .isEqualTo("INVALID_FORMAT.ESC_IN_THE_MIDDLE"));
    assertThatThrownBy(() -> like("ab\\", "ab"))
        .satisfies(
            e ->
                assertThat(((ExecutionException) e).getCondition())
                    .isEqualTo("INVALID_FORMAT.ESC_AT_THE_END"));
  }

  @Test
  void ilike_ignoresCase() {
    assertThat(like(Like.Kind.ILIKE, "SPARK%", '\\', "Spark SQL", "spark", "Pyspark", "ÉTÉ"))
        .containsExactly(true, true, false, false);
    assertThat(like(Like.Kind.ILIKE, "été", '\\', "ÉTÉ")).containsExactly(true);
  }

  @Test
  void rlike_findsAnywhereInValue() {
    assertThat(like(Like.Kind.RLIKE, "ar+k", '\\', "spark", "sprk", "ARK"))
        .containsExactly(true, false, false);
    assertThat(like(Like.Kind.RLIKE, "^s", '\\', "spark", "ps")).containsExactly(true, false);
  }

  @Test
  void like_patternVaryingByRow_isRecompiledPerPattern() {
    Like l = new Like(Like.Kind.LIKE, ref(0, STRING), ref(1, STRING));
    Batch b =
        batch(column(STRING, "abc", "abc", "xyz", "q"), column(STRING, "a%", "b%", "%z", null));
    assertThat(eval(l, b, true)).containsExactly(true, false, true, null);
  }

  @Test
  void in_literalList_usesThreeValuedLogic() {
    In in = new In(ref(0, INT), List.of(lit(1, INT), lit(3, INT)));
    In withNull = new In(ref(0, INT), List.of(lit(1, INT), lit(null, INT)));
    Batch b = batch(column(INT, 1, 2, null));
    assertThat(eval(in, b, true)).containsExactly(true, false, null);
    assertThat(eval(withNull, b, true)).containsExactly(true, null, null);
  }

  @Test
  void in_stringsDoublesAndDecimals_matchByValue() {
    In strings = new In(ref(0, STRING), List.of(lit("a", STRING), lit("é", STRING)));
    assertThat(eval(strings, batch(column(STRING, "é", "b", "a")), true))
        .containsExactly(true, false, true);
    DataType dbl = DataTypes.DoubleType;
    In doubles = new In(ref(0, dbl), List.of(lit(Double.NaN, dbl), lit(0.0, dbl)));
    assertThat(eval(doubles, batch(column(dbl, Double.NaN, -0.0, 1.0)), true))
        .containsExactly(true, true, false);
    DataType dec = DataTypes.createDecimalType(5, 2);
    In decimals = new In(ref(0, dec), List.of(lit(new java.math.BigDecimal("1.50"), dec)));
    assertThat(eval(decimals, batch(column(dec, new java.math.BigDecimal("1.5"))), true))
        .containsExactly(true);
  }

  @Test
  void in_listWithColumns_comparesPerRow() {
    In in = new In(ref(0, INT), List.of(ref(1, INT), lit(7, INT)));
    Batch b = batch(column(INT, 1, 7, 3, 4), column(INT, 1, 0, null, 5));
    assertThat(eval(in, b, true)).containsExactly(true, true, null, false);
  }

  @Test
  void caseWhen_firstMatchingBranchWins_andElseDefaultsToNull() {
    Expr x = ref(0, INT);
    CaseWhen cw =
        new CaseWhen(
            List.of(
                new BinaryOp(BinaryOperator.LT, x, lit(0, INT)),
                new BinaryOp(BinaryOperator.LT, x, lit(10, INT))),
            List.of(lit("neg", STRING), lit("small", STRING)),
            null);
    Batch b = batch(column(INT, -1, 5, 50, null));
    assertThat(eval(cw, b, true)).containsExactly("neg", "small", null, null);
  }

  @Test
  void caseWhen_branchesRunOnlyOnTheirRows_soAnsiErrorsDoNotFire() {
    Expr y = ref(0, INT);
    CaseWhen cw =
        new CaseWhen(
            List.of(new BinaryOp(BinaryOperator.EQ, y, lit(0, INT))),
            List.of(lit(-1, INT)),
            new BinaryOp(BinaryOperator.MOD, lit(10, INT), y));
    Batch b = batch(column(INT, 0, 3, 0, 4)).withSelection(new int[] {0, 1, 3}, 3);
    assertThat(eval(cw, b, true)).containsExactly(-1, 1, 2);
  }

  @Test
  void in_decimalListOfOtherScale_isCastToValueType() {
    DataType value = DataTypes.createDecimalType(5, 2);
    DataType narrow = DataTypes.createDecimalType(3, 1);
    In in = new In(ref(0, value), List.of(lit(new java.math.BigDecimal("1.5"), narrow)));
    Batch b =
        batch(column(value, new java.math.BigDecimal("1.50"), new java.math.BigDecimal("1.51")));
    assertThat(eval(in, b, true)).containsExactly(true, false);
  }
}
