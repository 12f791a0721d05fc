package io.tideline.internal.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.BinaryOp;
import io.tideline.internal.expr.BinaryOperator;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.TypeRules;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.DecimalType;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class TypeCoercionPropertiesTest {

  @Provide
  Arbitrary<DataType> atomicTypes() {
    Arbitrary<DataType> decimals =
        Arbitraries.integers()
            .between(1, 38)
            .flatMap(
                p ->
                    Arbitraries.integers()
                        .between(0, p)
                        .map(s -> (DataType) DataTypes.createDecimalType(p, s)));
    return Arbitraries.oneOf(
        Arbitraries.of(
            DataTypes.NullType,
            DataTypes.BooleanType,
            DataTypes.ByteType,
            DataTypes.ShortType,
            DataTypes.IntegerType,
            DataTypes.LongType,
            DataTypes.FloatType,
            DataTypes.DoubleType,
            DataTypes.StringType,
            DataTypes.BinaryType,
            DataTypes.DateType,
            DataTypes.TimestampType),
        decimals);
  }

  @Provide
  Arbitrary<DataType> numericTypes() {
    Arbitrary<DataType> decimals =
        Combinators.combine(
                Arbitraries.integers().between(1, 38), Arbitraries.integers().between(0, 38))
            .as((p, s) -> (DataType) DataTypes.createDecimalType(p, Math.min(s, p)));
    return Arbitraries.oneOf(
        Arbitraries.of(
            DataTypes.ByteType,
            DataTypes.ShortType,
            DataTypes.IntegerType,
            DataTypes.LongType,
            DataTypes.FloatType,
            DataTypes.DoubleType),
        decimals);
  }

  @Provide
  Arbitrary<BinaryOperator> arithmetic() {
    return Arbitraries.of(
        BinaryOperator.ADD,
        BinaryOperator.SUBTRACT,
        BinaryOperator.MULTIPLY,
        BinaryOperator.DIVIDE,
        BinaryOperator.MOD);
  }

  @Property
  void widerType_isSymmetric(
      @ForAll("atomicTypes") DataType a, @ForAll("atomicTypes") DataType b, @ForAll boolean ansi) {
    TypeCoercion rules = new TypeCoercion(ansi, false);
    assertThat(rules.findTightestCommonType(a, b)).isEqualTo(rules.findTightestCommonType(b, a));
    assertThat(rules.findWiderTypeForTwo(a, b)).isEqualTo(rules.findWiderTypeForTwo(b, a));
  }

  @Property
  void tightestCommonType_holdsBothWithoutANewCastError(
      @ForAll("atomicTypes") DataType a, @ForAll("atomicTypes") DataType b) {
    TypeCoercion rules = new TypeCoercion(true, false);
    DataType common = rules.findTightestCommonType(a, b);
    if (common != null) {
      assertThat(TypeCoercion.canAnsiStoreAssign(a, common)).isTrue();
      assertThat(TypeCoercion.canAnsiStoreAssign(b, common)).isTrue();
    }
  }

  @Property
  void arithmeticOnNumbers_alwaysResolvesToOneOperandTypeOrDecimals(
      @ForAll("numericTypes") DataType a,
      @ForAll("numericTypes") DataType b,
      @ForAll("arithmetic") BinaryOperator op,
      @ForAll boolean ansi) {
    Attribute left = new Attribute("l", a, true);
    Attribute right = new Attribute("r", b, true);
    ExpressionResolver resolver = ansi ? Exprs.ansi() : Exprs.legacy();
    Expr e = resolver.resolve(new BinaryOp(op, left, right), List.of(left, right), false);
    BinaryOp resolved = (BinaryOp) e;
    DataType lt = resolved.left().dataType();
    DataType rt = resolved.right().dataType();
    if (!(lt instanceof DecimalType && rt instanceof DecimalType)) {
      assertThat(lt).isEqualTo(rt);
    }
    DataType result = resolved.dataType();
    assertThat(result.isNumeric()).isTrue();
    if (result instanceof DecimalType d) {
      assertThat(d.precision()).isBetween(1, DecimalType.MAX_PRECISION);
      assertThat(d.scale()).isBetween(0, d.precision());
    }
    if (op == BinaryOperator.DIVIDE && !(lt instanceof DecimalType)) {
      assertThat(result).isEqualTo(DataTypes.DoubleType);
    }
  }

  @Property
  void comparisonOfNumbers_castsBothSidesToOneType(
      @ForAll("numericTypes") DataType a,
      @ForAll("numericTypes") DataType b,
      @ForAll boolean ansi) {
    Attribute left = new Attribute("l", a, true);
    Attribute right = new Attribute("r", b, true);
    ExpressionResolver resolver = ansi ? Exprs.ansi() : Exprs.legacy();
    BinaryOp resolved =
        (BinaryOp)
            resolver.resolve(
                new BinaryOp(BinaryOperator.LT, left, right), List.of(left, right), false);
    assertThat(TypeRules.sameType(resolved.left().dataType(), resolved.right().dataType()))
        .isTrue();
  }

  @Provide
  Arbitrary<DataType> anyTypes() {
    return Arbitraries.oneOf(
        atomicTypes(),
        Arbitraries.of(
            DataTypes.DayTimeIntervalType,
            DataTypes.YearMonthIntervalType,
            new io.tideline.types.ArrayType(DataTypes.IntegerType, true),
            new io.tideline.types.MapType(DataTypes.StringType, DataTypes.LongType, true),
            new io.tideline.types.StructType().add("a", DataTypes.IntegerType)));
  }

  /** Whatever the operand types, resolution gives a typed tree or a user-facing error. */
  @Property(tries = 1000)
  void anyBinaryOperator_resolvesOrFailsWithAnAnalysisError(
      @ForAll("anyTypes") DataType a,
      @ForAll("anyTypes") DataType b,
      @ForAll BinaryOperator op,
      @ForAll boolean ansi) {
    Attribute left = new Attribute("l", a, true);
    Attribute right = new Attribute("r", b, true);
    ExpressionResolver resolver = ansi ? Exprs.ansi() : Exprs.legacy();
    try {
      Expr e = resolver.resolve(new BinaryOp(op, left, right), List.of(left, right), false);
      assertThat(e.dataType()).isNotNull();
      assertThat(resolver.outputName(e)).isNotBlank();
    } catch (io.tideline.AnalysisException expected) {
      assertThat(expected.getMessage()).startsWith("[");
    }
  }

  /** Every scalar function of one argument resolves or fails cleanly for any argument type. */
  @Property(tries = 1000)
  void anyUnaryFunction_resolvesOrFailsWithAnAnalysisError(
      @ForAll("anyTypes") DataType a,
      @ForAll("oneArgFunctions") String function,
      @ForAll boolean ansi) {
    Attribute x = new Attribute("x", a, true);
    ExpressionResolver resolver = ansi ? Exprs.ansi() : Exprs.legacy();
    try {
      Expr e =
          resolver.resolve(
              new io.tideline.internal.expr.UnresolvedFunction(function, List.of(x), false),
              List.of(x),
              true);
      assertThat(e.dataType()).isNotNull();
      assertThat(resolver.outputName(e)).isNotBlank();
    } catch (io.tideline.AnalysisException expected) {
      assertThat(expected.getMessage()).startsWith("[");
    }
  }

  @Provide
  Arbitrary<String> oneArgFunctions() {
    return Arbitraries.of(
        "upper",
        "lower",
        "length",
        "trim",
        "to_json",
        "to_timestamp",
        "to_date",
        "year",
        "hour",
        "timestamp_seconds",
        "abs",
        "ceil",
        "floor",
        "sqrt",
        "round",
        "isnan",
        "struct",
        "array",
        "size",
        "hash",
        "md5",
        "sha1",
        "coalesce",
        "isnull",
        "count",
        "sum",
        "avg",
        "min",
        "max",
        "first",
        "approx_count_distinct",
        "collect_list",
        "concat",
        "from_unixtime");
  }
}
