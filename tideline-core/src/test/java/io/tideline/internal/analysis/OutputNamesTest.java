package io.tideline.internal.analysis;

import static io.tideline.internal.analysis.Exprs.attr;
import static io.tideline.internal.analysis.Exprs.col;
import static io.tideline.internal.analysis.Exprs.distinct;
import static io.tideline.internal.analysis.Exprs.fn;
import static io.tideline.internal.analysis.Exprs.lit;
import static io.tideline.internal.analysis.Exprs.op;
import static io.tideline.internal.analysis.Exprs.star;
import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.BinaryOperator;
import io.tideline.internal.expr.CaseWhen;
import io.tideline.internal.expr.Cast;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.In;
import io.tideline.internal.expr.Like;
import io.tideline.internal.expr.Literal;
import io.tideline.internal.expr.UnaryOp;
import io.tideline.internal.expr.UnaryOperator;
import io.tideline.internal.expr.UnresolvedExtract;
import io.tideline.types.ArrayType;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Output column names, checked against the names Spark gives the same expressions. */
class OutputNamesTest {
  private final Attribute amount = attr("amount", DataTypes.DoubleType);
  private final Attribute product = attr("product", DataTypes.StringType);
  private final Attribute value = attr("value", DataTypes.BinaryType);
  private final Attribute qty = attr("qty", DataTypes.IntegerType);
  private final Attribute ts = attr("ts", DataTypes.TimestampType);
  private final Attribute flag = attr("flag", DataTypes.BooleanType);
  private final Attribute tags = attr("tags", new ArrayType(DataTypes.StringType, true));
  private final Attribute data =
      attr(
          "data",
          new StructType()
              .add("amount", DataTypes.DoubleType)
              .add("Product", DataTypes.StringType));
  private final List<Attribute> input = List.of(amount, product, value, qty, ts, flag, tags, data);
  private final ExpressionResolver resolver = Exprs.ansi();

  private String name(Expr e) {
    Expr out = resolver.resolveNamed(List.of(e), input).get(0);
    return out instanceof Attribute a ? a.name() : ((Alias) out).name();
  }

