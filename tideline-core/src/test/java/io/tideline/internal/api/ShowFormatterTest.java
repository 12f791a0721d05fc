package io.tideline.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.Row;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShowFormatterTest {
  private static final StructType SCHEMA =
      new StructType().add("product", DataTypes.StringType).add("count", DataTypes.LongType);

  @Test
  void format_matchesSparksGridRightAlignedWithNullAsNULL() {
    String out =
        ShowFormatter.format(
            List.of(Row.of("widget", 3L), Row.of(null, 1L)), SCHEMA, 20, 20, ZoneOffset.UTC);
    assertThat(out)
        .isEqualTo(
            "+-------+-----+\n"
                + "|product|count|\n"
                + "+-------+-----+\n"
                + "| widget|    3|\n"
                + "|   NULL|    1|\n"
                + "+-------+-----+\n");
  }

  @Test
  void format_withMoreRowsThanShown_printsTheFooter() {
    String out =
        ShowFormatter.format(
            List.of(Row.of("a", 1L), Row.of("b", 2L), Row.of("c", 3L)),
            SCHEMA,
            2,
            20,
            ZoneOffset.UTC);
    assertThat(out)
        .endsWith("+-------+-----+\nonly showing top 2 rows\n")
        .doesNotContain("|      c|");
  }

  @Test
  void format_truncatesLongCellsToSeventeenCharactersAndDots() {
    String out =
        ShowFormatter.format(
            List.of(Row.of("a very long string value here", 1L)), SCHEMA, 20, 20, ZoneOffset.UTC);
    assertThat(out).contains("|a very long strin...|");
  }

  @Test
  void format_withoutTruncation_leftAlignsAndKeepsWholeValues() {
    String out =
        ShowFormatter.format(
            List.of(Row.of("a very long string value here", 1L)), SCHEMA, 20, 0, ZoneOffset.UTC);
    assertThat(out).contains("|a very long string value here|1    |");
  }

  @Test
  void format_emptyResult_printsHeaderOnly() {
    assertThat(ShowFormatter.format(List.of(), SCHEMA, 20, 20, ZoneOffset.UTC))
        .isEqualTo("+-------+-----+\n|product|count|\n+-------+-----+\n+-------+-----+\n");
  }

  @Test
  void render_nestedValuesAsSparkPrintsThem() {
    StructType st = new StructType().add("a", DataTypes.LongType).add("b", DataTypes.StringType);
    assertThat(ShowFormatter.render(Row.of(1L, null), st, ZoneOffset.UTC)).isEqualTo("{1, NULL}");
    assertThat(
            ShowFormatter.render(
                List.of(1, 2), DataTypes.createArrayType(DataTypes.IntegerType), ZoneOffset.UTC))
        .isEqualTo("[1, 2]");
    assertThat(
            ShowFormatter.render(
                Map.of("k", 1),
                DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType),
                ZoneOffset.UTC))
        .isEqualTo("{k -> 1}");
    assertThat(
            ShowFormatter.render(new byte[] {10, (byte) 255}, DataTypes.BinaryType, ZoneOffset.UTC))
        .isEqualTo("[0A FF]");
  }
}
