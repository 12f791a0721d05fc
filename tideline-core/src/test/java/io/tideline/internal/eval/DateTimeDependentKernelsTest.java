package io.tideline.internal.eval;

import static io.tideline.internal.eval.EvalTesting.batch;
import static io.tideline.internal.eval.EvalTesting.column;
import static io.tideline.internal.eval.EvalTesting.ctx;
import static io.tideline.internal.eval.EvalTesting.eval;
import static io.tideline.internal.eval.EvalTesting.lit;
import static io.tideline.internal.eval.EvalTesting.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideline.internal.expr.Cast;
import io.tideline.internal.expr.Expr;
import io.tideline.internal.expr.ScalarCall;
import io.tideline.internal.vector.Batch;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Casts and functions that delegate to {@code DateTimeUtils} and {@code TimestampFormatter}, which
 * another engineer implements in parallel: these pass once that work is merged.
 */
class DateTimeDependentKernelsTest {
  private static final DataType STRING = DataTypes.StringType;
  private static final DataType TS = DataTypes.TimestampType;
  private static final DataType DATE = DataTypes.DateType;

  private static ScalarCall call(String name, DataType type, Expr... args) {
    return new ScalarCall(name, List.of(args), type, true, List.of());
  }

  @Test
  void cast_stringToTimestamp_parsesInSessionZoneAndTrims() {
    Batch b = batch(column(STRING, " 2024-01-01 10:00:00.5 ", "2024-01-01T10:00:00Z", null));
    Cast c = new Cast(ref(0, STRING), TS);
    assertThat(eval(c, b, ctx(true, ZoneId.of("UTC"))))
        .containsExactly(
            Instant.parse("2024-01-01T10:00:00.5Z"), Instant.parse("2024-01-01T10:00:00Z"), null);
    assertThat(eval(c, b, ctx(true, ZoneId.of("America/Los_Angeles"))).get(0))
        .isEqualTo(Instant.parse("2024-01-01T18:00:00.5Z"));
  }

  @Test
  void cast_stringToTimestamp_invalidFailsUnderAnsiAndIsNullOtherwise() {
    Batch b = batch(column(STRING, "2024-13-45"));
    Cast c = new Cast(ref(0, STRING), TS);
    assertThatThrownBy(() -> eval(c, b, true))
        .hasMessageContaining(
            "[CAST_INVALID_INPUT] The value '2024-13-45' of the type \"STRING\" cannot be cast to \"TIMESTAMP\"");
    assertThat(eval(c, b, false)).containsExactly((Object) null);
  }

  @Test
  void cast_stringToDate_acceptsSparkForms() {
    Batch b = batch(column(STRING, "2024-02-29", "2024-3", " 2024-01-01T12:00 ", "nope"));
    assertThat(eval(new Cast(ref(0, STRING), DATE), b, false))
        .containsExactly(
            LocalDate.of(2024, 2, 29), LocalDate.of(2024, 3, 1), LocalDate.of(2024, 1, 1), null);
  }

  @Test
  void cast_datesAndTimestampsToString() {
    Batch b =
        batch(
            column(TS, Instant.parse("2024-01-01T10:00:00.500Z")),
            column(DATE, LocalDate.of(2024, 1, 2)));
    assertThat(eval(new Cast(ref(0, TS), STRING), b, true))
        .containsExactly("2024-01-01 10:00:00.5");
    assertThat(eval(new Cast(ref(1, DATE), STRING), b, true)).containsExactly("2024-01-02");
  }

  @Test
  void typedLiteralCast_isFoldedOnceIntoConstant() {
    Cast c = new Cast(lit("2024-01-01", STRING), TS);
    assertThat(ExprCompiler.compile(c, ctx(true))).isInstanceOf(ConstantEvaluator.class);
    assertThat(EvalTesting.evalConstant(c, true)).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
  }

  @Test
  void toTimestampWithPattern_andDateFormat() {
    Batch b = batch(column(STRING, "01/02/2024 03:04", "garbage"));
    ScalarCall parse = call("to_timestamp", TS, ref(0, STRING), lit("MM/dd/yyyy HH:mm", STRING));
    assertThat(eval(parse, b, false)).containsExactly(Instant.parse("2024-01-02T03:04:00Z"), null);
    assertThatThrownBy(() -> eval(parse, b, true)).hasMessageContaining("CANNOT_PARSE_TIMESTAMP");
    Batch ts = batch(column(TS, Instant.parse("2024-01-02T03:04:05Z")));
    assertThat(
            eval(
                call("date_format", STRING, ref(0, TS), lit("yyyy-MM-dd HH:mm", STRING)), ts, true))
        .containsExactly("2024-01-02 03:04");
  }

  @Test
  void unixTimestampAndFromUnixtime_roundTrip() {
    Batch b = batch(column(STRING, "2024-01-02 03:04:05"));
    assertThat(eval(call("unix_timestamp", DataTypes.LongType, ref(0, STRING)), b, true))
        .containsExactly(1704164645L);
    Batch secs = batch(column(DataTypes.LongType, 1704164645L));
    assertThat(eval(call("from_unixtime", STRING, ref(0, DataTypes.LongType)), secs, true))
        .containsExactly("2024-01-02 03:04:05");
  }

  @Test
  void toDate_withoutPattern_castsStrings() {
    Batch b = batch(column(STRING, "2024-05-06 10:00:00"));
    assertThat(eval(call("to_date", DATE, ref(0, STRING)), b, true))
        .containsExactly(LocalDate.of(2024, 5, 6));
  }
}
