package io.tideline.internal.analysis;

import static io.tideline.internal.analysis.Exprs.attr;
import static io.tideline.internal.analysis.Exprs.col;
import static io.tideline.internal.analysis.Exprs.fn;
import static io.tideline.internal.analysis.Exprs.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.expr.Alias;
import io.tideline.internal.expr.Attribute;
import io.tideline.internal.expr.Cast;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.ScalarCall;
import io.tideline.types.DataTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Resolution and output names of the functions added to close conformance gaps. */
class GapFunctionResolutionTest {
  private final Attribute i = attr("i", DataTypes.IntegerType);
  private final Attribute d = attr("d", DataTypes.DoubleType);
  private final Attribute dec = attr("dec", DataTypes.createDecimalType(5, 2));
  private final Attribute str = attr("str", DataTypes.StringType);
  private final Attribute ts = attr("ts", DataTypes.TimestampType);
  private final Attribute date = attr("date", DataTypes.DateType, false);
  private final List<Attribute> input = List.of(i, d, dec, str, ts, date);
  private final ExpressionResolver ansi = Exprs.ansi();

  private Expr resolve(Expr e) {
    return ansi.resolve(e, input, true);
  }

  private String name(Expr e) {
    Expr out = ansi.resolveNamed(List.of(e), input).get(0);
    return out instanceof Attribute a ? a.name() : ((Alias) out).name();
  }

  @Test
  void stringFunctions_resultTypesAndCoercions() {
    assertThat(resolve(fn("initcap", col("str"))).dataType()).isEqualTo(DataTypes.StringType);
    assertThat(resolve(fn("octet_length", col("str"))).dataType()).isEqualTo(DataTypes.IntegerType);
    ScalarCall repeat = (ScalarCall) resolve(fn("repeat", col("str"), lit(2L)));
    assertThat(repeat.args().get(1).dataType()).isEqualTo(DataTypes.IntegerType);
    ScalarCall reversed = (ScalarCall) resolve(fn("reverse", col("i")));
    assertThat(reversed.args().get(0)).isInstanceOf(Cast.class);
    assertThat(resolve(fn("translate", col("str"), lit("a"), lit("b"))).dataType())
        .isEqualTo(DataTypes.StringType);
    assertThat(resolve(fn("startswith", col("str"), lit("a"))).dataType())
        .isEqualTo(DataTypes.BooleanType);
  }

  @Test
  void pmodAndTryDivide_typedAsTheirOperators() {
    assertThat(resolve(fn("pmod", col("i"), lit(3))).dataType()).isEqualTo(DataTypes.IntegerType);
    assertThat(resolve(fn("pmod", col("dec"), lit(-3))).dataType())
        .isEqualTo(DataTypes.createDecimalType(3, 2));
    assertThat(resolve(fn("try_divide", col("i"), lit(0))).dataType())
        .isEqualTo(DataTypes.DoubleType);
    assertThat(resolve(fn("try_divide", col("i"), lit(0))).nullable()).isTrue();
    assertThat(resolve(fn("try_add", col("i"), lit(1L))).dataType()).isEqualTo(DataTypes.LongType);
    assertThat(name(fn("try_add", col("i"), lit(1)))).isEqualTo("try_add(i, 1)");
    assertThatThrownBy(() -> resolve(fn("pmod", col("date"), lit(3))))
        .hasMessageContaining("DATATYPE_MISMATCH");
  }

  @Test
  void mathAndConditional_resultTypes() {
    assertThat(resolve(fn("log10", col("i"))).dataType()).isEqualTo(DataTypes.DoubleType);
    assertThat(resolve(fn("sign", col("dec"))).dataType()).isEqualTo(DataTypes.DoubleType);
    Expr nvl2 = resolve(fn("nvl2", col("str"), col("i"), col("d")));
    assertThat(nvl2.dataType()).isEqualTo(DataTypes.DoubleType);
  }

  @Test
  void dateFunctions_castTimestampsToDates() {
    ScalarCall dow = (ScalarCall) resolve(fn("dayofweek", col("ts")));
    assertThat(dow.dataType()).isEqualTo(DataTypes.IntegerType);
    assertThat(dow.args().get(0).dataType()).isEqualTo(DataTypes.DateType);
    assertThat(resolve(fn("last_day", col("ts"))).dataType()).isEqualTo(DataTypes.DateType);
    assertThat(resolve(fn("add_months", col("date"), lit(1))).nullable()).isFalse();
    assertThat(resolve(fn("trunc", col("date"), lit("MM"))).nullable()).isTrue();
    assertThat(resolve(fn("weekofyear", lit("2021-01-03"))).dataType())
        .isEqualTo(DataTypes.IntegerType);
  }

  @Test
  void outputNames_matchSpark() {
    assertThat(name(fn("log10", col("d")))).isEqualTo("LOG10(d)");
    assertThat(name(fn("signum", col("d")))).isEqualTo("SIGNUM(d)");
    assertThat(name(fn("sign", col("d")))).isEqualTo("sign(d)");
    assertThat(name(fn("nvl2", col("str"), lit(1), lit(0)))).isEqualTo("nvl2(str, 1, 0)");
    assertThat(name(fn("try_divide", col("i"), lit(0)))).isEqualTo("try_divide(i, 0)");
    assertThat(name(fn("trunc", col("date"), lit("MM")))).isEqualTo("trunc(date, MM)");
  }
}
