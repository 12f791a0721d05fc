package io.tideline.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideline.Row;
import io.tideline.internal.vector.BytesVector;
import io.tideline.internal.vector.ColumnVector;
import io.tideline.internal.vector.StructVector;
import io.tideline.types.DataType;
import io.tideline.types.DataTypes;
import io.tideline.types.StructType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonRowEncoderTest {

  private static String encode(DataType type, Map<String, String> options, ZoneId zone, Object v) {
    ColumnVector in = ColumnVector.allocate(type, 1);
    in.setObject(0, v);
    BytesVector out = new BytesVector(DataTypes.StringType, 1);
    new JsonRowEncoder(type, options, zone).encode(in, null, 1, out);
    return out.isNullAt(0) ? null : out.getString(0);
  }

  private static String encodeRow(String ddl, Object... values) {
    StructType schema = JsonTestSupport.schema(ddl);
    return encode(schema, Map.of(), ZoneOffset.UTC, Row.withSchema(schema, values));
  }

  @Test
  void toJson_flatStruct_hasNoSpacesAndOmitsNullFields() {
    assertThat(encodeRow("a INT, b STRING, c DOUBLE", 1, "x", null))
        .isEqualTo("{\"a\":1,\"b\":\"x\"}");
    assertThat(encodeRow("a INT, b STRING", null, null)).isEqualTo("{}");
  }

  @Test
  void toJson_ignoreNullFieldsFalse_writesNulls() {
    StructType schema = JsonTestSupport.schema("a INT, b STRING");
    assertThat(
            encode(
                schema,
                Map.of("ignoreNullFields", "false"),
                ZoneOffset.UTC,
                Row.withSchema(schema, new Object[] {1, null})))
        .isEqualTo("{\"a\":1,\"b\":null}");
  }

  @Test
  void toJson_nullInput_isNull() {
    assertThat(encode(JsonTestSupport.schema("a INT"), Map.of(), ZoneOffset.UTC, null)).isNull();
  }

  @Test
  void toJson_numbers_asJavaAndJacksonPrintThem() {
    assertThat(
            encodeRow(
                "l BIGINT, d DOUBLE, e DOUBLE, f FLOAT, n DOUBLE, i DOUBLE, z DOUBLE, t TINYINT",
                Long.MIN_VALUE,
                123.45,
                1e10,
                0.1f,
                Double.NaN,
                Double.NEGATIVE_INFINITY,
                -0.0,
                (byte) -3))
        .isEqualTo(
            "{\"l\":-9223372036854775808,\"d\":123.45,\"e\":1.0E10,\"f\":0.1,\"n\":\"NaN\","
                + "\"i\":\"-Infinity\",\"z\":-0.0,\"t\":-3}");
    assertThat(encodeRow("d DOUBLE, e DOUBLE", 2.0, 1e-5)).isEqualTo("{\"d\":2.0,\"e\":1.0E-5}");
  }

  @Test
  void toJson_decimals_asBigDecimalToString() {
    assertThat(
            encodeRow(
                "a DECIMAL(10,2), b DECIMAL(10,2), c DECIMAL(5,0), d DECIMAL(18,10), e"
                    + " DECIMAL(30,3), f DECIMAL(10,3)",
                new BigDecimal("-123.45"),
                new BigDecimal("0.05"),
                new BigDecimal("42"),
                new BigDecimal("0.0000000001"),
                new BigDecimal("123456789012345678901234.500"),
                new BigDecimal("7.000")))
        .isEqualTo(
            "{\"a\":-123.45,\"b\":0.05,\"c\":42,\"d\":1E-10,"
                + "\"e\":123456789012345678901234.500,\"f\":7.000}");
  }

  @Test
  void toJson_stringsAreEscapedLikeJackson() {
    assertThat(encodeRow("s STRING", "q\"b\\n\nt\tc\u0001 \u00e9\u20ac/"))
        .isEqualTo("{\"s\":\"q\\\"b\\\\n\\nt\\tc\\u0001 \u00e9\u20ac/\"}");
    StructType quotedName = new StructType().add("q\"", DataTypes.IntegerType);
    assertThat(
            encode(
                quotedName, Map.of(), ZoneOffset.UTC, Row.withSchema(quotedName, new Object[] {1})))
        .isEqualTo("{\"q\\\"\":1}");
  }

  @Test
  void toJson_timestampsAndDates_inSessionZone() {
    Instant t = Instant.parse("2024-01-15T10:30:00.123456Z");
    StructType schema = JsonTestSupport.schema("t TIMESTAMP, d DATE");
    Row r = Row.withSchema(schema, new Object[] {t, LocalDate.of(2024, 1, 15)});
    assertThat(encode(schema, Map.of(), ZoneOffset.UTC, r))
        .isEqualTo("{\"t\":\"2024-01-15T10:30:00.123Z\",\"d\":\"2024-01-15\"}");
    assertThat(encode(schema, Map.of(), ZoneId.of("America/Los_Angeles"), r))
        .isEqualTo("{\"t\":\"2024-01-15T02:30:00.123-08:00\",\"d\":\"2024-01-15\"}");
    Row old =
        Row.withSchema(
            schema,
            new Object[] {Instant.parse("1969-12-31T23:59:59.999Z"), LocalDate.of(1, 1, 1)});
    assertThat(encode(schema, Map.of(), ZoneOffset.UTC, old))
        .isEqualTo("{\"t\":\"1969-12-31T23:59:59.999Z\",\"d\":\"0001-01-01\"}");
  }

  @Test
  void toJson_nestedArraysMapsStructsAndBinary() {
    StructType schema =
        JsonTestSupport.schema(
            "a ARRAY<INT>, m MAP<STRING, STRING>, s STRUCT<x: BOOLEAN, y: ARRAY<STRUCT<z: STRING>>>,"
                + " b BINARY");
    StructType inner =
        (StructType)
            ((io.tideline.types.ArrayType)
                    ((StructType) schema.field(2).dataType()).field(1).dataType())
                .elementType();
    Map<String, String> m = new LinkedHashMap<>();
    m.put("k1", "v");
    m.put("k2", null);
    Row s =
        Row.withSchema(
            (StructType) schema.field(2).dataType(),
            new Object[] {true, Arrays.asList(Row.withSchema(inner, new Object[] {"q"}), null)});
    Row r =
        Row.withSchema(
            schema, new Object[] {Arrays.asList(1, null, 3), m, s, new byte[] {1, 2, 3}});
    assertThat(encode(schema, Map.of(), ZoneOffset.UTC, r))
        .isEqualTo(
            "{\"a\":[1,null,3],\"m\":{\"k1\":\"v\",\"k2\":null},"
                + "\"s\":{\"x\":true,\"y\":[{\"z\":\"q\"},null]},\"b\":\"AQID\"}");
  }

  @Test
  void toJson_topLevelArrayAndMap() {
    assertThat(
            encode(
                DataTypes.createArrayType(DataTypes.StringType),
                Map.of(),
                ZoneOffset.UTC,
                Arrays.asList("a", null)))
        .isEqualTo("[\"a\",null]");
    assertThat(
            encode(
                DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType),
                Map.of(),
                ZoneOffset.UTC,
                Map.of("k", 1)))
        .isEqualTo("{\"k\":1}");
  }

  @Test
  void toJson_selectedRows_onlyThoseAreWritten() {
    StructType schema = JsonTestSupport.schema("a INT");
    StructVector in = new StructVector(schema, 3);
    for (int i = 0; i < 3; i++) {
      in.setObject(i, Row.withSchema(schema, new Object[] {i}));
    }
    BytesVector out = new BytesVector(DataTypes.StringType, 3);
    out.setNull(1);
    new JsonRowEncoder(schema, Map.of(), ZoneOffset.UTC).encode(in, new int[] {0, 2}, 2, out);
    assertThat(out.getString(0)).isEqualTo("{\"a\":0}");
    assertThat(out.isNullAt(1)).isTrue();
    assertThat(out.getString(2)).isEqualTo("{\"a\":2}");
  }

  @Test
  void toJson_thenFromJson_roundTripsValues() {
    StructType schema =
        JsonTestSupport.schema(
            "s STRING, l BIGINT, d DOUBLE, m DECIMAL(12,3), t TIMESTAMP, dt DATE, a ARRAY<INT>,"
                + " mp MAP<STRING, BOOLEAN>, n STRUCT<x: STRING>");
    Row r =
        Row.withSchema(
            schema,
            new Object[] {
              "\u00e9\"\n",
              -5L,
              0.1,
              new BigDecimal("-12.345"),
              Instant.parse("2024-03-01T00:00:00.5Z"),
              LocalDate.of(2000, 2, 29),
              Arrays.asList(1, null),
              Map.of("k", false),
              Row.withSchema((StructType) schema.field(8).dataType(), new Object[] {"in"})
            });
    String json = encode(schema, Map.of(), ZoneOffset.UTC, r);
    StructVector back = new StructVector(schema, 1);
    new JsonRowDecoder(schema, Map.of(), ZoneOffset.UTC)
        .decode(JsonTestSupport.strings(json), null, 1, back);
    assertThat(back.getObject(0)).isEqualTo(r);
  }
}