  @Test
  void names_matchSparkColumnNames() {
    Map<Expr, String> table = new java.util.LinkedHashMap<>();
    table.put(col("amount"), "amount");
    table.put(col("AMOUNT"), "amount");
    table.put(col("data", "amount"), "amount");
    // Spark names a nested field by the last name part as written, not the schema case.
    table.put(col("data", "product"), "product");
    table.put(new Cast(col("value"), DataTypes.StringType), "value");
    table.put(new Cast(col("data", "amount"), DataTypes.StringType), "CAST(data.amount AS STRING)");
    table.put(new Cast(lit(1), DataTypes.StringType), "CAST(1 AS STRING)");
    table.put(
        new Cast(op(BinaryOperator.ADD, col("qty"), lit(1)), DataTypes.createDecimalType(10, 2)),
        "CAST((qty + 1) AS DECIMAL(10,2))");
    table.put(op(BinaryOperator.GT, col("amount"), lit(100)), "(amount > 100)");
    table.put(op(BinaryOperator.ADD, col("qty"), lit(1L)), "(qty + 1)");
    table.put(op(BinaryOperator.MULTIPLY, col("amount"), lit(1.5)), "(amount * 1.5)");
    table.put(op(BinaryOperator.EQ, col("product"), lit("a")), "(product = a)");
    table.put(op(BinaryOperator.NOT_EQ, col("qty"), lit(0)), "(NOT (qty = 0))");
    table.put(op(BinaryOperator.INT_DIVIDE, col("qty"), lit(2)), "(qty div 2)");
    table.put(op(BinaryOperator.MOD, col("qty"), lit(2)), "(qty % 2)");
    table.put(
        op(BinaryOperator.AND, col("flag"), op(BinaryOperator.LT, col("qty"), lit(3))),
        "(flag AND (qty < 3))");
    table.put(op(BinaryOperator.CONCAT, col("product"), col("qty")), "concat(product, qty)");
    table.put(fn("sum", col("amount")), "sum(amount)");
    table.put(fn("count", star()), "count(1)");
    table.put(fn("count", lit(1)), "count(1)");
    table.put(distinct("count", col("product")), "count(DISTINCT product)");
    table.put(fn("avg", col("amount")), "avg(amount)");
    table.put(fn("first", col("amount"), lit(true)), "first(amount) IGNORE NULLS");
    table.put(fn("upper", col("product")), "upper(product)");
    table.put(fn("UPPER", col("product")), "upper(product)");
    table.put(fn("substring", col("product"), lit(1), lit(3)), "substring(product, 1, 3)");
    table.put(fn("substr", col("product"), lit(2)), "substr(product, 2, 2147483647)");
    table.put(fn("round", col("amount")), "round(amount, 0)");
    table.put(fn("round", col("amount"), lit(2)), "round(amount, 2)");
    table.put(fn("ceil", col("amount")), "CEIL(amount)");
    table.put(fn("floor", col("amount")), "FLOOR(amount)");
    table.put(fn("sqrt", col("qty")), "SQRT(qty)");
    table.put(fn("power", col("qty"), lit(2)), "POWER(qty, 2)");
    table.put(fn("pow", col("qty"), lit(2)), "pow(qty, 2)");
    table.put(fn("abs", col("qty")), "abs(qty)");
    table.put(fn("coalesce", col("qty"), lit(0)), "coalesce(qty, 0)");
    table.put(fn("nvl", col("qty"), lit(0)), "nvl(qty, 0)");
    table.put(fn("nullif", col("qty"), lit(0)), "nullif(qty, 0)");
    table.put(fn("if", col("flag"), lit(1), lit(2)), "(IF(flag, 1, 2))");
    table.put(fn("isnull", col("qty")), "(qty IS NULL)");
    table.put(fn("split", col("product"), lit(",")), "split(product, ,, -1)");
    table.put(
        fn("regexp_replace", col("product"), lit("a"), lit("b")),
        "regexp_replace(product, a, b, 1)");
    table.put(fn("current_timestamp"), "current_timestamp()");
    table.put(fn("date_format", col("ts"), lit("yyyy-MM-dd")), "date_format(ts, yyyy-MM-dd)");
    table.put(fn("to_timestamp", col("product")), "to_timestamp(product)");
    table.put(fn("unix_timestamp"), "unix_timestamp(current_timestamp(), yyyy-MM-dd HH:mm:ss)");
    table.put(fn("from_unixtime", col("qty")), "from_unixtime(qty, yyyy-MM-dd HH:mm:ss)");
    table.put(fn("struct", col("qty"), col("product")), "struct(qty, product)");
    table.put(fn("named_struct", lit("q"), col("qty")), "named_struct(q, qty)");
    table.put(fn("array", col("qty"), lit(2)), "array(qty, 2)");
    table.put(new UnresolvedExtract(col("data"), Literal.of("amount"), true), "data.amount");
    table.put(new UnresolvedExtract(col("tags"), lit(0), false), "tags[0]");
    table.put(new UnaryOp(UnaryOperator.NEGATE, col("qty")), "(- qty)");
    table.put(new UnaryOp(UnaryOperator.NOT, col("flag")), "(NOT flag)");
    table.put(new UnaryOp(UnaryOperator.IS_NOT_NULL, col("qty")), "(qty IS NOT NULL)");
    table.put(new In(col("qty"), List.of(lit(1), lit(2))), "(qty IN (1, 2))");
    table.put(new Like(Like.Kind.LIKE, col("product"), lit("a%")), "product LIKE a%");
    table.put(
        new CaseWhen(
            List.of(op(BinaryOperator.GT, col("qty"), lit(1))), List.of(lit("big")), lit("small")),
        "CASE WHEN (qty > 1) THEN big ELSE small END");
    table.put(fn("extract", lit("YEAR"), col("ts")), "extract(YEAR FROM ts)");
    table.put(fn("any_value", col("qty")), "any_value(qty)");
    table.put(fn("position", lit("a"), col("product")), "position(a, product, 1)");
    table.put(lit(1), "1");
    table.put(lit(2L), "2");
    table.put(lit("a"), "a");
    table.put(lit(true), "true");
    table.put(Literal.NULL, "NULL");
    table.put(new Literal(new BigDecimal("1.50"), DataTypes.createDecimalType(3, 2)), "1.50");
    table.put(new Literal(19723, DataTypes.DateType), "DATE '2024-01-01'");
    List<String> failures = new ArrayList<>();
    table.forEach(
        (e, expected) -> {
          String actual = name(e);
          if (!actual.equals(expected)) {
            failures.add(e.sql() + ": expected <" + expected + "> but was <" + actual + ">");
          }
        });
    assertThat(failures).isEmpty();
  }

