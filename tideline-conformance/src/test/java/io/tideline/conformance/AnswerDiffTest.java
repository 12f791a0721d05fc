package io.tideline.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tideline.Row;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnswerDiffTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<JsonNode> rows(String... json) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String j : json) {
      out.add(JSON.readTree(j));
    }
    return out;
  }

  @Test
  void rows_inAnyOrder_agreeAsMultisets() throws Exception {
    assertThat(AnswerDiff.rows(rows("[1,\"a\"]", "[2,null]"), rows("[2,null]", "[1,\"a\"]"), false))
        .isEmpty();
  }

  @Test
  void rows_inOtherOrder_differWhenTheQuerySorts() throws Exception {
    assertThat(AnswerDiff.rows(rows("[1]", "[2]"), rows("[2]", "[1]"), true)).isPresent();
  }

  @Test
  void rows_withAMissingDuplicate_differ() throws Exception {
    assertThat(AnswerDiff.rows(rows("[1]", "[1]"), rows("[1]"), false))
        .hasValueSatisfying(d -> assertThat(d).contains("Spark 2 rows | Tideline 1 rows"));
  }

  @Test
  void doubles_withinTinyRelativeTolerance_agree_butNotBeyond() throws Exception {
    assertThat(AnswerDiff.rows(rows("[0.30000000000000004]"), rows("[0.3]"), false)).isEmpty();
    assertThat(AnswerDiff.rows(rows("[0.3001]"), rows("[0.3]"), false)).isPresent();
  }

  @Test
  void decimals_compareWithTheirScale() throws Exception {
    assertThat(AnswerDiff.rows(rows("[\"12.50\"]"), rows("[\"12.5\"]"), false)).isPresent();
  }

  @Test
  void mapEntries_agreeInAnyOrder() throws Exception {
    assertThat(
            AnswerDiff.rows(
                rows("[[[\"a\",1],[\"b\",2]]]"), rows("[[[\"b\",2],[\"a\",1]]]"), false))
        .isEmpty();
  }

  @Test
  void nullAndValue_differ() throws Exception {
    assertThat(AnswerDiff.rows(rows("[null]"), rows("[0]"), false)).isPresent();
  }

  @Test
  void encoder_writesThePeersEncoding() {
    StructType schema =
        new StructType()
            .add("d", DataTypes.createDecimalType(10, 2))
            .add("ts", DataTypes.TimestampType)
            .add("day", DataTypes.DateType)
            .add("x", DataTypes.DoubleType)
            .add("f", DataTypes.FloatType)
            .add("m", DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType));
    Row row =
        Row.of(
            new BigDecimal("12.50"),
            Instant.parse("2024-01-15T10:30:00.000001Z"),
            LocalDate.of(2024, 2, 29),
            Double.NaN,
            1.1f,
            Map.of("k", 1));

    JsonNode encoded = TidelineValueEncoder.encodeRow(row, schema);

    assertThat(encoded.toString())
        .isEqualTo(
            "[\"12.50\",\"2024-01-15T10:30:00.000001Z\",\"2024-02-29\",\"NaN\",1.1,[[\"k\",1]]]");
  }
}
