package io.tideline;

import static io.tideline.functions.add_months;
import static io.tideline.functions.col;
import static io.tideline.functions.date_trunc;
import static io.tideline.functions.initcap;
import static io.tideline.functions.lit;
import static io.tideline.functions.nvl2;
import static io.tideline.functions.pmod;
import static io.tideline.functions.repeat;
import static io.tideline.functions.right;
import static io.tideline.functions.startswith;
import static io.tideline.functions.translate;
import static io.tideline.functions.trunc;
import static io.tideline.functions.try_divide;
import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.types.StructType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The public static functions added for Spark conformance, end to end through a DataFrame. */
class FunctionsApiTest {
  private static Tideline t;
  private static DataFrame rows;

  @BeforeAll
  static void start() {
    t = Tideline.builder().appName("functions-api-test").getOrCreate();
    rows =
        t.createDataFrame(
            List.of(
                Row.of(
                    "hello world",
                    -7,
                    LocalDate.of(2024, 1, 31),
                    Instant.parse("2024-05-17T10:34:56Z"))),
            StructType.fromDDL("s STRING, n INT, d DATE, ts TIMESTAMP"));
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  @Test
  void stringAndMathFunctions_evaluateAsSpark() {
    Row r =
        rows.select(
                initcap(col("s")),
                repeat(col("s"), 0),
                translate(col("s"), "lo", "L"),
                right(col("s"), lit(5)),
                startswith(col("s"), lit("he")),
                pmod(col("n"), lit(3)),
                try_divide(col("n"), lit(0)),
                nvl2(col("s"), lit("set"), lit("unset")))
            .collectAsList()
            .get(0);
    assertThat(r).isEqualTo(Row.of("Hello World", "", "heLL wrLd", "world", true, 2, null, "set"));
  }

  @Test
  void dateFunctions_evaluateAsSpark() {
    Row r =
        rows.select(add_months(col("d"), 1), trunc(col("d"), "YEAR"), date_trunc("HOUR", col("ts")))
            .collectAsList()
            .get(0);
    assertThat(r)
        .isEqualTo(
            Row.of(
                LocalDate.of(2024, 2, 29),
                LocalDate.of(2024, 1, 1),
                Instant.parse("2024-05-17T10:00:00Z")));
  }
}