  @Test
  void implicitCasts_areInvisibleInNames() {
    assertThat(name(op(BinaryOperator.ADD, col("qty"), col("amount")))).isEqualTo("(qty + amount)");
    assertThat(name(op(BinaryOperator.DIVIDE, col("qty"), lit(2)))).isEqualTo("(qty / 2)");
  }

  @Test
  void alias_keepsItsNameAndId() {
    Alias a = new Alias(op(BinaryOperator.ADD, col("qty"), lit(1)), "next");
    Expr out = resolver.resolveNamed(List.of(a), input).get(0);
    assertThat(out).isInstanceOf(Alias.class);
    assertThat(((Alias) out).name()).isEqualTo("next");
    assertThat(((Alias) out).exprId()).isEqualTo(a.exprId());
  }

  @Test
  void plainColumn_staysTheInputAttribute() {
    assertThat(resolver.resolveNamed(List.of(col("qty")), input)).containsExactly(qty);
  }

  @Test
  void outputName_ofResolvedExpressions() {
    assertThat(resolver.outputName(qty)).isEqualTo("qty");
    assertThat(resolver.outputName(new Cast(qty, DataTypes.LongType))).isEqualTo("qty");
    assertThat(resolver.outputName(new Alias(qty, "q"))).isEqualTo("q");
    assertThat(resolver.outputName(new Cast(new Alias(qty, "q"), DataTypes.LongType)))
        .isEqualTo("q");
    assertThat(resolver.outputName(resolver.resolve(fn("sum", col("qty")), input, true)))
        .isEqualTo("sum(qty)");
  }

  @Test
  void datetimeAndIntervalLiterals_printAsSparkLiterals() {
    ExpressionResolver utc =
        new ExpressionResolver(
            new io.tideline.internal.conf.TidelineConf()
                .set(io.tideline.internal.conf.TidelineConf.SESSION_TIME_ZONE, "UTC"));
    ExpressionResolver paris =
        new ExpressionResolver(
            new io.tideline.internal.conf.TidelineConf()
                .set(io.tideline.internal.conf.TidelineConf.SESSION_TIME_ZONE, "Europe/Paris"));
    Literal ts = new Literal(1_704_067_200_500_000L, DataTypes.TimestampType);
    assertThat(utc.outputName(ts)).isEqualTo("TIMESTAMP '2024-01-01 00:00:00.5'");
    assertThat(paris.outputName(ts)).isEqualTo("TIMESTAMP '2024-01-01 01:00:00.5'");
    Literal dayTime = new Literal(-90_061_000_001L, DataTypes.DayTimeIntervalType);
    assertThat(utc.outputName(dayTime)).isEqualTo("INTERVAL '-1 01:01:01.000001' DAY TO SECOND");
    Literal yearMonth = new Literal(14, DataTypes.YearMonthIntervalType);
    assertThat(utc.outputName(yearMonth)).isEqualTo("INTERVAL '1-2' YEAR TO MONTH");
  }
}
