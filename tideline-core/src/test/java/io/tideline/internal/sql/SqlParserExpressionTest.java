package io.tideline.internal.sql;

import static io.tideline.internal.expr.BinaryOperator.ADD;
import static io.tideline.internal.expr.BinaryOperator.AND;
import static io.tideline.internal.expr.BinaryOperator.EQ;
import static io.tideline.internal.expr.BinaryOperator.EQ_NULL_SAFE;
import static io.tideline.internal.expr.BinaryOperator.GT;
import static io.tideline.internal.expr.BinaryOperator.MULTIPLY;
import static io.tideline.internal.expr.BinaryOperator.OR;
import static io.tideline.internal.expr.BinaryOperator.SUBTRACT;
import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Between;
import io.tideline.internal.expr.BinaryOp;
import io.tideline.internal.expr.BinaryOperator;
import io.tideline.internal.expr.CaseWhen;
import io.tideline.internal.expr.Cast;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.In;
import io.tideline.internal.expr.Like;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.expr.UnaryOp;
import io.tideline.internal.expr.UnaryOperator;
import io.tideline.internal.expr.UnresolvedColumn;
import io.tideline.internal.expr.UnresolvedExtract;
import io.tideline.internal.expr.UnresolvedFunction;
import io.tideline.internal.expr.UnresolvedStar;
import io.tideline.types.DataTypes;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlParserExpressionTest {

  private static Expr p(String text) {
    return SqlParser.parseExpression(text);
  }

  private static UnresolvedColumn col(String... parts) {
    return UnresolvedColumn.of(parts);
  }

  private static BinaryOp bin(BinaryOperator op, Expr l, Expr r) {
    return new BinaryOp(op, l, r);
  }

  private static Literal dec(String v, int p, int s) {
    return new Literal(new BigDecimal(v), DataTypes.createDecimalType(p, s));
  }

  @Test
  void integer_fitsInt_isInt() {
    assertThat(p("42")).isEqualTo(Literal.of(42));
    assertThat(p("2147483647")).isEqualTo(Literal.of(2147483647));
  }

  @Test
  void integer_pastInt_isBigint_pastLong_isDecimal() {
    assertThat(p("2147483648")).isEqualTo(Literal.of(2147483648L));
    assertThat(p("9223372036854775807")).isEqualTo(Literal.of(Long.MAX_VALUE));
    assertThat(p("9223372036854775808")).isEqualTo(dec("9223372036854775808", 19, 0));
  }

  @Test
  void integer_negative_signBelongsToLiteral() {
    assertThat(p("-2147483648")).isEqualTo(Literal.of(Integer.MIN_VALUE));
    assertThat(p("-9223372036854775808L")).isEqualTo(Literal.of(Long.MIN_VALUE));
    assertThat(p("-128Y")).isEqualTo(new Literal(-128, DataTypes.ByteType));
    assertThat(p("- 5")).isEqualTo(Literal.of(-5));
  }

  @Test
  void number_suffixes_giveTheirTypes() {
    assertThat(p("5L")).isEqualTo(Literal.of(5L));
    assertThat(p("5s")).isEqualTo(new Literal(5, DataTypes.ShortType));
    assertThat(p("5Y")).isEqualTo(new Literal(5, DataTypes.ByteType));
    assertThat(p("1.5D")).isEqualTo(Literal.of(1.5));
    assertThat(p("2d")).isEqualTo(Literal.of(2.0));
    assertThat(p("1.5F")).isEqualTo(new Literal(1.5f, DataTypes.FloatType));
    assertThat(p("1.50BD")).isEqualTo(dec("1.50", 3, 2));
    assertThat(p("12BD")).isEqualTo(dec("12", 2, 0));
  }

  @Test
  void decimal_withoutSuffix_isDecimalTypedByItsDigits() {
    assertThat(p("1.5")).isEqualTo(dec("1.5", 2, 1));
    assertThat(p(".5")).isEqualTo(dec("0.5", 1, 1));
    assertThat(p("0.05")).isEqualTo(dec("0.05", 2, 2));
    assertThat(p("-12.345")).isEqualTo(dec("-12.345", 5, 3));
  }

  @Test
  void exponent_isDouble() {
    assertThat(p("1e3")).isEqualTo(Literal.of(1000.0));
    assertThat(p("1.5E-2")).isEqualTo(Literal.of(0.015));
  }

  @Test
  void digitsThenLetters_isAnIdentifier() {
    assertThat(p("1a")).isEqualTo(col("1a"));
    assertThat(p("2nd_col + 1")).isEqualTo(bin(ADD, col("2nd_col"), Literal.of(1)));
  }

  @Test
  void string_quotesAndEscapes() {
    assertThat(p("'it\\'s'")).isEqualTo(Literal.of("it's"));
    assertThat(p("\"double\"")).isEqualTo(Literal.of("double"));
    assertThat(p("'a\\tb\\nc\\\\'")).isEqualTo(Literal.of("a\tb\nc\\"));
    assertThat(p("'\\u0041\\101\\q'")).isEqualTo(Literal.of("AAq"));
    assertThat(p("'50\\%'")).isEqualTo(Literal.of("50\\%"));
    assertThat(p("r'C:\\dir'")).isEqualTo(Literal.of("C:\\dir"));
  }

  @Test
  void string_doubledQuote_isOneQuote() {
    assertThat(p("'yyyy-MM-dd''T''HH'")).isEqualTo(Literal.of("yyyy-MM-dd'T'HH"));
    assertThat(p("\"say \"\"hi\"\"\"")).isEqualTo(Literal.of("say \"hi\""));
    assertThat(p("'' 'a'")).isEqualTo(Literal.of("a"));
  }

  @Test
  void string_adjacentLiterals_concatenate() {
    assertThat(p("'a' 'b' \"c\"")).isEqualTo(Literal.of("abc"));
  }

  @Test
  void keywordLiterals_areCaseInsensitive() {
    assertThat(p("true")).isEqualTo(Literal.TRUE);
    assertThat(p("FaLsE")).isEqualTo(Literal.FALSE);
    assertThat(p("null")).isEqualTo(Literal.NULL);
  }

  @Test
  void binaryLiteral_hexDigits() {
    Literal l = (Literal) p("X'0aFF'");
    assertThat(l.dataType()).isEqualTo(DataTypes.BinaryType);
    assertThat((byte[]) l.value()).containsExactly(0x0A, 0xFF);
    assertThat((byte[]) ((Literal) p("x'ABC'")).value()).containsExactly(0x0A, 0xBC);
  }

  @Test
  void typedDateAndTimestamp_areCastsOfStrings() {
    assertThat(p("DATE '2024-01-31'"))
        .isEqualTo(new Cast(Literal.of("2024-01-31"), DataTypes.DateType));
    assertThat(p("timestamp '2024-01-31 10:00:00'"))
        .isEqualTo(new Cast(Literal.of("2024-01-31 10:00:00"), DataTypes.TimestampType));
    assertThat(p("TIMESTAMP_LTZ '2024-01-31T10:00:00.123Z'"))
        .isEqualTo(new Cast(Literal.of("2024-01-31T10:00:00.123Z"), DataTypes.TimestampType));
  }

  @Test
  void typeNamesWithoutString_areColumnsOrFunctions() {
    assertThat(p("timestamp AS kafka_timestamp"))
        .isEqualTo(new Alias(col("timestamp"), "kafka_timestamp"));
    assertThat(p("date(ts)")).isEqualTo(new UnresolvedFunction("date", List.of(col("ts")), false));
    assertThat(p("interval - 1")).isEqualTo(bin(SUBTRACT, col("interval"), Literal.of(1)));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "INTERVAL '10' MINUTE|600000000",
        "INTERVAL 10 MINUTES|600000000",
        "interval 1 hour 30 minutes|5400000000",
        "INTERVAL '1' HOUR '30' MINUTE|5400000000",
        "INTERVAL '1 10:00:00' DAY TO SECOND|122400000000",
        "INTERVAL '-1 10:00:00.5' DAY TO SECOND|-122400500000",
        "INTERVAL '10:30' HOUR TO MINUTE|37800000000",
        "INTERVAL '1 2' DAY TO HOUR|93600000000",
        "INTERVAL '02:03.000004' MINUTE TO SECOND|123000004",
        "INTERVAL 1.5 SECONDS|1500000",
        "INTERVAL -2 DAYS|-172800000000",
        "INTERVAL 1 WEEK 1 MILLISECOND 1 MICROSECOND|604800001001",
        "INTERVAL '1 day 2 hours'|93600000000",
        "INTERVAL '-106751991 04:00:54.775808' DAY TO SECOND|-9223372036854775808",
      })
  void interval_dayTime_isMicros(String text, long micros) {
    assertThat(p(text)).isEqualTo(new Literal(micros, DataTypes.DayTimeIntervalType));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "INTERVAL '1-2' YEAR TO MONTH|14",
        "INTERVAL '-1-2' YEAR TO MONTH|-14",
        "INTERVAL 2 YEARS 3 MONTHS|27",
        "INTERVAL '5' MONTH|5",
      })
  void interval_yearMonth_isMonths(String text, int months) {
    assertThat(p(text)).isEqualTo(new Literal(months, DataTypes.YearMonthIntervalType));
  }

  @Test
  void column_dottedAndBackticked() {
    assertThat(p("data.amount")).isEqualTo(col("data", "amount"));
    assertThat(p("`a.b`.`c``d`")).isEqualTo(col("a.b", "c`d"));
    assertThat(p("window.end")).isEqualTo(col("window", "end"));
    assertThat(p("`end`")).isEqualTo(col("end"));
  }

  @Test
  void star_plainAndQualified() {
    assertThat(p("*")).isEqualTo(new UnresolvedStar(List.of()));
    assertThat(p("data.*")).isEqualTo(new UnresolvedStar(List.of("data")));
    assertThat(p("o.`da ta`.*")).isEqualTo(new UnresolvedStar(List.of("o", "da ta")));
  }

  @Test
  void alias_withAsOrBare() {
    assertThat(p("amount * 2 AS doubled"))
        .isEqualTo(new Alias(bin(MULTIPLY, col("amount"), Literal.of(2)), "doubled"));
    assertThat(p("amount total")).isEqualTo(new Alias(col("amount"), "total"));
    assertThat(p("amount AS `my col`")).isEqualTo(new Alias(col("amount"), "my col"));
    assertThat(p("x as end")).isEqualTo(new Alias(col("x"), "end"));
  }

  @Test
  void arithmetic_followsSparkPrecedence() {
    assertThat(p("a + b * c")).isEqualTo(bin(ADD, col("a"), bin(MULTIPLY, col("b"), col("c"))));
    assertThat(p("a - b - c"))
        .isEqualTo(bin(SUBTRACT, bin(SUBTRACT, col("a"), col("b")), col("c")));
    assertThat(p("a div b % c"))
        .isEqualTo(
            bin(BinaryOperator.MOD, bin(BinaryOperator.INT_DIVIDE, col("a"), col("b")), col("c")));
    assertThat(p("a || b + c"))
        .isEqualTo(bin(ADD, bin(BinaryOperator.CONCAT, col("a"), col("b")), col("c")));
  }

  @Test
  void bitwise_bindLooserThanArithmetic_inSparkOrder() {
    // & binds tighter than ^, which binds tighter than |.
    assertThat(p("a | b ^ c & d + 1"))
        .isEqualTo(
            bin(
                BinaryOperator.BIT_OR,
                col("a"),
                bin(
                    BinaryOperator.BIT_XOR,
                    col("b"),
                    bin(BinaryOperator.BIT_AND, col("c"), bin(ADD, col("d"), Literal.of(1))))));
  }

  @Test
  void unary_bindsTighterThanBinary() {
    assertThat(p("-a * b"))
        .isEqualTo(bin(MULTIPLY, new UnaryOp(UnaryOperator.NEGATE, col("a")), col("b")));
    assertThat(p("~a")).isEqualTo(new UnaryOp(UnaryOperator.BIT_NOT, col("a")));
    assertThat(p("+a")).isEqualTo(new UnaryOp(UnaryOperator.POSITIVE, col("a")));
    assertThat(p("- (5)")).isEqualTo(new UnaryOp(UnaryOperator.NEGATE, Literal.of(5)));
  }

  @ParameterizedTest
  @CsvSource({
    "a = b, EQ",
    "a == b, EQ",
    "a <> b, NOT_EQ",
    "a != b, NOT_EQ",
    "a < b, LT",
    "a <= b, LE",
    "a > b, GT",
    "a >= b, GE",
    "a <=> b, EQ_NULL_SAFE",
  })
  void comparison_operators(String text, BinaryOperator op) {
    assertThat(p(text)).isEqualTo(bin(op, col("a"), col("b")));
  }

  @Test
  void logical_notBindsTighterThanAnd_andTighterThanOr() {
    assertThat(p("NOT a AND b OR c"))
        .isEqualTo(bin(OR, bin(AND, new UnaryOp(UnaryOperator.NOT, col("a")), col("b")), col("c")));
    assertThat(p("!a = 1"))
        .isEqualTo(new UnaryOp(UnaryOperator.NOT, bin(EQ, col("a"), Literal.of(1))));
    assertThat(p("amount > 0 AND customer_id IS NOT NULL"))
        .isEqualTo(
            bin(
                AND,
                bin(GT, col("amount"), Literal.of(0)),
                new UnaryOp(UnaryOperator.IS_NOT_NULL, col("customer_id"))));
  }

  @Test
  void isPredicates() {
    assertThat(p("a IS NULL")).isEqualTo(new UnaryOp(UnaryOperator.IS_NULL, col("a")));
    assertThat(p("a = b IS NULL"))
        .isEqualTo(new UnaryOp(UnaryOperator.IS_NULL, bin(EQ, col("a"), col("b"))));
    assertThat(p("a IS TRUE")).isEqualTo(bin(EQ_NULL_SAFE, col("a"), Literal.TRUE));
    assertThat(p("a IS NOT FALSE"))
        .isEqualTo(new UnaryOp(UnaryOperator.NOT, bin(EQ_NULL_SAFE, col("a"), Literal.FALSE)));
    assertThat(p("a IS DISTINCT FROM b"))
        .isEqualTo(new UnaryOp(UnaryOperator.NOT, bin(EQ_NULL_SAFE, col("a"), col("b"))));
    assertThat(p("a IS NOT DISTINCT FROM b")).isEqualTo(bin(EQ_NULL_SAFE, col("a"), col("b")));
  }

  @Test
  void in_andNotIn() {
    In in = new In(col("a"), List.of(Literal.of(1), Literal.of(2)));
    assertThat(p("a IN (1, 2)")).isEqualTo(in);
    assertThat(p("a NOT IN (1, 2)")).isEqualTo(new UnaryOp(UnaryOperator.NOT, in));
  }

  @Test
  void between_andNotBetween() {
    Between b = new Between(col("a"), Literal.of(1), bin(ADD, col("b"), Literal.of(1)));
    assertThat(p("a BETWEEN 1 AND b + 1")).isEqualTo(b);
    assertThat(p("a NOT BETWEEN 1 AND b + 1 AND c"))
        .isEqualTo(bin(AND, new UnaryOp(UnaryOperator.NOT, b), col("c")));
  }

  @Test
  void like_ilike_rlike_withEscape() {
    assertThat(p("name LIKE 'a%'"))
        .isEqualTo(new Like(Like.Kind.LIKE, col("name"), Literal.of("a%")));
    assertThat(p("name NOT ILIKE 'a%'"))
        .isEqualTo(
            new UnaryOp(
                UnaryOperator.NOT, new Like(Like.Kind.ILIKE, col("name"), Literal.of("a%"))));
    assertThat(p("name LIKE 'a!%' ESCAPE '!'"))
        .isEqualTo(new Like(Like.Kind.LIKE, col("name"), Literal.of("a!%"), '!'));
    assertThat(p("name RLIKE '^a'"))
        .isEqualTo(new Like(Like.Kind.RLIKE, col("name"), Literal.of("^a")));
    assertThat(p("name regexp '^a'")).isEqualTo(p("name RLIKE '^a'"));
  }

  @Test
  void caseWhen_searchedAndSimple() {
    assertThat(p("CASE WHEN a > 0 THEN 'pos' WHEN a < 0 THEN 'neg' ELSE 'zero' END"))
        .isEqualTo(
            new CaseWhen(
                List.of(
                    bin(GT, col("a"), Literal.of(0)),
                    bin(BinaryOperator.LT, col("a"), Literal.of(0))),
                List.of(Literal.of("pos"), Literal.of("neg")),
                Literal.of("zero")));
    assertThat(p("case status when 1 then 'a' end"))
        .isEqualTo(
            new CaseWhen(
                List.of(bin(EQ, col("status"), Literal.of(1))), List.of(Literal.of("a")), null));
  }

  @Test
  void cast_tryCast_andColonColon() {
    assertThat(p("CAST(value AS STRING)")).isEqualTo(new Cast(col("value"), DataTypes.StringType));
    assertThat(p("try_cast(value as decimal(10, 2))"))
        .isEqualTo(new Cast(col("value"), DataTypes.createDecimalType(10, 2), true, false));
    assertThat(p("value::int + 1"))
        .isEqualTo(bin(ADD, new Cast(col("value"), DataTypes.IntegerType), Literal.of(1)));
  }

  @Test
  void functionCalls() {
    assertThat(p("upper(product)"))
        .isEqualTo(new UnresolvedFunction("upper", List.of(col("product")), false));
    assertThat(p("count(DISTINCT a, b)"))
        .isEqualTo(new UnresolvedFunction("count", List.of(col("a"), col("b")), true));
    assertThat(p("count(*)"))
        .isEqualTo(new UnresolvedFunction("count", List.of(new UnresolvedStar(List.of())), false));
    assertThat(p("now()")).isEqualTo(new UnresolvedFunction("now", List.of(), false));
    assertThat(p("IF(a, LEFT(s, 2), RIGHT(s, 2))"))
        .isEqualTo(
            new UnresolvedFunction(
                "IF",
                List.of(
                    col("a"),
                    new UnresolvedFunction("LEFT", List.of(col("s"), Literal.of(2)), false),
                    new UnresolvedFunction("RIGHT", List.of(col("s"), Literal.of(2)), false)),
                false));
    assertThat(p("sum(ALL x)")).isEqualTo(new UnresolvedFunction("sum", List.of(col("x")), false));
  }

  @Test
  void struct_argumentsMayBeNamed() {
    assertThat(p("struct(a AS x, b)"))
        .isEqualTo(
            new UnresolvedFunction("struct", List.of(new Alias(col("a"), "x"), col("b")), false));
  }

  @Test
  void extract_isAFunctionWithTheFieldAsString() {
    assertThat(p("EXTRACT(YEAR FROM ts)"))
        .isEqualTo(
            new UnresolvedFunction("extract", List.of(Literal.of("YEAR"), col("ts")), false));
  }

  @Test
  void postfix_indexAndFieldOnExpressions() {
    assertThat(p("a.b[0].c"))
        .isEqualTo(
            new UnresolvedExtract(
                new UnresolvedExtract(col("a", "b"), Literal.of(0), false), Literal.of("c"), true));
    assertThat(p("from_json(v, 's STRING').s"))
        .isEqualTo(
            new UnresolvedExtract(
                new UnresolvedFunction(
                    "from_json", List.of(col("v"), Literal.of("s STRING")), false),
                Literal.of("s"),
                true));
    assertThat(p("(a).b")).isEqualTo(new UnresolvedExtract(col("a"), Literal.of("b"), true));
    assertThat(p("m['k']")).isEqualTo(new UnresolvedExtract(col("m"), Literal.of("k"), false));
  }

  @Test
  void parentheses_andComments() {
    assertThat(p("(a + b) * c /* comment /* nested */ */ -- line comment"))
        .isEqualTo(bin(MULTIPLY, bin(ADD, col("a"), col("b")), col("c")));
  }

  @Test
  void multipartIdentifier_partsAndBackticks() {
    assertThat(SqlParser.parseMultipartIdentifier("a.b.c")).containsExactly("a", "b", "c");
    assertThat(SqlParser.parseMultipartIdentifier("`a.b` . `c``d`")).containsExactly("a.b", "c`d");
    assertThat(SqlParser.parseMultipartIdentifier("select.from")).containsExactly("select", "from");
  }

  @Test
  void shiftOperators_areShiftFunctions_betweenAdditiveAndBitAnd() {
    assertThat(p("a << 1 + 2 & b"))
        .isEqualTo(
            bin(
                BinaryOperator.BIT_AND,
                new UnresolvedFunction(
                    "shiftleft", List.of(col("a"), bin(ADD, Literal.of(1), Literal.of(2))), false),
                col("b")));
    assertThat(p("a >> 1"))
        .isEqualTo(new UnresolvedFunction("shiftright", List.of(col("a"), Literal.of(1)), false));
    assertThat(p("a >>> 1"))
        .isEqualTo(
            new UnresolvedFunction("shiftrightunsigned", List.of(col("a"), Literal.of(1)), false));
  }

  @Test
  void nestedTypeClosers_areNotShifts() {
    assertThat(p("CAST(x AS MAP<STRING, ARRAY<ARRAY<INT>>>)"))
        .isEqualTo(
            new Cast(
                col("x"),
                DataTypes.createMapType(
                    DataTypes.StringType,
                    DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.IntegerType)))));
    assertThat(p("x::array<struct<a:int>> >= y"))
        .isEqualTo(
            bin(
                BinaryOperator.GE,
                new Cast(
                    col("x"),
                    DataTypes.createArrayType(
                        new io.tideline.types.StructType().add("a", DataTypes.IntegerType))),
                col("y")));
  }

  @Test
  void ignoreNulls_becomesTheIgnoreNullsArgument() {
    assertThat(p("first(x) IGNORE NULLS"))
        .isEqualTo(new UnresolvedFunction("first", List.of(col("x"), Literal.TRUE), false));
    assertThat(p("last(x) RESPECT NULLS"))
        .isEqualTo(new UnresolvedFunction("last", List.of(col("x")), false));
  }

  @Test
  void standardCallForms_positionAndSubstring() {
    assertThat(p("POSITION('a' IN s)"))
        .isEqualTo(new UnresolvedFunction("POSITION", List.of(Literal.of("a"), col("s")), false));
    assertThat(p("substring(s FROM 2 FOR 3)"))
        .isEqualTo(
            new UnresolvedFunction(
                "substring", List.of(col("s"), Literal.of(2), Literal.of(3)), false));
    assertThat(p("substr(s FROM 2)"))
        .isEqualTo(new UnresolvedFunction("substr", List.of(col("s"), Literal.of(2)), false));
    assertThat(p("substring(s, 2, 3)")).isEqualTo(p("substring(s FROM 2 FOR 3)"));
    assertThat(p("position(x = 1)"))
        .isEqualTo(
            new UnresolvedFunction("position", List.of(bin(EQ, col("x"), Literal.of(1))), false));
  }

  @Test
  void sparkAlternativeComparisons_notGreaterAndNotLess() {
    assertThat(p("a !> b")).isEqualTo(bin(BinaryOperator.LE, col("a"), col("b")));
    assertThat(p("a !< b")).isEqualTo(bin(BinaryOperator.GE, col("a"), col("b")));
  }

  @Test
  void noBreakSpace_isWhiteSpace() {
    assertThat(p("a\u00A0+\u3000b")).isEqualTo(bin(ADD, col("a"), col("b")));
  }

  @Test
  void ignoreNulls_insideTheParentheses() {
    assertThat(p("last(x IGNORE NULLS)"))
        .isEqualTo(new UnresolvedFunction("last", List.of(col("x"), Literal.TRUE), false));
  }

  @Test
  void likeAnyAll_areOrAndOfLikes() {
    Like a = new Like(Like.Kind.LIKE, col("s"), Literal.of("a%"));
    Like b = new Like(Like.Kind.LIKE, col("s"), Literal.of("b%"));
    assertThat(p("s LIKE ANY ('a%', 'b%')")).isEqualTo(bin(OR, a, b));
    assertThat(p("s LIKE SOME ('a%', 'b%')")).isEqualTo(bin(OR, a, b));
    assertThat(p("s LIKE ALL ('a%', 'b%')")).isEqualTo(bin(AND, a, b));
    assertThat(p("s NOT LIKE ALL ('a%', 'b%')"))
        .isEqualTo(bin(AND, new UnaryOp(UnaryOperator.NOT, a), new UnaryOp(UnaryOperator.NOT, b)));
    assertThat(p("s ILIKE ANY ('a%')"))
        .isEqualTo(new Like(Like.Kind.ILIKE, col("s"), Literal.of("a%")));
  }

  @Test
  void rowConstructor_isAStruct() {
    assertThat(p("(a, b AS y, 1)"))
        .isEqualTo(
            new UnresolvedFunction(
                "struct", List.of(col("a"), new Alias(col("b"), "y"), Literal.of(1)), false));
  }

  @Test
  void trim_standardForms() {
    assertThat(p("TRIM(s)")).isEqualTo(new UnresolvedFunction("TRIM", List.of(col("s")), false));
    assertThat(p("trim(BOTH FROM s)"))
        .isEqualTo(new UnresolvedFunction("trim", List.of(col("s")), false));
    assertThat(p("trim('x' FROM s)"))
        .isEqualTo(new UnresolvedFunction("btrim", List.of(col("s"), Literal.of("x")), false));
    assertThat(p("trim(LEADING 'x' FROM s)"))
        .isEqualTo(new UnresolvedFunction("ltrim", List.of(Literal.of("x"), col("s")), false));
    assertThat(p("trim(trailing from s)"))
        .isEqualTo(new UnresolvedFunction("rtrim", List.of(col("s")), false));
  }

  @Test
  void overlay_andUnitFunctions() {
    assertThat(p("OVERLAY(s PLACING 'x' FROM 2 FOR 3)"))
        .isEqualTo(
            new UnresolvedFunction(
                "OVERLAY",
                List.of(col("s"), Literal.of("x"), Literal.of(2), Literal.of(3)),
                false));
    assertThat(p("timestampadd(hour, 2, ts)"))
        .isEqualTo(
            new UnresolvedFunction(
                "timestampadd", List.of(Literal.of("HOUR"), Literal.of(2), col("ts")), false));
    assertThat(p("date_add(ts, 1)"))
        .isEqualTo(new UnresolvedFunction("date_add", List.of(col("ts"), Literal.of(1)), false));
    assertThat(p("datediff(DAY, a, b)"))
        .isEqualTo(
            new UnresolvedFunction(
                "datediff", List.of(Literal.of("DAY"), col("a"), col("b")), false));
  }

  @Test
  void standardCallForms_backtrackOverNestedTypes() {
    // The special-form attempt reads a type whose ">>" it splits, then backs off to plain args.
    assertThat(p("substring(CAST(x AS ARRAY<ARRAY<INT>>), 1)"))
        .isEqualTo(
            new UnresolvedFunction(
                "substring",
                List.of(
                    new Cast(
                        col("x"),
                        DataTypes.createArrayType(
                            DataTypes.createArrayType(DataTypes.IntegerType))),
                    Literal.of(1)),
                false));
    assertThat(p("substring(x.*)"))
        .isEqualTo(
            new UnresolvedFunction("substring", List.of(new UnresolvedStar(List.of("x"))), false));
    assertThat(p("timestampadd(`day`, 1)"))
        .isEqualTo(
            new UnresolvedFunction("timestampadd", List.of(col("day"), Literal.of(1)), false));
  }

  @Test
  void parse_manyExpressionsQuickly() {
    // A guard against accidental quadratic behaviour: long inputs parse in linear time.
    String[] terms = new String[20_000];
    Arrays.fill(terms, "a");
    Expr e = p(String.join(" + ", terms));
    assertThat(e).isInstanceOf(BinaryOp.class);
  }
}
